package io.github.handshakelab.export;

import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.diagram.Palette;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/** A displaced label's leader line is in the SVG export as on screen (one painter draws both). */
class LeaderExportTest {

    @Test
    void theSvgDrawsEveryLeaderFromItsLabelToItsArrow() {
        Trace t = Simulator.run(Scenarios.byId("simultaneous-close").orElseThrow());
        DiagramLayout l = DiagramExport.layout(t, Locale.ROOT, true, DiagramLayout.Spacing.AUTO);
        List<DiagramLayout.Leader> leaders = l.arrows().stream().map(l::leader).filter(x -> x != null).toList();
        assertFalse(leaders.isEmpty(), "with absolute numbers the export's crowded close has displaced labels");
        String svg = DiagramExport.svg(t, Locale.ROOT, true);
        String arrow = Palette.LIGHT.arrow();
        for (DiagramLayout.Leader d : leaders) {
            assertTrue(svg.contains("<line x1=\"" + SvgPainter.n(d.x1()) + "\" y1=\"" + SvgPainter.n(d.y1()) + "\""),
                    "leader from " + d.x1() + "," + d.y1());
            assertTrue(svg.contains("<circle cx=\"" + SvgPainter.n(d.ax()) + "\" cy=\"" + SvgPainter.n(d.ay()) + "\" r=\""
                    + SvgPainter.n(2 * Palette.LIGHT.stroke()) + "\" fill=\"" + arrow + "\" fill-opacity=\"0.6\"/>"), "anchor dot at " + d);
        }
    }
}
