package io.github.handshakelab.capture;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Explanation;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The reviewer's crafted captures (src/test/resources/captures/qa2, made by gen.py there),
 * checked against what tshark 4 reports for them (the comments quote its expert messages).
 */
class CaptureReviewTest {

    static Trace load(String name) throws IOException {
        return CaptureTraces.load(Path.of("src/test/resources/captures/qa2/" + name), null);
    }

    static TraceEvent.Segment seg(Trace t, int id) {
        return t.segments().get(id - 1);
    }

    static List<String> keys(TraceEvent.Segment s) {
        return s.explain().stream().map(Explanation::key).toList();
    }

    @Test
    void fastRetransmissionAfterThreeDupAcks() throws IOException {
        Trace t = load("dupacks.pcap");
        // tshark: #9..#11 "Duplicate ACK (#1..#3)", #12 "(suspected) fast retransmission".
        for (int id = 9; id <= 11; id++) assertEquals(List.of("DUP_ACK"), seg(t, id).analysis(), "#" + id);
        TraceEvent.Segment s = seg(t, 12);
        assertEquals(List.of("FAST_RETRANSMISSION", "RETRANSMISSION"), s.analysis());
        assertTrue(s.retransmission());
        assertEquals(new Explanation("capture.explain.seq.fastretrans", List.of("101", "401", "3")), s.explain().get(0));
        assertTrue(s.explain().get(0).english().contains("RFC 5681 §3.2"));
        assertEquals(List.of(), seg(t, 13).analysis());
    }

    static List<String> states(Trace t) {
        return t.events().stream().filter(e -> e instanceof TraceEvent.StateChange).map(e -> {
            TraceEvent.StateChange c = (TraceEvent.StateChange) e;
            return c.endpoint().id() + ":" + c.from() + "->" + c.to() + "(" + c.cause() + ")";
        }).toList();
    }

    @Test
    void synAckWithWrongAckLeavesTheClientInSynSent() throws IOException {
        Trace t = load("bad-synack.pcap");
        TraceEvent.Segment synAck = seg(t, 2);
        assertEquals(501, synAck.ack());
        assertEquals(new Explanation("capture.explain.synack.badack.server", List.of("5000", "501")), synAck.explain().get(0));
        assertTrue(synAck.explain().get(0).english().contains("does not acknowledge the client's SYN"));
        TraceEvent.Segment rst = seg(t, 3);
        assertEquals(501, rst.seq()); // <SEQ=SEG.ACK><CTL=RST>
        assertEquals(List.of("capture.explain.rst.badsynack.client", "capture.explain.rst.listen.server"), keys(rst));
        assertEquals(List.of("client:CLOSED->SYN_SENT(CONNECT)", "server:LISTEN->SYN_RCVD(SYN)", "server:SYN_RCVD->LISTEN(RST)"),
                states(t));
        assertEquals(TcpState.SYN_SENT, t.stateAt(Side.CLIENT, t.endTime()));
    }

    @Test
    void resetInSynRcvdReturnsAPassiveOpenerToListen() throws IOException {
        Trace t = load("rst-synrcvd.pcap");
        assertEquals(List.of("client:CLOSED->SYN_SENT(CONNECT)", "server:LISTEN->SYN_RCVD(SYN)",
                "client:SYN_SENT->ESTABLISHED(SYN, ACK)", "client:ESTABLISHED->CLOSED(RST)", "server:SYN_RCVD->LISTEN(RST)"), states(t));
        assertEquals(List.of("capture.explain.seq.next", "capture.explain.rst", "capture.explain.rst.listen.server"), keys(seg(t, 3)));
    }
}
