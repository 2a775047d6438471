package io.github.handshakelab.view;

import io.github.handshakelab.diagram.Palette;
import io.github.handshakelab.tcp.TcpState;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

import static io.github.handshakelab.tcp.TcpState.*;

/**
 * The RFC 9293 §3.3.2 state diagram (Figure 5): all 11 states and their transitions, with both
 * endpoints' current states highlighted in their colours and named ("Client", "Server"), and the
 * transition each one just took drawn bold.
 */
public class StateMachineView extends Region {

    /**
     * One edge of Figure 5; {@code key} names its "event / action" label in the ui bundle.
     * route: 0 straight; 3/4 vertical pair offset left/right; 7/8 diagonal pair offset;
     * 1/6 outer/inner lane on the right edge up to CLOSED; 2/9 outer/inner lane on the left edge.
     * pos: label 'C' centred on the line, 'L' right of the point, 'R' left of it, 'B' below.
     */
    record Edge(TcpState from, TcpState to, String key, int route, char pos, double frac) {}

    static final List<Edge> EDGES = List.of(
            new Edge(CLOSED, LISTEN, "sm.passiveOpen", 3, 'R', 0.5),
            new Edge(LISTEN, CLOSED, "sm.close", 4, 'L', 0.5),
            new Edge(CLOSED, SYN_SENT, "sm.activeOpen", 0, 'L', 0.3),
            new Edge(LISTEN, SYN_RCVD, "sm.rcvSyn", 7, 'R', 0.5),
            new Edge(SYN_RCVD, LISTEN, "sm.rcvRst", 8, 'L', 0.5),
            new Edge(LISTEN, SYN_SENT, "sm.send", 0, 'L', 0.65),
            new Edge(SYN_SENT, SYN_RCVD, "sm.rcvSyn", 0, 'C', 0.5),
            new Edge(SYN_SENT, CLOSED, "sm.closeOrTimeout", 6, 'R', 0.62),
            new Edge(SYN_SENT, ESTABLISHED, "sm.rcvSynAck", 0, 'C', 0.5),
            new Edge(SYN_RCVD, ESTABLISHED, "sm.rcvAckOfSyn", 0, 'C', 0.45),
            new Edge(SYN_RCVD, FIN_WAIT_1, "sm.closeSndFin", 0, 'L', 0.62),
            new Edge(ESTABLISHED, FIN_WAIT_1, "sm.closeSndFin", 0, 'C', 0.5),
            new Edge(ESTABLISHED, CLOSE_WAIT, "sm.rcvFin", 0, 'C', 0.5),
            new Edge(FIN_WAIT_1, FIN_WAIT_2, "sm.rcvAckOfFin", 0, 'L', 0.3),
            new Edge(FIN_WAIT_1, CLOSING, "sm.rcvFin", 0, 'C', 0.68),
            new Edge(FIN_WAIT_1, TIME_WAIT, "sm.rcvFinAck", 9, 'L', 0.0),
            new Edge(FIN_WAIT_2, TIME_WAIT, "sm.rcvFin", 0, 'C', 0.5),
            new Edge(CLOSING, TIME_WAIT, "sm.rcvAckOfFin", 0, 'L', 0.5),
            new Edge(CLOSE_WAIT, LAST_ACK, "sm.closeSndFin", 0, 'C', 0.5),
            new Edge(LAST_ACK, CLOSED, "sm.rcvAckOfFin", 1, 'R', 0.36),
            new Edge(TIME_WAIT, CLOSED, "sm.timeout", 2, 'B', 0.0),
            // RFC 9293 §3.10.7.4: a retransmitted FIN in TIME_WAIT is acknowledged and 2MSL restarts.
            new Edge(TIME_WAIT, TIME_WAIT, "sm.restart2msl", 5, 'R', 0.0));

    private static final Map<TcpState, double[]> POS = new EnumMap<>(TcpState.class);

    static {
        // (column 0..2, row 0..6) as in Figure 5
        POS.put(CLOSED, new double[]{1, 0});
        POS.put(LISTEN, new double[]{1, 1});
        POS.put(SYN_RCVD, new double[]{0, 2});
        POS.put(SYN_SENT, new double[]{2, 2});
        POS.put(ESTABLISHED, new double[]{1, 3});
        POS.put(FIN_WAIT_1, new double[]{0, 4});
        POS.put(CLOSE_WAIT, new double[]{2, 4});
        POS.put(FIN_WAIT_2, new double[]{0, 5});
        POS.put(CLOSING, new double[]{1, 5});
        POS.put(LAST_ACK, new double[]{2, 5});
        POS.put(TIME_WAIT, new double[]{1, 6});
    }

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<TcpState> clientState = new SimpleObjectProperty<>(this, "clientState", CLOSED);
    private final ObjectProperty<TcpState> serverState = new SimpleObjectProperty<>(this, "serverState", CLOSED);
    private final ObjectProperty<TcpState[]> clientLast = new SimpleObjectProperty<>(this, "clientLast");
    private final ObjectProperty<TcpState[]> serverLast = new SimpleObjectProperty<>(this, "serverLast");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ObjectProperty<ResourceBundle> bundle = new SimpleObjectProperty<>(this, "bundle");

    public StateMachineView() {
        getStyleClass().add("state-machine");
        getChildren().add(canvas);
        setMinSize(300, 420);
        setPrefSize(440, 640);
        for (var p : List.of(clientState, serverState, clientLast, serverLast, theme, bundle)) p.addListener(o -> draw());
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private String text(String key) {
        ResourceBundle b = bundle.get();
        return b != null && b.containsKey(key) ? b.getString(key) : key;
    }

    private double bw, bh;

    private double[] centre(TcpState s) {
        double w = canvas.getWidth(), h = canvas.getHeight();
        double[] p = POS.get(s);
        double x = w * (0.2 + 0.3 * p[0]);
        double y = 28 + p[1] * (h - 56) / 6.0;
        return new double[]{x, y};
    }

    void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        Theme th = theme.get();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.setFill(th.background);
        g.fillRect(0, 0, w, h);
        if (w < 10 || h < 10) return;
        double fs = Math.max(10, Math.min(th.fontSize, w / 34));
        bw = Math.min(w * 0.27, fs * 9.6);
        bh = fs * 2.1;
        Font small = Font.font(Fonts.family(), fs * 0.78);
        Font smallBold = Font.font(Fonts.family(), FontWeight.BOLD, fs * 0.82);
        TcpState[] cl = clientLast.get(), sl = serverLast.get();
        // edges first, lit ones last so they stay on top
        for (int pass = 0; pass < 2; pass++) {
            for (Edge e : EDGES) {
                boolean lit = matches(e, cl) || matches(e, sl);
                if (lit != (pass == 1)) continue;
                drawEdge(g, e, lit, th, lit ? smallBold : small);
            }
        }
        for (TcpState s : TcpState.values()) {
            double[] c = centre(s);
            boolean isC = s == clientState.get(), isS = s == serverState.get();
            BoxColours bc = colours(th.palette, s, isC || isS);
            g.setFill(Color.web(bc.fill()));
            g.fillRoundRect(c[0] - bw / 2, c[1] - bh / 2, bw, bh, 10, 10);
            g.setStroke(Color.web(bc.outline()));
            g.setLineWidth(isC || isS ? 4 : 2);
            g.strokeRoundRect(c[0] - bw / 2, c[1] - bh / 2, bw, bh, 10, 10);
            g.setFill(Color.web(bc.text()));
            g.setFont(Font.font(Fonts.family(), FontWeight.BOLD, fs));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(s.name(), c[0], c[1]);
            String tag = isC && isS ? text("diagram.client") + " + " + text("diagram.server")
                    : isC ? text("diagram.client") : isS ? text("diagram.server") : null;
            if (tag != null) {
                g.setFont(smallBold);
                g.setFill(th.text);
                g.setTextBaseline(VPos.TOP);
                g.fillText("▲ " + tag, c[0], c[1] + bh / 2 + 2);
            }
        }
    }

    /** Colours of a state's box: fill, outline, name. */
    record BoxColours(String fill, String outline, String text) {}

    /**
     * A current state is a badge in its state colour with black or white text; another state is
     * its name in the state's hue, blended toward the text colour until it reads at 4.5:1 (WCAG AA;
     * LISTEN's blue on the projector's black is 4.0:1 raw). The outline uses that label colour too,
     * so every box stands out from the panel (SYN amber on white is 2.3:1 raw; 1.4.11 asks 3:1).
     */
    static BoxColours colours(Palette p, TcpState s, boolean current) {
        String label = p.stateLabelHex(s);
        return current ? new BoxColours(Palette.stateHex(s), label, Palette.stateTextHex(s))
                : new BoxColours(p.background(), label, label);
    }

    private static boolean matches(Edge e, TcpState[] last) {
        return last != null && last[0] == e.from() && last[1] == e.to();
    }

    private void drawEdge(GraphicsContext g, Edge e, boolean lit, Theme th, Font font) {
        double[] a = centre(e.from()), b = centre(e.to());
        double w = canvas.getWidth();
        g.setStroke(lit ? th.accent : th.muted);
        g.setFill(lit ? th.accent : th.muted);
        g.setLineWidth(lit ? 3.5 : 1.2);
        double[] xs, ys;
        double lx, ly;
        switch (e.route()) {
            case 1, 6 -> { // lanes on the right edge, up into CLOSED's right side
                double ex = e.route() == 1 ? w - 8 : w - 22, dy = e.route() == 1 ? 6 : -6;
                xs = new double[]{a[0] + bw / 2, ex, ex, b[0] + bw / 2};
                ys = new double[]{a[1], a[1], b[1] + dy, b[1] + dy};
                lx = ex - 6;
                ly = a[1] + e.frac() * (b[1] - a[1]);
            }
            case 2 -> { // outer left lane: TIME_WAIT back up to CLOSED
                double ex = 8;
                xs = new double[]{a[0] - bw / 2, ex, ex, b[0] - bw / 2};
                ys = new double[]{a[1] + 6, a[1] + 6, b[1], b[1]};
                lx = ex + 6;
                ly = a[1] + 6 + font.getSize();
            }
            case 5 -> { // self-loop out of the right side of the box and back
                double x0 = a[0] + bw / 2, r = bh * 0.55;
                xs = new double[]{x0, x0 + r, x0 + r * 1.6, x0 + r * 1.6, x0 + r, x0};
                ys = new double[]{a[1] - bh * 0.3, a[1] - r, a[1] - r * 0.5, a[1] + r * 0.5, a[1] + r, a[1] + bh * 0.3};
                // the label above the loop, flush with the right edge: the row's right side is free
                lx = w - 6;
                ly = a[1] - bh * 0.95;
            }
            case 9 -> { // inner left lane: FIN_WAIT_1 down to TIME_WAIT
                double ex = 22;
                xs = new double[]{a[0] - bw / 2, ex, ex, b[0] - bw / 2};
                ys = new double[]{a[1], a[1], b[1] - 6, b[1] - 6};
                lx = ex + 4;
                ly = b[1] - 6 - font.getSize() * 0.9;
            }
            default -> {
                double[] p = border(a, b), q = border(b, a);
                double ox = 0, oy = 0;
                if (e.route() == 3 || e.route() == 4) ox = e.route() == 3 ? -12 : 12;
                if (e.route() == 7 || e.route() == 8) {
                    double dx = q[0] - p[0], dy = q[1] - p[1], len = Math.hypot(dx, dy);
                    double sgn = e.route() == 7 ? -1 : 1;
                    ox = sgn * 6 * -dy / len;
                    oy = sgn * 6 * dx / len;
                }
                xs = new double[]{p[0] + ox, q[0] + ox};
                ys = new double[]{p[1] + oy, q[1] + oy};
                lx = xs[0] + e.frac() * (xs[1] - xs[0]);
                ly = ys[0] + e.frac() * (ys[1] - ys[0]);
            }
        }
        g.strokePolyline(xs, ys, xs.length);
        int n = xs.length;
        double ang = Math.atan2(ys[n - 1] - ys[n - 2], xs[n - 1] - xs[n - 2]);
        double s = lit ? 12 : 8;
        g.fillPolygon(new double[]{xs[n - 1], xs[n - 1] - s * Math.cos(ang - 0.4), xs[n - 1] - s * Math.cos(ang + 0.4)},
                new double[]{ys[n - 1], ys[n - 1] - s * Math.sin(ang - 0.4), ys[n - 1] - s * Math.sin(ang + 0.4)}, 3);
        g.setFont(font);
        g.setTextBaseline(VPos.CENTER);
        String label = text(e.key());
        char pos = e.pos();
        if (pos == 'L') lx += (e.route() == 2 || e.route() == 9 || e.route() == 5) ? 0 : 8;
        if (pos == 'R') lx -= (e.route() == 1 || e.route() == 6 || e.route() == 5) ? 0 : 8;
        g.setTextAlign(pos == 'R' ? TextAlignment.RIGHT : pos == 'C' ? TextAlignment.CENTER : TextAlignment.LEFT);
        double tw = label.length() * font.getSize() * (Fonts.family().equals("System") ? 0.55 : 0.9) + 6;
        double bx = pos == 'R' ? lx - tw : pos == 'C' ? lx - tw / 2 : lx - 3;
        g.setFill(th.background.deriveColor(0, 1, 1, 0.85));
        g.fillRect(bx, ly - font.getSize() * 0.7, tw, font.getSize() * 1.4);
        g.setFill(lit ? th.accent : th.muted);
        g.fillText(label, lx, ly);
    }

    /** Where the line from a's centre towards b leaves a's box. */
    private double[] border(double[] a, double[] b) {
        double dx = b[0] - a[0], dy = b[1] - a[1];
        if (dx == 0 && dy == 0) return a;
        double tx = dx == 0 ? Double.MAX_VALUE : (bw / 2) / Math.abs(dx);
        double ty = dy == 0 ? Double.MAX_VALUE : (bh / 2) / Math.abs(dy);
        double t = Math.min(tx, ty);
        return new double[]{a[0] + dx * t, a[1] + dy * t};
    }

    public ObjectProperty<TcpState> clientStateProperty() { return clientState; }
    public ObjectProperty<TcpState> serverStateProperty() { return serverState; }
    public ObjectProperty<TcpState[]> clientLastProperty() { return clientLast; }
    public ObjectProperty<TcpState[]> serverLastProperty() { return serverLast; }
    public ObjectProperty<Theme> themeProperty() { return theme; }
    public ObjectProperty<ResourceBundle> bundleProperty() { return bundle; }
}
