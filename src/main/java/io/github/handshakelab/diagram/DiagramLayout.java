package io.github.handshakelab.diagram;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.text.TimeFormat;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;

/**
 * Pure geometry of a sequence diagram (DESIGN §2): client lifeline left, server right, time down.
 * The JavaFX view and every exporter draw from this, so screen and files agree. Coordinates are in
 * diagram pixels; text widths are estimated (labels are monospace, so exactly). Built once per
 * trace, width, theme and zoom, off the FX thread for long traces: every query a frame makes
 * ({@link #arrowsIn}, {@link #bandsIn}, {@link #timersIn}, {@link #gapsIn}) is a binary search.
 * <p>
 * Segment labels are placed so that they collide with nothing: no other label, no arrow line, no
 * "RTO fired" text, no "lost" mark and no compressed-gap band ({@link #labelObstacles}).
 */
public final class DiagramLayout {

    /** How time maps to height: linear in time, or one row per event (Wireshark's flow graph). */
    public enum Spacing {
        /** By order for captures (microsecond RTTs melt into one line by time), by time for simulations. */
        AUTO, TIME, ORDER;

        public Spacing resolve(boolean capture) {
            return this != AUTO ? this : capture ? ORDER : TIME;
        }
    }

    /**
     * Every size of the diagram, in one place ({@link #of} derives them from a {@link Palette}).
     *
     * @param zoom       1 = as designed; scales time (and the air between rows), never the type
     * @param rowPx      height of a row: between sends of one instant, and the least step between sends
     * @param charWidth  advance of the monospace label font
     * @param lineHeight height of one label line
     * @param fontSize   the diagram's words (state names, timers)
     * @param locale     language of the diagram's words, for their width
     */
    public record Options(double width, double top, double margin, double zoom, double pxPerMs, long compressAboveUs,
                          double gapPx, double rowPx, double charWidth, double lineHeight, double fontSize,
                          double stroke, boolean absolute, Spacing spacing, Locale locale) {

        /** The light theme's sizes at 760 px wide (what the unit tests measure against). */
        public static Options defaults() {
            return defaults(Spacing.AUTO);
        }

        public static Options defaults(Spacing spacing) {
            return new Options(760, 40, 110, 1, 1.6, 250_000, 64, 34, 7.8, 18, 13, 1.0, false, spacing, Locale.ROOT);
        }

        /**
         * The sizes for a theme: every pixel of the diagram follows from the palette's type sizes,
         * the width and the zoom. {@code export} widens the margins: a file has no badges above
         * the lifelines, so the state names must fit beside them.
         */
        public static Options of(Palette p, double width, double zoom, boolean absolute, Spacing spacing, Locale locale,
                                 boolean export) {
            double f = p.fontSize() / 13.0;
            double margin = export ? 160 * f : Math.max(p.fontSize() * 9, width * 0.16);
            return new Options(width, 40, margin, zoom, 1.6 * zoom * f, 250_000, 64 * f, 34 * Math.max(f, p.labelFontSize() / 13.0),
                    p.labelFontSize() * 0.6, p.labelFontSize() * 1.4, p.fontSize(), p.stroke(), absolute, spacing, locale);
        }

        /** Width of a lifeline's state band. */
        public double bandWidth() { return 12 * stroke; }

        /** Width of the shaded TIME_WAIT bar beside a lifeline. */
        public double barWidth() { return 14 * stroke; }

        /** Distance from a lifeline to its RTO bracket. */
        public double bracketOffset() { return bandWidth() / 2 + 6; }

        /** Labels keep this far from a lifeline: the band, the 2MSL bar and RTO brackets live there. */
        public double labelInset() { return bandWidth() / 2 + 4 + barWidth() + 6; }

        /** Font size of the small words (timers, "lost", gap breaks). */
        public double smallFont() { return fontSize * 0.85; }
    }

    public record Box(double x, double y, double w, double h) {
        public boolean intersects(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        public boolean contains(double px, double py) {
            return px >= x && px <= x + w && py >= y && py <= y + h;
        }

        /** A horizontal line at {@code ly} touches this box, its top and bottom edges included. */
        public boolean spans(double ly) {
            return ly >= y && ly <= y + h;
        }

        /** A horizontal line at {@code ly} runs through this box, not along an edge: it cuts what is written there. */
        public boolean cutAt(double ly) {
            return ly > y && ly < y + h;
        }

        /** True when the line from (x1,y1) to (x2,y2) passes through this box grown by {@code pad}. */
        public boolean crosses(double x1, double y1, double x2, double y2, double pad) {
            return clip(x1, y1, x2, y2, pad) != null;
        }

        /**
         * The part {t0, t1} (0 <= t0 <= t1 <= 1) of the line from (x1,y1) to (x2,y2) inside this box
         * grown by {@code pad} (Liang-Barsky clipping); null when the line misses it.
         */
        public double[] clip(double x1, double y1, double x2, double y2, double pad) {
            double bx0 = x - pad, by0 = y - pad, bx1 = x + w + pad, by1 = y + h + pad;
            double t0 = 0, t1 = 1, dx = x2 - x1, dy = y2 - y1;
            double[] p = {-dx, dx, -dy, dy};
            double[] q = {x1 - bx0, bx1 - x1, y1 - by0, by1 - y1};
            for (int i = 0; i < 4; i++) {
                if (p[i] == 0) {
                    if (q[i] < 0) return null;
                } else {
                    double r = q[i] / p[i];
                    if (p[i] < 0) { if (r > t1) return null; if (r > t0) t0 = r; }
                    else { if (r < t0) return null; if (r < t1) t1 = r; }
                }
            }
            return t0 <= t1 ? new double[]{t0, t1} : null;
        }
    }

    /**
     * One segment's arrow. {@code tEnd} is when the head stops: arrival, the moment it is lost, or
     * (capture) the send time. {@code lost} arrows stop half way.
     */
    public record Arrow(TraceEvent.Segment segment, double x1, double y1, double x2, double y2, long tStart, long tEnd,
                        boolean lost, String text, Box label) {
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

    /**
     * A stretch of one lifeline in one state; {@code y1} of the last band is the diagram's end.
     * {@code label} is where the state's name is written, beside the lifeline where the band starts.
     */
    public record StateBand(Side side, TcpState state, long t0, long t1, double y0, double y1, boolean inferred, Box label) {}

    /**
     * A timer drawn on a lifeline: from SET to FIRED, CANCELLED (or a restart) or, without either,
     * its expiry. TIME_WAIT spans are the shaded 2MSL bar; a fired retransmission timer is a
     * bracket whose "RTO fired" text sits in {@code label} (null otherwise).
     */
    public record TimerSpan(Side side, TimerKind kind, long t0, long t1, double y0, double y1, boolean fired,
                            long expires, Box label) {}

    /** A compressed gap with its real duration, drawn as a break "⋯ 59.8 s ⋯" over {@code band}. */
    public record GapBreak(long t0, long t1, double y0, double y1, String text, Box band) {}

    private final TraceIndex index;
    private final Trace trace;
    private final Options options;
    private final Spacing spacing;
    private TimeAxis axis;
    private final double clientX, serverX, networkX;
    // Arrows in send order, as columns (a million segments keep no record each): see arrowAt.
    private double[] ay1, ay2, lbx, lby, lbw, lbh;
    // where a displaced label's leader line meets its arrow; NaN when the label sits beside its arrow
    private double[] ldx, ldy;
    private SendOrderIndex arrowIdx;
    private List<StateBand> bands;
    private YIndex bandIdx;
    private List<TimerSpan> timers;
    private YIndex timerIdx;
    private List<GapBreak> gapBreaks;
    private YIndex gapIdx;
    private final List<Box> obstacles = new ArrayList<>();
    // arrow lines while the layout is built (the "RTO fired" texts keep clear of them)
    private Grid lineGrid;
    private double height;

    public DiagramLayout(Trace trace, Options options) {
        this(TraceIndex.of(trace), options);
    }

    public DiagramLayout(TraceIndex index, Options options) {
        this.index = index;
        this.trace = index.trace();
        this.options = options;
        this.clientX = options.margin();
        this.serverX = options.width() - options.margin();
        this.networkX = (clientX + serverX) / 2;
        boolean capture = index.isCapture();
        this.spacing = options.spacing().resolve(capture);
        int ns = index.segmentCount();
        long[] inst = index.instants();
        int ni = inst.length;

        // Label sizes first: in "by order" a row is as tall as the labels sent in it. Only the
        // sizes are kept; the lines are made again when a label is drawn.
        double[] wideW = new double[ns], lh = new double[ns];
        for (int i = 0; i < ns; i++) {
            TraceEvent.Segment s = index.segment(i);
            LabelLines wide = labelLines(s, s.label(options.absolute()), false);
            wideW[i] = wide.width(options);
            lh[i] = wide.height(options);
        }

        // Labels are placed after every line is known. One that finds no free place, on one line or
        // stacked, asks for room just above its instant (after a break when one is there: a gap's
        // neighbour row gets room) and the layout is done again. Room between the rows of one
        // instant would not help: it moves the X where a burst and its ACKs cross to the middle.
        // A pass is linear and only instants with a stuck label grow, so this is O(n * passes).
        // Growing is for the odd crowded spot: when hundreds of labels are stuck (a 100,000-segment
        // bulk in the projector's 24 px type) the rows are simply too small and more passes would
        // only multiply the layout time, so the layout stays as it is.
        // A one-line label wider than the room between the lifelines lies across the other side's
        // state band (the projector's type in a narrow window). When every label found a free
        // place, the layout with such labels stacked (flags over numbers) is kept if it is no worse:
        // every label free again, no longer leaders, fewer labels across a band. (A layout with
        // labels stuck, as at the small zooms "fit" tries, is not laid out twice more.)
        if (layOut(wideW, lh, inst) > 0 || ns > STACK_OVERFLOW_UP_TO) return;
        boolean overflow = false;
        for (int i = 0; i < ns && !overflow; i++) overflow = overflows(wideW[i]);
        if (!overflow) return;
        double leaders = leaderLength();
        int across = acrossBands();
        stackOverflowing = true;
        if (layOut(wideW, lh, inst) == 0 && leaderLength() <= leaders + 1 && acrossBands() < across) return;
        stackOverflowing = false;
        layOut(wideW, lh, inst);
    }

    /** True when a label this wide is wider than the room between the lifelines (and their bands, bars, brackets). */
    private boolean overflows(double w) {
        return w > Math.abs(serverX - clientX) - 2 * options.labelInset() + 0.5;
    }

    /** The length of all leaders: a label far from its arrow reads worse than one across a band. */
    private double leaderLength() {
        double sum = 0;
        for (int i = 0; i < ldx.length; i++) sum += leaderLength(i);
        return sum;
    }

    /** The length of label {@code i}'s leader, 0 when it sits beside its arrow. */
    private double leaderLength(int i) {
        return Double.isNaN(ldx[i]) ? 0 : outside(new Box(lbx[i], lby[i], lbw[i], lbh[i]), ldx[i], ldy[i]);
    }

    private int acrossBands() {
        double lo = Math.min(clientX, serverX) + options.bandWidth() / 2, hi = Math.max(clientX, serverX) - options.bandWidth() / 2;
        int n = 0;
        for (int i = 0; i < lbx.length; i++) if (lbx[i] < lo || lbx[i] + lbw[i] > hi) n++;
        return n;
    }

    /** Up to this many segments a layout with overflowing labels is tried with them stacked first. */
    private static final int STACK_OVERFLOW_UP_TO = 2_000;

    /** Whether a free one-line label wider than the room between the lifelines still tries its stacked form. */
    private boolean stackOverflowing;

    /** The passes of one layout (see the constructor); returns how many labels stayed without a free place. */
    private int layOut(double[] wideW, double[] lh, long[] inst) {
        int ns = index.segmentCount();
        double[] pad = new double[inst.length];
        int passes = ns <= 20_000 ? MAX_PASSES : 2;
        // A short trace at zoom 1 or more whose labels all found a place, some only rows away with a
        // leader (the handshake's zigzag in the projector's type at 1280x800: the SYN,ACK's and the
        // ACK's labels below the whole exchange), gives those labels the room a stuck one gets: a
        // taller diagram reads better than labels that must be traced to their arrows. The room
        // grows while it leads fewer labels, or the same ones less far; the best layout is kept.
        boolean roomForLed = ns <= ROOM_FOR_LED_UP_TO && options.zoom() >= 1;
        int bestLed = Integer.MAX_VALUE, worse = 0;
        double bestLength = Double.MAX_VALUE;
        double[] best = null;
        for (int pass = 0; ; pass++) {
            int[] stuck = layoutOnce(wideW, lh, pad);
            boolean last = pass == passes;
            if (stuck.length == 0 && roomForLed) {
                int[] led = led();
                double length = leaderLength();
                boolean better = led.length < bestLed || (led.length == bestLed && length < bestLength - 1);
                if (better) {
                    bestLed = led.length;
                    bestLength = length;
                    best = pad.clone();
                    worse = 0;
                }
                if (led.length == 0) return 0;
                if ((!better && ++worse == 2) || last) {
                    if (!better) layoutOnce(wideW, lh, best);
                    return 0;
                }
                stuck = led;
            } else if (stuck.length == 0 || stuck.length > MAX_STUCK || last) {
                // (room given to led labels that left another without a place: the best layout before it)
                if (stuck.length > 0 && best != null) {
                    layoutOnce(wideW, lh, best);
                    return 0;
                }
                return stuck.length;
            }
            for (int i : stuck) {
                int ii = Arrays.binarySearch(inst, index.sent(i));
                pad[ii] += 1.5 * (lh[i] + 2 * clearance());
            }
        }
    }

    /** Up to this many segments a layout gives labels led from rows away the room they lack (see layOut). */
    private static final int ROOM_FOR_LED_UP_TO = 64;

    /**
     * The segments whose labels sit rows away from their arrows, with a leader longer than {@link #LED_FAR}
     * line heights (one a ring or two away, as in a crowded burst, reads well enough with its leader).
     */
    private int[] led() {
        int n = 0;
        int[] out = new int[ldx.length];
        for (int i = 0; i < ldx.length; i++) if (leaderLength(i) > LED_FAR * options.lineHeight()) out[n++] = i;
        return Arrays.copyOf(out, n);
    }

    /** See {@link #led}. */
    private static final double LED_FAR = 2;

    /** Passes of the layout at most: the TLS flights' bursts in the export need up to 10. */
    private static final int MAX_PASSES = 12;

    /** More stuck labels than this and the layout does not grow (see the constructor). */
    private static final int MAX_STUCK = 256;

    /** One layout with the given room per instant; returns the segments whose labels found no free place. */
    private int[] layoutOnce(double[] wideW, double[] wideH, double[] pad) {
        int ns = index.segmentCount();
        obstacles.clear();
        lineGrid = null;
        Rows rows = rows(index, options, spacing, i -> wideH[i], pad);
        int[] rank = rows.rank, instOf = rows.instOf;
        double[] step = rows.step;
        double slant = rows.slant;
        this.axis = rows.axis;
        this.height = axis.bottom() + options.lineHeight() * 3;

        // Arrow lines.
        double[] y1 = new double[ns], y2 = new double[ns];
        for (int i = 0; i < ns; i++) {
            double off = rank[i] * step[instOf[i]];
            y1[i] = axis.y(index.sent(i)) + off;
            if (index.dropped(i)) {
                y2[i] = Math.max(y1[i] + 8, axis.y(index.arrowEnd(i)) + off);
            } else if (index.noArrival(i)) {
                // Capture: one observation point; a short slant shows the direction of travel.
                y2[i] = y1[i] + slant;
            } else {
                y2[i] = Math.max(y1[i] + 8, axis.y(index.arrowEnd(i)) + off);
            }
        }

        List<GapBreak> gb = new ArrayList<>();
        for (TimeAxis.Gap g : axis.gaps()) {
            Box band = new Box(0, g.y0(), options.width(), g.y1() - g.y0());
            gb.add(new GapBreak(g.t0(), g.t1(), g.y0(), g.y1(), "⋯ " + TimeFormat.duration(g.duration()) + " ⋯", band));
        }
        this.gapBreaks = List.copyOf(gb);
        this.gapIdx = YIndex.of(gapBreaks.size(), i -> gapBreaks.get(i).y0(), i -> gapBreaks.get(i).y1());
        this.bands = layoutBands();
        // (a short band's name reaches below its end)
        this.bandIdx = YIndex.of(bands.size(), i -> bands.get(i).label() == null ? bands.get(i).y0()
                : Math.min(bands.get(i).y0(), bands.get(i).label().y()),
                i -> bands.get(i).label() == null ? bands.get(i).y1() : Math.max(bands.get(i).y1(), bands.get(i).label().y() + bands.get(i).label().h()));
        Grid lines = new Grid(96);
        for (int i = 0; i < ns; i++) lines.add(i, Math.min(y1[i], y2[i]), Math.max(y1[i], y2[i]));
        this.lineGrid = lines;
        this.ay1 = y1; this.ay2 = y2;
        this.timers = layoutTimers();
        this.timerIdx = YIndex.of(timers.size(), i -> timers.get(i).y0(),
                i -> timers.get(i).label() == null ? timers.get(i).y1() : Math.max(timers.get(i).y1(),
                        timers.get(i).label().y() + timers.get(i).label().h()));

        // Everything a label must keep clear of besides arrow lines and other labels: the strip above
        // the first instant (an export writes the endpoints' names there), gap bands, the states'
        // names (beside the lifelines, out of the room between them: only a label wider than that
        // room reaches one), "RTO fired", "lost".
        obstacles.add(new Box(0, -10_000, options.width(), 10_000 + headerBottom(options)));
        for (GapBreak g : gapBreaks) obstacles.add(g.band());
        for (StateBand b : bands) if (b.label() != null) obstacles.add(b.label());
        for (TimerSpan t : timers) {
            if (t.label() == null) continue;
            obstacles.add(t.label());
            // the bracket's line too: in narrow windows (projector type at 1280x800) a label can reach it
            double bx = x(t.side()) + (t.side() == Side.CLIENT ? 1 : -1) * options.bracketOffset();
            obstacles.add(new Box(bx - 2, t.y0(), 4, Math.max(0, t.y1() - t.y0())));
        }
        double small = options.smallFont();
        for (int i = 0; i < ns; i++) {
            if (!index.dropped(i)) continue;
            double r = lostCross(options);
            String lost = word("diagram.lost");
            double w = Math.max(2 * r, textWidth(lost, small));
            obstacles.add(new Box(ax2(i) - w / 2 - 2, y2[i] - r - 2, w + 4, 2 * r + 4 + smallLine(options)));
        }

        // Labels, in send order, each at the first free place near its arrow.
        Grid placed = new Grid(96);
        Grid fixed = new Grid(96);
        for (int i = 0; i < obstacles.size(); i++) fixed.add(i, obstacles.get(i).y(), obstacles.get(i).y() + obstacles.get(i).h());
        lbx = new double[ns];
        lby = new double[ns];
        lbw = new double[ns];
        lbh = new double[ns];
        ldx = new double[ns];
        ldy = new double[ns];
        LabelPlacer placer = new LabelPlacer(lines, placed, fixed);
        int[] stuck = new int[4];
        int nStuck = 0;
        for (int i = 0; i < ns; i++) {
            Box b = placer.place(i, wideW[i], wideH[i]);
            lbx[i] = b.x();
            lby[i] = b.y();
            lbw[i] = b.w();
            lbh[i] = b.h();
            // a label that is not beside its arrow gets a leader to the point it was placed for
            boolean displaced = placer.lastPush > 0 && distance(b, i) > LEADER_AFTER * options.lineHeight();
            double[] anchor = displaced ? placer.anchor(i, b, placer.lastAnchorX, placer.lastAnchorY) : null;
            ldx[i] = displaced ? anchor[0] : Double.NaN;
            ldy[i] = displaced ? anchor[1] : Double.NaN;
            placed.add(i, b.y(), b.y() + b.h());
            if (placer.lastHits > 0) {
                if (nStuck == stuck.length) stuck = Arrays.copyOf(stuck, nStuck * 2);
                stuck[nStuck++] = i;
            }
        }
        this.arrowIdx = SendOrderIndex.of(ns, this::arrowTop, this::arrowBottom);
        lineGrid = null;
        return Arrays.copyOf(stuck, nStuck);
    }

    /** Traces up to this many segments have their leaders kept out of other labels (see LabelPlacer). */
    private static final int ROUTE_LEADERS_UP_TO = 2_000;

    /** A label further than this many line heights from its arrow's line has a leader to it. */
    static final double LEADER_AFTER = 0.9;

    /** Shortest distance between a box and arrow {@code i}'s line, 0 when the line crosses it. */
    private double distance(Box b, int i) {
        double x1 = ax1(i), y1 = ay1[i], x2 = ax2(i), y2 = ay2[i];
        if (b.crosses(x1, y1, x2, y2, 0)) return 0;
        double d = Math.min(outside(b, x1, y1), outside(b, x2, y2));
        double[] xs = {b.x(), b.x() + b.w()}, ys = {b.y(), b.y() + b.h()};
        for (double cx : xs) {
            for (double cy : ys) {
                double dx = x2 - x1, dy = y2 - y1, len2 = dx * dx + dy * dy;
                double f = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((cx - x1) * dx + (cy - y1) * dy) / len2));
                d = Math.min(d, Math.hypot(x1 + f * dx - cx, y1 + f * dy - cy));
            }
        }
        return d;
    }

    /** Distance from a point to a box, 0 inside it. */
    private static double outside(Box b, double x, double y) {
        return Math.hypot(Math.max(0, Math.max(b.x() - x, x - b.x() - b.w())), Math.max(0, Math.max(b.y() - y, y - b.y() - b.h())));
    }

    private double ax1(int i) { return x(index.from(i)); }

    /** A lost segment's arrow stops half way. */
    private double ax2(int i) { return index.dropped(i) ? networkX : x(index.from(i).other()); }

    private double arrowTop(int i) { return Math.min(Math.min(ay1[i], ay2[i]), lby[i]); }

    private double arrowBottom(int i) { return Math.max(Math.max(ay1[i], ay2[i]), lby[i] + lbh[i]); }

    /** The {@code i}-th arrow in send order, made from the columns (and its segment from the index). */
    private Arrow arrowAt(int i) {
        TraceEvent.Segment s = index.segment(i);
        return new Arrow(s, ax1(i), ay1[i], ax2(i), ay2[i], index.sent(i), index.arrowEnd(i), index.dropped(i),
                s.label(options.absolute()), new Box(lbx[i], lby[i], lbw[i], lbh[i]));
    }

    /** The time axis and, per segment, its row offset: the part of a layout its height depends on. */
    private record Rows(TimeAxis axis, int[] rank, int[] instOf, double[] step, double slant) {}

    /**
     * The zoom in [min, max] at which the layout fits {@code avail} pixels of height, as large as
     * possible. Height mostly grows with zoom, so a bisection finds it; but in a narrow diagram
     * labels that find no place ask for rows of their own, more of them at a smaller zoom, so when
     * nothing fits the least zoom is not always the shortest: then the zoom with the shortest
     * layout among a few tried (the most of the exchange on screen). The time axis alone
     * ({@link #leastHeightOf}) bounds each try from below at a fraction of a layout's cost, so
     * full layouts are made only where the bound does not already decide: a fit at 617 px in the
     * projector theme made 35 of them, each placing every label up to 12 times.
     */
    public static double fitZoom(TraceIndex index, java.util.function.DoubleFunction<Options> at, double avail, double min, double max) {
        Options least = at.apply(min);
        double leastH = leastHeightOf(index, least) > avail + 0.01 ? Double.POSITIVE_INFINITY : heightOf(index, least);
        if (leastH > avail) return shortest(index, at, min, max, leastH);
        // the largest zoom whose axis fits: no larger zoom can fit
        double lo = min, hi = max;
        if (leastHeightOf(index, at.apply(max)) > avail + 0.01) {
            for (int i = 0; i < 20; i++) {
                double mid = Math.sqrt(lo * hi);
                if (leastHeightOf(index, at.apply(mid)) <= avail + 0.01) lo = mid; else hi = mid;
            }
        } else if (heightOf(index, at.apply(max)) <= avail) {
            return max;
        }
        // between the least zoom (fits) and that one; 12 halvings of at most 32x leave under 0.1%
        lo = min;
        for (int i = 0; i < 12; i++) {
            double mid = Math.sqrt(lo * hi);
            if (heightOf(index, at.apply(mid)) <= avail) lo = mid; else hi = mid;
        }
        return lo;
    }

    /** Nothing fits: the least zoom, or for a short trace the zoom of the shortest layout among a few. */
    private static double shortest(TraceIndex index, java.util.function.DoubleFunction<Options> at, double min, double max, double leastH) {
        if (index.segmentCount() > 200) return min;
        double best = min, bestH = Double.isInfinite(leastH) ? heightOf(index, at.apply(min)) : leastH;
        for (double z = min * 1.15; z <= Math.min(max, 4 * min); z *= 1.15) {
            Options o = at.apply(z);
            // the axis only grows with zoom: once it alone is as tall, no larger zoom is shorter
            if (leastHeightOf(index, o) >= bestH - 0.5) break;
            double h = heightOf(index, o);
            if (h < bestH - 0.5) { best = z; bestH = h; }
        }
        return best;
    }

    /**
     * A lower bound of {@link #heightOf} (to a float's rounding: callers allow 0.01 px): the time
     * axis with every label on one line and no room asked for stuck labels (equal to it above
     * 2,000 segments).
     */
    public static double leastHeightOf(TraceIndex index, Options options) {
        return axisOf(index, options).bottom() + options.lineHeight() * 3;
    }

    /** Height of the layout these options would give, computing only its time axis (the "fit" zoom tries many). */
    public static double heightOf(TraceIndex index, Options options) {
        // A short trace is laid out whole: the room its stuck labels asked for is part of its height.
        // A long one is measured by its axis alone (a few rows' room short at most) to keep fit cheap.
        if (index.segmentCount() <= 2_000) return new DiagramLayout(index, options).height();
        return leastHeightOf(index, options);
    }

    /** The time axis these options would give (the playback paces along it). */
    public static TimeAxis axisOf(TraceIndex index, Options options) {
        float[] lh = new float[index.segmentCount()];
        for (int i = 0; i < lh.length; i++) lh[i] = (float) labelHeight(index.segment(i), options);
        return rows(index, options, options.spacing().resolve(index.isCapture()), i -> lh[i], null).axis;
    }

    private static double labelHeight(TraceEvent.Segment s, Options o) {
        return labelLines(s, s.label(o.absolute()), false).height(o);
    }

    /**
     * The lines a label is written in: the segment's words ({@code SYN, ACK  seq=0 ack=1} on one
     * line, or stacked: flags over numbers) and the smaller lines under them (flags, payload).
     */
    public record LabelLines(List<String> main, List<String> extra) {
        public double width(Options o) {
            double chars = 0;
            for (String m : main) chars = Math.max(chars, m.length());
            for (String x : extra) chars = Math.max(chars, x.length() * 0.85);
            return chars * o.charWidth() + 8;
        }

        public double height(Options o) {
            return o.lineHeight() * (main.size() + EXTRA_LINE * extra.size());
        }
    }

    /** A segment's label lines, on one line or stacked at the gap between its flags and its numbers. */
    public static LabelLines labelLines(TraceEvent.Segment s, String text, boolean stacked) {
        int k = text.indexOf("  ");
        List<String> main = stacked && k > 0 ? List.of(text.substring(0, k), text.substring(k).trim()) : List.of(text);
        int longest = 0;
        for (String m : main) longest = Math.max(longest, m.length());
        return new LabelLines(main, extraLines(s, longest));
    }

    /** The lines {@code a}'s label is drawn in: stacked when the layout had to choose the narrow form. */
    public LabelLines labelLines(Arrow a) {
        LabelLines wide = labelLines(a.segment(), a.text(), false);
        return a.label().w() < wide.width(options) - 0.5 ? labelLines(a.segment(), a.text(), true) : wide;
    }

    /** Height of a line under a label, in label lines (its font is 0.85 of the label's). */
    public static final double EXTRA_LINE = 0.9;

    /**
     * {@link #extraLine} broken at its "; " separators into lines no wider than the label's first
     * line (or 28 characters): a TLS flight's "ClientKeyExchange; ChangeCipherSpec; Finished" on one
     * line made a label as wide as the diagram, which no place between crossing arrows could hold.
     */
    public static List<String> extraLines(TraceEvent.Segment s, int mainChars) {
        String extra = extraLine(s);
        if (extra.isEmpty()) return List.of();
        int limit = (int) Math.max(28, mainChars / 0.85);
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        // broken after "; " (between records) or ", " (between messages of one record)
        for (String part : extra.split("(?<=; )|(?<=, )")) {
            if (line.length() > 0 && line.length() + part.stripTrailing().length() > limit) {
                out.add(line.toString().stripTrailing());
                line.setLength(0);
            }
            line.append(part);
        }
        out.add(line.toString().stripTrailing());
        return out;
    }

    /** Bottom of the endpoints' names an export writes above the first instant. */
    static double headerBottom(Options o) { return 4 + o.fontSize() * 1.4; }

    private static TimeAxis axis(Spacing spacing, long[] inst, double[] rowPx, double[] lead, double[] extra, boolean[] spaced,
                                 double[] pad, double[] beforeGap, double top, Options options, double gapPx) {
        return spacing == Spacing.ORDER
                ? TimeAxis.byOrder(inst, rowPx, lead, extra, pad, top, options.compressAboveUs(), gapPx, options.pxPerMs())
                : TimeAxis.byTime(inst, extra, spaced, pad, beforeGap, top, options.pxPerMs(), options.compressAboveUs(), gapPx,
                options.rowPx() * 1.05);
    }

    /**
     * By time, the room after each instant that a break follows, for the words written under the
     * instants just before it: a state's name (and under TIME_WAIT's the 2MSL bar's words) and a
     * lost segment's cross and "lost". A break right after them (TIME_WAIT, then the lost final
     * ACK, then 925 ms of nothing, in the projector's small zoom) covered them with its band. The
     * time between an instant and the break counts at the axis's least pace, so the room is never
     * too little. (By order, the row before a break keeps its height and holds them.)
     */
    private static double[] beforeGaps(TraceIndex index, Options options, long[] inst) {
        double[] before = new double[inst.length];
        for (Side side : Side.values()) {
            for (TraceEvent.StateChange c : index.stateChanges(side)) {
                double h = c.to() == TcpState.TIME_WAIT ? twoMslTop(options) + smallLine(options) + 2 : NAME_TOP + nameHeight(options) + 2;
                reserveBeforeGap(before, inst, c.t(), h, options);
            }
        }
        for (int i = 0; i < index.segmentCount(); i++) {
            if (index.dropped(i)) reserveBeforeGap(before, inst, index.arrowEnd(i), lostCross(options) + 2 + smallLine(options) + 2, options);
        }
        return before;
    }

    // Where the words under an instant go, for the boxes the layout makes of them (band names, the
    // 2MSL words, a lost segment's cross and "lost") and for the room before a break (beforeGaps).

    /** A state's name begins this far below its band's start. */
    private static final double NAME_TOP = 2;

    private static double nameHeight(Options o) { return o.fontSize() * 1.3; }

    /** The 2MSL words begin this far below the TIME_WAIT span's start, under the state's name. */
    private static double twoMslTop(Options o) { return o.fontSize() * 1.5; }

    /** The height of a line of small type (the 2MSL words, "lost", "RTO fired"). */
    private static double smallLine(Options o) { return o.smallFont() * 1.3; }

    /** Half the size of a lost segment's cross; "lost" is written 2 px under it. */
    private static double lostCross(Options o) { return 7 * o.stroke(); }

    private static void reserveBeforeGap(double[] before, long[] inst, long t, double h, Options options) {
        int j = Arrays.binarySearch(inst, t);
        if (j < 0) return;
        for (; j + 1 < inst.length; j++) {
            double below = (inst[j] - t) / 1000.0 * options.pxPerMs();
            if (below >= h) return;
            if (inst[j + 1] - inst[j] > options.compressAboveUs()) {
                before[j] = Math.max(before[j], h - below);
                return;
            }
        }
    }

    /** @param pad room a stuck label asked for above each instant, or null */
    private static Rows rows(TraceIndex index, Options options, Spacing spacing, java.util.function.IntToDoubleFunction lh,
                             double[] pad) {
        int ns = index.segmentCount();
        boolean capture = index.isCapture();
        long[] inst = index.instants();
        int ni = inst.length;
        // Several segments leaving one side at one instant each get a row of their own.
        int[] rank = new int[ns];
        int[] instOf = new int[ns];
        double[] rowNeed = new double[ni];
        int[] sendsAt = new int[ni];
        boolean[] spaced = new boolean[ni];
        int start = 0;
        while (start < ns) {
            int end = start;
            while (end < ns && index.sent(end) == index.sent(start)) end++;
            int ii = Arrays.binarySearch(inst, index.sent(start));
            int[] perSide = new int[2];
            for (int i = start; i < end; i++) {
                // a capture's packets each get a row; a simulation's simultaneous sends from both ends cross (an X)
                rank[i] = capture ? perSide[0]++ : perSide[index.from(i).ordinal()]++;
                instOf[i] = ii;
                rowNeed[ii] = Math.max(rowNeed[ii], lh.applyAsDouble(i));
            }
            sendsAt[ii] = Math.max(perSide[0], perSide[1]);
            spaced[ii] = true;
            start = end;
        }
        double zoom = options.zoom();
        double slant = options.rowPx() * 0.45;
        double gapPx = options.gapPx() * Math.max(0.5, Math.min(2, zoom));
        double[] step = new double[ni];
        double[] extra = new double[ni];
        double[] rowPx = spacing == Spacing.ORDER ? new double[ni] : null;
        double[] lead = spacing == Spacing.ORDER ? new double[ni] : null;
        for (int i = 0; i < ni; i++) {
            if (spacing == Spacing.ORDER) {
                lead[i] = sendsAt[i] > 0 ? rowNeed[i] + 2 + 1.5 * options.stroke() + 2 : 0;
                // a row holds its labels, the capture's slant and some air; zoom only adds air
                rowPx[i] = sendsAt[i] > 0 ? Math.max(options.rowPx(), rowNeed[i] + (capture ? slant : 0) + 10) * Math.max(1, zoom)
                        : Math.max(6, options.rowPx() * 0.7 * zoom);
                step[i] = rowPx[i];
                if (sendsAt[i] > 1) extra[i] = step[i] * (sendsAt[i] - 1);
            } else {
                step[i] = Math.max(options.rowPx(), rowNeed[i] + (capture ? slant : 0) + 8);
                // A capture has no flight time: every packet needs its own row.
                if (sendsAt[i] > 1 || (capture && sendsAt[i] > 0)) extra[i] = step[i] * (capture ? sendsAt[i] : sendsAt[i] - 1);
            }
        }
        double[] beforeGap = spacing == Spacing.ORDER ? null : beforeGaps(index, options, inst);
        TimeAxis axis = axis(spacing, inst, rowPx, lead, extra, spaced, pad, beforeGap, options.top(), options, gapPx);
        // The first row's labels need room above it, below the strip where an export writes the
        // names; a two-line label is wide and its arrow slopes under it, so it gets a little more.
        for (int ii = 0; ii < ni; ii++) {
            if (sendsAt[ii] == 0) continue;
            if (rowNeed[ii] <= options.lineHeight() * 1.5) break; // one line fits above the sloping arrow's middle
            double need = rowNeed[ii] + 2 + 1.5 * options.stroke() + 14;
            double deficit = headerBottom(options) + need - axis.y(inst[ii]);
            if (deficit > 0) axis = axis(spacing, inst, rowPx, lead, extra, spaced, pad, beforeGap, options.top() + deficit, options, gapPx);
            break;
        }
        return new Rows(axis, rank, instOf, step, slant);
    }

    /** Finds free places for labels: candidates along the arrow, above then below, then a little further out. */
    private final class LabelPlacer {
        private final Grid lines, placed, fixed;
        private final double lo = Math.min(clientX, serverX) + options.labelInset();
        private final double hi = Math.max(clientX, serverX) - options.labelInset();
        private final int[] seen = new int[1];
        /**
         * Whether leaders are kept out of other labels: searching for a free leader costs a scan per
         * candidate, so a long trace (a live capture of 20,000 segments is laid out again and again)
         * keeps the first free place and the point it was placed for.
         */
        private final boolean routeLeaders = index.segmentCount() <= ROUTE_LEADERS_UP_TO;
        /** Collisions of the last label placed: 0 when it found a free place. */
        int lastHits;
        /** Rings the last label was pushed out from its arrow (0: beside it), and the point on the arrow it belongs to. */
        int lastPush;
        /** The last label's place is free but its leader runs through another label (nothing better was found). */
        boolean lastSpare;
        double lastAnchorX, lastAnchorY;
        // the anchor of the candidate candidate() made last
        private double cx, cy;
        private int stuck;

        LabelPlacer(Grid lines, Grid placed, Grid fixed) {
            this.lines = lines; this.placed = placed; this.fixed = fixed;
        }

        /**
         * The first free place for the label on one line; else for it stacked (flags over numbers,
         * a third of the width: it fits beside an arrow that crosses its own); else the least bad.
         */
        Box place(int i, double wideW, double wideH) {
            lastPush = 0;
            Box b = place(i, wideW, wideH, Integer.MAX_VALUE, null);
            if (lastHits == 0 && !lastSpare && !(stackOverflowing && overflows(wideW))) return b;
            // once hundreds are stuck the rows are too small for this type: a second search each would
            // only double the layout time (the 100,000-segment bulk in the projector's sizes)
            if (stuck >= MAX_STUCK) return b;
            // the stacked form (flags over numbers), made only for a label that found no place
            TraceEvent.Segment s = index.segment(i);
            LabelLines narrow = labelLines(s, s.label(options.absolute()), true);
            double narrowW = narrow.width(options), narrowH = narrow.height(options);
            boolean wideSpare = lastSpare, wideFree = lastHits == 0 && !lastSpare;
            if (narrowW >= wideW - 1 || (!wideSpare && !wideFree && ++stuck > MAX_STUCK)) return b; // no narrower form, or too many stuck
            int wideHits = lastHits, widePush = lastPush;
            double wideX = lastAnchorX, wideY = lastAnchorY;
            // a free wide place with a blocked leader: the stacked form only if it is free with a free leader
            Box n = wideSpare ? place(i, narrowW, narrowH, 1, null) : place(i, narrowW, narrowH, wideHits, b);
            if (wideSpare ? lastHits == 0 && !lastSpare : n != b) return n;
            lastHits = wideHits;
            lastPush = widePush;
            lastAnchorX = wideX;
            lastAnchorY = wideY;
            lastSpare = wideSpare;
            return b;
        }

        private Box place(int i, double w, double h, int bestHits, Box best) {
            double[] fractions = {0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9, 0.03, 0.97};
            // a free place whose leader would have to run through another label: only if nothing better
            lastSpare = false;
            Box spare = null;
            int sparePush = 0;
            double spareX = 0, spareY = 0;
            for (int push = 0; push <= 8; push++) {
                for (int below = 0; below < 2; below++) {
                    for (double f : fractions) {
                        Box b = candidate(i, f, below == 1, push * 0.75 * options.lineHeight(), w, h);
                        // a label beyond a compressed gap reads as an event of another time (issue 7)
                        if (push > 0 && acrossAGap(b, cy)) continue;
                        int hits = hits(b, bestHits);
                        if (hits == 0 && push > 0 && routeLeaders && distance(b, i) > LEADER_AFTER * options.lineHeight()
                                && freeAnchor(i, b, cx, cy) == null) {
                            if (spare == null) { spare = b; sparePush = push; spareX = cx; spareY = cy; }
                            continue;
                        }
                        if (hits < bestHits || hits == 0) {
                            bestHits = hits;
                            best = b;
                            lastPush = push;
                            lastAnchorX = cx;
                            lastAnchorY = cy;
                        }
                        if (hits == 0) { lastHits = 0; return b; }
                    }
                }
            }
            if (spare != null) {
                lastHits = 0;
                lastPush = sparePush;
                lastAnchorX = spareX;
                lastAnchorY = spareY;
                lastSpare = true;
                return spare;
            }
            if (best == null) { // every candidate refused: never so for the rings beside the arrow, but be safe
                best = candidate(i, 0.5, false, 0, w, h);
                bestHits = hits(best, Integer.MAX_VALUE);
                lastPush = 0;
            }
            lastHits = bestHits;
            return best;
        }

        /**
         * Where a displaced label's leader meets its arrow: the point it was placed for, unless the
         * leader would run through a label already placed or a fixed obstacle; then the point on
         * the arrow with the shortest such free leader (none free: the point it was placed for).
         */
        double[] anchor(int i, Box b, double fx, double fy) {
            if (!routeLeaders) return new double[]{fx, fy};
            double[] free = freeAnchor(i, b, fx, fy);
            return free != null ? free : new double[]{fx, fy};
        }

        /** The anchor {@link #anchor} picks, or null when every leader from {@code b} to the arrow runs through something. */
        private double[] freeAnchor(int i, Box b, double fx, double fy) {
            if (leaderFree(i, b, fx, fy)) return new double[]{fx, fy};
            double ax = ax1(i), ay = ay1[i], bx = ax2(i), by = ay2[i];
            double[] out = null;
            double best = Double.MAX_VALUE;
            for (int k = 1; k < 32; k++) {
                double f = k / 32.0, px = ax + f * (bx - ax), py = ay + f * (by - ay);
                double len = outside(b, px, py);
                if (len < best && leaderFree(i, b, px, py)) { best = len; out = new double[]{px, py}; }
            }
            return out;
        }

        private boolean leaderFree(int i, Box b, double px, double py) {
            double sx = Math.max(b.x(), Math.min(b.x() + b.w(), px)), sy = Math.max(b.y(), Math.min(b.y() + b.h(), py));
            double top = Math.min(sy, py), bottom = Math.max(sy, py);
            for (int c = placed.cell(top), ce = placed.cell(bottom); c <= ce; c++) {
                int[] ids = placed.ids(c);
                for (int k = 0, m = placed.size(c); k < m; k++) {
                    int j = ids[k];
                    if (j != i && new Box(lbx[j], lby[j], lbw[j], lbh[j]).crosses(sx, sy, px, py, 0)) return false;
                }
            }
            for (int c = fixed.cell(top), ce = fixed.cell(bottom); c <= ce; c++) {
                int[] ids = fixed.ids(c);
                for (int k = 0, m = fixed.size(c); k < m; k++) {
                    if (obstacles.get(ids[k]).crosses(sx, sy, px, py, 0)) return false;
                }
            }
            return true;
        }

        /** True when a gap band lies between the point {@code (.., ay)} on the arrow and the box. */
        private boolean acrossAGap(Box b, double ay) {
            double top = Math.min(ay, b.y()), bottom = Math.max(ay, b.y() + b.h());
            boolean[] across = {false};
            gapIdx.forEach(top, bottom, k -> {
                GapBreak g = gapBreaks.get(k);
                if ((ay <= g.y0() + 1 && b.y() >= g.y1() - 1) || (ay >= g.y1() - 1 && b.y() + b.h() <= g.y0() + 1)) across[0] = true;
            });
            return across[0];
        }

        /** Just above (or below) the point at fraction f along the arrow, clear of its slope over the box width. */
        private Box candidate(int i, double f, boolean below, double push, double w, double h) {
            double ax = ax1(i), ay = ay1[i], bx = ax2(i), by = ay2[i];
            cx = ax + f * (bx - ax);
            cy = ay + f * (by - ay);
            double left = hi - lo < w ? lo : Math.max(lo, Math.min(hi - w, cx - w / 2));
            // the line's height at both ends of the box as hits() sees it, grown by the clearance on
            // every side, so the arrow never crosses its own label: measured at the box's own edges,
            // a line steeper than 1 / clearance ran through the grown corner and every place beside
            // it was refused (the projector's type at 1280x800 put the handshake's labels rows away)
            double slope = bx == ax ? 0 : (by - ay) / (bx - ax);
            double pad = clearance();
            // (within the arrow's own x range: a label wider than a lost arrow's half way, or than the
            // room between the lifelines in the projector's type, is beside the line, not its extension)
            double x0 = Math.min(ax, bx), x1 = Math.max(ax, bx);
            double ya = cy + slope * (Math.max(x0, Math.min(x1, left - pad)) - cx);
            double yb = cy + slope * (Math.max(x0, Math.min(x1, left + w + pad)) - cx);
            double clear = pad + 1;
            double top = below ? Math.max(ya, yb) + clear + push : Math.min(ya, yb) - h - clear - push;
            return new Box(left, top, w, h);
        }

        /** Number of things the box collides with, counting no further than {@code limit}. */
        private int hits(Box b, int limit) {
            int n = 0;
            double pad = clearance();
            for (int c = lines.cell(b.y() - pad), ce = lines.cell(b.y() + b.h() + pad); c <= ce; c++) {
                int[] ids = lines.ids(c);
                for (int k = 0, m = lines.size(c); k < m; k++) {
                    int j = ids[k];
                    if (b.crosses(ax1(j), ay1[j], ax2(j), ay2[j], pad) && ++n >= limit) return n;
                }
            }
            for (int c = placed.cell(b.y()), ce = placed.cell(b.y() + b.h()); c <= ce; c++) {
                int[] ids = placed.ids(c);
                for (int k = 0, m = placed.size(c); k < m; k++) {
                    int j = ids[k];
                    if (lbx[j] < b.x() + b.w() && b.x() < lbx[j] + lbw[j] && lby[j] < b.y() + b.h() && b.y() < lby[j] + lbh[j]
                            && ++n >= limit) return n;
                }
            }
            for (int c = fixed.cell(b.y()), ce = fixed.cell(b.y() + b.h()); c <= ce; c++) {
                int[] ids = fixed.ids(c);
                for (int k = 0, m = fixed.size(c); k < m; k++) {
                    if (obstacles.get(ids[k]).intersects(b) && ++n >= limit) return n;
                }
            }
            return n;
        }
    }

    /** How far a label keeps from any arrow line (the line's width and its head included). */
    double clearance() { return 2 + 1.5 * options.stroke(); }

    /** Analysis flags and payload info under the label, e.g. {@code [RETRANSMISSION] TLS ClientHello}; "" when none. */
    public static String extraLine(TraceEvent.Segment s) {
        StringBuilder b = new StringBuilder();
        if (s.analysis() != null) for (String f : s.analysis()) b.append('[').append(f).append("] ");
        if (s.payloadInfo() != null && !s.payloadInfo().isEmpty()) b.append(s.payloadInfo());
        return b.toString().trim();
    }

    /** Estimated width of proportional text: CJK glyphs are a full em, the rest about 0.62 em (bold). */
    public static double textWidth(String s, double fontSize) {
        double w = 0;
        for (int i = 0; i < s.length(); i++) w += s.charAt(i) >= 0x2E80 ? 1.0 : 0.62;
        return w * fontSize;
    }

    /** A diagram word in the layout's language (the painter writes the same words). */
    public String word(String key) {
        try {
            return Messages.get(options.locale(), key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    private List<StateBand> layoutBands() {
        List<StateBand> out = new ArrayList<>();
        long end = Math.max(index.endTime(), axis.lastTime());
        double fs = options.fontSize(), bandW = options.bandWidth();
        for (Side side : Side.values()) {
            List<TraceEvent.StateChange> changes = index.stateChanges(side);
            TcpState state = changes.isEmpty() ? TcpState.CLOSED : changes.get(0).from();
            long t0 = Math.min(0, axis.firstTime());
            double y0 = axis.top() - options.lineHeight();
            boolean inferred = !changes.isEmpty() && changes.get(0).inferred();
            for (TraceEvent.StateChange c : changes) {
                double y = axis.y(c.t());
                if (y > y0 || c.t() > t0) out.add(band(side, state, t0, c.t(), y0, y, inferred));
                state = c.to();
                t0 = c.t();
                y0 = y;
                inferred = c.inferred();
            }
            out.add(band(side, state, t0, end, y0, height, inferred));
        }
        out.sort((a, b) -> Double.compare(a.y0(), b.y0()));
        return List.copyOf(out);
    }

    private StateBand band(Side side, TcpState state, long t0, long t1, double y0, double y1, boolean inferred) {
        String name = state.name() + (inferred ? "?" : "");
        double fs = options.fontSize(), w = textWidth(name, fs), x = x(side), bw = options.bandWidth();
        Box label = new Box(side == Side.CLIENT ? x - bw - w : x + bw, y0 + NAME_TOP, w, nameHeight(options));
        return new StateBand(side, state, t0, t1, y0, y1, inferred, label);
    }

    /** The state name drawn at a band's start: {@code "ESTABLISHED"}, with "?" when inferred. */
    public static String bandText(StateBand b) {
        return b.state().name() + (b.inferred() ? "?" : "");
    }

    private List<TimerSpan> layoutTimers() {
        List<TimerSpan> out = new ArrayList<>();
        Map<String, TraceEvent.Timer> open = new HashMap<>();
        for (TraceEvent.Timer tm : index.timers()) {
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
            long end = set.expires() == TraceEvent.NONE ? index.endTime() : set.expires();
            out.add(span(set, end, false));
        }
        out.sort((a, b) -> a.y0() != b.y0() ? Double.compare(a.y0(), b.y0()) : Long.compare(a.t0(), b.t0()));
        return List.copyOf(out);
    }

    private TimerSpan span(TraceEvent.Timer set, long end, boolean fired) {
        double y0 = axis.y(set.t()), y1 = axis.y(end);
        Box label = null;
        if (set.timer() == TimerKind.RETRANSMISSION && fired) {
            String text = rtoText(end - set.t());
            double small = options.smallFont(), w = textWidth(text, small) + 4;
            double dir = set.endpoint() == Side.CLIENT ? 1 : -1;
            double tx = x(set.endpoint()) + dir * (options.bracketOffset() + 10);
            double h = smallLine(options) + 2, bx = dir > 0 ? tx - 2 : tx - w + 2;
            // at the bracket's end, just above it; else just below; else a little further up or down
            label = new Box(bx, y1 - h, w, h);
            for (int k = 0; k <= 8; k++) {
                Box up = new Box(bx, y1 - h - k * h / 2, w, h), down = new Box(bx, y1 + 2 + k * h / 2, w, h);
                if (!crossesALine(up)) { label = up; break; }
                if (!crossesALine(down)) { label = down; break; }
            }
        }
        return new TimerSpan(set.endpoint(), set.timer(), set.t(), end, y0, y1, fired, set.expires(), label);
    }

    private boolean crossesALine(Box b) {
        if (lineGrid == null) return false;
        for (int c = lineGrid.cell(b.y() - 2), ce = lineGrid.cell(b.y() + b.h() + 2); c <= ce; c++) {
            int[] ids = lineGrid.ids(c);
            for (int k = 0, m = lineGrid.size(c); k < m; k++) {
                int j = ids[k];
                if (b.crosses(ax1(j), ay1[j], ax2(j), ay2[j], 2)) return true;
            }
        }
        return false;
    }

    /** "RTO fired (1.0 s)" in the layout's language. */
    public String rtoText(long duration) {
        return word("diagram.rtoFired") + " (" + TimeFormat.duration(duration) + ")";
    }

    /**
     * Where the playhead's time chip goes at {@code now}: left of the client lifeline just above
     * the line, unless a state name is there; then below the line, then in the right margin, then
     * a little further from the line.
     */
    public Box playheadLabel(long now, double w, double h) {
        double y = axis.y(now);
        Box first = null;
        for (int k = 0; k <= 8; k++) {
            double d = k * h / 2;
            for (double x : new double[]{2, options.width() - w - 2}) {
                for (Box c : new Box[]{new Box(x, y - h - 2 - d, w, h), new Box(x, y + 3 + d, w, h)}) {
                    if (first == null) first = c;
                    boolean clash = false;
                    for (StateBand b : bandsIn(c.y() - 1, c.y() + c.h() + 1)) {
                        if (b.label().intersects(c)) { clash = true; break; }
                    }
                    for (TimerSpan ts : timersIn(c.y() - 1 - options.fontSize() * 3, c.y() + c.h() + 1)) {
                        if (ts.kind() == TimerKind.TIME_WAIT && twoMslWords(ts).intersects(c)) { clash = true; break; }
                    }
                    if (!clash) return c;
                }
            }
        }
        return first;
    }

    /**
     * Where a TIME_WAIT span writes "2MSL" and its countdown: under the state's name, on the
     * lifeline's outer side (room for the longest countdown, the whole 2MSL).
     */
    public Box twoMslWords(TimerSpan ts) {
        boolean client = ts.side() == Side.CLIENT;
        double w = textWidth("2MSL  " + TimeFormat.duration(ts.t1() - ts.t0()), options.smallFont());
        double x = x(ts.side()) + (client ? -1 : 1) * (options.bandWidth() / 2 + 4);
        return new Box(client ? x - w : x, ts.y0() + twoMslTop(options), w, smallLine(options));
    }

    public double x(Side side) { return side == Side.CLIENT ? clientX : serverX; }

    public double networkX() { return networkX; }

    public double y(long t) { return axis.y(t); }

    public long t(double y) { return axis.t(y); }

    public TimeAxis axis() { return axis; }

    public Trace trace() { return trace; }

    public TraceIndex index() { return index; }

    public Options options() { return options; }

    /** The spacing in effect ({@link Spacing#AUTO} resolved for this trace). */
    public Spacing spacing() { return spacing; }

    public double width() { return options.width(); }

    public double height() { return height; }

    /** All arrows in send order (each made when asked: a long trace keeps only their columns). */
    public List<Arrow> arrows() {
        int n = index.segmentCount();
        return new java.util.AbstractList<>() {
            @Override public Arrow get(int i) { return arrowAt(java.util.Objects.checkIndex(i, n)); }
            @Override public int size() { return n; }
        };
    }

    /** State bands ordered by their top. */
    public List<StateBand> bands() { return bands; }

    public List<TimerSpan> timers() { return timers; }

    public List<GapBreak> gaps() { return gapBreaks; }

    /** Fixed things a label keeps clear of: gap bands, "RTO fired" texts, "lost" marks. */
    public List<Box> labelObstacles() { return List.copyOf(obstacles); }

    /** Distinct instants where something happens, ascending: the playback's step points. */
    public long[] eventTimes() { return index.instants().clone(); }

    /** Arrows whose drawing (line or label) touches the y range, found without scanning the whole trace. */
    public List<Arrow> arrowsIn(double yTop, double yBottom) {
        List<Arrow> out = new ArrayList<>();
        arrowIdx.forEach(yTop, yBottom, i -> out.add(arrowAt(i)));
        return out;
    }

    /** The arrows' labels and the states' names that a horizontal line at {@code y} cuts through. */
    public List<Box> labelsCutAt(double y) {
        List<Box> out = new ArrayList<>();
        for (Arrow a : arrowsIn(y, y)) {
            if (a.label().cutAt(y)) out.add(a.label());
        }
        for (StateBand b : bandsIn(y, y)) {
            if (b.label() != null && b.label().cutAt(y)) out.add(b.label());
        }
        return out;
    }

    /** State bands whose drawing (band or name) touches the y range. */
    public List<StateBand> bandsIn(double yTop, double yBottom) {
        List<StateBand> out = new ArrayList<>();
        bandIdx.forEach(yTop, yBottom, i -> out.add(bands.get(i)));
        return out;
    }

    public List<TimerSpan> timersIn(double yTop, double yBottom) {
        List<TimerSpan> out = new ArrayList<>();
        timerIdx.forEach(yTop, yBottom, i -> out.add(timers.get(i)));
        return out;
    }

    public List<GapBreak> gapsIn(double yTop, double yBottom) {
        List<GapBreak> out = new ArrayList<>();
        gapIdx.forEach(yTop, yBottom, i -> out.add(gapBreaks.get(i)));
        return out;
    }

    /**
     * A leader line from a displaced label to its arrow: from the label box's edge nearest to
     * {@code (ax, ay)}, the point on the arrow it was placed for.
     */
    public record Leader(double x1, double y1, double ax, double ay) {}

    /**
     * The leader of an arrow's label, or null when the label sits beside its arrow. A label pushed
     * away from its arrow (the only free place in a crowded spot) gets one, as in textbook figures,
     * so a reader still sees which arrow it names.
     */
    public Leader leader(Arrow a) {
        int i = index.segmentIndex(a.segment().id());
        if (i < 0 || Double.isNaN(ldx[i])) return null;
        double ax = ldx[i], ay = ldy[i];
        Box b = a.label();
        return new Leader(Math.max(b.x(), Math.min(b.x() + b.w(), ax)), Math.max(b.y(), Math.min(b.y() + b.h(), ay)), ax, ay);
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
        int i = index.segmentIndex(segmentId);
        return i < 0 ? null : arrowAt(i);
    }

    /**
     * Items with a y extent, queried by y range in O(log n + hits): sorted by top, with the running
     * maximum of their bottoms so that a tall item (a 60 s TIME_WAIT bar) is never missed.
     */
    static final class YIndex {
        private final int[] order;
        private final double[] top, bottom, maxBottom;

        private YIndex(int[] order, double[] top, double[] bottom, double[] maxBottom) {
            this.order = order;
            this.top = top;
            this.bottom = bottom;
            this.maxBottom = maxBottom;
        }

        static YIndex of(int n, java.util.function.IntToDoubleFunction top, java.util.function.IntToDoubleFunction bottom) {
            // Sorted by top quantised down to 1/16 px (packed with the item number into one long, so
            // 100,000 items sort as primitives); a quantised top is never below the true one's floor,
            // so a query can only see more candidates, never miss one.
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                long q = (long) Math.floor(top.applyAsDouble(i) * 16) + (1L << 38);
                keys[i] = q << 24 | i;
            }
            Arrays.sort(keys);
            int[] order = new int[n];
            double[] tops = new double[n], bottoms = new double[n], maxB = new double[n];
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                int item = (int) (keys[i] & 0xffffff);
                order[i] = item;
                tops[i] = ((keys[i] >>> 24) - (1L << 38)) / 16.0;
                bottoms[i] = bottom.applyAsDouble(item);
                m = Math.max(m, bottoms[i]);
                maxB[i] = m;
            }
            return new YIndex(order, tops, bottoms, maxB);
        }

        void forEach(double yTop, double yBottom, java.util.function.IntConsumer action) {
            int lo = 0, hi = order.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (maxBottom[mid] < yTop) lo = mid + 1; else hi = mid;
            }
            for (int i = lo; i < order.length && top[i] <= yBottom; i++) {
                if (bottom[i] >= yTop) action.accept(order[i]);
            }
        }
    }

    /**
     * Items in their own order (arrows in send order: nearly sorted by y, but not quite, as
     * simultaneous sends and labels above their arrows go back up a little), queried by y range
     * through blocks of 64: per block the highest bottom so far and the lowest top from there on.
     * A million arrows need 16 bytes per block instead of a sorted copy of every top and bottom.
     */
    static final class SendOrderIndex {
        private static final int B = 64;
        private final int n;
        private final double[] maxBottomSoFar, minTopFromHere;
        private final java.util.function.IntToDoubleFunction top, bottom;

        private SendOrderIndex(int n, double[] maxB, double[] minT, java.util.function.IntToDoubleFunction top,
                               java.util.function.IntToDoubleFunction bottom) {
            this.n = n;
            this.maxBottomSoFar = maxB;
            this.minTopFromHere = minT;
            this.top = top;
            this.bottom = bottom;
        }

        static SendOrderIndex of(int n, java.util.function.IntToDoubleFunction top, java.util.function.IntToDoubleFunction bottom) {
            int blocks = (n + B - 1) / B;
            double[] maxB = new double[blocks], minT = new double[blocks];
            double m = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < blocks; b++) {
                for (int i = b * B, e = Math.min(n, i + B); i < e; i++) m = Math.max(m, bottom.applyAsDouble(i));
                maxB[b] = m;
            }
            m = Double.POSITIVE_INFINITY;
            for (int b = blocks - 1; b >= 0; b--) {
                for (int i = b * B, e = Math.min(n, i + B); i < e; i++) m = Math.min(m, top.applyAsDouble(i));
                minT[b] = m;
            }
            return new SendOrderIndex(n, maxB, minT, top, bottom);
        }

        void forEach(double yTop, double yBottom, java.util.function.IntConsumer action) {
            int lo = 0, hi = maxBottomSoFar.length;
            while (lo < hi) { // the first block that reaches down to yTop; nothing before it can
                int mid = (lo + hi) >>> 1;
                if (maxBottomSoFar[mid] < yTop) lo = mid + 1; else hi = mid;
            }
            for (int b = lo; b < maxBottomSoFar.length && minTopFromHere[b] <= yBottom; b++) {
                for (int i = b * B, e = Math.min(n, i + B); i < e; i++) {
                    if (top.applyAsDouble(i) <= yBottom && bottom.applyAsDouble(i) >= yTop) action.accept(i);
                }
            }
        }
    }

    /** Buckets of item ids by y, for the label placer's neighbourhood queries. */
    static final class Grid {
        private final double cell;
        private int[][] ids = new int[64][];
        private int[] sizes = new int[64];

        Grid(double cell) { this.cell = cell; }

        void add(int id, double y0, double y1) {
            int a = Math.max(0, (int) Math.floor(y0 / cell)), b = Math.max(a, (int) Math.floor(y1 / cell));
            for (int c = a; c <= b; c++) {
                if (c >= ids.length) {
                    int n = Math.max(c + 1, ids.length * 2);
                    ids = Arrays.copyOf(ids, n);
                    sizes = Arrays.copyOf(sizes, n);
                }
                if (ids[c] == null) ids[c] = new int[4];
                if (sizes[c] == ids[c].length) ids[c] = Arrays.copyOf(ids[c], sizes[c] * 2);
                ids[c][sizes[c]++] = id;
            }
        }

        private static final int[] NONE = new int[0];

        /** The cell holding y (clamped to the cells that exist, so a loop over cells stays in range). */
        int cell(double y) {
            return Math.max(0, Math.min(ids.length - 1, (int) Math.floor(y / cell)));
        }

        int[] ids(int c) { return ids[c] == null ? NONE : ids[c]; }

        int size(int c) { return sizes[c]; }
    }
}
