package io.github.handshakelab.view;

import io.github.handshakelab.diagram.Painter;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.Map;

/** {@link Painter} on a JavaFX canvas: the screen draws the same calls as the SVG and PNG exports. */
final class FxPainter implements Painter {

    private final GraphicsContext g;
    // A frame repeats a handful of colours and fonts; parsing them once keeps frames cheap.
    private final Map<String, Color> colours = new HashMap<>();
    private final Map<Painter.Font, javafx.scene.text.Font> fonts = new HashMap<>();

    FxPainter(GraphicsContext g) {
        this.g = g;
    }

    private Color colour(String hex) {
        return colours.computeIfAbsent(hex, Color::web);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, String fill, double alpha) {
        if (w <= 0 || h <= 0) return;
        g.setGlobalAlpha(alpha);
        g.setFill(colour(fill));
        g.fillRect(x, y, w, h);
        g.setGlobalAlpha(1);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String stroke, double width, double[] dash, double alpha) {
        g.setGlobalAlpha(alpha);
        g.setStroke(colour(stroke));
        g.setLineWidth(width);
        g.setLineDashes(dash.length == 0 ? null : dash);
        g.strokeLine(x1, y1, x2, y2);
        g.setLineDashes(null);
        g.setGlobalAlpha(1);
    }

    @Override
    public void polyline(double[] xs, double[] ys, String stroke, double width) {
        g.setStroke(colour(stroke));
        g.setLineWidth(width);
        g.strokePolyline(xs, ys, xs.length);
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, String fill, double alpha) {
        g.setGlobalAlpha(alpha);
        g.setFill(colour(fill));
        g.fillPolygon(xs, ys, xs.length);
        g.setGlobalAlpha(1);
    }

    @Override
    public void fillCircle(double cx, double cy, double r, String fill, double alpha) {
        g.setGlobalAlpha(alpha);
        g.setFill(colour(fill));
        g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        g.setGlobalAlpha(1);
    }

    @Override
    public void text(String text, double x, double y, Painter.Font font, String fill, Align align, Baseline baseline, double alpha) {
        g.setGlobalAlpha(alpha);
        g.setFont(fonts.computeIfAbsent(font, f -> f.mono() ? javafx.scene.text.Font.font("Monospaced", f.size())
                : javafx.scene.text.Font.font(Fonts.family(), f.bold() ? FontWeight.BOLD : FontWeight.NORMAL, f.size())));
        g.setFill(colour(fill));
        g.setTextAlign(switch (align) { case LEFT -> TextAlignment.LEFT; case CENTER -> TextAlignment.CENTER; case RIGHT -> TextAlignment.RIGHT; });
        g.setTextBaseline(switch (baseline) { case TOP -> VPos.TOP; case CENTER -> VPos.CENTER; case BOTTOM -> VPos.BOTTOM; });
        g.fillText(text, x, y);
        g.setGlobalAlpha(1);
    }
}
