package io.github.handshakelab.diagram;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.trace.Endpoint;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import io.github.handshakelab.text.TimeFormat;
import java.util.function.UnaryOperator;

/**
 * Draws a {@link DiagramLayout} as it looks at time {@code now}: state bands up to the playhead,
 * timers, arrows (past solid, in flight growing with a packet dot, future as faint ghosts),
 * compressed-gap breaks. Exports draw it at the end of the trace; the geometry is the layout's,
 * so a file and the screen agree.
 */
public final class DiagramPainter {

    private static final double[] SOLID = {};

    private final DiagramLayout layout;
    private final Palette pal;
    private final UnaryOperator<String> text;

    /** {@code text} localises the diagram's words: keys {@code diagram.lost}, {@code diagram.rtoFired}. */
    public DiagramPainter(DiagramLayout layout, Palette palette, UnaryOperator<String> text) {
        this.layout = layout;
        this.pal = palette;
        this.text = text;
    }

    /** The whole diagram with a header naming both endpoints, as an export shows it. */
    public void paintAll(Painter g) {
        long end = layout.index().endTime();
        g.fillRect(0, 0, layout.width(), layout.height(), pal.background(), 1);
        Painter.Font bold = new Painter.Font(false, true, pal.fontSize());
        for (Side side : Side.values()) {
            Endpoint e = layout.trace().endpoint(side);
            String where = e.address() == null ? "" : e.address() + (e.port() >= 0 ? ":" + e.port() : "");
            // the simulator's "Client"/"Server" in the reader's language; a capture's own labels as they are
            String label = "Client".equals(e.label()) ? text.apply("diagram.client")
                    : "Server".equals(e.label()) ? text.apply("diagram.server") : e.label();
            String name = label.contains(where) ? label : label + "  " + where;
            g.text(name, layout.x(side), 4, bold, pal.text(), Painter.Align.CENTER, Painter.Baseline.TOP, 1);
        }
        paint(g, end, 0, layout.height(), -1, true, false);
    }

    /**
     * Everything that touches the band {@code vTop..vBottom} of the diagram at time {@code now}:
     * only what is visible is looked up (binary searches), so a frame costs the same for 100 or
     * 100,000 segments. {@code selectedId} is drawn in the accent colour, {@code ghosts} shows
     * segments not sent yet faintly (a student sees what is coming and can drop it), and
     * {@code playhead} draws the playhead line under the labels with its time in a free place.
     */
    public void paint(Painter g, long now, double vTop, double vBottom, int selectedId, boolean ghosts, boolean playhead) {
        DiagramLayout.Options o = layout.options();
        double w = layout.width();
        double yNow = layout.y(now);
        double fs = pal.fontSize();
        Painter.Font small = new Painter.Font(false, false, o.smallFont());
        Painter.Font bold = new Painter.Font(false, true, fs);
        double cx = layout.x(Side.CLIENT), sx = layout.x(Side.SERVER);

        // compressed gaps: a torn band with the real duration
        for (DiagramLayout.GapBreak gb : layout.gapsIn(vTop, vBottom)) {
            double gt = gb.y0() + 3, gbm = gb.y1() - 4;
            g.fillRect(0, gt, w, gbm - gt, pal.grid(), 0.25);
            zigzag(g, gt, w);
            zigzag(g, gbm, w);
            g.text(gb.text(), w / 2, (gt + gbm) / 2, small, pal.muted(), Painter.Align.CENTER, Painter.Baseline.CENTER, 1);
        }

        // lifelines: the future is a thin dashed line
        for (double x : new double[]{cx, sx}) {
            g.line(x, Math.max(vTop, yNow), x, Math.min(vBottom, layout.height()), pal.grid(), 1.5, new double[]{4, 5}, 1);
        }
        if (layout.trace().source() == Trace.Source.CAPTURE) {
            double nx = layout.networkX();
            g.line(nx, vTop, nx, Math.min(vBottom, layout.height()), pal.muted(), 1, new double[]{2, 6}, 1);
        }

        // state bands up to the playhead (their names are written after the playhead's line)
        double bandW = o.bandWidth();
        for (DiagramLayout.StateBand b : layout.bandsIn(vTop, vBottom)) {
            if (!begun(b, now, yNow)) continue;
            double x = layout.x(b.side());
            g.fillRect(x - bandW / 2, b.y0(), bandW, Math.max(0, Math.min(b.y1(), yNow) - b.y0()), Palette.stateHex(b.state()), 1);
        }

        // timers: RTO brackets that end in "RTO fired", TIME_WAIT as a shaded 2MSL bar
        for (DiagramLayout.TimerSpan ts : layout.timersIn(vTop, vBottom)) {
            if (ts.t0() > now) continue;
            double x = layout.x(ts.side());
            double dir = ts.side() == Side.CLIENT ? 1 : -1;
            double y1 = Math.min(ts.y1(), yNow);
            if (ts.kind() == TimerKind.TIME_WAIT) {
                double bx = x + dir * (bandW / 2 + 4);
                double bw = o.barWidth();
                String tw = Palette.stateHex(TcpState.TIME_WAIT);
                g.fillRect(dir > 0 ? bx : bx - bw, ts.y0(), bw, Math.max(0, y1 - ts.y0()), tw, 0.35);
                for (double hy = Math.max(ts.y0(), vTop - bw - 8); hy < Math.min(y1, vBottom) - 4; hy += 8) {
                    g.line(dir > 0 ? bx : bx - bw, Math.min(y1, hy + bw), dir > 0 ? bx + bw : bx, hy, tw, 1, SOLID, 1);
                }
                String txt = "2MSL";
                if (now >= ts.t0() && now < ts.t1() && ts.expires() != TraceEvent.NONE) {
                    txt = "2MSL  " + TimeFormat.duration(ts.expires() - now);
                }
                DiagramLayout.Box words = layout.twoMslWords(ts);
                g.text(txt, dir > 0 ? words.x() + words.w() : words.x(), words.y(), small, pal.text(),
                        dir > 0 ? Painter.Align.RIGHT : Painter.Align.LEFT, Painter.Baseline.TOP, 1);
            } else if (ts.kind() == TimerKind.RETRANSMISSION && ts.fired()) {
                double bx = x + dir * o.bracketOffset();
                double lw = 1.2 * pal.stroke();
                g.line(bx, ts.y0(), bx + dir * 6, ts.y0(), pal.muted(), lw, SOLID, 1);
                g.line(bx, ts.y0(), bx, y1, pal.muted(), lw, SOLID, 1);
                if (now >= ts.t1()) {
                    g.line(bx, y1, bx + dir * 6, y1, pal.muted(), lw, SOLID, 1);
                    DiagramLayout.Box lb = ts.label();
                    g.text(text.apply("diagram.rtoFired") + " (" + TimeFormat.duration(ts.t1() - ts.t0()) + ")",
                            dir > 0 ? lb.x() + 2 : lb.x() + lb.w() - 2, lb.y() + lb.h() / 2, small, pal.danger(),
                            dir > 0 ? Painter.Align.LEFT : Painter.Align.RIGHT, Painter.Baseline.CENTER, 1);
                }
            }
        }

        // the playhead runs under the labels, so it never strikes a label through
        if (playhead) g.line(0, yNow, w, yNow, pal.accent(), 1.5, new double[]{6, 4}, 1);

        // the states' names over it: a state entered just before the playhead keeps its name whole
        for (DiagramLayout.StateBand b : layout.bandsIn(vTop, vBottom)) {
            if (!begun(b, now, yNow)) continue;
            DiagramLayout.Box lb = b.label();
            if (playhead && lb.spans(yNow)) g.fillRect(lb.x(), lb.y(), lb.w(), lb.h(), pal.background(), 1);
            boolean left = b.side() == Side.CLIENT;
            g.text(DiagramLayout.bandText(b), left ? lb.x() + lb.w() : lb.x(), lb.y(), bold,
                    pal.stateLabelHex(b.state()), left ? Painter.Align.RIGHT : Painter.Align.LEFT, Painter.Baseline.TOP, 1);
        }

        java.util.List<DiagramLayout.Arrow> visible = layout.arrowsIn(vTop, vBottom);
        // leaders first, so every label's background covers a leader that would run under it
        for (DiagramLayout.Arrow a : visible) {
            if (!ghosts && a.tStart() > now) continue;
            leader(g, a, now, selectedId);
        }
        for (DiagramLayout.Arrow a : visible) {
            if (!ghosts && a.tStart() > now) continue;
            arrow(g, a, now, selectedId);
        }

        if (playhead) {
            // The time sits on a chip where no state name is, so both stay readable.
            String time = "t = " + TimeFormat.instant(now);
            double tw = DiagramLayout.textWidth(time, o.smallFont()) + 6, th = o.smallFont() * 1.4;
            DiagramLayout.Box chip = layout.playheadLabel(now, tw, th);
            g.fillRect(chip.x(), chip.y(), chip.w(), chip.h(), pal.background(), 1);
            g.text(time, chip.x() + 3, chip.y() + chip.h() / 2, small, pal.accent(), Painter.Align.LEFT, Painter.Baseline.CENTER, 1);
        }
    }

    /** One arrow at time {@code now}; {@code selectedId} draws that segment in the accent colour. */
    public void arrow(Painter g, DiagramLayout.Arrow a, long now, int selectedId) {
        TraceEvent.Segment s = a.segment();
        boolean selected = s.id() == selectedId;
        boolean future = a.tStart() > now;
        boolean inFlight = !future && now < a.tEnd();
        double alpha = future ? 0.16 : 1;
        double st = pal.stroke();
        String base = selected ? pal.accent() : s.flags().rst() ? pal.danger() : pal.arrow();
        double width = (s.len() > 0 ? 3.2 : 1.6) * st * (selected ? 1.4 : 1);
        double[] dash = s.retransmission() || s.analysis().contains("RETRANSMISSION") ? new double[]{9, 6} : SOLID;
        double hx = a.x2(), hy = a.y2();
        if (inFlight) {
            double yS = layout.y(a.tStart()), yE = layout.y(a.tEnd()), yN = layout.y(now);
            double f = yE > yS ? Math.max(0, Math.min(1, (yN - yS) / (yE - yS))) : 1;
            hx = a.x1() + f * (a.x2() - a.x1());
            hy = a.y1() + f * (a.y2() - a.y1());
        }
        g.line(a.x1(), a.y1(), hx, hy, base, width, dash, alpha);
        if (a.lost() && !inFlight) {
            if (!future) {
                double r = 7 * st;
                g.line(hx - r, hy - r, hx + r, hy + r, pal.danger(), 2.5 * st, SOLID, 1);
                g.line(hx - r, hy + r, hx + r, hy - r, pal.danger(), 2.5 * st, SOLID, 1);
                g.text(text.apply("diagram.lost"), hx, hy + r + 2, new Painter.Font(false, false, layout.options().smallFont()),
                        pal.danger(), Painter.Align.CENTER, Painter.Baseline.TOP, 1);
            }
        } else if (!inFlight) {
            arrowHead(g, a.x1(), a.y1(), hx, hy, base, 9 * st, alpha);
        }
        DiagramLayout.Box b = a.label();
        double la = future ? 0.35 : 1;
        // Opaque where the playhead's line runs under it: through a veil its dashes showed between the letters.
        g.fillRect(b.x(), b.y(), b.w(), b.h(), pal.background(), b.spans(layout.y(now)) ? 1 : 0.85 * la);
        if (selected) {
            double[] xs = {b.x(), b.x() + b.w(), b.x() + b.w(), b.x(), b.x()};
            double[] ys = {b.y(), b.y(), b.y() + b.h(), b.y() + b.h(), b.y()};
            g.polyline(xs, ys, pal.accent(), 1.5);
        }
        // In flight the head crosses its own label: line over the label's background, text over the line.
        if (inFlight) g.line(a.x1(), a.y1(), hx, hy, base, width, dash, 1);
        DiagramLayout.LabelLines lines = layout.labelLines(a);
        java.util.List<String> main = lines.main(), extra = lines.extra();
        double lineH = b.h() / (main.size() + DiagramLayout.EXTRA_LINE * extra.size());
        for (int k = 0; k < main.size(); k++) {
            g.text(main.get(k), b.x() + 4, b.y() + lineH * (k + 0.5), new Painter.Font(true, false, pal.labelFontSize()),
                    s.flags().rst() ? pal.danger() : pal.text(), Painter.Align.LEFT, Painter.Baseline.CENTER, la);
        }
        for (int k = 0; k < extra.size(); k++) {
            g.text(extra.get(k), b.x() + 4, b.y() + lineH * (main.size() + DiagramLayout.EXTRA_LINE * k),
                    new Painter.Font(false, false, pal.labelFontSize() * 0.85),
                    s.analysis().isEmpty() ? pal.muted() : pal.danger(), Painter.Align.LEFT, Painter.Baseline.TOP, la);
        }
        if (inFlight) {
            // The packet dot last, ringed in the background colour so it stays visible over the label.
            double r = 5 * st;
            g.fillCircle(hx, hy, r + 1.5, pal.background(), 1);
            g.fillCircle(hx, hy, r, pal.accent(), 1);
        }
    }

    /**
     * The thin line from a displaced label to the point on its arrow it names (none when the
     * label sits beside its arrow), in the arrow's colour, fainter, with a small dot on the arrow.
     */
    public void leader(Painter g, DiagramLayout.Arrow a, long now, int selectedId) {
        DiagramLayout.Leader l = layout.leader(a);
        if (l == null) return;
        TraceEvent.Segment s = a.segment();
        String colour = s.id() == selectedId ? pal.accent() : s.flags().rst() ? pal.danger() : pal.arrow();
        double alpha = a.tStart() > now ? 0.16 : 0.6;
        double st = pal.stroke();
        // where the only free place is beyond another label, the leader passes behind it: drawn only outside labels
        double dx = l.ax() - l.x1(), dy = l.ay() - l.y1();
        java.util.List<double[]> hidden = new java.util.ArrayList<>();
        for (DiagramLayout.Arrow o : layout.arrowsIn(Math.min(l.y1(), l.ay()), Math.max(l.y1(), l.ay()))) {
            if (o.segment().id() == s.id()) continue;
            double[] in = o.label().clip(l.x1(), l.y1(), l.ax(), l.ay(), 0);
            if (in != null && in[0] < in[1]) hidden.add(in);
        }
        hidden.sort((p, q) -> Double.compare(p[0], q[0]));
        double from = 0;
        for (double[] h : hidden) {
            if (h[0] > from) g.line(l.x1() + from * dx, l.y1() + from * dy, l.x1() + h[0] * dx, l.y1() + h[0] * dy, colour, st, SOLID, alpha);
            from = Math.max(from, h[1]);
        }
        if (from < 1) g.line(l.x1() + from * dx, l.y1() + from * dy, l.ax(), l.ay(), colour, st, SOLID, alpha);
        g.fillCircle(l.ax(), l.ay(), 2 * st, colour, alpha);
    }

    /** Whether a state band has begun by {@code now} (a band of no height too, at its instant). */
    private static boolean begun(DiagramLayout.StateBand b, long now, double yNow) {
        if (b.t0() > now) return false;
        return Math.min(b.y1(), yNow) >= b.y0() || b.y0() == b.y1();
    }

    private void zigzag(Painter g, double y, double w) {
        double step = 10;
        int n = (int) Math.ceil(w / step) + 2;
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i * step;
            ys[i] = y + (i % 2 == 0 ? 0 : 4);
        }
        g.polyline(xs, ys, pal.muted(), 1);
    }

    private static void arrowHead(Painter g, double x1, double y1, double x2, double y2, String colour, double size, double alpha) {
        double ang = Math.atan2(y2 - y1, x2 - x1);
        double a1 = ang + Math.PI - 0.42, a2 = ang + Math.PI + 0.42;
        g.fillPolygon(new double[]{x2, x2 + size * Math.cos(a1), x2 + size * Math.cos(a2)},
                new double[]{y2, y2 + size * Math.sin(a1), y2 + size * Math.sin(a2)}, colour, alpha);
    }

}
