package io.github.handshakelab.lesson;

import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Steps for a scenario without a written lesson: one per moment something visible happens. */
class AutoStepsTest {

    @Test
    void oneStepPerMomentWithWhatHappened() {
        Trace t = Simulator.run(Scenarios.byId("three-way-handshake").orElseThrow());
        Lesson l = AutoSteps.of(new Lesson.Text("H", "握"), new Lesson.Source.Simulation("three-way-handshake", List.of()), t);
        assertEquals(List.of(0L, 50_000L, 100_000L, 150_000L), l.steps().stream().map(Lesson.Step::at).toList());
        Lesson.Step s = l.steps().get(1);
        assertEquals("#1 SYN  seq=0 arrives at the server; Server: LISTEN → SYN_RCVD; #2 SYN, ACK  seq=0 ack=1 leaves the server.",
                s.caption().en());
        assertEquals("#1 SYN  seq=0 到达服务器；服务器：LISTEN → SYN_RCVD；#2 SYN, ACK  seq=0 ack=1 由服务器发出。", s.caption().zh());
        assertEquals(new Lesson.Highlight.OfSegment(2), s.highlight());
        Lesson.Step last = l.steps().get(3);
        assertEquals("#3 ACK  seq=1 ack=1 arrives at the server; Server: SYN_RCVD → ESTABLISHED.", last.caption().en());
        assertEquals(new Lesson.Highlight.OfSegment(3), last.highlight());
    }

    @Test
    void lossesRetransmissionsAndTheEndAreSteps() {
        Trace t = Simulator.run(Scenarios.byId("lost-final-ack").orElseThrow());
        Lesson l = AutoSteps.of(new Lesson.Text("L", "丢"), new Lesson.Source.Simulation("lost-final-ack", List.of()), t);
        Lesson.Step lost = l.steps().stream().filter(s -> s.at() == 575_000).findFirst().orElseThrow();
        assertEquals("#7 ACK  seq=2 ack=2 is lost on the way to the server.", lost.caption().en());
        Lesson.Step resent = l.steps().stream().filter(s -> s.at() == 1_500_000).findFirst().orElseThrow();
        assertEquals("#8 FIN, ACK  seq=1 ack=2 is retransmitted by the server.", resent.caption().en());
        Lesson.Step end = l.steps().get(l.steps().size() - 1);
        assertEquals(t.endTime(), end.at());
        assertEquals(new Lesson.Highlight.OfState(TcpState.CLOSED, Side.CLIENT), end.highlight());
        assertEquals("Client: TIME_WAIT → CLOSED.", end.caption().en());
    }
}
