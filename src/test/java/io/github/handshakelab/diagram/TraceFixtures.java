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

    /** Handshake at 0/50/100 ms, then a 60 s idle stretch and a segment at 60.1 s. */
    public static Trace handshakeThenIdle() {
        Side C = Side.CLIENT, S = Side.SERVER;
        List<TraceEvent> ev = new ArrayList<>();
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
}
