package io.github.handshakelab.diagram;

import io.github.handshakelab.tcp.TcpState;

/**
 * Colours and sizes of a diagram theme. The state colours are one palette for every theme, panel
 * and export (DESIGN §2), taken from the Okabe-Ito colour-blind-safe set; every band also carries
 * the state's name, so no meaning depends on colour alone.
 */
public record Palette(String background, String text, String muted, String grid, String arrow, String danger,
                      String accent, double fontSize, double stroke, boolean light) {

    public static final Palette LIGHT = new Palette("#ffffff", "#1b1f24", "#5d6670", "#c9d1d9", "#24292f",
            "#c62828", "#1565c0", 13, 1.0, true);
    public static final Palette DARK = new Palette("#161b22", "#e6edf3", "#9aa4ae", "#30363d", "#d0d7de",
            "#ff6b6b", "#58a6ff", 13, 1.0, false);
    public static final Palette PROJECTOR = new Palette("#000000", "#ffffff", "#e0e0e0", "#6e6e6e", "#ffffff",
            "#ff5252", "#ffd54f", 17, 1.6, false);

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

    /** Text colour readable on the state colour. */
    public static String stateTextHex(TcpState s) {
        return s == TcpState.SYN_SENT || s == TcpState.SYN_RCVD ? "#1b1f24" : "#ffffff";
    }

    /** The state colour adjusted to read as text on this background (darker on light, lighter on dark). */
    public String stateLabelHex(TcpState s) {
        return scale(stateHex(s), light ? 0.8 : 1.15);
    }

    static String scale(String hex, double f) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        int r = clamp((rgb >> 16 & 0xff) * f), g = clamp((rgb >> 8 & 0xff) * f), b = clamp((rgb & 0xff) * f);
        return String.format("#%02x%02x%02x", r, g, b);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
