package io.github.handshakelab.trace;

import io.github.handshakelab.tcp.Tcb;
import io.github.handshakelab.tcp.TcpState;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * TCB snapshots in columns: a capture takes two per segment, some 100 bytes each as records,
 * about 25 here. The ISS, IRS and both windows rarely change, so their columns exist only once a
 * sample differs from its side's first one. {@link #get} makes a record equal to the one added;
 * a sample whose numbers do not fit 32 bits is kept as it is. Immutable once built.
 */
public final class CompactTcbs extends AbstractList<Trace.TcbSample> implements RandomAccess {

    private static final long U32_NONE = 0xFFFF_FFFFL;
    private static final TcpState[] STATES = TcpState.values();
    private static final int ISS = 0, IRS = 1, SND_WND = 2, RCV_WND = 3;

    private final int size;
    private final long[] t;
    /** side (bit 7) and state ordinal; 0xFF: kept whole in {@link #others} at index {@code sndUna[i]}. */
    private final byte[] sideState;
    private final int[] sndUna, sndNxt, rcvNxt;
    /** ISS, IRS, SND.WND, RCV.WND: a column per field, null while every sample has its side's usual value. */
    private final int[][] rare;
    private final int[][] usual;
    private final Trace.TcbSample[] others;

    private CompactTcbs(Builder b) {
        // taken as they are: the builder was sized for the samples to come (a copy would double them for a moment)
        size = b.n;
        t = b.t;
        sideState = b.sideState;
        sndUna = b.sndUna;
        sndNxt = b.sndNxt;
        rcvNxt = b.rcvNxt;
        rare = b.rare;
        usual = b.usual;
        others = b.others.toArray(new Trace.TcbSample[0]);
        b.t = null; // a builder makes one list
    }

    @Override
    public int size() { return size; }

    @Override
    public Trace.TcbSample get(int i) {
        java.util.Objects.checkIndex(i, size);
        int ss = sideState[i] & 0xFF;
        if (ss == 0xFF) return others[sndUna[i]];
        int side = ss >>> 7;
        Tcb tcb = new Tcb(STATES[ss & 0x7F], u32(field(ISS, side, i)), u32(field(IRS, side, i)), u32(sndUna[i]), u32(sndNxt[i]),
                u32(rcvNxt[i]), field(SND_WND, side, i), field(RCV_WND, side, i));
        return new Trace.TcbSample(t[i], side == 1 ? Side.SERVER : Side.CLIENT, tcb);
    }

    private int field(int f, int side, int i) { return rare[f] == null ? usual[f][side] : rare[f][i]; }

    /** The time of sample {@code i} without making it. */
    public long time(int i) { return t[i]; }

    /** The side of sample {@code i} without making it. */
    public Side side(int i) {
        int ss = sideState[i] & 0xFF;
        return ss == 0xFF ? others[sndUna[i]].side() : (ss & 0x80) != 0 ? Side.SERVER : Side.CLIENT;
    }

    private static long u32(int v) {
        long x = Integer.toUnsignedLong(v);
        return x == U32_NONE ? -1 : x;
    }

    /** Collects samples in order; {@link #build} makes the immutable list (once). */
    public static final class Builder {
        private int n;
        private long[] t;
        private byte[] sideState;
        private int[] sndUna, sndNxt, rcvNxt;
        private final int[][] rare = new int[4][];
        private final int[][] usual = new int[4][2];
        private final boolean[] seen = new boolean[2];
        private final List<Trace.TcbSample> others = new ArrayList<>();

        public Builder() {
            this(64);
        }

        /** {@code samples}: how many will come (a capture takes two per segment): the columns are made that size once. */
        public Builder(int samples) {
            int c = Math.max(16, samples);
            t = new long[c];
            sideState = new byte[c];
            sndUna = new int[c];
            sndNxt = new int[c];
            rcvNxt = new int[c];
        }

        public Builder add(Trace.TcbSample s) {
            if (n == t.length) grow();
            Tcb c = s.tcb();
            t[n] = s.t();
            if (c != null && c.state() != null && s.side() != null && fits(c.iss()) && fits(c.irs()) && fits(c.sndUna())
                    && fits(c.sndNxt()) && fits(c.rcvNxt()) && STATES.length < 0x7F) {
                int side = s.side() == Side.SERVER ? 1 : 0;
                sideState[n] = (byte) (side << 7 | c.state().ordinal());
                sndUna[n] = (int) enc(c.sndUna());
                sndNxt[n] = (int) enc(c.sndNxt());
                rcvNxt[n] = (int) enc(c.rcvNxt());
                int[] v = {(int) enc(c.iss()), (int) enc(c.irs()), c.sndWnd(), c.rcvWnd()};
                if (!seen[side]) {
                    seen[side] = true;
                    for (int f = 0; f < 4; f++) usual[f][side] = v[f];
                }
                for (int f = 0; f < 4; f++) {
                    if (rare[f] == null && v[f] != usual[f][side]) {
                        // the first sample off its side's usual value: the column is needed from now on
                        rare[f] = new int[t.length];
                        for (int j = 0; j < n; j++) {
                            int ss = sideState[j] & 0xFF;
                            if (ss != 0xFF) rare[f][j] = usual[f][ss >>> 7];
                        }
                    }
                    if (rare[f] != null) {
                        if (rare[f].length < t.length) rare[f] = Arrays.copyOf(rare[f], t.length);
                        rare[f][n] = v[f];
                    }
                }
            } else {
                sideState[n] = (byte) 0xFF;
                sndUna[n] = others.size();
                others.add(s);
            }
            n++;
            return this;
        }

        public CompactTcbs build() { return new CompactTcbs(this); }

        /** -1 (no IRS yet) and 0..2^32-2 fit. */
        private static boolean fits(long v) { return v == -1 || v >= 0 && v < U32_NONE; }

        private static long enc(long v) { return v == -1 ? U32_NONE : v; }

        private void grow() {
            int c = t.length + (t.length >> 1) + 16;
            t = Arrays.copyOf(t, c);
            sideState = Arrays.copyOf(sideState, c);
            sndUna = Arrays.copyOf(sndUna, c);
            sndNxt = Arrays.copyOf(sndNxt, c);
            rcvNxt = Arrays.copyOf(rcvNxt, c);
        }
    }
}
