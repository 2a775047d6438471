package io.github.handshakelab.sim;

import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.tcp.UserCall;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class FaultPlanTest {

    @Test
    void withAndWithoutLastAreInverse() {
        FaultPlan p = FaultPlan.NONE.with(new DropRule.SegmentId(3)).with(new DropRule.Matching(SegmentKind.EVERY_SYN_ACK));
        assertEquals(2, p.rules().size());
        assertEquals(FaultPlan.of(new DropRule.SegmentId(3)), p.withoutLast());
        assertEquals(FaultPlan.NONE, FaultPlan.NONE.withoutLast());
    }

    @Test
    void randomLossDependsOnlyOnSeedAndSegmentNumber() {
        DropRule.Random r = new DropRule.Random(0.5, 42);
        List<Boolean> a = IntStream.rangeClosed(1, 200).mapToObj(r::drops).toList();
        assertEquals(a, IntStream.rangeClosed(1, 200).mapToObj(new DropRule.Random(0.5, 42)::drops).toList());
        long lost = a.stream().filter(x -> x).count();
        assertTrue(lost > 70 && lost < 130, "about half: " + lost);
        assertNotEquals(a, IntStream.rangeClosed(1, 200).mapToObj(new DropRule.Random(0.5, 43)::drops).toList());
        assertTrue(IntStream.rangeClosed(1, 50).noneMatch(new DropRule.Random(0, 1)::drops));
        assertTrue(IntStream.rangeClosed(1, 50).allMatch(new DropRule.Random(1, 1)::drops));
        assertThrows(IllegalArgumentException.class, () -> new DropRule.Random(1.01, 1));
        assertThrows(IllegalArgumentException.class, () -> new DropRule.SegmentId(0));
    }

    @Test
    void everySynAckIsLostSoTheServerGivesUpAndTheClientTimesOut() {
        Trace t = Simulator.run(Scenarios.byId("three-way-handshake").orElseThrow()
                .withFault(new DropRule.Matching(SegmentKind.EVERY_SYN_ACK)));
        assertTrue(t.segments().stream().filter(s -> s.flags().syn() && s.flags().ack()).allMatch(s -> s.isDropped()));
        // The client gives up after 6 SYN retransmissions (1+2+4+8+16+32+64 s); the server's
        // half-open connection after 5 SYN,ACK retransmissions returns to LISTEN.
        assertEquals(127_000_000L, t.stateChanges(Side.CLIENT).get(t.stateChanges(Side.CLIENT).size() - 1).t());
        assertEquals(io.github.handshakelab.tcp.TcpState.CLOSED, t.stateAt(Side.CLIENT, Long.MAX_VALUE));
        assertEquals(io.github.handshakelab.tcp.TcpState.LISTEN, t.stateAt(Side.SERVER, Long.MAX_VALUE));
    }

    @Test
    void callsInErrorStatesBecomeNotesNotExceptions() {
        Trace t = Simulator.run(Scenarios.byId("connect-to-closed-port").orElseThrow()
                .withCall(new ScheduledCall(500_000, Side.CLIENT, UserCall.SEND, 10))
                .withCall(ScheduledCall.at(600_000, Side.SERVER, UserCall.CLOSE)));
        List<String> notes = t.events().stream().filter(e -> e instanceof io.github.handshakelab.trace.TraceEvent.Note)
                .map(e -> ((io.github.handshakelab.trace.TraceEvent.Note) e).text().english()).toList();
        assertEquals(List.of("Client: connection refused: a valid RST answered the SYN (RFC 9293 §3.10.7.3)",
                "Client: error: connection does not exist (state CLOSED, RFC 9293 §3.10)",
                "Server: error: connection does not exist (state CLOSED, RFC 9293 §3.10)"), notes);
    }

    @Test
    void paramsRejectOutOfRangeValues() {
        SimParams d = SimParams.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withIsnClient(4294967296L));
        assertEquals(4294967295L, d.withIsnClient(4294967295L).isnClient());
        assertThrows(IllegalArgumentException.class, () -> d.withBacklog(0));
        assertThrows(IllegalArgumentException.class, () -> d.withWindow(0));
        assertThrows(IllegalArgumentException.class, () -> d.withDelayUs(-1));
        assertEquals(50_000, d.delayUs());
        assertEquals(1_000_000, d.initialRtoUs());
        assertEquals(6, d.synRetries());
        assertEquals(30_000_000, d.mslUs());
        assertEquals(65535, d.window());
    }
}
