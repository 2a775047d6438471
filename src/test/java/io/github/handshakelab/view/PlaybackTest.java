package io.github.handshakelab.view;

import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.diagram.TraceFixtures;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import static org.junit.jupiter.api.Assertions.*;

/** The playhead model on a hand-built trace (lost final ACK, 50 ms delay, TIME_WAIT until 63.05 s). */
@ExtendWith(ApplicationExtension.class)
class PlaybackTest {

    private final Trace trace = TraceFixtures.lostFinalAck();

    private Playback playback() {
        Playback p = new Playback();
        p.setTrace(trace);
        return p;
    }

    @Test
    void stepsVisitEveryInstantForwardAndBackward() {
        Playback p = playback();
        // every instant, and the middle of each compressed gap (150 ms-1 s, 1.1-2 s, 2.075-3 s, 3.1-63.05 s)
        long[] expected = {0, 50_000, 100_000, 150_000, 575_000, 1_000_000, 1_050_000, 1_100_000, 1_550_000, 2_000_000,
                2_050_000, 2_075_000, 2_537_500, 3_000_000, 3_050_000, 3_100_000, 33_075_000, 63_050_000};
        assertArrayEquals(expected, p.stops());
        for (int i = 1; i < expected.length; i++) {
            p.next();
            assertEquals(expected[i], p.getTime());
        }
        assertEquals(TcpState.CLOSED, p.clientStateProperty().get());
        for (int i = expected.length - 2; i >= 0; i--) {
            p.previous();
            assertEquals(expected[i], p.getTime());
        }
        assertEquals(TcpState.SYN_SENT, p.clientStateProperty().get());
        assertEquals(TcpState.LISTEN, p.serverStateProperty().get());
    }

    @Test
    void statesAndCurrentSegmentFollowThePlayhead() {
        Playback p = playback();
        p.seek(2_060_000);
        assertEquals(TcpState.TIME_WAIT, p.clientStateProperty().get());
        assertEquals(TcpState.LAST_ACK, p.serverStateProperty().get());
        assertEquals(7, p.currentSegmentProperty().get().id());
        assertEquals(TcpState.TIME_WAIT, p.lastChangeProperty().get().to());
        p.seek(3_100_000);
        assertEquals(TcpState.CLOSED, p.serverStateProperty().get());
    }

    @Test
    void playingAdvancesAtConstantSpeedInDiagramSpaceAndStopsAtTheEnd() {
        Playback p = playback();
        DiagramLayout pacing = new DiagramLayout(trace, DiagramLayout.Options.defaults());
        p.speedProperty().set(2);
        p.advance(0.25); // 2x * 110 px/s * 0.25 s = 55 px = 34.375 ms at 1.6 px/ms
        assertEquals(pacing.y(0) + 55, pacing.y(p.getTime()), 0.01);
        assertEquals(34_375, p.getTime());
        p.play();
        p.advance(1000);
        assertEquals(p.endTime(), p.getTime());
        assertFalse(p.isPlaying());
        assertEquals(63_050_000, p.endTime());
    }

    @Test
    void scrubberFractionAndTimeAreInverse() {
        Playback p = playback();
        assertEquals(0.0, p.fraction(0));
        assertEquals(1.0, p.fraction(p.endTime()));
        for (long t : p.stops()) assertEquals(t, p.timeAt(p.fraction(t)), 1);
    }

    @Test
    void aCompressedGapPlaysForAFixedVisibleWallTimeWithTheCountdownRunning() {
        Playback p = playback();
        // the 59.95 s of TIME_WAIT after 3.1 s is one break: 2.5 s of wall time at 1x, time running linearly,
        // after the room kept under 3.1 s for the server's CLOSED (2 + 13 px * 1.3 + 2), where time stands still
        double room = (2 + 13 * 1.3 + 2) / Playback.PX_PER_SECOND;
        p.seek(3_100_000);
        p.advance(room - 1e-6);
        assertEquals(3_100_000, p.getTime());
        p.advance(1e-6 + Playback.GAP_SECONDS / 2);
        assertEquals(33_075_000, p.getTime(), 1);
        p.advance(Playback.GAP_SECONDS / 4);
        assertEquals(48_062_500, p.getTime(), 1);
        // at 2x the same break takes half the wall time
        p.seek(3_100_000);
        p.speedProperty().set(2);
        p.advance(room / 2 + Playback.GAP_SECONDS / 2 - 1e-9);
        assertEquals(63_050_000, p.getTime(), 2);
        // the whole trace: four breaks of 2.5 s plus the rows between them
        assertTrue(p.wallSeconds() > 4 * Playback.GAP_SECONDS && p.wallSeconds() < 4 * Playback.GAP_SECONDS + 10, "" + p.wallSeconds());
    }

    @Test
    void steppingStopsInTheMiddleOfAGapWhereTheCountdownShows() {
        Playback p = playback();
        p.seek(3_100_000);
        p.next();
        assertEquals(33_075_000, p.getTime());
        assertEquals(TcpState.TIME_WAIT, p.clientStateProperty().get());
        p.next();
        assertEquals(63_050_000, p.getTime());
        p.previous();
        assertEquals(33_075_000, p.getTime());
    }

    @Test
    void aLongTraceIsIndexedInTheBackgroundAndSharedWithTheDiagram() throws Exception {
        Trace big = io.github.handshakelab.diagram.TraceFixtures.bulk(60_000);
        Playback p = new Playback();
        // On the FX thread, as the window does: the background result can only arrive after this
        // block, so what is seen here is what setTrace did by itself.
        assertNull(org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            p.setTrace(big);
            return p.indexProperty().get();
        }).get(), "not on the FX thread");
        io.github.handshakelab.diagram.TraceIndex idx = io.github.handshakelab.diagram.TraceIndex.ofAsync(big).get();
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertSame(idx, p.indexProperty().get(), "one index per trace");
        // The pacing (stops, end, wall time) follows the index in the background too.
        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> p.pacedProperty().get());
        assertEquals(idx.endTime(), p.endTime());
        assertEquals(idx.instants().length, p.stops().length, "a bulk trace has no gaps: the stops are its instants");
        assertSame(idx, io.github.handshakelab.diagram.TraceIndex.of(big));
    }
}
