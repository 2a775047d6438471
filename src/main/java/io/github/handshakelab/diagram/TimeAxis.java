package io.github.handshakelab.diagram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Maps trace time (microseconds) to diagram y and back. Real gaps span five orders of magnitude
 * (a 50 ms RTT against a 60 s TIME_WAIT, DESIGN §2), so stretches longer than
 * {@code compressAboveUs} between two interesting instants are drawn with a fixed height and
 * reported as {@link Gap}s; everything else is linear at {@code pxPerMs}.
 * The map is monotone and piecewise linear, so {@link #t(double)} inverts {@link #y(long)}.
 */
public final class TimeAxis {

    /** A compressed stretch: y range on screen and the real duration it stands for. */
    public record Gap(long t0, long t1, double y0, double y1) {
        public long duration() { return t1 - t0; }
    }

    private final long[] ts;
    private final double[] ys;
    private final List<Gap> gaps;

    /**
     * @param instants     the times something happens (sorted or not, duplicates allowed)
     * @param extraPx      extra room to leave after an instant (e.g. several arrows sent at once), by instant; may be null
     * @param top          y of the first instant
     */
    public TimeAxis(long[] instants, java.util.Map<Long, Double> extraPx, double top, double pxPerMs,
                    long compressAboveUs, double gapPx) {
        this(instants, extraPx, top, pxPerMs, compressAboveUs, gapPx, java.util.Set.of(), 0);
    }

    /**
     * @param spaced instants that start a row (a segment is sent): at least {@code minPx} below the
     *               previous instant, so labels of segments sent a few microseconds apart do not overlap
     */
    public TimeAxis(long[] instants, java.util.Map<Long, Double> extraPx, double top, double pxPerMs,
                    long compressAboveUs, double gapPx, java.util.Set<Long> spaced, double minPx) {
        TreeSet<Long> set = new TreeSet<>();
        for (long t : instants) set.add(t);
        if (set.isEmpty()) set.add(0L);
        ts = new long[set.size() * 2];
        ys = new double[set.size() * 2];
        gaps = new ArrayList<>();
        int n = 0;
        double y = top;
        double lastRowY = Double.NEGATIVE_INFINITY;
        Long prev = null;
        for (long t : set) {
            if (prev != null) {
                double extra = extraPx == null ? 0 : extraPx.getOrDefault(prev, 0.0);
                long dt = t - prev;
                if (extra > 0) {
                    // The extra room belongs to the instant itself: time stands still while y grows.
                    y += extra;
                    ts[n] = prev; ys[n] = y; n++;
                    if (spaced.contains(prev)) lastRowY = y;
                }
                if (dt > compressAboveUs) {
                    double y0 = y;
                    y += gapPx;
                    gaps.add(new Gap(prev, t, y0, y));
                } else {
                    y += dt / 1000.0 * pxPerMs;
                    if (spaced.contains(t)) y = Math.max(y, lastRowY + minPx);
                }
            }
            ts[n] = t; ys[n] = y; n++;
            if (spaced.contains(t)) lastRowY = y;
            prev = t;
        }
        double lastExtra = extraPx == null || prev == null ? 0 : extraPx.getOrDefault(prev, 0.0);
        if (lastExtra > 0) { ts[n] = prev; ys[n] = y + lastExtra; n++; }
        this.tsLen = n;
        this.pxPerMs = pxPerMs;
    }

    private final int tsLen;
    private final double pxPerMs;

    public List<Gap> gaps() { return List.copyOf(gaps); }

    public double top() { return ys[0]; }

    public double bottom() { return ys[tsLen - 1]; }

    public long firstTime() { return ts[0]; }

    public long lastTime() { return ts[tsLen - 1]; }

    /** The y of time {@code t}; for an instant with extra room, its first (top) y. */
    public double y(long t) {
        if (t <= ts[0]) return ys[0] - (ts[0] - t) / 1000.0 * pxPerMs;
        if (t >= ts[tsLen - 1]) return ys[tsLen - 1] + (t - ts[tsLen - 1]) / 1000.0 * pxPerMs;
        int i = lowerIndex(t);
        if (ts[i] == t) return ys[i];
        // ts[i] < t < ts[i+1]
        double f = (double) (t - ts[i]) / (ts[i + 1] - ts[i]);
        return ys[i] + f * (ys[i + 1] - ys[i]);
    }

    /** The time shown at {@code y} (inverse of {@link #y(long)}; flat inside an instant's extra room). */
    public long t(double y) {
        if (y <= ys[0]) return ts[0] - Math.round((ys[0] - y) / pxPerMs * 1000);
        if (y >= ys[tsLen - 1]) return ts[tsLen - 1] + Math.round((y - ys[tsLen - 1]) / pxPerMs * 1000);
        int lo = 0, hi = tsLen - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (ys[mid] <= y) lo = mid; else hi = mid;
        }
        if (ys[hi] == ys[lo]) return ts[lo];
        double f = (y - ys[lo]) / (ys[hi] - ys[lo]);
        return ts[lo] + Math.round(f * (ts[hi] - ts[lo]));
    }

    /** First index whose time is the greatest <= t. */
    private int lowerIndex(long t) {
        int i = Arrays.binarySearch(ts, 0, tsLen, t);
        if (i >= 0) {
            while (i > 0 && ts[i - 1] == t) i--;
            return i;
        }
        return -i - 2;
    }

    /** "⋯ 59.8 s ⋯" style duration text (the symbols are language-neutral). */
    public static String formatDuration(long us) {
        if (us >= 1_000_000) return String.format(java.util.Locale.ROOT, "%.1f s", us / 1e6);
        if (us >= 1_000) return String.format(java.util.Locale.ROOT, "%.1f ms", us / 1e3);
        return us + " µs";
    }
}
