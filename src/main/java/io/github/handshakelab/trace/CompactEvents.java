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
    /** Distinct strings (payload names, explanation texts) kept in a pool; past this a segment is kept whole. */
    private static final int POOL_LIMIT = 1 << 16;

    private final int size;
    /** Per event: >= 0 a row of the segment columns, else -(k + 1) for {@code others[k]}. */
    private final int[] ref;
    private final TraceEvent[] others;
    // segment columns
    private final int[] id, bits, arrivedDelta, droppedDelta, seq, ack, seqAbs, ackAbs, len, window, frame;
    private final long[] sent;
    private final int[] explainAt, optionsAt, analysis, info;
    private final long[] explainData;
    private final byte[] optionsData;
    private final List<List<String>> analysisPool;
    private final String[] strings;

    private CompactEvents(Builder b) {
        size = b.n;
        ref = Arrays.copyOf(b.ref, b.n);
        others = b.others.toArray(new TraceEvent[0]);
        int m = b.m;
        id = Arrays.copyOf(b.id, m);
        bits = Arrays.copyOf(b.bits, m);
        arrivedDelta = Arrays.copyOf(b.arrivedDelta, m);
        droppedDelta = Arrays.copyOf(b.droppedDelta, m);
        seq = Arrays.copyOf(b.seq, m);
        ack = Arrays.copyOf(b.ack, m);
        seqAbs = Arrays.copyOf(b.seqAbs, m);
        ackAbs = Arrays.copyOf(b.ackAbs, m);
        len = Arrays.copyOf(b.len, m);
        window = Arrays.copyOf(b.window, m);
        frame = Arrays.copyOf(b.frame, m);
        sent = Arrays.copyOf(b.sent, m);
        explainAt = Arrays.copyOf(b.explainAt, m + 1);
        explainAt[m] = b.explainN;
        optionsAt = Arrays.copyOf(b.optionsAt, m + 1);
        optionsAt[m] = b.optionsN;
        analysis = Arrays.copyOf(b.analysis, m);
        info = Arrays.copyOf(b.info, m);
        explainData = Arrays.copyOf(b.explainData, b.explainN);
        optionsData = Arrays.copyOf(b.optionsData, b.optionsN);
        analysisPool = List.copyOf(b.analysisPool);
        strings = b.strings.toArray(new String[0]);
    }

    @Override
    public int size() { return size; }

    @Override
    public TraceEvent get(int i) {
        int r = ref[java.util.Objects.checkIndex(i, size)];
        return r < 0 ? others[-r - 1] : segment(r);
    }

    /** Segments kept in the columns (the rest are kept whole). */
    public int compactSegments() { return id.length; }

    private TraceEvent.Segment segment(int k) {
        int b = bits[k];
        long s = sent[k];
        return new TraceEvent.Segment(id[k], (b & FROM_SERVER) != 0 ? Side.SERVER : Side.CLIENT, s,
                delta(s, arrivedDelta[k]), delta(s, droppedDelta[k]), new TcpFlags(b & 0xFFFF),
                u32(seq[k]), u32(ack[k]), len[k], window[k], u32(seqAbs[k]), u32(ackAbs[k]),
                (b & RETRANSMISSION) != 0, explanations(k), analysisPool.get(analysis[k]), frame[k],
                options(k), info[k] < 0 ? null : strings[info[k]]);
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
            long h = explainData[p++];
            String key = strings[(int) (h >>> 32)];
            int n = (int) (h & 0xFF), textMask = (int) ((h >>> 8) & 0xFFFF);
            String[] args = new String[n];
            for (int a = 0; a < n; a++) {
                long v = explainData[p++];
                args[a] = (textMask & (1 << a)) != 0 ? strings[(int) v] : Long.toString(v);
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

    /** Collects events in order; {@link #build} makes the immutable list. Not thread-safe. */
    public static final class Builder {
        private int n, m;
        private int[] ref = new int[64];
        private final List<TraceEvent> others = new ArrayList<>();
        private int[] id = new int[64], bits = new int[64], arrivedDelta = new int[64], droppedDelta = new int[64],
                seq = new int[64], ack = new int[64], seqAbs = new int[64], ackAbs = new int[64], len = new int[64],
                window = new int[64], frame = new int[64], explainAt = new int[64], optionsAt = new int[64],
                analysis = new int[64], info = new int[64];
        private long[] sent = new long[64];
        private long[] explainData = new long[256];
        private int explainN;
        private byte[] optionsData = new byte[1024];
        private int optionsN;
        private final List<List<String>> analysisPool = new ArrayList<>();
        private final Map<List<String>, Integer> analysisIds = new HashMap<>();
        private final List<String> strings = new ArrayList<>();
        private final Map<String, Integer> stringIds = new HashMap<>();

        public Builder add(TraceEvent e) {
            if (n == ref.length) ref = Arrays.copyOf(ref, n * 2);
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
            if (m == id.length) grow();
            int k = m++;
            id[k] = s.id();
            bits[k] = s.flags().bits() | (s.from() == Side.SERVER ? FROM_SERVER : 0) | (s.retransmission() ? RETRANSMISSION : 0);
            sent[k] = s.sent();
            arrivedDelta[k] = arr;
            droppedDelta[k] = drop;
            seq[k] = (int) enc32(s.seq());
            ack[k] = (int) enc32(s.ack());
            seqAbs[k] = (int) enc32(s.seqAbs());
            ackAbs[k] = (int) enc32(s.ackAbs());
            len[k] = s.len();
            window[k] = s.window();
            frame[k] = (int) s.frame();
            explainAt[k] = explainMark;
            optionsAt[k] = optionsMark;
            analysis[k] = analysisId;
            info[k] = infoId;
            return k;
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
                if (x.key() == null || args == null || args.size() > 16 || hasNull(args)) return false;
                int key = string(x.key());
                if (key < 0) return false;
                int mark = explainN;
                put(0);
                int mask = 0;
                for (int a = 0; a < args.size(); a++) {
                    String v = args.get(a);
                    Long num = number(v);
                    if (num != null) {
                        put(num);
                    } else {
                        int sid = string(v);
                        if (sid < 0) return false;
                        mask |= 1 << a;
                        put(sid);
                    }
                }
                explainData[mark] = (long) key << 32 | (long) mask << 8 | args.size();
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

        private void put(long v) {
            if (explainN == explainData.length) explainData = Arrays.copyOf(explainData, explainN * 2);
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
                    optionsData = Arrays.copyOf(optionsData, Math.max(optionsData.length * 2, optionsN + need));
                }
                if (i > 0) optionsData[optionsN++] = '\n';
                for (int c = 0; c < o.length(); c++) optionsData[optionsN++] = (byte) o.charAt(c);
            }
            return true;
        }

        private void grow() {
            int c = id.length * 2;
            id = Arrays.copyOf(id, c);
            bits = Arrays.copyOf(bits, c);
            arrivedDelta = Arrays.copyOf(arrivedDelta, c);
            droppedDelta = Arrays.copyOf(droppedDelta, c);
            seq = Arrays.copyOf(seq, c);
            ack = Arrays.copyOf(ack, c);
            seqAbs = Arrays.copyOf(seqAbs, c);
            ackAbs = Arrays.copyOf(ackAbs, c);
            len = Arrays.copyOf(len, c);
            window = Arrays.copyOf(window, c);
            frame = Arrays.copyOf(frame, c);
            explainAt = Arrays.copyOf(explainAt, c + 1);
            optionsAt = Arrays.copyOf(optionsAt, c + 1);
            analysis = Arrays.copyOf(analysis, c);
            info = Arrays.copyOf(info, c);
            sent = Arrays.copyOf(sent, c);
        }
    }
}
