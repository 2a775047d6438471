package io.github.handshakelab.capture;

import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Simultaneous close (RFC 9293 §3.6, Figure 13): each side ACKs the other's FIN when it arrives,
 * in CLOSING, and enters TIME_WAIT only when the peer's ACK of its own FIN arrives. Replay must
 * infer what the simulation does.
 */
class SimultaneousCloseReplayTest {

    /** The simulated exchange written as a capture taken as segments leave, then replayed. */
    @Test
    void replayOfTheSimulatedExchangeMatchesTheSimulation(@TempDir Path dir) throws IOException {
        Trace sim = Simulator.run(Scenarios.byId("simultaneous-close").orElseThrow());
        Bytes b = Bytes.pcap(false, false, 1);
        for (TraceEvent.Segment s : sim.segments()) {
            byte[] frame = Bytes.seg(s.from() == Side.SERVER, s.flags().bits(), s.seqAbs(), s.hasAck() ? s.ackAbs() : 0,
                    s.window(), new byte[0], s.len());
            b.record(1_700_000_000L + s.sent() / 1_000_000, s.sent() % 1_000_000, frame);
        }
        Trace replay = CaptureTraces.load(Bytes.write(dir, "sim-close.pcap", b.bytes()), 0);

        List<TraceEvent.Segment> a = sim.segments(), r = replay.segments();
        assertEquals(a.size(), r.size());
        for (int i = 0; i < a.size(); i++) {
            TraceEvent.Segment x = a.get(i), y = r.get(i);
            String at = "segment " + (i + 1);
            assertEquals(x.from(), y.from(), at);
            assertEquals(x.flags(), y.flags(), at);
            assertEquals(x.seq(), y.seq(), at);
            assertEquals(x.ack(), y.ack(), at);
            assertEquals(x.len(), y.len(), at);
            // The state each sender is in when the segment leaves.
            assertEquals(sim.stateAt(x.from(), x.sent()), stateWhenSent(replay, y), at);
        }
        // The simulation's server starts CLOSED and LISTENs (a user call a capture cannot see), and both
        // leave TIME_WAIT by the 2MSL timer (no segment): the replay shows everything in between.
        List<TcpState> simClient = sim.stateSequence(Side.CLIENT), simServer = sim.stateSequence(Side.SERVER);
        assertEquals(simClient.subList(0, simClient.size() - 1), replay.stateSequence(Side.CLIENT));
        assertEquals(simServer.subList(1, simServer.size() - 1), replay.stateSequence(Side.SERVER));
        assertEquals(List.of(TcpState.CLOSED, TcpState.SYN_SENT, TcpState.ESTABLISHED, TcpState.FIN_WAIT_1,
                TcpState.CLOSING, TcpState.TIME_WAIT), replay.stateSequence(Side.CLIENT));
    }

    /** The Linux capture: the server's ACK of the client's FIN (#9) leaves in CLOSING; TIME_WAIT follows. */
    @Test
    void linuxCaptureSendsTheAckFromClosing() throws IOException {
        Trace t = CaptureTraces.load(Path.of("resources/captures/simultaneous-close.pcap"), 0);
        TraceEvent.Segment ack9 = t.segments().get(8);
        assertEquals(Side.SERVER, ack9.from());
        assertEquals("ACK", ack9.flags().toString());
        assertEquals(12, ack9.ack());
        assertEquals(TcpState.CLOSING, stateWhenSent(t, ack9));
        assertEquals(TcpState.CLOSING, stateWhenSent(t, t.segments().get(7))); // the client's ACK #8 too
        List<TcpState> closing = List.of(TcpState.FIN_WAIT_1, TcpState.CLOSING, TcpState.TIME_WAIT);
        List<TcpState> server = t.stateSequence(Side.SERVER), client = t.stateSequence(Side.CLIENT);
        assertEquals(closing, server.subList(server.size() - 3, server.size()));
        assertEquals(closing, client.subList(client.size() - 3, client.size()));
        assertTrue(t.events().stream().anyMatch(e -> e instanceof TraceEvent.Note n
                && n.text().english().startsWith("The server's ACK in #9 left when the client's FIN arrived")));
    }

    /** The sender's state at the moment the segment is emitted: state changes before it in event order. */
    static TcpState stateWhenSent(Trace t, TraceEvent.Segment seg) {
        TcpState s = null;
        for (TraceEvent e : t.events()) {
            if (e == seg) break;
            if (e instanceof TraceEvent.StateChange c && c.endpoint() == seg.from()) {
                if (s == null) s = c.from();
                s = c.to();
            }
        }
        if (s == null) {
            List<TraceEvent.StateChange> ch = t.stateChanges(seg.from());
            s = ch.isEmpty() ? TcpState.CLOSED : ch.get(0).from();
        }
        return s;
    }
}
