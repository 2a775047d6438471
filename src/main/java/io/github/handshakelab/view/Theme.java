package io.github.handshakelab.view;

import io.github.handshakelab.diagram.Palette;
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
    LIGHT("light.css", Palette.LIGHT),
    DARK("dark.css", Palette.DARK),
    PROJECTOR("projector.css", Palette.PROJECTOR);

    public final String stylesheet;
    /** The diagram's colours and sizes, shared with the SVG and PNG exports. */
    public final Palette palette;
    public final Color background, text, muted, grid, arrow, danger, accent;
    public final double fontSize, stroke;

    Theme(String stylesheet, Palette p) {
        this.stylesheet = stylesheet;
        this.palette = p;
        this.background = Color.web(p.background());
        this.text = Color.web(p.text());
        this.muted = Color.web(p.muted());
        this.grid = Color.web(p.grid());
        this.arrow = Color.web(p.arrow());
        this.danger = Color.web(p.danger());
        this.accent = Color.web(p.accent());
        this.fontSize = p.fontSize();
        this.stroke = p.stroke();
    }

    public static Color stateColor(TcpState s) {
        return Color.web(Palette.stateHex(s));
    }

    public static String stateHex(TcpState s) {
        return Palette.stateHex(s);
    }

    public static String stateTextHex(TcpState s) {
        return Palette.stateTextHex(s);
    }
}
