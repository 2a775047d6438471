package io.github.handshakelab.diagram;

import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.trace.Endpoint;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.util.ArrayList;
import java.util.List;

/** Hand-built traces with known numbers, independent of the simulator. */
public final class TraceFixtures {
    private TraceFixtures() {}

    static TraceEvent.Segment seg(int id, Side from, long sent, long arrived, int flags, long seq, long ack) {
        return new TraceEvent.Segment(id, from, sent, arrived, TraceEvent.NONE, new TcpFlags(flags), seq, ack, 0, 65535,
                seq + 1000, ack == TraceEvent.NONE ? TraceEvent.NONE : ack + 5000, false, List.of(), List.of(),
                TraceEvent.NONE, List.of(), null);
    }

    static TraceEvent.StateChange st(long t, Side s, TcpState from, TcpState to) {
        return new TraceEvent.StateChange(t, s, from, to, "test", false);
    }

    /** The three-way handshake with 50 ms one-way delay: segments 1-3, both ends ESTABLISHED at 150 ms. */
    static void handshake(List<TraceEvent> ev) {
        Side C = Side.CLIENT, S = Side.SERVER;
        ev.add(new TraceEvent.User(0, S, UserCall.LISTEN, 0));
        ev.add(st(0, S, TcpState.CLOSED, TcpState.LISTEN));
        ev.add(new TraceEvent.User(0, C, UserCall.CONNECT, 0));
        ev.add(st(0, C, TcpState.CLOSED, TcpState.SYN_SENT));
        ev.add(seg(1, C, 0, 50_000, TcpFlags.SYN, 0, TraceEvent.NONE));
        ev.add(st(50_000, S, TcpState.LISTEN, TcpState.SYN_RCVD));
        ev.add(seg(2, S, 50_000, 100_000, TcpFlags.SYN | TcpFlags.ACK, 0, 1));
        ev.add(st(100_000, C, TcpState.SYN_SENT, TcpState.ESTABLISHED));
        ev.add(seg(3, C, 100_000, 150_000, TcpFlags.ACK, 1, 1));
        ev.add(st(150_000, S, TcpState.SYN_RCVD, TcpState.ESTABLISHED));
    }

    /** Handshake at 0/50/100 ms, then a 60 s idle stretch and a segment at 60.1 s. */
    public static Trace handshakeThenIdle() {
        Side C = Side.CLIENT, S = Side.SERVER;
        List<TraceEvent> ev = new ArrayList<>();
        handshake(ev);
        ev.add(seg(4, C, 60_100_000, TraceEvent.NONE, TcpFlags.RST, 1, TraceEvent.NONE));
        return new Trace(Trace.Source.SIMULATION, "test", null, new Endpoint(C, "Client", "10.0.0.1", 40000),
                new Endpoint(S, "Server", "10.0.0.2", 80), ev, List.of());
    }

    /** Many segments of data (each direction alternately), for scrolling and culling. */
    public static Trace bulk(int n) {
        Side C = Side.CLIENT, S = Side.SERVER;
        List<TraceEvent> ev = new ArrayList<>();
        ev.add(st(0, S, TcpState.CLOSED, TcpState.LISTEN));
        ev.add(st(0, C, TcpState.CLOSED, TcpState.ESTABLISHED));
        ev.add(st(0, S, TcpState.LISTEN, TcpState.ESTABLISHED));
        for (int i = 0; i < n; i++) {
            Side from = i % 2 == 0 ? C : S;
            long t = i * 30_000L;
            ev.add(new TraceEvent.Segment(i + 1, from, t, t + 50_000, TraceEvent.NONE,
                    new TcpFlags(TcpFlags.ACK | (i % 2 == 0 ? TcpFlags.PSH : 0)), 1 + (i / 2) * 100L, 1 + (i / 2) * 100L,
                    i % 2 == 0 ? 100 : 0, 65535, 1001 + (i / 2) * 100L, 5001 + (i / 2) * 100L, false,
                    List.of(), List.of(), TraceEvent.NONE, List.of(), null));
        }
        return new Trace(Trace.Source.SIMULATION, "bulk", null, new Endpoint(C, "Client", "10.0.0.1", 40000),
                new Endpoint(S, "Server", "10.0.0.2", 80), ev, List.of());
    }

    static TraceEvent.Timer timer(long t, Side s, TimerKind k, TraceEvent.TimerAction a, long exp) {
        return new TraceEvent.Timer(t, s, k, a, exp);
    }

    /** The textbook lost-final-ack exchange (50 ms delay, RTO 1 s, MSL 30 s), ISNs 1000 and 5000. */
    public static Trace lostFinalAck() {
        Side C = Side.CLIENT, S = Side.SERVER;
        var SET = TraceEvent.TimerAction.SET;
        List<TraceEvent> ev = new ArrayList<>();
        handshake(ev);
        ev.add(new TraceEvent.User(1_000_000, C, UserCall.CLOSE, 0));
        ev.add(st(1_000_000, C, TcpState.ESTABLISHED, TcpState.FIN_WAIT_1));
        ev.add(seg(4, C, 1_000_000, 1_050_000, TcpFlags.FIN | TcpFlags.ACK, 1, 1));
        ev.add(timer(1_000_000, C, TimerKind.RETRANSMISSION, SET, 2_000_000));
        ev.add(st(1_050_000, S, TcpState.ESTABLISHED, TcpState.CLOSE_WAIT));
        ev.add(seg(5, S, 1_050_000, 1_100_000, TcpFlags.ACK, 1, 2));
        ev.add(timer(1_100_000, C, TimerKind.RETRANSMISSION, TraceEvent.TimerAction.CANCELLED, 2_000_000));
        ev.add(st(1_100_000, C, TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2));
        ev.add(new TraceEvent.User(2_000_000, S, UserCall.CLOSE, 0));
        ev.add(st(2_000_000, S, TcpState.CLOSE_WAIT, TcpState.LAST_ACK));
        ev.add(seg(6, S, 2_000_000, 2_050_000, TcpFlags.FIN | TcpFlags.ACK, 1, 2));
        ev.add(timer(2_000_000, S, TimerKind.RETRANSMISSION, SET, 3_000_000));
        ev.add(st(2_050_000, C, TcpState.FIN_WAIT_2, TcpState.TIME_WAIT));
        ev.add(new TraceEvent.Segment(7, C, 2_050_000, TraceEvent.NONE, 2_075_000, new TcpFlags(TcpFlags.ACK), 2, 2, 0,
                65535, 1002, 5002, false, List.of(), List.of(), TraceEvent.NONE, List.of(), null));
        ev.add(timer(2_050_000, C, TimerKind.TIME_WAIT, SET, 62_050_000));
        ev.add(timer(3_000_000, S, TimerKind.RETRANSMISSION, TraceEvent.TimerAction.FIRED, 3_000_000));
        ev.add(new TraceEvent.Segment(8, S, 3_000_000, 3_050_000, TraceEvent.NONE, new TcpFlags(TcpFlags.FIN | TcpFlags.ACK),
                1, 2, 0, 65535, 5001, 1002, true, List.of(), List.of(), TraceEvent.NONE, List.of(), null));
        ev.add(timer(3_000_000, S, TimerKind.RETRANSMISSION, SET, 5_000_000));
        ev.add(seg(9, C, 3_050_000, 3_100_000, TcpFlags.ACK, 2, 2));
        ev.add(timer(3_050_000, C, TimerKind.TIME_WAIT, SET, 63_050_000));
        ev.add(timer(3_100_000, S, TimerKind.RETRANSMISSION, TraceEvent.TimerAction.CANCELLED, 5_000_000));
        ev.add(st(3_100_000, S, TcpState.LAST_ACK, TcpState.CLOSED));
        ev.add(timer(63_050_000, C, TimerKind.TIME_WAIT, TraceEvent.TimerAction.FIRED, 63_050_000));
        ev.add(st(63_050_000, C, TcpState.TIME_WAIT, TcpState.CLOSED));
        return new Trace(Trace.Source.SIMULATION, "lost-final-ack", null, new Endpoint(C, "Client", "10.0.0.1", 40000),
                new Endpoint(S, "Server", "10.0.0.2", 80), ev, List.of());
    }

    /** A TLS connection as a capture sees it: no arrival times, inferred states, analysis flags. */
    public static Trace capture() {
        Side C = Side.CLIENT, S = Side.SERVER;
        List<TraceEvent> ev = new ArrayList<>();
        long[] t = {0, 21_000, 21_300, 22_000, 45_000, 46_000, 250_000, 251_000, 251_400, 252_000};
        ev.add(new TraceEvent.StateChange(0, C, TcpState.CLOSED, TcpState.SYN_SENT, "SYN seen", true));
        ev.add(new TraceEvent.StateChange(0, S, TcpState.LISTEN, TcpState.SYN_RCVD, "SYN seen", true));
        ev.add(cap(1, C, t[0], TcpFlags.SYN, 0, -1, 0, List.of(), null, List.of("MSS=1460", "SACK_PERM", "WS=7")));
        ev.add(cap(2, S, t[1], TcpFlags.SYN | TcpFlags.ACK, 0, 1, 0, List.of(), null, List.of("MSS=1440", "SACK_PERM", "WS=10")));
        ev.add(new TraceEvent.StateChange(t[1], C, TcpState.SYN_SENT, TcpState.ESTABLISHED, "SYN-ACK seen", true));
        ev.add(cap(3, C, t[2], TcpFlags.ACK, 1, 1, 0, List.of(), null, List.of()));
        ev.add(new TraceEvent.StateChange(t[2], S, TcpState.SYN_RCVD, TcpState.ESTABLISHED, "ACK seen", true));
        ev.add(cap(4, C, t[3], TcpFlags.ACK | TcpFlags.PSH, 1, 1, 517, List.of(), "TLS ClientHello", List.of()));
        ev.add(cap(5, S, t[4], TcpFlags.ACK | TcpFlags.PSH, 1, 518, 1400, List.of(), "TLS ServerHello, Certificate", List.of()));
        ev.add(cap(6, C, t[5], TcpFlags.ACK, 518, 1401, 0, List.of(), null, List.of()));
        ev.add(cap(7, S, t[6], TcpFlags.ACK | TcpFlags.PSH, 1, 518, 1400, List.of("RETRANSMISSION"), "TLS ServerHello, Certificate", List.of()));
        ev.add(cap(8, C, t[7], TcpFlags.ACK, 518, 1401, 0, List.of("DUP_ACK"), null, List.of()));
        ev.add(cap(9, C, t[8], TcpFlags.FIN | TcpFlags.ACK, 518, 1401, 0, List.of(), null, List.of()));
        ev.add(new TraceEvent.StateChange(t[8], C, TcpState.ESTABLISHED, TcpState.FIN_WAIT_1, "FIN seen", true));
        ev.add(cap(10, S, t[9], TcpFlags.RST | TcpFlags.ACK, 1401, 519, 0, List.of(), null, List.of()));
        ev.add(new TraceEvent.StateChange(t[9], S, TcpState.ESTABLISHED, TcpState.CLOSED, "RST seen", true));
        ev.add(new TraceEvent.StateChange(t[9], C, TcpState.FIN_WAIT_1, TcpState.CLOSED, "RST seen", true));
        return new Trace(Trace.Source.CAPTURE, null, "tls.pcapng", new Endpoint(C, "Client", "192.168.1.20", 51514),
                new Endpoint(S, "Server", "93.184.216.34", 443), ev, List.of());
    }

    private static TraceEvent.Segment cap(int id, Side from, long t, int flags, long seq, long ack, int len,
                                          List<String> analysis, String payload, List<String> options) {
        return new TraceEvent.Segment(id, from, t, TraceEvent.NONE, TraceEvent.NONE, new TcpFlags(flags), seq, ack, len,
                502, seq + 100_000, ack < 0 ? TraceEvent.NONE : ack + 900_000, false, List.of(), analysis, id, options, payload);
    }
}
