package io.github.handshakelab.capture;

import io.github.handshakelab.tcp.SeqNumber;
import io.github.handshakelab.tcp.Tcb;
import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Endpoint;
import io.github.handshakelab.text.Explanation;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the segments of one conversation into a {@link Trace}: relative numbers as Wireshark
 * shows them, Wireshark's analysis flags, TCP options, TLS record names, and both endpoints'
 * states inferred from what the capture shows. A capture sees one point of the path, so a
 * segment is taken to arrive when it is seen, except that the receipt of a FIN whose FINs cross
 * (simultaneous close) is inferred only when the receiver shows it. Causes use the simulator's
 * vocabulary: the user call (CONNECT, CLOSE) or the flags of the segment that made the change.
 */
public final class CaptureTraceBuilder implements ConversationIndex.SegmentListener {

    /**
     * Segments kept for one trace: beyond this a conversation is cut with a note. About 60 bytes
     * per segment are kept (columns of primitives), so a million segments take some 60 MB and
     * the limit is only a guard against array overflow; {@code render --capture} streams the
     * text and JSON out instead of holding the trace.
     */
    public static final int MAX_SEGMENTS = 100_000_000;

    /**
     * Conversations longer than this are kept in columns ({@link io.github.handshakelab.trace.CompactEvents}):
     * equal events, made when asked. Shorter ones keep their records, so that an event asked for
     * twice is the same object, as code that compares events by identity expects.
     */
    public static final int COMPACT_ABOVE = 10_000;

    /** Wireshark's default threshold below which an earlier sequence number is "out of order", not a retransmission. */
    private static final long OOO_THRESHOLD_US = 3_000;

    /** Wireshark's window after the last duplicate ACK within which a resend of the acked seq is a fast retransmission. */
    private static final long FAST_RTX_US = 20_000;

    /** Reader warnings shown as notes in one trace; the rest are counted in one more note. */
    static final int MAX_WARNING_NOTES = 20;

    private record Seg(long frame, long offset, long time, boolean fromClient, int seq, int ack, int flags, boolean truncated,
                       int window,
                       int len, List<String> options, int wsShift, String info) {
        boolean has(int f) { return (flags & f) != 0; }
    }

    /** A flag bit beside the TCP flags: the header was cut by the snap length. */
    private static final int TRUNCATED = 1 << 29;

    private final int stream;
    private final Segs segs = new Segs();
    private final TlsNamer[] tls = {new TlsNamer(), new TlsNamer()};
    private boolean truncated;

    public CaptureTraceBuilder(int stream) {
        this.stream = stream;
    }

    public int stream() {
        return stream;
    }

    public int segmentCount() {
        return segs.size();
    }

    @Override
    public void onSegment(int s, boolean fromClient, RawPacket p, TcpView v) {
        if (s != stream) return;
        if (segs.size() >= MAX_SEGMENTS) {
            truncated = true;
            return;
        }
        int from = v.tcpOff + 20, to = Math.min(v.tcpOff + v.tcpHeaderLen, p.capLen); // options cut by the snap length are lost
        byte[] rawOptions = to > from ? java.util.Arrays.copyOfRange(p.data, from, to) : null;
        int ws = rawOptions == null ? -1 : parseOptions(rawOptions, 0, rawOptions.length, new ArrayList<>(4));
        String info = tls[fromClient ? 0 : 1].name(v.seq, p.data, v.payloadOff, v.payloadCaptured, v.payloadLen);
        segs.add(p.frame, p.offset, p.timeMicros, fromClient, v.seq, v.ack, v.flags | (v.truncated ? TRUNCATED : 0), v.window, v.payloadLen,
                rawOptions, ws, info);
    }

    /**
     * The segments of the conversation in columns of primitives: a million segments in some 60 MB
     * instead of a record, a list and strings each. {@link #get} makes the short-lived record.
     */
    private static final class Segs {
        private int n;
        private long[] frame = new long[16], offset = new long[16], time = new long[16];
        private int[] seq = new int[16], ack = new int[16], flags = new int[16], window = new int[16], len = new int[16];
        private byte[] ws = new byte[16];
        private Object[] options = new Object[16], info = new Object[16];
        private static final int FROM_CLIENT = 1 << 30;

        int size() { return n; }

        boolean isEmpty() { return n == 0; }

        void add(long fr, long off, long t, boolean fromClient, int sq, int ak, int fl, int win, int ln, byte[] opts,
                 int wsShift, String inf) {
            if (n == frame.length) {
                int c = n * 2;
                frame = java.util.Arrays.copyOf(frame, c);
                offset = java.util.Arrays.copyOf(offset, c);
                time = java.util.Arrays.copyOf(time, c);
                seq = java.util.Arrays.copyOf(seq, c);
                ack = java.util.Arrays.copyOf(ack, c);
                flags = java.util.Arrays.copyOf(flags, c);
                window = java.util.Arrays.copyOf(window, c);
                len = java.util.Arrays.copyOf(len, c);
                ws = java.util.Arrays.copyOf(ws, c);
                options = java.util.Arrays.copyOf(options, c);
                info = java.util.Arrays.copyOf(info, c);
            }
            frame[n] = fr;
            offset[n] = off;
            time[n] = t;
            seq[n] = sq;
            ack[n] = ak;
            flags[n] = fl | (fromClient ? FROM_CLIENT : 0);
            window[n] = win;
            len[n] = ln;
            ws[n] = (byte) wsShift;
            options[n] = opts;
            info[n] = inf;
            n++;
        }

        boolean fromClient(int i) { return (flags[i] & FROM_CLIENT) != 0; }

        Seg get(int i) {
            List<String> opts = List.of();
            if (options[i] != null) {
                byte[] o = (byte[]) options[i];
                List<String> names = new ArrayList<>(4);
                parseOptions(o, 0, o.length, names);
                opts = List.copyOf(names);
            }
            return new Seg(frame[i], offset[i], time[i], fromClient(i), seq[i], ack[i], flags[i] & ~(FROM_CLIENT | TRUNCATED),
                    (flags[i] & TRUNCATED) != 0, window[i],
                    len[i], opts, ws[i], (String) info[i]);
        }
    }

    /** Lists the options as Wireshark names them; returns the window scale shift, or -1. The decoder checked the lengths. */
    static int parseOptions(byte[] d, int from, int to, List<String> out) {
        int ws = -1;
        for (int i = from; i < to; ) {
            int kind = d[i] & 0xff;
            if (kind == 0) break;
            if (kind == 1) {
                i++;
                continue;
            }
            if (i + 1 >= to) break;
            int len = d[i + 1] & 0xff;
            if (len < 2 || i + len > to) break;
            switch (kind) {
                case 2 -> { if (len == 4) out.add("MSS=" + PacketDecoder.u16(d, i + 2)); }
                case 3 -> {
                    if (len == 3) {
                        ws = d[i + 2] & 0xff;
                        out.add("WS=" + ws);
                        ws = Math.min(ws, 14); // RFC 7323 §2.3: larger shifts are used as 14
                    }
                }
                case 4 -> out.add("SACK_PERM");
                case 5 -> {
                    StringBuilder s = new StringBuilder("SACK");
                    for (int j = i + 2; j + 8 <= i + len; j += 8) {
                        s.append(' ').append(Integer.toUnsignedString((int) CaptureReader.u32(d, j, true)))
                         .append('-').append(Integer.toUnsignedString((int) CaptureReader.u32(d, j + 4, true)));
                    }
                    out.add(s.toString());
                }
                case 8 -> {
                    if (len == 10) out.add("TS val=" + CaptureReader.u32(d, i + 2, true) + " ecr=" + CaptureReader.u32(d, i + 6, true));
                }
                case 30 -> out.add("MPTCP");
                case 34 -> out.add("TFO");
                default -> out.add("OPT" + kind + " len=" + len);
            }
            i += len;
        }
        return ws;
    }

    /** Per-direction bookkeeping for relative numbers and the analysis flags. */
    private static final class Dir {
        boolean baseKnown;
        int base;
        boolean nextValid;
        int next;            // highest seq + space seen from this side
        long nextTime;       // when that highest segment was seen
        boolean ackValid;
        int lastAck;
        int lastWindow = -1;
        int dupAcks;         // duplicate ACKs of lastAck sent by this side in a row
        long lastDupAckTime;
        int ws = -1;         // WS option in this side's SYN
        boolean synSeen;
        int isn;
        boolean finSent;
        int finSeq;
        boolean finReceivedByPeer;
        boolean sentAnything;
        boolean rejectedSynAck;  // this side got a SYN-ACK whose ack was not its ISN + 1
        int rejectedAck;         // that SYN-ACK's ack: the seq of the RST that refuses it
        boolean passiveOpen;     // this side reached SYN_RCVD from LISTEN
        boolean lastKeepAlive;       // this side's last segment was a keep-alive
        boolean lastZeroWindowProbe; // ... or a zero window probe
        boolean sentPureSyn;     // a SYN without ACK: an active open
        boolean sentSynAck;
        int rstPendingUntil = -1;
        int timeWaitPendingUntil = -1; // in CLOSING, the ACK of its FIN crossed its own ACK at this index: TIME_WAIT after it // a reset to this side crossed its segments up to this index: it closes after that one

        long rel(int abs) {
            return Integer.toUnsignedLong(abs - base);
        }
    }

    public Trace build(String fileName, Conversation conv) {
        return build(fileName, conv, List.of(), false);
    }

    /**
     * Builds the trace with the reader's warnings as notes, each placed where the damage is in
     * the file (before the first segment read after it), so the diagram shows where packets
     * went missing. {@code stoppedEarly}: the last warning ended the reading.
     */
    public Trace build(String fileName, Conversation conv, List<CaptureWarning> warnings, boolean stoppedEarly) {
        if (segs.size() > COMPACT_ABOVE) {
            // In columns (trace.CompactEvents/CompactTcbs): a million segments open in the app within 512 MiB.
            io.github.handshakelab.trace.CompactEvents.Builder events = new io.github.handshakelab.trace.CompactEvents.Builder(segs.size());
            io.github.handshakelab.trace.CompactTcbs.Builder tcbs = new io.github.handshakelab.trace.CompactTcbs.Builder(segs.size() * 2);
            emit(conv, warnings, stoppedEarly, events::add, tcbs::add);
            return new Trace(Trace.Source.CAPTURE, null, fileName, client(conv), server(conv), events.build(), tcbs.build());
        }
        List<TraceEvent> events = new ArrayList<>(segs.size() * 2 + 8);
        List<Trace.TcbSample> tcbs = new ArrayList<>(segs.size() * 2);
        emit(conv, warnings, stoppedEarly, events::add, tcbs::add);
        return new Trace(Trace.Source.CAPTURE, null, fileName, client(conv), server(conv), events, tcbs);
    }

    /** The trace without events: what a streaming writer needs before the first event. */
    public static Trace header(String fileName, Conversation conv) {
        return new Trace(Trace.Source.CAPTURE, null, fileName, client(conv), server(conv), List.of(), List.of());
    }

    private static Endpoint client(Conversation conv) {
        return new Endpoint(Side.CLIENT, conv.client(), conv.clientAddress(), conv.clientPort());
    }

    private static Endpoint server(Conversation conv) {
        return new Endpoint(Side.SERVER, conv.server(), conv.serverAddress(), conv.serverPort());
    }

    /** Whether the conversation's first segment carries SYN. */
    public boolean startsWithSyn() {
        return !segs.isEmpty() && (segs.get(0).flags & TcpFlags.SYN) != 0;
    }

    /**
     * The events of {@link #build} in order, handed to {@code events} one at a time (and the TCB
     * snapshots to {@code tcbs}, which may be null), so that a caller can write them out without
     * holding them: only the segments' columns stay in memory.
     */
    public void emit(Conversation conv, List<CaptureWarning> warnings, boolean stoppedEarly,
                     java.util.function.Consumer<TraceEvent> events, java.util.function.Consumer<Trace.TcbSample> tcbs) {
        build0(conv, warnings, stoppedEarly, events, tcbs == null ? x -> { } : tcbs);
    }

    private static Explanation warningNote(CaptureWarning w, boolean stop) {
        String key = (stop ? "capture.note.stopped" : "capture.note.warning") + (w.packet() > 0 ? "" : ".nopacket");
        return w.packet() > 0 ? Explanation.of(key, w.offset(), w.packet(), w.message())
                : Explanation.of(key, w.offset(), w.message());
    }

    private void build0(Conversation conv, List<CaptureWarning> warnings, boolean stoppedEarly,
                        java.util.function.Consumer<TraceEvent> events, java.util.function.Consumer<Trace.TcbSample> tcbs) {
        if (segs.isEmpty()) return;
        Dir[] dirs = {new Dir(), new Dir()};
        TcpState[] st = {TcpState.CLOSED, TcpState.CLOSED};
        boolean[] changed = {false, false};
        StateLog log = new StateLog(events, st, changed);
        long t0 = segs.get(0).time;
        long lastT = 0;
        Seg first = segs.get(0);
        if (!first.has(TcpFlags.SYN)) {
            events.accept(new TraceEvent.Note(0, Explanation.of("capture.note.midstream")));
            log.change(0, Side.CLIENT, TcpState.ESTABLISHED, "MIDSTREAM");
            log.change(0, Side.SERVER, TcpState.ESTABLISHED, "MIDSTREAM");
        } else if (first.has(TcpFlags.ACK) && !first.fromClient) {
            events.accept(new TraceEvent.Note(0, Explanation.of("capture.note.nosyn")));
            log.change(0, Side.CLIENT, TcpState.SYN_SENT, "CONNECT");
        }
        boolean scaleKnown = false;
        int id = 0;
        int nextWarning = 0, shownWarnings = 0;
        for (int i = 0; i < segs.size(); i++) {
            Seg s = segs.get(i);
            while (nextWarning < warnings.size() && warnings.get(nextWarning).offset() <= s.offset) {
                if (shownWarnings++ < MAX_WARNING_NOTES) {
                    events.accept(new TraceEvent.Note(lastT, warningNote(warnings.get(nextWarning), false)));
                }
                nextWarning++;
            }
            Side from = s.fromClient ? Side.CLIENT : Side.SERVER;
            Side to = from.other();
            Dir x = dirs[from.ordinal()], y = dirs[to.ordinal()];
            long t = Math.max(lastT, s.time - t0); // timestamps going backwards are clamped: times stay ordered
            lastT = t;
            boolean syn = s.has(TcpFlags.SYN), ack = s.has(TcpFlags.ACK), fin = s.has(TcpFlags.FIN), rst = s.has(TcpFlags.RST);
            // Relative numbers as Wireshark: from the ISN for a SYN, else so that the first seq seen is 1.
            if (!x.baseKnown) {
                x.baseKnown = true;
                x.base = syn ? s.seq : s.seq - 1;
            }
            if (ack && !y.baseKnown) {
                y.baseKnown = true;
                y.base = s.ack - 1;
            }
            // RFC 9293 §3.5: after crossing SYNs each side answers with a SYN-ACK that repeats its own
            // SYN's sequence number; that is the handshake, not a resend, so no retransmission flags.
            boolean simultaneousOpen = syn && ack && x.sentPureSyn && y.sentPureSyn && !x.sentSynAck && s.seq == x.isn;
            if (syn && x.synSeen && s.seq != x.isn && (st[from.ordinal()] == TcpState.LISTEN || st[from.ordinal()] == TcpState.CLOSED)) {
                // A new connection attempt with a new ISN (e.g. after a reset): numbers restart from it, as in Wireshark.
                x.base = s.seq;
                x.nextValid = false;
            }
            if (syn) {
                if (!ack) x.sentPureSyn = true;
                x.synSeen = true;
                x.isn = s.seq;
                x.ws = s.wsShift;
                if (dirs[0].synSeen && dirs[1].synSeen) scaleKnown = true;
            }
            int space = s.len + (syn ? 1 : 0) + (fin ? 1 : 0);
            long seqRel = x.rel(s.seq), ackRel = ack ? y.rel(s.ack) : TraceEvent.NONE;
            // RFC 7323 §2.2: the window of a SYN is never scaled; scaling applies once both SYNs carried WS.
            int window = s.window;
            if (!syn && scaleKnown && x.ws >= 0 && y.ws >= 0) window = (int) Math.min(Integer.MAX_VALUE, (long) s.window << x.ws);

            List<String> analysis = new ArrayList<>(2);
            List<Explanation> explain = new ArrayList<>(3);
            boolean plain = !syn && !fin && !rst;
            // Wireshark: exactly 1 byte at the next seq while the peer's window is 0; it skips the other tests.
            boolean zeroWindowProbe = s.len == 1 && x.nextValid && s.seq == x.next && y.lastWindow == 0;
            if (zeroWindowProbe) analysis.add("ZERO_WINDOW_PROBE");
            boolean keepAlive = !zeroWindowProbe && s.len <= 1 && plain && x.nextValid && s.seq == x.next - 1;
            if (keepAlive) analysis.add("KEEP_ALIVE");
            boolean retrans = false;
            boolean fastRetrans = false;
            if (!keepAlive && !simultaneousOpen && space > 0 && x.nextValid && new SeqNumber(s.seq).lt(new SeqNumber(x.next))) {
                // Checked first, as Wireshark does: >= 2 duplicate ACKs of exactly this seq from the
                // peer (some may be missing from the capture), and the resend within 20 ms of the last.
                if (s.len > 0 && y.ackValid && y.lastAck == s.seq && y.dupAcks >= 2 && s.time - y.lastDupAckTime < FAST_RTX_US) {
                    analysis.add("FAST_RETRANSMISSION");
                    analysis.add("RETRANSMISSION");
                    retrans = true;
                    fastRetrans = true;
                } else if (s.len > 0 && y.ackValid && new SeqNumber(s.seq + space).le(new SeqNumber(y.lastAck))) {
                    // Wireshark calls only a resend of data spurious; a bare FIN or SYN resent is a plain retransmission.
                    analysis.add("SPURIOUS_RETRANSMISSION"); // Wireshark flags it as a retransmission as well
                    analysis.add("RETRANSMISSION");
                    retrans = true;
                } else if (s.time - x.nextTime < OOO_THRESHOLD_US && s.time >= x.nextTime) {
                    analysis.add("OUT_OF_ORDER");
                } else {
                    analysis.add("RETRANSMISSION");
                    retrans = true;
                }
            }
            boolean gap = !zeroWindowProbe && !rst && x.nextValid && new SeqNumber(s.seq).gt(new SeqNumber(x.next));
            if (gap) analysis.add("PREVIOUS_SEGMENT_NOT_CAPTURED");
            boolean repeatsAck = plain && s.len == 0 && ack && x.ackValid && x.nextValid && s.seq == x.next && s.ack == x.lastAck;
            // Wireshark: the answer to a keep-alive or to a zero window probe repeats the last ACK by
            // design, so it is flagged as that answer and never as a duplicate ACK.
            boolean keepAliveAck = repeatsAck && window != 0 && window == x.lastWindow && y.lastKeepAlive;
            boolean probeAck = repeatsAck && window == 0 && x.lastWindow == 0 && y.lastZeroWindowProbe;
            if (keepAliveAck) analysis.add("KEEP_ALIVE_ACK");
            if (repeatsAck && !keepAliveAck && !probeAck) {
                // A window of 0 is never a duplicate ACK (Wireshark requires a non-zero window).
                if (window == x.lastWindow && window != 0) analysis.add("DUP_ACK");
                else if (window != 0) analysis.add("WINDOW_UPDATE"); // a window closing to 0 is a ZERO_WINDOW only
            }
            if (ack && y.sentAnything && y.nextValid && new SeqNumber(s.ack).gt(new SeqNumber(y.next))) {
                analysis.add("ACKED_UNSEEN_SEGMENT");
            }
            if (window == 0 && plain) analysis.add("ZERO_WINDOW");
            if (probeAck) analysis.add("ZERO_WINDOW_PROBE_ACK");
            if (s.truncated) analysis.add("TRUNCATED");

            // Explanations: how seq and ack relate to what came before.
            String who = from.id(), peer = to.id(); // side-specific keys: "client"/"server" are translated in the bundle
            if (syn && !ack) {
                explain.add(Explanation.of("capture.explain.syn." + who, Integer.toUnsignedString(s.seq)));
            } else if (simultaneousOpen && s.ack == y.isn + 1) {
                explain.add(Explanation.of("capture.explain.synack.simultaneous." + who, Integer.toUnsignedString(s.seq), ackRel));
            } else if (syn && y.synSeen && s.ack != y.isn + 1) {
                // RFC 9293 §3.10.7.3: in SYN_SENT an ACK outside ISS < SEG.ACK <= SND.NXT is unacceptable.
                explain.add(Explanation.of("capture.explain.synack.badack." + who, Integer.toUnsignedString(s.seq), ackRel));
            } else if (syn) {
                explain.add(Explanation.of("capture.explain.synack." + who, Integer.toUnsignedString(s.seq), ackRel));
            } else if (fastRetrans) {
                explain.add(Explanation.of("capture.explain.seq.fastretrans", seqRel, x.rel(x.next), y.dupAcks));
            } else if (retrans) {
                explain.add(Explanation.of("capture.explain.seq.retrans", seqRel, x.rel(x.next)));
            } else if (analysis.contains("OUT_OF_ORDER")) {
                explain.add(Explanation.of("capture.explain.seq.ooo", seqRel, x.rel(x.next)));
            } else if (gap) {
                explain.add(Explanation.of("capture.explain.seq.gap", seqRel, x.rel(x.next), Integer.toUnsignedLong(s.seq - x.next)));
            } else if (x.nextValid && s.seq == x.next) {
                explain.add(Explanation.of("capture.explain.seq.next", seqRel));
            } else if (i == 0) {
                explain.add(Explanation.of("capture.explain.seq.first", seqRel));
            }
            if (s.len > 0) explain.add(Explanation.of("capture.explain.data", s.len, seqRel, seqRel + s.len - 1));
            if (ack && !syn) explain.add(Explanation.of("capture.explain.ack." + peer, ackRel));
            if (fin) explain.add(Explanation.of("capture.explain.fin", seqRel + s.len, seqRel + s.len + 1));
            if (fin && !x.finSent && y.finSent && !(ack && new SeqNumber(s.ack).ge(new SeqNumber(y.finSeq + 1)))) {
                explain.add(Explanation.of("capture.explain.fin.crossed." + peer)); // RFC 9293 §3.6, simultaneous close
            }
            boolean refusesSynAck = rst && x.rejectedSynAck && st[from.ordinal()] == TcpState.SYN_SENT && s.seq == x.rejectedAck;
            if (refusesSynAck) explain.add(Explanation.of("capture.explain.rst.badsynack." + who));
            else if (rst) explain.add(Explanation.of("capture.explain.rst"));
            if (rst) {
                TcpState r = st[to.ordinal()];
                if (r == TcpState.SYN_RCVD && y.passiveOpen) explain.add(Explanation.of("capture.explain.rst.listen." + peer));
            }
            // A SYN-ACK with an unacceptable ack is explained as such above: its ack proves nothing was sent.
            if (analysis.contains("ACKED_UNSEEN_SEGMENT") && !(syn && y.synSeen && s.ack != y.isn + 1)) {
                explain.add(Explanation.of("capture.explain.ackedunseen." + peer, ackRel, y.rel(y.next)));
            }
            if (analysis.contains("DUP_ACK")) explain.add(Explanation.of("capture.explain.dupack", ackRel));
            if (analysis.contains("WINDOW_UPDATE")) explain.add(Explanation.of("capture.explain.winupdate", window));
            if (analysis.contains("ZERO_WINDOW")) explain.add(Explanation.of("capture.explain.zerowindow"));
            if (keepAlive) explain.add(Explanation.of("capture.explain.keepalive"));
            if (keepAliveAck) explain.add(Explanation.of("capture.explain.keepaliveack", ackRel));
            if (zeroWindowProbe) explain.add(Explanation.of("capture.explain.zwp", seqRel));
            if (probeAck) explain.add(Explanation.of("capture.explain.zwpack", ackRel));
            if (s.truncated) explain.add(Explanation.of("capture.explain.truncated"));

            // States the sender shows by sending this segment (RFC 9293 §3.3.2 / §3.10).
            int peerIdx = to.ordinal();
            if (ack && y.finSent && !y.finReceivedByPeer && new SeqNumber(s.ack).ge(new SeqNumber(y.finSeq + 1))) {
                finReceived(log, t, from, dirs); // acknowledging the peer's FIN shows it arrived
            }
            if (rst) {
                // The reset refusing a bad SYN-ACK leaves the sender in SYN_SENT (RFC 9293 §3.10.7.3).
                if (!refusesSynAck) log.change(t, from, TcpState.CLOSED, "RST");
            } else {
                TcpState a = st[from.ordinal()];
                if (syn && !ack && a == TcpState.CLOSED) log.change(t, from, TcpState.SYN_SENT, "CONNECT");
                if (syn && ack && (a == TcpState.CLOSED || a == TcpState.LISTEN)) {
                    if (!changed[from.ordinal()]) st[from.ordinal()] = TcpState.LISTEN; // it was listening
                    x.passiveOpen = st[from.ordinal()] == TcpState.LISTEN;
                    log.change(t, from, TcpState.SYN_RCVD, "SYN");
                } else if (syn && ack && a == TcpState.SYN_SENT) {
                    log.change(t, from, TcpState.SYN_RCVD, "SYN"); // simultaneous open
                }
                if (!syn && ack && st[from.ordinal()] == TcpState.SYN_SENT && y.synSeen
                        && new SeqNumber(s.ack).ge(new SeqNumber(y.isn + 1))) {
                    log.change(t, from, TcpState.ESTABLISHED, "SYN, ACK");
                }
                if (fin && !x.finSent) {
                    TcpState b = st[from.ordinal()];
                    if (b == TcpState.ESTABLISHED || b == TcpState.SYN_RCVD) log.change(t, from, TcpState.FIN_WAIT_1, "CLOSE");
                    else if (b == TcpState.CLOSE_WAIT) log.change(t, from, TcpState.LAST_ACK, "CLOSE");
                }
            }
            if (fin && !x.finSent) {
                x.finSent = true;
                x.finSeq = s.seq + s.len;
            }

            id++;
            events.accept(new TraceEvent.Segment(id, from, t, TraceEvent.NONE, TraceEvent.NONE, new TcpFlags(s.flags),
                    seqRel, ackRel, s.len, window, Integer.toUnsignedLong(s.seq),
                    ack ? Integer.toUnsignedLong(s.ack) : TraceEvent.NONE, retrans, explain, analysis, s.frame,
                    s.options, s.info));

            // States the receiver enters on arrival (taken to be when the capture saw the segment).
            TcpState b = st[peerIdx];
            if (rst) {
                int n = nextFrom(i, to);
                // RFC 9293 §3.10.7.4 (second check): a passive opener in SYN_RCVD goes back to LISTEN.
                if (b == TcpState.SYN_RCVD && y.passiveOpen) {
                    log.change(t, to, TcpState.LISTEN, "RST");
                } else if (y.rstPendingUntil > i) {
                    // An earlier reset already closes it after its crossing segments (one scan per side, not per reset).
                } else if (b != TcpState.CLOSED && b != TcpState.LISTEN && n >= 0 && !segs.get(n).has(TcpFlags.RST)
                        && b != TcpState.SYN_SENT) {
                    // The receiver still sends segments (not resets answering this one): a closed TCP sends
                    // nothing else (RFC 9293 §3.10.7.1), so they left before the reset arrived, which
                    // takes effect only after the last of them.
                    int last = n;
                    for (int j = n; j >= 0; j = nextFrom(j, to)) if (!segs.get(j).has(TcpFlags.RST)) last = j;
                    y.rstPendingUntil = last;
                    events.accept(new TraceEvent.Note(t, last == n
                            ? Explanation.of("capture.note.rst.crossed." + peer, id, n + 1, b.name())
                            : Explanation.of("capture.note.rst.crossed.many." + peer, id, n + 1, b.name(), last + 1)));
                } else if (b != TcpState.CLOSED && b != TcpState.LISTEN) {
                    log.change(t, to, TcpState.CLOSED, "RST");
                }
            } else {
                if (x.finSent && !x.finReceivedByPeer && !(fin && s.seq + s.len == x.finSeq && crossing(i, to))) {
                    // An earlier FIN from this side (or this one, unless the peer's FIN crosses it) has arrived.
                    boolean acksPeerFin = ack && y.finSent && new SeqNumber(s.ack).ge(new SeqNumber(y.finSeq + 1));
                    if (fin && acksPeerFin && b == TcpState.FIN_WAIT_1) {
                        x.finReceivedByPeer = true;
                        log.change(t, to, TcpState.TIME_WAIT, "FIN, ACK"); // RFC 9293 §3.10.7.4
                        b = st[peerIdx];
                    } else {
                        finReceived(log, t, to, dirs);
                        b = st[peerIdx];
                    }
                }
                if (syn && ack && (b == TcpState.SYN_SENT || b == TcpState.SYN_RCVD) && y.synSeen && s.ack != y.isn + 1) {
                    y.rejectedSynAck = true; // unacceptable ACK: it stays in its state and answers with a reset
                    y.rejectedAck = s.ack;
                } else if (syn && ack && (b == TcpState.SYN_SENT || b == TcpState.SYN_RCVD)) {
                    log.change(t, to, TcpState.ESTABLISHED, "SYN, ACK");
                } else if (syn && !ack && b == TcpState.SYN_SENT) {
                    log.change(t, to, TcpState.SYN_RCVD, "SYN"); // simultaneous open
                } else if (!syn && ack && b == TcpState.SYN_RCVD && y.synSeen && new SeqNumber(s.ack).ge(new SeqNumber(y.isn + 1))) {
                    int again = resentNext(i, to, true, 0);
                    if (again < 0) log.change(t, to, TcpState.ESTABLISHED, "ACK");
                    else events.accept(new TraceEvent.Note(t, Explanation.of("capture.note.acklost.synack." + peer, id, again + 1)));
                }
                b = st[peerIdx];
                if (ack && y.finSent && new SeqNumber(s.ack).ge(new SeqNumber(y.finSeq + 1))) {
                    // The peer sending its FIN again shows this ACK never reached it (RFC 9293 §3.10.7.4: a
                    // FIN is retransmitted until acknowledged), so it stays where it was.
                    int again = b == TcpState.FIN_WAIT_1 || b == TcpState.CLOSING || b == TcpState.LAST_ACK
                            ? resentNext(i, to, false, y.finSeq) : -1;
                    if (again >= 0) {
                        events.accept(new TraceEvent.Note(t, Explanation.of("capture.note.acklost.fin." + peer, id, again + 1, b.name())));
                    } else if (b == TcpState.FIN_WAIT_1) log.change(t, to, TcpState.FIN_WAIT_2, "ACK");
                    else if (b == TcpState.CLOSING && acksFinFirst(nextFrom(i, to), y, x)) {
                        // Simultaneous close: the receiver's own next segment is its first ACK of our FIN.
                        // That ACK left when our FIN arrived, in CLOSING (RFC 9293 §3.10.7.4, Figure 13), so
                        // the two ACKs crossed; TIME_WAIT comes once this one arrives, after it was sent.
                        int n = nextFrom(i, to);
                        y.timeWaitPendingUntil = n;
                        events.accept(new TraceEvent.Note(t, Explanation.of("capture.note.ack.crossed." + peer, id, n + 1)));
                    }
                    else if (b == TcpState.CLOSING) log.change(t, to, TcpState.TIME_WAIT, "ACK");
                    else if (b == TcpState.LAST_ACK) log.change(t, to, TcpState.CLOSED, "ACK");
                }
            }

            if (x.timeWaitPendingUntil == i) {
                x.timeWaitPendingUntil = -1;
                if (st[from.ordinal()] == TcpState.CLOSING) log.change(t, from, TcpState.TIME_WAIT, "ACK"); // the crossed ACK arrives now
            }
            if (x.rstPendingUntil == i) {
                x.rstPendingUntil = -1;
                log.change(t, from, TcpState.CLOSED, "RST"); // the crossed reset arrives now
            }

            // Bookkeeping for the next segments.
            x.sentAnything = true;
            if (syn && ack) x.sentSynAck = true;
            x.lastKeepAlive = keepAlive;
            x.lastZeroWindowProbe = zeroWindowProbe;
            // A probe byte is not taken as sent data (as Wireshark): the next probe repeats the same seq.
            if (!zeroWindowProbe && (!x.nextValid || new SeqNumber(s.seq + space).gt(new SeqNumber(x.next)))) {
                x.next = s.seq + space;
                x.nextValid = true;
                x.nextTime = s.time;
            }
            if (analysis.contains("DUP_ACK")) {
                x.dupAcks++;
                x.lastDupAckTime = s.time;
            } else {
                x.dupAcks = 0; // Wireshark counts duplicate ACKs in a row: anything else from this side resets it
            }
            if (ack) {
                x.ackValid = true;
                x.lastAck = s.ack;
            }
            x.lastWindow = window;
            tcbs.accept(new Trace.TcbSample(t, from, tcb(x, y, st[from.ordinal()])));
            tcbs.accept(new Trace.TcbSample(t, to, tcb(y, x, st[peerIdx])));
        }
        for (; nextWarning < warnings.size(); nextWarning++) {
            boolean stop = stoppedEarly && nextWarning == warnings.size() - 1;
            if (stop || shownWarnings++ < MAX_WARNING_NOTES) { // the note that reading stopped is always shown
                events.accept(new TraceEvent.Note(lastT, warningNote(warnings.get(nextWarning), stop)));
            }
        }
        if (shownWarnings > MAX_WARNING_NOTES) {
            events.accept(new TraceEvent.Note(lastT, Explanation.of("capture.note.warnings.more", shownWarnings - MAX_WARNING_NOTES)));
        }
        if (truncated) {
            events.accept(new TraceEvent.Note(lastT, Explanation.of("capture.note.truncated", MAX_SEGMENTS)));
        }
    }

    /**
     * The TCB variables (RFC 9293 §3.3.1) as far as the capture shows them: ISS and IRS from the
     * SYNs (or the numbers Wireshark's relative base implies mid-stream), SND.UNA from the peer's
     * last ACK, SND.NXT from the highest sequence number sent, RCV.NXT from this side's last ACK.
     */
    private static Tcb tcb(Dir me, Dir peer, TcpState state) {
        long iss = me.baseKnown ? Integer.toUnsignedLong(me.synSeen ? me.isn : me.base) : 0;
        long irs = peer.baseKnown ? Integer.toUnsignedLong(peer.synSeen ? peer.isn : peer.base) : -1;
        long sndNxt = me.nextValid ? Integer.toUnsignedLong(me.next) : iss;
        long sndUna = peer.ackValid ? Integer.toUnsignedLong(peer.lastAck) : iss;
        long rcvNxt = me.ackValid ? Integer.toUnsignedLong(me.lastAck) : (irs >= 0 && peer.nextValid ? Integer.toUnsignedLong(peer.next) : 0);
        return new Tcb(state, iss, irs, sndUna, sndNxt, rcvNxt, Math.max(0, peer.lastWindow), Math.max(0, me.lastWindow));
    }

    /** Index of {@code side}'s next segment after {@code i}, or -1. */
    private int nextFrom(int i, Side side) {
        for (int j = i + 1; j < segs.size(); j++) if (segs.fromClient(j) == (side == Side.CLIENT)) return j;
        return -1;
    }

    /**
     * Index of {@code side}'s next segment if it resends its SYN-ACK ({@code synAck}) or its FIN
     * (sequence number {@code finSeq}), else -1: the ACK it just got evidently did not arrive.
     */
    private int resentNext(int i, Side side, boolean synAck, int finSeq) {
        int j = nextFrom(i, side);
        if (j < 0) return -1;
        Seg n = segs.get(j);
        boolean again = synAck ? n.has(TcpFlags.SYN) && n.has(TcpFlags.ACK)
                : n.has(TcpFlags.FIN) && n.seq + n.len == finSeq;
        return again ? j : -1;
    }

    /**
     * Whether segment {@code j} (from the side of {@code me}) is a plain ACK that acknowledges
     * {@code peer}'s FIN for the first time: the answer {@code me} sent on receiving that FIN.
     */
    private boolean acksFinFirst(int j, Dir me, Dir peer) {
        if (j < 0 || !peer.finSent) return false;
        Seg n = segs.get(j);
        SeqNumber finAck = new SeqNumber(peer.finSeq + 1);
        boolean before = me.ackValid && new SeqNumber(me.lastAck).ge(finAck);
        return !before && n.has(TcpFlags.ACK) && !n.has(TcpFlags.FIN) && !n.has(TcpFlags.RST) && !n.has(TcpFlags.SYN)
                && new SeqNumber(n.ack).ge(finAck);
    }

    /** Whether {@code receiver}'s next segment carries a FIN that does not acknowledge this one: FINs crossing. */
    private boolean crossing(int i, Side receiver) {
        Seg fin = segs.get(i);
        int finAck = fin.seq + fin.len + 1;
        for (int j = i + 1; j < segs.size(); j++) {
            Seg n = segs.get(j);
            if (n.fromClient == (receiver == Side.CLIENT)) {
                return n.has(TcpFlags.FIN) && !(n.has(TcpFlags.ACK) && new SeqNumber(n.ack).ge(new SeqNumber(finAck)));
            }
        }
        return false;
    }

    /** {@code receiver} got the peer's FIN (RFC 9293 §3.10.7.4, eighth step). */
    private static void finReceived(StateLog log, long t, Side receiver, Dir[] dirs) {
        dirs[receiver.other().ordinal()].finReceivedByPeer = true;
        TcpState b = log.st[receiver.ordinal()];
        if (b == TcpState.ESTABLISHED || b == TcpState.SYN_RCVD) log.change(t, receiver, TcpState.CLOSE_WAIT, "FIN");
        else if (b == TcpState.FIN_WAIT_1) log.change(t, receiver, TcpState.CLOSING, "FIN");
        else if (b == TcpState.FIN_WAIT_2) log.change(t, receiver, TcpState.TIME_WAIT, "FIN");
    }

    /** Appends inferred state changes and tracks each side's current state. */
    private static final class StateLog {
        final java.util.function.Consumer<TraceEvent> events;
        final TcpState[] st;
        final boolean[] changed;

        StateLog(java.util.function.Consumer<TraceEvent> events, TcpState[] st, boolean[] changed) {
            this.events = events;
            this.st = st;
            this.changed = changed;
        }

        void change(long t, Side side, TcpState to, String cause) {
            TcpState from = st[side.ordinal()];
            if (from == to) return;
            events.accept(new TraceEvent.StateChange(t, side, from, to, cause, true));
            st[side.ordinal()] = to;
            changed[side.ordinal()] = true;
        }
    }
}
