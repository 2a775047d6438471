package io.github.handshakelab.sim;

import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 6298 §2: the RTO follows the measured RTT, so a slow path does not resend data needlessly. */
class RttEstimationTest {

    /** Two 100-byte SENDs on a path with 1.2 s RTT, after a handshake whose SYN timed out. */
    private static Trace slowPath(long delayUs) {
        Scenario s = Scenarios.byId("three-way-handshake").orElseThrow()
                .withParams(SimParams.defaults().withDelayUs(delayUs))
                .withCall(new ScheduledCall(3_000_000, Side.CLIENT, UserCall.SEND, 100))
                .withCall(new ScheduledCall(8_000_000, Side.CLIENT, UserCall.SEND, 100));
        return Simulator.run(s);
    }

    private static List<Long> dataSends(Trace t) {
        return t.segments().stream().filter(x -> x.from() == Side.CLIENT && x.len() > 0).map(TraceEvent.Segment::sent).toList();
    }

    @Test
    void aMeasuredRttOfOnePointTwoSecondsLiftsTheRtoSoTheSecondSendIsNotResent() {
        Trace t = slowPath(600_000);
        // Each SEND leaves once: the first under the 3 s RTO of RFC 6298 (5.7) after the SYN timeout,
        // the second under SRTT + 4 RTTVAR = 1.2 s + 2.4 s = 3.6 s from the first sample.
        assertEquals(List.of(3_000_000L, 8_000_000L), dataSends(t));
        TraceEvent.Timer second = t.events().stream().filter(e -> e instanceof TraceEvent.Timer x && x.endpoint() == Side.CLIENT
                        && x.timer() == TimerKind.RETRANSMISSION && x.action() == TraceEvent.TimerAction.SET && x.t() == 8_000_000L)
                .map(e -> (TraceEvent.Timer) e).findFirst().orElseThrow();
        assertEquals(8_000_000L + 3_600_000L, second.expires());
    }

    @Test
    void onATextbookPathTheRtoStaysAtItsOneSecondFloor() {
        Trace t = slowPath(50_000);
        TraceEvent.Timer second = t.events().stream().filter(e -> e instanceof TraceEvent.Timer x && x.endpoint() == Side.CLIENT
                        && x.timer() == TimerKind.RETRANSMISSION && x.action() == TraceEvent.TimerAction.SET && x.t() == 8_000_000L)
                .map(e -> (TraceEvent.Timer) e).findFirst().orElseThrow();
        assertEquals(8_000_000L + 1_000_000L, second.expires(), "100 ms RTT: RFC 6298 (2.4) rounds up to 1 s");
    }
}
