package io.github.handshakelab.trace;

import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.text.Explanation;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A trace's events kept in columns of primitives, for a conversation of a million segments: a
 * {@link TraceEvent.Segment} record with its lists, strings and explanations costs some 700 bytes
 * on the heap, a row here about 150. {@link #get} makes the record again, equal to the one that
 * was added, so every reader of {@link Trace#events()} sees the same events (made when asked, and
 * short-lived). Events other than segments (state changes, notes, timers: a few per trace) and any
 * segment whose values do not fit the columns are kept as they are. Immutable once built.
 */
public final class CompactEvents extends AbstractList<TraceEvent> implements RandomAccess {

    /** Numbers kept as 32 bits: 0..2^32-2, and {@link TraceEvent#NONE} as the all-ones pattern. */
    private static final long U32_NONE = 0xFFFF_FFFFL;
    private static final int NO_DELTA = Integer.MIN_VALUE;
    private static final int FROM_SERVER = 1 << 16, RETRANSMISSION = 1 << 17;
    /** Distinct strings (keys, payload names, explanation texts) kept in a pool; past this a segment is kept whole. */
    private static final int POOL_LIMIT = 1 << 15;
    /**
     * An explanation in {@link #explainData}: one int = key (15 bits) | argument count (3 bits) |
     * a 2-bit tag per argument (7 at most), then each argument: a number that fits an int, one
     * that needs two, or a pooled text.
     */
    private static final int ARG_INT = 0, ARG_LONG = 1, ARG_TEXT = 2, MAX_ARGS = 7;

    private final int size;
    /** Per event: >= 0 a row of the segment columns, else -(k + 1) for {@code others[k]}. */
    private final int[] ref;
    private final TraceEvent[] others;
    private final int rows;
    // Segment columns. Sparse ones are null while every row has the usual value: id = row + 1,
    // no arrival or drop time (a capture), no payload name, no analysis flag.
    private final int[] id, arrivedDelta, droppedDelta, info, analysis;
    private final int[] bits, seq, ack, seqAbs, ackAbs, len, window, frame;
    private final long[] sent;
    private final int[] explainAt, optionsAt;
    private final int[] explainData;
    private final byte[] optionsData;
    private final List<List<String>> analysisPool;
    private final String[] strings;

    private CompactEvents(Builder b) {
        // The builder's arrays are taken as they are (sized for the expected rows): a copy would
        // double the memory of a million segments for a moment.
        size = b.n;
        ref = b.ref;
        others = b.others.toArray(new TraceEvent[0]);
        rows = b.m;
        id = b.id;
        arrivedDelta = b.arrivedDelta;
        droppedDelta = b.droppedDelta;
        info = b.info;
        analysis = b.analysis;
        bits = b.bits;
        seq = b.seq;
        ack = b.ack;
        seqAbs = b.seqAbs;
        ackAbs = b.ackAbs;
        len = b.len;
        window = b.window;
        frame = b.frame;
        sent = b.sent;
        if (b.explainAt.length == rows) b.explainAt = Arrays.copyOf(b.explainAt, rows + 1);
        if (b.optionsAt.length == rows) b.optionsAt = Arrays.copyOf(b.optionsAt, rows + 1);
        explainAt = b.explainAt;
        explainAt[rows] = b.explainN;
        optionsAt = b.optionsAt;
        optionsAt[rows] = b.optionsN;
        explainData = b.explainData;
        optionsData = b.optionsData;
        analysisPool = List.copyOf(b.analysisPool);
        strings = b.strings.toArray(new String[0]);
        b.ref = null; // a builder makes one list
    }

    @Override
    public int size() { return size; }

    @Override
    public TraceEvent get(int i) {
        int r = ref[java.util.Objects.checkIndex(i, size)];
        return r < 0 ? others[-r - 1] : segment(r);
    }

    /** Segments kept in the columns (the rest are kept whole). */
    public int compactSegments() { return rows; }

    private TraceEvent.Segment segment(int k) {
        int b = bits[k];
        long s = sent[k];
        int in = info == null ? -1 : info[k];
        return new TraceEvent.Segment(id == null ? k + 1 : id[k], (b & FROM_SERVER) != 0 ? Side.SERVER : Side.CLIENT, s,
                arrivedDelta == null ? TraceEvent.NONE : delta(s, arrivedDelta[k]),
                droppedDelta == null ? TraceEvent.NONE : delta(s, droppedDelta[k]), new TcpFlags(b & 0xFFFF),
                u32(seq[k]), u32(ack[k]), len[k], window[k], u32(seqAbs[k]), u32(ackAbs[k]),
                (b & RETRANSMISSION) != 0, explanations(k), analysisPool.get(analysis == null ? 0 : analysis[k]), frame[k],
                options(k), in < 0 ? null : strings[in]);
    }

    private static long delta(long base, int d) { return d == NO_DELTA ? TraceEvent.NONE : base + d; }

    private static long u32(int v) {
        long x = Integer.toUnsignedLong(v);
        return x == U32_NONE ? TraceEvent.NONE : x;
    }

    private List<Explanation> explanations(int k) {
        int p = explainAt[k], end = explainAt[k + 1];
        if (p == end) return List.of();
        List<Explanation> out = new ArrayList<>(3);
        while (p < end) {
            int h = explainData[p++];
            String key = strings[h >>> 17];
            int n = (h >>> 14) & 7;
            String[] args = new String[n];
            for (int a = 0; a < n; a++) {
                int tag = (h >>> (2 * a)) & 3;
                if (tag == ARG_INT) args[a] = Integer.toString(explainData[p++]);
                else if (tag == ARG_TEXT) args[a] = strings[explainData[p++]];
                else {
                    args[a] = Long.toString((long) explainData[p] << 32 | Integer.toUnsignedLong(explainData[p + 1]));
                    p += 2;
                }
            }
            out.add(new Explanation(key, List.of(args)));
        }
        return List.copyOf(out);
    }

    private List<String> options(int k) {
        int p = optionsAt[k], end = optionsAt[k + 1];
        if (p == end) return List.of();
        List<String> out = new ArrayList<>(4);
        int start = p;
        for (; p <= end; p++) {
            if (p == end || optionsData[p] == '\n') {
                out.add(new String(optionsData, start, p - start, java.nio.charset.StandardCharsets.ISO_8859_1));
                start = p + 1;
            }
        }
        return List.copyOf(out);
    }

    /** Collects events in order; {@link #build} makes the immutable list (once). Not thread-safe. */
    public static final class Builder {
        private int n, m;
        private int[] ref;
        private final List<TraceEvent> others = new ArrayList<>();
        private int[] id, arrivedDelta, droppedDelta, info, analysis;
        private int[] bits, seq, ack, seqAbs, ackAbs, len, window, frame, explainAt, optionsAt;
        private long[] sent;
        private int[] explainData;
        private int explainN;
        private byte[] optionsData;
        private int optionsN;
        private final List<List<String>> analysisPool = new ArrayList<>(List.of(List.of()));
        private final Map<List<String>, Integer> analysisIds = new HashMap<>(Map.of(List.of(), 0));
        private final List<String> strings = new ArrayList<>();
        private final Map<String, Integer> stringIds = new HashMap<>();

        public Builder() {
            this(64);
        }

        /** {@code segments}: how many segments will come (a capture knows): the columns are made that size once. */
        public Builder(int segments) {
            int c = Math.max(16, segments);
            ref = new int[c + 16];
            bits = new int[c];
            seq = new int[c];
            ack = new int[c];
            seqAbs = new int[c];
            ackAbs = new int[c];
            len = new int[c];
            window = new int[c];
            frame = new int[c];
            explainAt = new int[c + 1];
            optionsAt = new int[c + 1];
            sent = new long[c];
            explainData = new int[c * 6];
            optionsData = new byte[c * 4];
        }

        public Builder add(TraceEvent e) {
            if (n == ref.length) ref = Arrays.copyOf(ref, n + (n >> 1) + 16);
            int row = e instanceof TraceEvent.Segment s ? tryAdd(s) : -1;
            if (row < 0) {
                others.add(e);
                ref[n++] = -others.size();
            } else {
                ref[n++] = row;
            }
            return this;
        }

        public CompactEvents build() { return new CompactEvents(this); }

        /** The row the segment went to, or -1 when a value does not fit the columns (it is kept whole). */
        private int tryAdd(TraceEvent.Segment s) {
            if (s.flags() == null || s.from() == null || s.explain() == null || s.analysis() == null || s.options() == null
                    || hasNull(s.analysis()) || hasNull(s.options())) {
                return -1;
            }
            if (s.flags().bits() < 0 || s.flags().bits() > 0xFFFF || !fits32(s.seq()) || !fits32(s.ack())
                    || !fits32(s.seqAbs()) || !fits32(s.ackAbs()) || s.frame() < -1 || s.frame() > Integer.MAX_VALUE) {
                return -1;
            }
            int arr = delta(s.sent(), s.arrived()), drop = delta(s.sent(), s.dropped());
            if (arr == NO_DELTA && s.arrived() != TraceEvent.NONE || drop == NO_DELTA && s.dropped() != TraceEvent.NONE) return -1;
            int infoId = -1;
            if (s.payloadInfo() != null) {
                infoId = string(s.payloadInfo());
                if (infoId < 0) return -1;
            }
            int analysisId = analysisIds.computeIfAbsent(List.copyOf(s.analysis()), l -> {
                analysisPool.add(l);
                return analysisPool.size() - 1;
            });
            // explanations and options are written tentatively: undone if something does not fit
            int explainMark = explainN, optionsMark = optionsN;
            if (!explain(s.explain()) || !options(s.options())) {
                explainN = explainMark;
                optionsN = optionsMark;
                return -1;
            }
            if (m == bits.length) grow();
            int k = m++;
            id = sparse(id, k, s.id(), k + 1);
            arrivedDelta = sparse(arrivedDelta, k, arr, NO_DELTA);
            droppedDelta = sparse(droppedDelta, k, drop, NO_DELTA);
            info = sparse(info, k, infoId, -1);
            analysis = sparse(analysis, k, analysisId, 0);
            bits[k] = s.flags().bits() | (s.from() == Side.SERVER ? FROM_SERVER : 0) | (s.retransmission() ? RETRANSMISSION : 0);
            sent[k] = s.sent();
            seq[k] = (int) enc32(s.seq());
            ack[k] = (int) enc32(s.ack());
            seqAbs[k] = (int) enc32(s.seqAbs());
            ackAbs[k] = (int) enc32(s.ackAbs());
            len[k] = s.len();
            window[k] = s.window();
            frame[k] = (int) s.frame();
            explainAt[k] = explainMark;
            optionsAt[k] = optionsMark;
            return k;
        }

        /** Sets row k of a column that exists only once a row differs from {@code usual}. */
        private int[] sparse(int[] col, int k, int v, int usual) {
            if (col == null) {
                if (v == usual) return null;
                col = new int[bits.length];
                if (usual != 0) {
                    if (usual == k + 1) { for (int i = 0; i < k; i++) col[i] = i + 1; } // the id column: row + 1
                    else Arrays.fill(col, 0, k, usual);
                }
            } else if (col.length < bits.length) {
                col = Arrays.copyOf(col, bits.length);
            }
            col[k] = v;
            return col;
        }

        /** Immutable lists throw on contains(null): asked element by element. */
        private static boolean hasNull(List<?> list) {
            for (Object o : list) if (o == null) return true;
            return false;
        }

        private static boolean fits32(long v) { return v == TraceEvent.NONE || v >= 0 && v < U32_NONE; }

        private static long enc32(long v) { return v == TraceEvent.NONE ? U32_NONE : v; }

        private static int delta(long base, long t) {
            if (t == TraceEvent.NONE) return NO_DELTA;
            long d = t - base;
            return d > NO_DELTA && d <= Integer.MAX_VALUE ? (int) d : NO_DELTA;
        }

        private int string(String s) {
            Integer i = stringIds.get(s);
            if (i != null) return i;
            if (strings.size() >= POOL_LIMIT) return -1;
            strings.add(s);
            stringIds.put(s, strings.size() - 1);
            return strings.size() - 1;
        }

        private boolean explain(List<Explanation> list) {
            for (Explanation x : list) {
                List<String> args = x.args();
                if (x.key() == null || args == null || args.size() > MAX_ARGS || hasNull(args)) return false;
                int key = string(x.key());
                if (key < 0) return false;
                int mark = explainN;
                put(0);
                int h = key << 17 | args.size() << 14;
                for (int a = 0; a < args.size(); a++) {
                    String v = args.get(a);
                    Long num = number(v);
                    if (num != null && num == (int) (long) num) {
                        put((int) (long) num);
                    } else if (num != null) {
                        h |= ARG_LONG << (2 * a);
                        put((int) (num >>> 32));
                        put((int) (long) num);
                    } else {
                        int sid = string(v);
                        if (sid < 0) return false;
                        h |= ARG_TEXT << (2 * a);
                        put(sid);
                    }
                }
                explainData[mark] = h;
            }
            return true;
        }

        /** The number {@code v} spells exactly as {@link Long#toString} would, else null (kept as text). */
        private static Long number(String v) {
            if (v == null || v.isEmpty() || v.length() > 19) return null;
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (!(c >= '0' && c <= '9' || c == '-' && i == 0)) return null;
            }
            try {
                long x = Long.parseLong(v);
                return Long.toString(x).equals(v) ? x : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private void put(int v) {
            if (explainN == explainData.length) explainData = Arrays.copyOf(explainData, explainN + (explainN >> 1) + 16);
            explainData[explainN++] = v;
        }

        private boolean options(List<String> list) {
            for (int i = 0; i < list.size(); i++) {
                String o = list.get(i);
                if (o.isEmpty()) return false;
                for (int c = 0; c < o.length(); c++) {
                    char ch = o.charAt(c);
                    if (ch > 0xFF || ch == '\n') return false;
                }
                int need = o.length() + 1;
                if (optionsN + need > optionsData.length) {
                    optionsData = Arrays.copyOf(optionsData, Math.max(optionsData.length + (optionsData.length >> 1), optionsN + need));
                }
                if (i > 0) optionsData[optionsN++] = '\n';
                for (int c = 0; c < o.length(); c++) optionsData[optionsN++] = (byte) o.charAt(c);
            }
            return true;
        }

        private void grow() {
            int c = bits.length + (bits.length >> 1) + 16;
            bits = Arrays.copyOf(bits, c);
            seq = Arrays.copyOf(seq, c);
            ack = Arrays.copyOf(ack, c);
            seqAbs = Arrays.copyOf(seqAbs, c);
            ackAbs = Arrays.copyOf(ackAbs, c);
            len = Arrays.copyOf(len, c);
            window = Arrays.copyOf(window, c);
            frame = Arrays.copyOf(frame, c);
            explainAt = Arrays.copyOf(explainAt, c + 1);
            optionsAt = Arrays.copyOf(optionsAt, c + 1);
            sent = Arrays.copyOf(sent, c);
        }
    }
}
