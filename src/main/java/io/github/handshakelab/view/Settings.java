package io.github.handshakelab.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Remembered settings (theme, language, speed, recent files, window size) in java.util.prefs.
 * The node can be redirected with {@code -Dhandshakelab.prefs=NODE} so tests and screenshot runs
 * neither read nor change the user's own settings.
 */
public final class Settings {

    private static final int MAX_RECENT = 8;
    private final Preferences node;

    public Settings(Preferences node) {
        this.node = node;
    }

    public static Settings user() {
        return new Settings(Preferences.userRoot().node(System.getProperty("handshakelab.prefs", "io/github/handshakelab")));
    }

    public void clear() {
        try {
            node.clear();
        } catch (BackingStoreException e) {
            // Settings are a convenience; an unwritable store must not stop the app.
        }
    }

    public Theme theme() {
        try {
            return Theme.valueOf(node.get("theme", Theme.LIGHT.name()));
        } catch (IllegalArgumentException e) {
            return Theme.LIGHT;
        }
    }

    public void theme(Theme t) { node.put("theme", t.name()); }

    /** "en", "zh" or "" for the system default. */
    public String language() { return node.get("language", ""); }

    public void language(String l) { node.put("language", l); }

    public double speed() { return node.getDouble("speed", 1.0); }

    public void speed(double s) { node.putDouble("speed", s); }

    /**
     * The window's bounds {x, y, width, height} last used on a screen of the given size (a
     * laptop and a projector each keep their own), or null when none was saved for it.
     */
    public double[] bounds(String screen) {
        String s = node.get("window." + screen, "");
        if (s.isEmpty()) return null;
        try {
            String[] p = s.split(",");
            if (p.length != 4) return null;
            double[] b = new double[4];
            for (int i = 0; i < 4; i++) b[i] = Double.parseDouble(p[i]);
            return b[2] > 0 && b[3] > 0 ? b : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public void bounds(String screen, double x, double y, double w, double h) {
        node.put("window." + screen, x + "," + y + "," + w + "," + h);
    }

    public void removeRecent(String path) {
        List<String> r = new ArrayList<>(recent());
        if (r.remove(path)) node.put("recent", String.join("\n", r));
    }

    public List<String> recent() {
        String s = node.get("recent", "");
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
    }

    public void addRecent(String path) {
        List<String> r = new ArrayList<>(recent());
        r.remove(path);
        r.add(0, path);
        while (r.size() > MAX_RECENT) r.remove(r.size() - 1);
        node.put("recent", String.join("\n", r));
    }

    /** A child node for a feature's own settings (the quiz's scores), under this one. */
    public Preferences child(String name) { return node.node(name); }

    // --- lessons ---

    /** Recent lesson files, newest first (File > Recent lessons). */
    public List<String> recentLessons() {
        String s = node.get("recentLessons", "");
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
    }

    public void recentLessons(List<String> paths) {
        node.put("recentLessons", String.join("\n", paths));
    }
}
