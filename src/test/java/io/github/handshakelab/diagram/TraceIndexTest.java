package io.github.handshakelab.diagram;

import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** The index answers every question exactly as a walk over the trace would. */
class TraceIndexTest {

    @Test
    void everyLookupAgreesWithTheTraceAtEveryInstant() {
        for (String id : Scenarios.ids()) {
            Trace t = Simulator.run(Scenarios.byId(id).orElseThrow());
            TraceIndex idx = new TraceIndex(t);
            assertEquals(t.endTime(), idx.endTime(), id);
            long[] times = Arrays.stream(idx.instants()).flatMap(x -> Arrays.stream(new long[]{x - 1, x, x + 1})).toArray();
            for (long now : times) {
                for (Side side : Side.values()) {
                    assertEquals(t.stateAt(side, now), idx.stateAt(side, now), id + " " + side + " at " + now);
                    assertSame(t.tcbAt(side, now), idx.tcbAt(side, now), id + " TCB at " + now);
                }
                TraceEvent.Segment cur = null;
                TraceEvent.StateChange change = null;
                for (TraceEvent e : t.events()) {
                    if (e.time() > now) break;
                    if (e instanceof TraceEvent.Segment s) cur = s;
                    else if (e instanceof TraceEvent.StateChange c) change = c;
                }
                assertSame(cur, idx.segmentAt(now), id + " segment at " + now);
                assertSame(change, idx.changeAt(now), id + " change at " + now);
                assertEquals(t.events().stream().filter(e -> e instanceof TraceEvent.Note && e.time() <= now).count(),
                        idx.notesUntil(now).size());
            }
            for (TraceEvent.Segment s : t.segments()) assertSame(s, idx.segmentById(s.id()));
            assertNull(idx.segmentById(100_000));
        }
    }

    @Test
    void oneIndexPerTraceWhoeverAsksFirst() throws Exception {
        Trace t = TraceFixtures.bulk(1000);
        TraceIndex a = TraceIndex.ofAsync(t).get();
        assertSame(a, TraceIndex.of(t));
        assertSame(a, TraceIndex.ifReady(t));
        assertNull(TraceIndex.ifReady(TraceFixtures.bulk(10)), "a trace nobody asked about");
    }
}
