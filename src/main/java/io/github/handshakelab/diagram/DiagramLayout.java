package io.github.handshakelab.diagram;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure geometry of a sequence diagram (DESIGN §2): client lifeline left, server right, time down.
 * The JavaFX view and every exporter draw from this, so screen and files agree. Coordinates are
 * in diagram pixels before zoom; text widths are estimated from a fixed monospace advance
 * ({@link Options#charWidth}) because labels are drawn in a monospace font.
 */
public final class DiagramLayout {

    public record Options(double width, double top, double margin, double pxPerMs, long compressAboveUs,
                          double gapPx, double sameTimePx, double charWidth, double lineHeight, boolean absolute) {
        public static Options defaults() {
            return new Options(760, 40, 110, 1.6, 250_000, 64, 34, 7.8, 18, false);
        }

        public Options withWidth(double w) {
            return new Options(w, top, margin, pxPerMs, compressAboveUs, gapPx, sameTimePx, charWidth, lineHeight, absolute);
        }

        public Options withAbsolute(boolean a) {
            return new Options(width, top, margin, pxPerMs, compressAboveUs, gapPx, sameTimePx, charWidth, lineHeight, a);
        }

        public Options withPxPerMs(double p) {
            return new Options(width, top, margin, p, compressAboveUs, gapPx, sameTimePx, charWidth, lineHeight, absolute);
        }
    }

    public record Box(double x, double y, double w, double h) {
        public boolean intersects(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        public boolean contains(double px, double py) {
            return px >= x && px <= x + w && py >= y && py <= y + h;
        }
    }

    /**
     * One segment's arrow. {@code tEnd} is when the head stops: arrival, the moment it is lost, or
     * (capture) the send time. {@code lost} arrows stop half way.
     */
    public record Arrow(TraceEvent.Segment segment, double x1, double y1, double x2, double y2, long tStart, long tEnd,
                        boolean lost, String text, Box label) {
        /** Where the head is at time t (clamped to the arrow), by the fraction of y travelled. */
        public double[] headAt(double yHead) {
            if (y2 <= y1) return new double[]{x2, y2};
            double f = Math.max(0, Math.min(1, (yHead - y1) / (y2 - y1)));
            return new double[]{x1 + f * (x2 - x1), y1 + f * (y2 - y1)};
        }

        /** Distance from a point to the arrow's line segment (for hit testing). */
        public double distance(double px, double py) {
            double dx = x2 - x1, dy = y2 - y1;
            double len2 = dx * dx + dy * dy;
            double f = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len2));
            double cx = x1 + f * dx - px, cy = y1 + f * dy - py;
            return Math.sqrt(cx * cx + cy * cy);
        }

        public double minY() { return Math.min(Math.min(y1, y2), label.y()); }

        public double maxY() { return Math.max(Math.max(y1, y2), label.y() + label.h()); }
    }

    /** A stretch of one lifeline in one state; {@code y1} of the last band is the diagram's end. */
    public record StateBand(Side side, TcpState state, long t0, long t1, double y0, double y1, boolean inferred) {}

    /**
     * A timer drawn on a lifeline: from SET to FIRED, CANCELLED (or a restart) or, without either,
     * its expiry. TIME_WAIT spans are the shaded 2MSL bar.
     */
    public record TimerSpan(Side side, TimerKind kind, long t0, long t1, double y0, double y1, boolean fired,
                            long expires) {}

    /** A compressed gap with its real duration, drawn as a break "⋯ 59.8 s ⋯". */
    public record GapBreak(long t0, long t1, double y0, double y1, String text) {}

    private final Trace trace;
    private final Options options;
    private final TimeAxis axis;
    private final double clientX, serverX, networkX;
    private final List<Arrow> arrows;
    private final double[] arrowMinY;      // sorted ascending with arrowsByMinY
    private final Arrow[] arrowsByMinY;
    private final double maxArrowSpan;
    private final List<StateBand> bands;
    private final List<TimerSpan> timers;
    private final List<GapBreak> gapBreaks;
    private final long[] eventTimes;
    private final double height;

    public DiagramLayout(Trace trace, Options options) {
        this.trace = trace;
        this.options = options;
        this.clientX = options.margin();
        this.serverX = options.width() - options.margin();
        this.networkX = (clientX + serverX) / 2;
        boolean capture = trace.source() == Trace.Source.CAPTURE;
        List<TraceEvent.Segment> segments = trace.segments();
        long nominalDelay = nominalDelay(segments);

        // Instants that get their own y; several segments leaving one side at one instant get room.
        List<Long> instants = new ArrayList<>();
        Map<String, Integer> sendsAt = new HashMap<>();
        Map<Long, Double> extra = new HashMap<>();
        instants.add(0L);
        for (TraceEvent e : trace.events()) {
            instants.add(e.time());
            if (e instanceof TraceEvent.Segment s) {
                instants.add(lostOrEnd(s, nominalDelay));
                String key = s.sent() + "/" + s.from();
                int n = sendsAt.merge(key, 1, Integer::sum);
                if (n > 1 || capture) {
                    // A capture has no flight time: every packet needs its own row.
                    double need = options.sameTimePx() * (capture ? n : n - 1);
                    extra.merge(s.sent(), need, Math::max);
                }
            }
        }
        long[] inst = instants.stream().mapToLong(Long::longValue).toArray();
        java.util.Set<Long> sends = new java.util.HashSet<>();
        for (TraceEvent.Segment s : segments) sends.add(s.sent());
        this.axis = new TimeAxis(inst, extra, options.top(), options.pxPerMs(), options.compressAboveUs(), options.gapPx(),
                sends, options.sameTimePx() * 1.05);
        this.eventTimes = Arrays.stream(inst).distinct().sorted().toArray();

        this.arrows = layoutArrows(segments, nominalDelay, capture);
        Arrow[] sorted = arrows.toArray(new Arrow[0]);
        Arrays.sort(sorted, (a, b) -> Double.compare(a.minY(), b.minY()));
        this.arrowsByMinY = sorted;
        this.arrowMinY = Arrays.stream(sorted).mapToDouble(Arrow::minY).toArray();
        double span = 0;
        for (Arrow a : sorted) span = Math.max(span, a.maxY() - a.minY());
        this.maxArrowSpan = span;

        this.height = axis.bottom() + options.lineHeight() * 3;
        this.bands = layoutBands();
        this.timers = layoutTimers();
        List<GapBreak> gb = new ArrayList<>();
        for (TimeAxis.Gap g : axis.gaps()) {
            gb.add(new GapBreak(g.t0(), g.t1(), g.y0(), g.y1(), "⋯ " + TimeAxis.formatDuration(g.duration()) + " ⋯"));
        }
        this.gapBreaks = List.copyOf(gb);
    }

    /** The typical one-way delay, used to place lost segments' stopping points. */
    static long nominalDelay(List<TraceEvent.Segment> segments) {
        long[] d = segments.stream().filter(s -> s.arrived() != TraceEvent.NONE && !s.isDropped())
                .mapToLong(s -> s.arrived() - s.sent()).filter(x -> x > 0).sorted().toArray();
        return d.length == 0 ? 50_000 : d[d.length / 2];
    }

    /** A lost segment's arrow ends at its drop time, or half a flight after sending if dropped on send. */
    static long lostOrEnd(TraceEvent.Segment s, long nominalDelay) {
        if (s.isDropped()) return s.dropped() > s.sent() ? s.dropped() : s.sent() + nominalDelay / 2;
        return s.end();
    }

    private List<Arrow> layoutArrows(List<TraceEvent.Segment> segments, long nominalDelay, boolean capture) {
        List<Arrow> out = new ArrayList<>(segments.size());
        Map<String, Integer> rank = new HashMap<>();
        List<Box> recent = new ArrayList<>();
        for (TraceEvent.Segment s : segments) {
            double xf = x(s.from()), xt = x(s.to());
            int k = rank.merge(s.sent() + "/" + s.from(), 1, Integer::sum) - 1;
            double y1 = axis.y(s.sent()) + k * options.sameTimePx();
            double x2, y2;
            long tEnd;
            boolean lost = s.isDropped();
            if (lost) {
                tEnd = lostOrEnd(s, nominalDelay);
                x2 = (xf + xt) / 2;
                y2 = Math.max(y1 + 8, axis.y(tEnd) + k * options.sameTimePx());
            } else if (s.arrived() == TraceEvent.NONE) {
                // Capture: one observation point; a short slant shows the direction of travel.
                tEnd = s.sent();
                x2 = xt;
                y2 = y1 + options.sameTimePx() * 0.45;
            } else {
                tEnd = s.arrived();
                x2 = xt;
                y2 = Math.max(y1 + 8, axis.y(s.arrived()) + k * options.sameTimePx());
            }
            String text = s.label(options.absolute());
            String extra = extraLine(s);
            // The second line (analysis flags, payload) is drawn smaller, about 0.85 of the label font.
            double w = Math.max(text.length(), extra.length() * 0.85) * options.charWidth() + 8;
            double h = options.lineHeight() * (extra.isEmpty() ? 1 : 1.9);
            Box box = placeLabel(xf, y1, x2, y2, w, h, recent);
            recent.add(box);
            if (recent.size() > 8) recent.remove(0);
            out.add(new Arrow(s, xf, y1, x2, y2, s.sent(), tEnd, lost, text, box));
        }
        return List.copyOf(out);
    }

    /**
     * Puts the label just above the arrow (else just below), centred on the first point along it
     * (middle first) where it does not overlap recent labels, so crossing arrows (simultaneous open/close) keep
     * readable labels.
     */
    private Box placeLabel(double x1, double y1, double x2, double y2, double w, double h, List<Box> recent) {
        double[] fractions = {0.5, 0.3, 0.7, 0.2, 0.8};
        double lo = Math.min(clientX, serverX) + 4, hi = Math.max(clientX, serverX) - 4;
        Box first = null;
        // above the arrow first (the textbook look), then below it
        for (int below = 0; below < 2; below++) {
            for (double f : fractions) {
                double cx = x1 + f * (x2 - x1), cy = y1 + f * (y2 - y1);
                double bx = Math.max(lo, Math.min(hi - w, cx - w / 2));
                // clear of the sloped line over the whole box width, so the arrow never crosses its label
                double rise = x2 == x1 ? 0 : Math.abs((y2 - y1) / (x2 - x1)) * w / 2;
                Box b = new Box(bx, below == 0 ? cy - rise - h - 2 : cy + rise + 4, w, h);
                if (first == null) first = b;
                boolean clash = false;
                for (Box r : recent) if (r.intersects(b)) { clash = true; break; }
                if (!clash) return b;
            }
        }
        return first;
    }

    /** Analysis flags and payload info under the label, e.g. {@code [RETRANSMISSION] TLS ClientHello}; "" when none. */
    public static String extraLine(TraceEvent.Segment s) {
        StringBuilder b = new StringBuilder();
        if (s.analysis() != null) for (String f : s.analysis()) b.append('[').append(f).append("] ");
        if (s.payloadInfo() != null && !s.payloadInfo().isEmpty()) b.append(s.payloadInfo());
        return b.toString().trim();
    }


    private List<StateBand> layoutBands() {
        List<StateBand> out = new ArrayList<>();
        long end = Math.max(trace.endTime(), axis.lastTime());
        for (Side side : Side.values()) {
            List<TraceEvent.StateChange> changes = trace.stateChanges(side);
            TcpState state = changes.isEmpty() ? TcpState.CLOSED : changes.get(0).from();
            long t0 = Math.min(0, axis.firstTime());
            double y0 = axis.top() - options.lineHeight();
            boolean inferred = !changes.isEmpty() && changes.get(0).inferred();
            for (TraceEvent.StateChange c : changes) {
                double y = axis.y(c.t());
                if (y > y0 || c.t() > t0) out.add(new StateBand(side, state, t0, c.t(), y0, y, inferred));
                state = c.to();
                t0 = c.t();
                y0 = y;
                inferred = c.inferred();
            }
            out.add(new StateBand(side, state, t0, end, y0, height, inferred));
        }
        return List.copyOf(out);
    }

    private List<TimerSpan> layoutTimers() {
        List<TimerSpan> out = new ArrayList<>();
        Map<String, TraceEvent.Timer> open = new HashMap<>();
        for (TraceEvent e : trace.events()) {
            if (!(e instanceof TraceEvent.Timer tm)) continue;
            String key = tm.endpoint() + "/" + tm.timer();
            TraceEvent.Timer set = open.get(key);
            switch (tm.action()) {
                case SET -> {
                    // Re-arming a running timer (TIME_WAIT restart) ends the previous span there.
                    if (set != null) out.add(span(set, tm.t(), false));
                    open.put(key, tm);
                }
                case FIRED -> {
                    if (set != null) out.add(span(set, tm.t(), true));
                    open.remove(key);
                }
                case CANCELLED -> {
                    if (set != null) out.add(span(set, tm.t(), false));
                    open.remove(key);
                }
            }
        }
        for (TraceEvent.Timer set : open.values()) {
            long end = set.expires() == TraceEvent.NONE ? trace.endTime() : set.expires();
            out.add(span(set, end, false));
        }
        out.sort((a, b) -> Long.compare(a.t0(), b.t0()));
        return List.copyOf(out);
    }

    private TimerSpan span(TraceEvent.Timer set, long end, boolean fired) {
        return new TimerSpan(set.endpoint(), set.timer(), set.t(), end, axis.y(set.t()), axis.y(end), fired, set.expires());
    }

    public double x(Side side) { return side == Side.CLIENT ? clientX : serverX; }

    public double networkX() { return networkX; }

    public double y(long t) { return axis.y(t); }

    public long t(double y) { return axis.t(y); }

    public TimeAxis axis() { return axis; }

    public Trace trace() { return trace; }

    public Options options() { return options; }

    public double width() { return options.width(); }

    public double height() { return height; }

    public List<Arrow> arrows() { return arrows; }

    public List<StateBand> bands() { return bands; }

    public List<TimerSpan> timers() { return timers; }

    public List<GapBreak> gaps() { return gapBreaks; }

    /** Distinct instants where something happens, ascending: the playback's step points. */
    public long[] eventTimes() { return eventTimes.clone(); }

    /** Arrows whose drawing (line or label) touches the y range, found without scanning the whole trace. */
    public List<Arrow> arrowsIn(double yTop, double yBottom) {
        int from = lowerBound(arrowMinY, yTop - maxArrowSpan);
        List<Arrow> out = new ArrayList<>();
        for (int i = from; i < arrowsByMinY.length && arrowMinY[i] <= yBottom; i++) {
            Arrow a = arrowsByMinY[i];
            if (a.maxY() >= yTop) out.add(a);
        }
        return out;
    }

    /** The arrow nearest to a point within {@code tolerance}, line or label, or null. */
    public Arrow hit(double px, double py, double tolerance) {
        Arrow best = null;
        double bestD = tolerance;
        for (Arrow a : arrowsIn(py - tolerance, py + tolerance)) {
            double d = a.label().contains(px, py) ? 0 : a.distance(px, py);
            if (d <= bestD) { bestD = d; best = a; }
        }
        return best;
    }

    public Arrow arrow(int segmentId) {
        for (Arrow a : arrows) if (a.segment().id() == segmentId) return a;
        return null;
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
