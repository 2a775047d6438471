package io.github.handshakelab.export;

import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.diagram.DiagramPainter;
import io.github.handshakelab.diagram.Palette;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A state entered just before the playhead keeps its name whole: the playhead's dashed line ran
 * through the client's TIME_WAIT in presentation mode (lost-final-ack, step 4).
 */
class StateNameOverPlayheadTest {

    @Test
    void theNameIsWrittenOverThePlayheadsLineOnTheBackground() {
        Trace t = Simulator.run(Scenarios.byId("lost-final-ack").orElseThrow());
        DiagramLayout l = DiagramExport.layout(t, Palette.PROJECTOR, Locale.ROOT, false, DiagramLayout.Spacing.AUTO);
        DiagramLayout.StateBand tw = l.bands().stream()
                .filter(b -> b.side() == Side.CLIENT && b.state() == TcpState.TIME_WAIT).findFirst().orElseThrow();
        // the playhead a few pixels under the band's start: its line crosses the name
        long now = l.axis().t(tw.label().y() + tw.label().h() / 2);
        assertTrue(now > tw.t0(), "the playhead is after the state change");
        SvgPainter p = new SvgPainter(l.width(), l.height());
        new DiagramPainter(l, Palette.PROJECTOR, k -> Messages.get(Locale.ROOT, k)).paint(p, now, 0, l.height(), -1, false, true);
        String svg = p.finish();
        int line = svg.indexOf("stroke=\"" + Palette.PROJECTOR.accent() + "\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"");
        int name = svg.indexOf(">TIME_WAIT</text>");
        assertTrue(line > 0 && name > line, "the name after the playhead's line");
        String background = "<rect x=\"" + SvgPainter.n(tw.label().x()) + "\" y=\"" + SvgPainter.n(tw.label().y()) + "\"";
        int rect = svg.lastIndexOf(background, name);
        assertTrue(rect > line, "on the background, over the line");
        assertTrue(svg.substring(rect, name).contains("fill=\"" + Palette.PROJECTOR.background() + "\""));
        assertFalse(svg.substring(rect, svg.indexOf("/>", rect)).contains("fill-opacity"), "opaque: no dash shows through");
    }

    @Test
    void aLabelOnThePlayheadsLineIsOnAnOpaqueBackgroundTheOthersOnAVeil() {
        Trace t = Simulator.run(Scenarios.byId("lost-final-ack").orElseThrow());
        DiagramLayout l = DiagramExport.layout(t, Palette.PROJECTOR, Locale.ROOT, false, DiagramLayout.Spacing.AUTO);
        // a sent segment whose label the playhead's line runs through
        DiagramLayout.Arrow on = l.arrows().stream()
                .filter(a -> a.tStart() <= l.axis().t(a.label().y() + a.label().h() / 2)).findFirst().orElseThrow();
        long now = l.axis().t(on.label().y() + on.label().h() / 2);
        SvgPainter p = new SvgPainter(l.width(), l.height());
        new DiagramPainter(l, Palette.PROJECTOR, k -> Messages.get(Locale.ROOT, k)).paint(p, now, 0, l.height(), -1, true, true);
        String svg = p.finish();
        for (DiagramLayout.Arrow a : l.arrows()) {
            String rect = "<rect x=\"" + SvgPainter.n(a.label().x()) + "\" y=\"" + SvgPainter.n(a.label().y()) + "\" width=\"" + SvgPainter.n(a.label().w()) + "\"";
            int at = svg.indexOf(rect);
            assertTrue(at > 0, "the label's background is drawn: " + a.segment().id());
            String tag = svg.substring(at, svg.indexOf("/>", at));
            double y = l.y(now);
            boolean crossed = a.label().spans(y);
            assertEquals(!crossed, tag.contains("fill-opacity"), "segment " + a.segment().id() + ": " + tag);
        }
    }
}
