package io.github.handshakelab.view;

import io.github.handshakelab.tcp.TcpState;
import javafx.scene.paint.Color;

/**
 * The three themes. Canvas drawing cannot use CSS, so the diagram's colours live here; the
 * stylesheet of each theme defines the same values as looked-up colours for the controls.
 * State colours are one palette for every theme and panel (DESIGN §2), chosen from the
 * Okabe-Ito colour-blind-safe set; every band also carries the state's name, so no meaning
 * depends on colour alone.
 */
public enum Theme {
    LIGHT("light.css", Color.web("#ffffff"), Color.web("#1b1f24"), Color.web("#5d6670"), Color.web("#c9d1d9"),
            Color.web("#24292f"), Color.web("#c62828"), Color.web("#1565c0"), 13, 1.0),
    DARK("dark.css", Color.web("#161b22"), Color.web("#e6edf3"), Color.web("#9aa4ae"), Color.web("#30363d"),
            Color.web("#d0d7de"), Color.web("#ff6b6b"), Color.web("#58a6ff"), 13, 1.0),
    PROJECTOR("projector.css", Color.web("#000000"), Color.web("#ffffff"), Color.web("#e0e0e0"), Color.web("#6e6e6e"),
            Color.web("#ffffff"), Color.web("#ff5252"), Color.web("#ffd54f"), 17, 1.6);

    public final String stylesheet;
    public final Color background, text, muted, grid, arrow, danger, accent;
    public final double fontSize, stroke;

    Theme(String stylesheet, Color background, Color text, Color muted, Color grid, Color arrow, Color danger,
          Color accent, double fontSize, double stroke) {
        this.stylesheet = stylesheet;
        this.background = background;
        this.text = text;
        this.muted = muted;
        this.grid = grid;
        this.arrow = arrow;
        this.danger = danger;
        this.accent = accent;
        this.fontSize = fontSize;
        this.stroke = stroke;
    }

    public static Color stateColor(TcpState s) {
        return Color.web(stateHex(s));
    }

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
}
