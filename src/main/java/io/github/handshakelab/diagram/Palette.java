package io.github.handshakelab.diagram;

import io.github.handshakelab.tcp.TcpState;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Colours and type sizes of a theme: the single source. The diagram (screen, SVG, PNG) paints
 * with these, and each theme's stylesheet defines the same values as looked-up colours
 * ({@link #lookedUpColours()}; {@code PaletteTest} fails when a stylesheet drifts). The state
 * colours are one palette for every theme, panel and export (DESIGN §2), taken from the Okabe-Ito
 * colour-blind-safe set; every band also carries the state's name, so no meaning depends on
 * colour alone. Every text colour reads at WCAG AA (4.5:1) on the background it is drawn on.
 *
 * @param uiFontSize    the controls' font size in px ({@code -fx-font-size} of the theme)
 * @param fontSize      the diagram's words: state names, endpoint names, timers
 * @param labelFontSize the segment labels with their seq/ack numbers (monospace)
 * @param stroke        line width multiplier
 */
public record Palette(String name, String background, String panel, String bar, String text, String muted,
                      String grid, String arrow, String danger, String accent, String hover, String selected,
                      String selectedText, double uiFontSize, double fontSize, double labelFontSize, double stroke,
                      boolean light) {

    public static final Palette LIGHT = new Palette("light", "#ffffff", "#f6f8fa", "#eaeef2", "#1b1f24", "#5d6670",
            "#c9d1d9", "#24292f", "#c62828", "#1565c0", "#dde4ea", "#1565c0", "#ffffff", 13, 13, 13, 1.0, true);
    public static final Palette DARK = new Palette("dark", "#161b22", "#0d1117", "#21262d", "#e6edf3", "#9aa4ae",
            "#30363d", "#d0d7de", "#ff6b6b", "#58a6ff", "#30363d", "#1f6feb", "#ffffff", 13, 13, 13, 1.0, false);
    /** High contrast and large type for the back of a lecture room: labels with numbers at 24 px. */
    public static final Palette PROJECTOR = new Palette("projector", "#000000", "#000000", "#1a1a1a", "#ffffff",
            "#e0e0e0", "#6e6e6e", "#ffffff", "#ff5252", "#ffd54f", "#333333", "#ffd54f", "#000000", 18, 20, 24, 1.6,
            false);

    public static final Palette[] ALL = {LIGHT, DARK, PROJECTOR};

    /** CLOSED grey, LISTEN blue, SYN_* amber, ESTABLISHED green, FIN_WAIT/CLOSING violet, CLOSE_WAIT/LAST_ACK teal, TIME_WAIT orange. */
    public static String stateHex(TcpState s) {
        return switch (s) {
            case CLOSED -> "#8c8c8c";
            case LISTEN -> "#0072b2";
            case SYN_SENT, SYN_RCVD -> "#e69f00";
            case ESTABLISHED -> "#009e73";
            case FIN_WAIT_1, FIN_WAIT_2, CLOSING -> "#8e5cc4";
            case CLOSE_WAIT, LAST_ACK -> "#17a3a3";
            case TIME_WAIT -> "#d55e00";
        };
    }

    private static final String INK = "#000000", WHITE = "#ffffff";

    /** Text colour on a badge filled with the state colour: black or white, whichever reads better (TIME_WAIT's orange needs black). */
    public static String stateTextHex(TcpState s) {
        String bg = stateHex(s);
        return contrast(INK, bg) >= contrast(WHITE, bg) ? INK : WHITE;
    }

    /**
     * The state colour as text on this background: the hue kept, blended toward the text colour
     * just enough to reach 4.5:1 (LISTEN's blue is too dark on black as it is).
     */
    public String stateLabelHex(TcpState s) {
        String c = stateHex(s);
        for (int i = 0; i <= 20 && contrast(c, background) < 4.5; i++) c = mix(stateHex(s), text, i / 20.0);
        return c;
    }

    /** Name and value of every looked-up colour the theme's stylesheet defines, e.g. {@code -hl-bg -> #ffffff}. */
    public Map<String, String> lookedUpColours() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("-hl-bg", background);
        m.put("-hl-panel", panel);
        m.put("-hl-bar", bar);
        m.put("-hl-text", text);
        m.put("-hl-muted", muted);
        m.put("-hl-grid", grid);
        m.put("-hl-arrow", arrow);
        m.put("-hl-danger", danger);
        m.put("-hl-accent", accent);
        m.put("-hl-hover", hover);
        m.put("-hl-selected", selected);
        m.put("-hl-selected-text", selectedText);
        return m;
    }

    /** The looked-up colours as one CSS declaration list, for a node's {@code setStyle}. */
    public String lookedUpStyle() {
        StringBuilder b = new StringBuilder();
        lookedUpColours().forEach((k, v) -> b.append(k).append(": ").append(v).append("; "));
        return b.append("-fx-font-size: ").append(fmt(uiFontSize)).append("px;").toString();
    }

    /** WCAG 2.x contrast ratio of two {@code #rrggbb} colours, 1..21. */
    public static double contrast(String a, String b) {
        double la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * lin(rgb >> 16 & 0xff) + 0.7152 * lin(rgb >> 8 & 0xff) + 0.0722 * lin(rgb & 0xff);
    }

    private static double lin(int c) {
        double s = c / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    /** {@code a} blended toward {@code b} by {@code f} (0 = a, 1 = b). */
    static String mix(String a, String b, double f) {
        int x = Integer.parseInt(a.substring(1), 16), y = Integer.parseInt(b.substring(1), 16);
        int r = (int) Math.round((x >> 16 & 0xff) * (1 - f) + (y >> 16 & 0xff) * f);
        int g = (int) Math.round((x >> 8 & 0xff) * (1 - f) + (y >> 8 & 0xff) * f);
        int bl = (int) Math.round((x & 0xff) * (1 - f) + (y & 0xff) * f);
        return hex(r, g, bl);
    }

    /** {@code #rrggbb} in lower case, as {@code %02x} writes it, without a Formatter: this runs for every state label drawn. */
    static String hex(int r, int g, int b) {
        int rgb = r << 16 | g << 8 | b;
        char[] c = new char[7];
        c[0] = '#';
        for (int i = 6; i >= 1; i--, rgb >>= 4) c[i] = Character.forDigit(rgb & 0xf, 16);
        return new String(c);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
