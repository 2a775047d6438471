package io.github.handshakelab.diagram;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps trace time (microseconds) to diagram y and back: a monotone, piecewise linear map through
 * one point per instant, so {@link #t(double)} inverts {@link #y(long)} by binary search.
 * <p>
 * Two spacings: <em>by time</em> (linear at {@code pxPerMs}, each send at least a row below the
 * previous one) and <em>by order</em> (every instant its own row, as Wireshark's flow graph, for
 * captures whose microsecond RTTs would melt crossing segments into one line). In both, real
 * gaps span five orders of magnitude (a 50 ms RTT against a 60 s TIME_WAIT, DESIGN §2), so a
 * stretch longer than {@code compressAboveUs} between two instants is drawn with a fixed height
 * and reported as a {@link Gap}.
 */
public final class TimeAxis {

    /** A compressed stretch: y range on screen and the real duration it stands for. */
    public record Gap(long t0, long t1, double y0, double y1) {
        public long duration() { return t1 - t0; }
    }

    private final long[] ts;
    private final double[] ys;
    /** gapAfter[i]: the stretch from point i to point i + 1 is a compressed gap. */
    private final boolean[] gapAfter;
    private final int n;
    private final double pxPerMs;
    private final List<Gap> gaps;

    private TimeAxis(long[] ts, double[] ys, boolean[] gapAfter, double[] gapBandEnd, int n, double pxPerMs) {
        // built with room for three points per instant: kept at the size used (a million instants
        // would otherwise hold some 30 MiB of unused room)
        this.ts = ts.length == n ? ts : java.util.Arrays.copyOf(ts, n);
        this.ys = ys.length == n ? ys : java.util.Arrays.copyOf(ys, n);
        this.gapAfter = gapAfter.length == n ? gapAfter : java.util.Arrays.copyOf(gapAfter, n);
        this.n = n;
        this.pxPerMs = pxPerMs;
        List<Gap> g = new ArrayList<>();
        for (int i = 0; i + 1 < n; i++) if (gapAfter[i]) g.add(new Gap(ts[i], ts[i + 1], ys[i], gapBandEnd[i]));
        this.gaps = List.copyOf(g);
    }

    /**
     * Linear in time.
     *
     * @param instants distinct, ascending
     * @param extraPx  room to leave below instant i (several arrows sent at once), or null
     * @param spaced   instants that start a row (a segment is sent): at least {@code minPx} below the
     *                 previous row, so labels of segments sent a few microseconds apart do not overlap; or null
     */
    public static TimeAxis byTime(long[] instants, double[] extraPx, boolean[] spaced, double top, double pxPerMs,
                                  long compressAboveUs, double gapPx, double minPx) {
        return build(instants, extraPx, spaced, null, null, null, null, top, pxPerMs, compressAboveUs, gapPx, minPx);
    }

    /**
     * {@link #byTime} with {@code padPx[i]} of room inserted just above instant i (below a break
     * when one precedes it): the layout grows the axis there when a label found no free place;
     * and {@code beforeGapPx[i]} (or null) of room after instant i when a break follows it, for
     * what is written under the instant (a state's name, a lost segment's cross and word), which
     * would otherwise run into the break's band.
     */
    public static TimeAxis byTime(long[] instants, double[] extraPx, boolean[] spaced, double[] padPx, double[] beforeGapPx,
                                  double top, double pxPerMs, long compressAboveUs, double gapPx, double minPx) {
        return build(instants, extraPx, spaced, null, null, padPx, beforeGapPx, top, pxPerMs, compressAboveUs, gapPx, minPx);
    }

    /**
     * One row per instant: instant i + 1 lies {@code rowPx[i]} below instant i (plus its extra room),
     * however little time passed; long idle stretches still get a break, and the row after a break
     * keeps {@code leadPx[i]} clear above it (room for the labels over its arrows).
     */
    public static TimeAxis byOrder(long[] instants, double[] rowPx, double[] leadPx, double[] extraPx, double top,
                                   long compressAboveUs, double gapPx, double nominalPxPerMs) {
        return build(instants, extraPx, null, rowPx, leadPx, null, null, top, nominalPxPerMs, compressAboveUs, gapPx, 0);
    }

    /** {@link #byOrder} with {@code padPx[i]} of room inserted just above instant i (see {@link #byTime} with padPx). */
    public static TimeAxis byOrder(long[] instants, double[] rowPx, double[] leadPx, double[] extraPx, double[] padPx,
                                   double top, long compressAboveUs, double gapPx, double nominalPxPerMs) {
        return build(instants, extraPx, null, rowPx, leadPx, padPx, null, top, nominalPxPerMs, compressAboveUs, gapPx, 0);
    }

    private static TimeAxis build(long[] inst, double[] extraPx, boolean[] spaced, double[] rowPx, double[] leadPx,
                                  double[] padPx, double[] beforeGapPx, double top, double pxPerMs, long compressAboveUs,
                                  double gapPx, double minPx) {
        if (inst.length == 0) inst = new long[]{0};
        int cap = inst.length * 3 + 1;
        long[] ts = new long[cap];
        double[] ys = new double[cap];
        boolean[] gapAfter = new boolean[cap];
        double[] gapBandEnd = new double[cap];
        int n = 0;
        double y = top;
        double lastRowY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < inst.length; i++) {
            long t = inst[i];
            if (i > 0) {
                long prev = inst[i - 1];
                double extra = extraPx == null ? 0 : extraPx[i - 1];
                if (extra > 0) {
                    // The extra room belongs to the instant itself: time stands still while y grows.
                    y += extra;
                    ts[n] = prev; ys[n] = y; n++;
                    if (spaced != null && spaced[i - 1]) lastRowY = y;
                }
                long dt = t - prev;
                if (dt > compressAboveUs) {
                    if (beforeGapPx != null && beforeGapPx[i - 1] > 0) {
                        y += beforeGapPx[i - 1];
                        ts[n] = prev; ys[n] = y; n++;
                    }
                    if (rowPx != null) {
                        // by order, the row before a break keeps its height: its arrows stay out of the break
                        y += rowPx[i - 1];
                        ts[n] = prev; ys[n] = y; n++;
                    }
                    gapAfter[n - 1] = true;
                    y += gapPx;
                    gapBandEnd[n - 1] = y;
                    if (leadPx != null) y += leadPx[i];
                } else if (rowPx != null) {
                    y += rowPx[i - 1];
                } else {
                    y += dt / 1000.0 * pxPerMs;
                    if (spaced != null && spaced[i]) y = Math.max(y, lastRowY + minPx);
                }
                // Room a label asked for: the stretch up to this instant gets longer (time stays monotone).
                if (padPx != null) y += padPx[i];
            }
            ts[n] = t; ys[n] = y; n++;
            if (spaced != null && spaced[i]) lastRowY = y;
        }
        int last = inst.length - 1;
        double lastExtra = extraPx == null ? 0 : extraPx[last];
        if (rowPx != null) lastExtra += rowPx[last];
        if (lastExtra > 0) { ts[n] = inst[last]; ys[n] = y + lastExtra; n++; }
        return new TimeAxis(ts, ys, gapAfter, gapBandEnd, n, pxPerMs);
    }

    public List<Gap> gaps() { return gaps; }

    public double top() { return ys[0]; }

    public double bottom() { return ys[n - 1]; }

    public long firstTime() { return ts[0]; }

    public long lastTime() { return ts[n - 1]; }

    /** Number of points of the piecewise linear map (the playback paces itself along them). */
    public int points() { return n; }

    public long pointT(int i) { return ts[i]; }

    public double pointY(int i) { return ys[i]; }

    /** True when the stretch from point i to point i + 1 is a compressed gap. */
    public boolean gapAfter(int i) { return gapAfter[i]; }

    /** The y of time {@code t}; for an instant with extra room, its first (top) y. */
    public double y(long t) {
        if (t <= ts[0]) return ys[0] - (ts[0] - t) / 1000.0 * pxPerMs;
        if (t > ts[n - 1]) return ys[n - 1] + (t - ts[n - 1]) / 1000.0 * pxPerMs;
        int i = lowerIndex(t);
        if (ts[i] == t) return ys[i];
        double f = (double) (t - ts[i]) / (ts[i + 1] - ts[i]);
        return ys[i] + f * (ys[i + 1] - ys[i]);
    }

    /** The time shown at {@code y} (inverse of {@link #y(long)}; flat inside an instant's extra room). */
    public long t(double y) {
        if (y <= ys[0]) return ts[0] - Math.round((ys[0] - y) / pxPerMs * 1000);
        if (y >= ys[n - 1]) return ts[n - 1] + Math.round((y - ys[n - 1]) / pxPerMs * 1000);
        int lo = 0, hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (ys[mid] <= y) lo = mid; else hi = mid;
        }
        if (ys[hi] == ys[lo]) return ts[lo];
        double f = (y - ys[lo]) / (ys[hi] - ys[lo]);
        return ts[lo] + Math.round(f * (ts[hi] - ts[lo]));
    }

    /** First point index whose time is the greatest <= t. */
    private int lowerIndex(long t) {
        int i = Arrays.binarySearch(ts, 0, n, t);
        if (i >= 0) {
            while (i > 0 && ts[i - 1] == t) i--;
            return i;
        }
        return -i - 2;
    }
}
