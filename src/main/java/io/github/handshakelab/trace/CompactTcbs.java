package io.github.handshakelab.trace;

import io.github.handshakelab.tcp.Tcb;
import io.github.handshakelab.tcp.TcpState;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * TCB snapshots in columns (a capture takes two per segment: 37 bytes each here instead of some
 * 100 as records); {@link #get} makes a record equal to the one added. A sample whose numbers do
 * not fit 32 bits is kept as it is. Immutable once built.
 */
public final class CompactTcbs extends AbstractList<Trace.TcbSample> implements RandomAccess {

    private static final long U32_NONE = 0xFFFF_FFFFL;
    private static final TcpState[] STATES = TcpState.values();

    private final int size;
    private final long[] t;
    /** side (bit 7) and state ordinal; 0xFF: kept whole in {@link #others} at index {@code iss[i]}. */
    private final byte[] sideState;
    private final int[] iss, irs, sndUna, sndNxt, rcvNxt, sndWnd, rcvWnd;
    private final Trace.TcbSample[] others;

    private CompactTcbs(Builder b) {
        // taken as they are: the builder was sized for the samples to come (a copy would double them for a moment)
        size = b.n;
        t = b.t;
        sideState = b.sideState;
        iss = b.iss;
        irs = b.irs;
        sndUna = b.sndUna;
        sndNxt = b.sndNxt;
        rcvNxt = b.rcvNxt;
        sndWnd = b.sndWnd;
        rcvWnd = b.rcvWnd;
        others = b.others.toArray(new Trace.TcbSample[0]);
        b.t = null; // a builder makes one list
    }

    @Override
    public int size() { return size; }

    @Override
    public Trace.TcbSample get(int i) {
        java.util.Objects.checkIndex(i, size);
        int ss = sideState[i] & 0xFF;
        if (ss == 0xFF) return others[iss[i]];
        Tcb tcb = new Tcb(STATES[ss & 0x7F], u32(iss[i]), u32(irs[i]), u32(sndUna[i]), u32(sndNxt[i]), u32(rcvNxt[i]),
                sndWnd[i], rcvWnd[i]);
        return new Trace.TcbSample(t[i], (ss & 0x80) != 0 ? Side.SERVER : Side.CLIENT, tcb);
    }

    /** The time of sample {@code i} without making it. */
    public long time(int i) { return t[i]; }

    /** The side of sample {@code i} without making it. */
    public Side side(int i) {
        int ss = sideState[i] & 0xFF;
        return ss == 0xFF ? others[iss[i]].side() : (ss & 0x80) != 0 ? Side.SERVER : Side.CLIENT;
    }

    private static long u32(int v) {
        long x = Integer.toUnsignedLong(v);
        return x == U32_NONE ? -1 : x;
    }

    /** Collects samples in order; {@link #build} makes the immutable list. */
    public static final class Builder {
        private int n;
        private long[] t;
        private byte[] sideState;
        private int[] iss, irs, sndUna, sndNxt, rcvNxt, sndWnd, rcvWnd;
        private final List<Trace.TcbSample> others = new ArrayList<>();

        public Builder() {
            this(64);
        }

        /** {@code samples}: how many will come (a capture takes two per segment): the columns are made that size once. */
        public Builder(int samples) {
            int c = Math.max(16, samples);
            t = new long[c];
            sideState = new byte[c];
            iss = new int[c];
            irs = new int[c];
            sndUna = new int[c];
            sndNxt = new int[c];
            rcvNxt = new int[c];
            sndWnd = new int[c];
            rcvWnd = new int[c];
        }

        public Builder add(Trace.TcbSample s) {
            if (n == t.length) grow();
            Tcb c = s.tcb();
            t[n] = s.t();
            if (c != null && c.state() != null && s.side() != null && fits(c.iss()) && fits(c.irs()) && fits(c.sndUna())
                    && fits(c.sndNxt()) && fits(c.rcvNxt()) && STATES.length < 0x7F) {
                sideState[n] = (byte) ((s.side() == Side.SERVER ? 0x80 : 0) | c.state().ordinal());
                iss[n] = (int) enc(c.iss());
                irs[n] = (int) enc(c.irs());
                sndUna[n] = (int) enc(c.sndUna());
                sndNxt[n] = (int) enc(c.sndNxt());
                rcvNxt[n] = (int) enc(c.rcvNxt());
                sndWnd[n] = c.sndWnd();
                rcvWnd[n] = c.rcvWnd();
            } else {
                sideState[n] = (byte) 0xFF;
                iss[n] = others.size();
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
            iss = Arrays.copyOf(iss, c);
            irs = Arrays.copyOf(irs, c);
            sndUna = Arrays.copyOf(sndUna, c);
            sndNxt = Arrays.copyOf(sndNxt, c);
            rcvNxt = Arrays.copyOf(rcvNxt, c);
            sndWnd = Arrays.copyOf(sndWnd, c);
            rcvWnd = Arrays.copyOf(rcvWnd, c);
        }
    }
}
