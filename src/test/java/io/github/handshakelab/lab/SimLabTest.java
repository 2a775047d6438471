package io.github.handshakelab.lab;

import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The simulation lab the window binds to, without a window. */
class SimLabTest {

    private static List<String> notes(Trace t) {
        return t.events().stream().filter(e -> e instanceof TraceEvent.Note).map(e -> ((TraceEvent.Note) e).text().english()).toList();
    }

    private static List<TraceEvent.User> closes(Trace t, Side side) {
        return t.events().stream().filter(e -> e instanceof TraceEvent.User u && u.endpoint() == side && u.call() == UserCall.CLOSE)
                .map(e -> (TraceEvent.User) e).toList();
    }

    @Test
    void bothCloseNowReplacesTheScriptsOwnCloseSoNoErrorFollows() {
        SimLab lab = new SimLab();
        Trace script = lab.load("four-way-close");
        assertFalse(closes(script, Side.CLIENT).isEmpty(), "the script closes the client itself");
        assertTrue(closes(script, Side.CLIENT).get(0).t() > 150_000, "later than the user's close");
        Trace t = lab.callBoth(150_000, UserCall.CLOSE);
        assertEquals(List.of(), notes(t).stream().filter(n -> n.contains("closing")).toList(), notes(t).toString());
        for (Side side : Side.values()) {
            List<TraceEvent.User> c = closes(t, side);
            assertEquals(1, c.size(), side + " closes once: " + c);
            assertEquals(150_000, c.get(0).t());
        }
        assertTrue(t.stateSequence(Side.CLIENT).contains(io.github.handshakelab.tcp.TcpState.CLOSING));
        assertEquals(script, lab.undo(), "one undo step restores the script");
    }

    @Test
    void aCloseAfterTheScriptClosedStaysAnErrorAsTcpSays() {
        SimLab lab = new SimLab();
        Trace script = lab.load("four-way-close");
        long scripted = closes(script, Side.CLIENT).get(0).t();
        Trace t = lab.call(scripted + 1, Side.CLIENT, UserCall.CLOSE, 0);
        assertEquals(2, closes(t, Side.CLIENT).size());
        assertTrue(notes(t).stream().anyMatch(n -> n.contains("closing")), notes(t).toString());
    }

    @Test
    void parametersAreThoseOfTheLoadedScenarioAndApplyingThemChangesNothing() {
        SimLab lab = new SimLab();
        Trace flood = lab.load("syn-flood");
        int backlog = Scenarios.byId("syn-flood").orElseThrow().params().backlog();
        assertEquals(4, backlog);
        assertEquals(backlog, lab.params().backlog());
        Trace again = lab.params(lab.params());
        assertEquals(flood.events(), again.events());
        assertFalse(lab.canUndo(), "no step to undo");
        assertFalse(again.gauge(Trace.GAUGE_HALF_OPEN).isEmpty(), "the lesson's queue is still there");
    }
}
