package io.github.handshakelab.diagram;

import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/** The "fit" zoom: the largest that fits, else the one that shows the most. */
class FitZoomTest {

    private static final double MIN = 0.25, MAX = 8;
    private final TraceIndex lostFinalAck = TraceIndex.of(Simulator.run(Scenarios.byId("lost-final-ack").orElseThrow()));

    private static DiagramLayout.Options at(double width, double zoom) {
        return DiagramLayout.Options.of(Palette.LIGHT, width, zoom, false, DiagramLayout.Spacing.AUTO, Locale.ENGLISH, false);
    }

    @Test
    void theLargestZoomThatFits() {
        double z = DiagramLayout.fitZoom(lostFinalAck, zoom -> at(900, zoom), 700, MIN, MAX);
        assertTrue(DiagramLayout.heightOf(lostFinalAck, at(900, z)) <= 700);
        assertTrue(DiagramLayout.heightOf(lostFinalAck, at(900, z * 1.02)) > 700, "a little more zoom no longer fits");
    }

    @Test
    void whenNothingFitsTheShortestLayoutNotTheLeastZoom() {
        // 500 px wide: labels wider than the room between the lifelines ask for rows of their own,
        // more of them at the least zoom, so 0.25 is taller than a slightly larger zoom
        double least = DiagramLayout.heightOf(lostFinalAck, at(500, MIN));
        double z = DiagramLayout.fitZoom(lostFinalAck, zoom -> at(500, zoom), 600, MIN, MAX);
        double h = DiagramLayout.heightOf(lostFinalAck, at(500, z));
        assertTrue(h > 600, "nothing fits 600 px at this width: " + h);
        assertTrue(h < least, h + " is shorter than the least zoom's " + least);
        for (double tried = MIN; tried <= 1; tried *= 1.15) {
            assertTrue(h <= DiagramLayout.heightOf(lostFinalAck, at(500, tried)) + 0.5, "no tried zoom is shorter: " + tried);
        }
    }

    @Test
    void theAxisAloneNeverMeasuresMoreThanTheLayout() {
        // fitZoom skips a full layout wherever this bound already says "does not fit"
        for (var s : Scenarios.all()) {
            TraceIndex idx = TraceIndex.of(Simulator.run(s));
            for (Palette p : new Palette[] {Palette.LIGHT, Palette.PROJECTOR}) {
                for (double width : new double[] {500, 617, 900}) {
                    for (double zoom = MIN; zoom <= MAX; zoom *= 2) {
                        var o = DiagramLayout.Options.of(p, width, zoom, false, DiagramLayout.Spacing.AUTO, Locale.ENGLISH, false);
                        double least = DiagramLayout.leastHeightOf(idx, o), full = DiagramLayout.heightOf(idx, o);
                        assertTrue(least <= full + 0.01, s.id() + " " + p + " " + width + " px, zoom " + zoom + ": " + least + " > " + full);
                    }
                }
            }
        }
    }

    @Test
    void aTraceTallerThanTheWindowAtTheLeastZoomGetsTheLeastZoom() {
        // 2,500 segments: measured by the axis alone, and already taller than the window at 0.25
        TraceIndex bulk = TraceIndex.of(TraceFixtures.bulk(2_500));
        assertTrue(DiagramLayout.heightOf(bulk, at(900, MIN)) > 700);
        assertEquals(MIN, DiagramLayout.fitZoom(bulk, zoom -> at(900, zoom), 700, MIN, MAX));
    }
}
