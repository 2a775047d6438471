package io.github.handshakelab.view;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.util.List;
import java.util.Locale;

/**
 * Sizes and places the main window from the visible bounds of the screen it opens on (not from a
 * fixed 1440x900, which overflows a 1280x800 projector, and not left to the window manager,
 * which opened it at 200x200 under Openbox). The bounds are remembered per screen size and
 * never restored larger than the screen.
 */
public final class WindowBounds {
    private WindowBounds() {}

    /** The size a first window takes at most; on smaller screens it fills the visible area. */
    static final double PREFERRED_W = 1600, PREFERRED_H = 1000;

    /** {x, y, w, h} for a window on a screen with visible bounds {@code vb}, given saved bounds or null. */
    public static double[] place(Rectangle2D vb, double[] saved) {
        double w, h, x, y;
        if (saved != null) {
            w = Math.min(saved[2], vb.getWidth());
            h = Math.min(saved[3], vb.getHeight());
            x = clamp(saved[0], vb.getMinX(), vb.getMaxX() - w);
            y = clamp(saved[1], vb.getMinY(), vb.getMaxY() - h);
        } else {
            w = Math.min(PREFERRED_W, vb.getWidth());
            h = Math.min(PREFERRED_H, vb.getHeight());
            x = vb.getMinX() + (vb.getWidth() - w) / 2;
            y = vb.getMinY() + (vb.getHeight() - h) / 2;
        }
        return new double[]{x, y, w, h};
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** The key a screen's bounds are saved under: its full size, e.g. "1280x800". */
    static String key(Screen s) {
        Rectangle2D b = s.getBounds();
        return String.format(Locale.ROOT, "%.0fx%.0f", b.getWidth(), b.getHeight());
    }

    /** The screen the stage is on (most of it), or the primary screen. */
    static Screen screenOf(Stage stage) {
        if (Double.isNaN(stage.getX()) || Double.isNaN(stage.getWidth())) return Screen.getPrimary();
        List<Screen> on = Screen.getScreensForRectangle(stage.getX(), stage.getY(), Math.max(1, stage.getWidth()), Math.max(1, stage.getHeight()));
        return on.isEmpty() ? Screen.getPrimary() : on.get(0);
    }

    /** Sizes and places the stage before it is first shown. */
    public static void apply(Stage stage, Settings settings) {
        Screen screen = stage.isShowing() ? screenOf(stage) : Screen.getPrimary();
        double[] b = place(screen.getVisualBounds(), settings.bounds(key(screen)));
        stage.setX(b[0]);
        stage.setY(b[1]);
        stage.setWidth(b[2]);
        stage.setHeight(b[3]);
    }

    /** Saves the stage's bounds for the screen it is on (not while full screen or maximized: those are not its size). */
    public static void save(Stage stage, Settings settings) {
        if (stage.isFullScreen() || stage.isMaximized() || stage.isIconified()) return;
        if (Double.isNaN(stage.getWidth()) || stage.getWidth() <= 0) return;
        settings.bounds(key(screenOf(stage)), stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
    }
}
