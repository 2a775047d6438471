package io.github.handshakelab.diagram;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DiagramLayoutTest {

    // defaults: width 760, top 40, margin 110, 1.6 px/ms, compress above 250 ms into 64 px
    private final DiagramLayout layout = new DiagramLayout(TraceFixtures.handshakeThenIdle(), DiagramLayout.Options.defaults());

    @Test
    void timeMapsLinearlyInsideActivityAndCompressesLongGaps() {
        assertEquals(40.0, layout.y(0), 1e-9);
        assertEquals(120.0, layout.y(50_000), 1e-9);   // 50 ms * 1.6 px/ms
        assertEquals(280.0, layout.y(150_000), 1e-9);
        // 150 ms -> 60.1 s is 59.95 s of nothing: drawn as one 64 px break, after room for the
        // server's ESTABLISHED written under 150 ms (2 + 13 px * 1.3 + 2)
        double room = 2 + 13 * 1.3 + 2;
        assertEquals(280.0 + room + 64, layout.y(60_100_000), 1e-9);
        assertEquals(50_000, layout.t(120.0));
        assertEquals(60_100_000, layout.t(280.0 + room + 64));
        List<DiagramLayout.GapBreak> gaps = layout.gaps();
        assertEquals(1, gaps.size());
        assertEquals("⋯ 60.0 s ⋯", gaps.get(0).text());
        assertEquals(280.0 + room, gaps.get(0).y0(), 1e-9);
        assertEquals(280.0 + room + 64, gaps.get(0).y1(), 1e-9);
        DiagramLayout.StateBand established = layout.bands().stream()
                .filter(b -> b.side() == io.github.handshakelab.trace.Side.SERVER && b.t0() == 150_000).findFirst().orElseThrow();
        assertTrue(established.label().y() + established.label().h() <= gaps.get(0).y0(), "the name stays above the break");
    }

    @Test
    void aStatesNameIsFoundWhereItIsWrittenEvenBelowItsBandsEnd() {
        DiagramLayout l = new DiagramLayout(io.github.handshakelab.sim.Simulator.run(
                io.github.handshakelab.sim.Scenarios.byId("three-way-handshake").orElseThrow()), DiagramLayout.Options.defaults());
        int short_ = 0;
        for (DiagramLayout.StateBand b : l.bands()) {
            if (b.label() == null) continue;
            double mid = b.label().y() + b.label().h() / 2;
            assertTrue(l.bandsIn(mid, mid).contains(b), b.state() + " at " + mid);
            assertTrue(l.labelsCutAt(mid).contains(b.label()), b.state() + " cut at its middle");
            assertFalse(l.labelsCutAt(b.label().y()).contains(b.label()), "not by a line along its top edge");
            double bottom = b.label().y() + b.label().h();
            if (bottom > b.y1()) {
                // between the band's end and the name's bottom: the name is still there
                double below = (b.y1() + bottom) / 2;
                assertTrue(l.bandsIn(below, below).contains(b), b.state() + " named down to " + bottom + ", its band ends at " + b.y1());
                short_++;
            }
        }
        assertTrue(short_ > 0, "the CLOSED before a connect is shorter than its name");
        for (DiagramLayout.Arrow a : l.arrows()) {
            double mid = a.label().y() + a.label().h() / 2;
            assertTrue(l.labelsCutAt(mid).contains(a.label()), "segment " + a.segment().id());
        }
    }

    @Test
    void arrowsRunFromSenderAtSendTimeToReceiverAtArrival() {
        DiagramLayout.Arrow synAck = layout.arrow(2);
        assertEquals(650.0, synAck.x1(), 1e-9);  // server lifeline at width - margin
        assertEquals(110.0, synAck.x2(), 1e-9);
        assertEquals(120.0, synAck.y1(), 1e-9);
        assertEquals(200.0, synAck.y2(), 1e-9);
        assertEquals("SYN, ACK  seq=0 ack=1", synAck.text());
        assertEquals("SYN, ACK  seq=1000 ack=5001", synAck.segment().label(true));
        // label centred above the middle of the arrow: mid (380,160), width 21 chars * 7.8 + 8, lifted by
        // the slope (80 px over 540 px) times half its width and the clearance around it, so the line
        // never crosses it grown by that clearance (what a collision is tested against)
        DiagramLayout.Box b = synAck.label();
        assertEquals(171.8, b.w(), 1e-9);
        assertEquals(380 - 171.8 / 2, b.x(), 1e-9);
        assertEquals(160 - 80.0 / 540 * (171.8 / 2 + layout.clearance()) - 18 - layout.clearance() - 1, b.y(), 1e-9);
    }

    @Test
    void stateBandsFollowTheStateChanges() {
        List<DiagramLayout.StateBand> client = layout.bands().stream().filter(b -> b.side() == Side.CLIENT).toList();
        // the state before the first change is shown as a short band above the first instant
        assertEquals(List.of(TcpState.CLOSED, TcpState.SYN_SENT, TcpState.ESTABLISHED),
                client.stream().map(DiagramLayout.StateBand::state).toList());
        assertEquals(22.0, client.get(0).y0(), 1e-9);
        assertEquals(40.0, client.get(1).y0(), 1e-9);
        assertEquals(200.0, client.get(1).y1(), 1e-9);
        List<DiagramLayout.StateBand> server = layout.bands().stream().filter(b -> b.side() == Side.SERVER).toList();
        assertEquals(List.of(TcpState.CLOSED, TcpState.LISTEN, TcpState.SYN_RCVD, TcpState.ESTABLISHED),
                server.stream().map(DiagramLayout.StateBand::state).toList());
        assertEquals(120.0, server.get(2).y0(), 1e-9);
        assertEquals(280.0, server.get(2).y1(), 1e-9);
    }

    @Test
    void hitTestingFindsTheArrowUnderThePointer() {
        assertEquals(1, layout.hit(380, 80, 6).segment().id());   // middle of the SYN
        assertNull(layout.hit(380, 300, 6));
    }

    @Test
    void onlyArrowsInTheViewportAreReturned() {
        DiagramLayout big = new DiagramLayout(TraceFixtures.bulk(10_000), DiagramLayout.Options.defaults());
        // 30 ms between sends = 48 px; a 600 px viewport sees about a dozen arrows, not 10,000
        double y0 = big.y(150_000_000L);
        List<DiagramLayout.Arrow> visible = big.arrowsIn(y0, y0 + 600);
        assertTrue(visible.size() >= 12 && visible.size() <= 16, "visible " + visible.size());
        for (DiagramLayout.Arrow a : visible) assertTrue(a.maxY() >= y0 && a.minY() <= y0 + 600);
    }

    @Test
    void sameInstantSendsGetSeparateRows() {
        Trace t = TraceFixtures.bulk(2);
        DiagramLayout l = new DiagramLayout(t, DiagramLayout.Options.defaults());
        assertEquals(l.arrow(1).y1() + 48, l.arrow(2).y1(), 1e-9);
    }

    @Test
    void captureSegmentsAreShortSlantsOnTheirOwnRowsWithAnalysisUnderTheLabel() {
        io.github.handshakelab.trace.Endpoint c = new io.github.handshakelab.trace.Endpoint(Side.CLIENT, "Client", "10.0.0.1", 40000);
        io.github.handshakelab.trace.Endpoint s = new io.github.handshakelab.trace.Endpoint(Side.SERVER, "Server", "10.0.0.2", 443);
        java.util.List<io.github.handshakelab.trace.TraceEvent> ev = java.util.List.of(
                new io.github.handshakelab.trace.TraceEvent.Segment(1, Side.CLIENT, 0, -1, -1,
                        new io.github.handshakelab.tcp.TcpFlags(io.github.handshakelab.tcp.TcpFlags.SYN), 0, -1, 0, 64240, 7, -1,
                        false, List.of(), List.of(), 1, List.of("MSS=1460"), null),
                new io.github.handshakelab.trace.TraceEvent.Segment(2, Side.CLIENT, 0, -1, -1,
                        new io.github.handshakelab.tcp.TcpFlags(io.github.handshakelab.tcp.TcpFlags.SYN), 0, -1, 0, 64240, 7, -1,
                        true, List.of(), List.of("RETRANSMISSION"), 2, List.of(), "TLS ClientHello"));
        Trace t = new Trace(Trace.Source.CAPTURE, null, "x.pcap", c, s, ev, List.of());
        DiagramLayout l = new DiagramLayout(t, DiagramLayout.Options.defaults());
        DiagramLayout.Arrow a1 = l.arrow(1), a2 = l.arrow(2);
        // no arrival time: a slant of 0.45 row (34 px) shows the direction; each packet gets its own row,
        // by order (the default for captures), as tall as its two-line label, the slant and 10 px of air
        assertEquals(DiagramLayout.Spacing.ORDER, l.spacing());
        assertEquals(34 * 0.45, a1.y2() - a1.y1(), 1e-9);
        assertEquals(650.0, a1.x2(), 1e-9);
        assertEquals(18 * 1.9 + 34 * 0.45 + 10, a2.y1() - a1.y1(), 1e-9);
        assertEquals(l.networkX(), 380.0, 1e-9);
        assertEquals("[RETRANSMISSION] TLS ClientHello", DiagramLayout.extraLine(a2.segment()));
        assertEquals("", DiagramLayout.extraLine(a1.segment()));
        assertEquals(18 * 1.9, a2.label().h(), 1e-9);
    }

    @Test
    void timersBecomeRtoBracketsAndTimeWaitBarsThatRestart() {
        DiagramLayout l = new DiagramLayout(TraceFixtures.lostFinalAck(), DiagramLayout.Options.defaults());
        List<DiagramLayout.TimerSpan> spans = l.timers();
        // client RTO 1.0 -> 1.1 s cancelled; server RTO 2.0 -> 3.0 s fired, re-armed 3.0 -> 3.1 s cancelled;
        // client TIME_WAIT 2.05 s, restarted at 3.05 s by the re-ACK, fired at 63.05 s
        assertEquals(5, spans.size());
        DiagramLayout.TimerSpan rto = spans.stream().filter(x -> x.side() == Side.SERVER && x.fired()).findFirst().orElseThrow();
        assertEquals(2_000_000, rto.t0());
        assertEquals(3_000_000, rto.t1());
        assertEquals(l.y(2_000_000), rto.y0(), 1e-9);
        assertEquals(l.y(3_000_000), rto.y1(), 1e-9);
        List<DiagramLayout.TimerSpan> tw = spans.stream()
                .filter(x -> x.kind() == io.github.handshakelab.tcp.TimerKind.TIME_WAIT).toList();
        assertEquals(2, tw.size());
        assertEquals(2_050_000, tw.get(0).t0());
        assertEquals(3_050_000, tw.get(0).t1());
        assertFalse(tw.get(0).fired());
        assertEquals(3_050_000, tw.get(1).t0());
        assertEquals(63_050_000, tw.get(1).t1());
        assertEquals(63_050_000, tw.get(1).expires());
        assertTrue(tw.get(1).fired());
        // the lost ACK stops half way, at its drop time
        DiagramLayout.Arrow lost = l.arrow(7);
        assertTrue(lost.lost());
        assertEquals(380.0, lost.x2(), 1e-9);
        assertEquals(l.y(2_075_000), lost.y2(), 1e-9);
        // the 60 s wait is one break
        assertEquals("⋯ 60.0 s ⋯", l.gaps().get(l.gaps().size() - 1).text());
    }
}
