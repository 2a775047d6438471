package io.github.handshakelab.capture;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.text.Explanation;
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
        assertEquals(List.of("ACKED_UNSEEN_SEGMENT"), synAck.analysis()); // tshark: "ACKed segment that wasn't captured"
        assertEquals(List.of("capture.explain.synack.badack.server"), keys(synAck)); // but no claim that data was sent
        TraceEvent.Segment rst = seg(t, 3);
        assertEquals(501, rst.seq()); // <SEQ=SEG.ACK><CTL=RST>
        assertEquals(List.of("capture.explain.rst.badsynack.client", "capture.explain.rst.listen.server"), keys(rst));
        // The client then sends its SYN again (same ISN: the same stream, as in tshark) and the handshake completes.
        assertEquals(List.of("client:CLOSED->SYN_SENT(CONNECT)", "server:LISTEN->SYN_RCVD(SYN)", "server:SYN_RCVD->LISTEN(RST)",
                "server:LISTEN->SYN_RCVD(SYN)", "client:SYN_SENT->ESTABLISHED(SYN, ACK)", "server:SYN_RCVD->ESTABLISHED(ACK)"), states(t));
        assertEquals(6, t.segments().size());
        assertEquals(List.of("RETRANSMISSION"), seg(t, 4).analysis());
        TraceEvent.Segment second = seg(t, 5); // the server's new SYN-ACK, new ISN 5009: relative numbers restart
        assertEquals(0, second.seq());
        assertEquals(List.of(), second.analysis());
        assertEquals(new Explanation("capture.explain.synack.server", List.of("5009", "1")), second.explain().get(0));
        assertEquals(1, seg(t, 6).ack());
        assertEquals(List.of(), seg(t, 6).analysis());
    }

    @Test
    void resetInSynRcvdReturnsAPassiveOpenerToListen() throws IOException {
        Trace t = load("rst-synrcvd.pcap");
        assertEquals(List.of("client:CLOSED->SYN_SENT(CONNECT)", "server:LISTEN->SYN_RCVD(SYN)",
                "client:SYN_SENT->ESTABLISHED(SYN, ACK)", "client:ESTABLISHED->CLOSED(RST)", "server:SYN_RCVD->LISTEN(RST)"), states(t));
        assertEquals(List.of("capture.explain.seq.next", "capture.explain.rst", "capture.explain.rst.listen.server"), keys(seg(t, 3)));
    }

    static List<String> notes(Trace t) {
        return t.events().stream().filter(e -> e instanceof TraceEvent.Note).map(e -> ((TraceEvent.Note) e).text().english()).toList();
    }

    @Test
    void finRetransmissionKeepsTheServerInLastAck() throws IOException {
        Trace t = load("fin-retrans.pcap");
        assertEquals(List.of("The ACK in #6 did not reach the server: it sends its FIN again in #7, so it is still in LAST_ACK."), notes(t));
        assertEquals(TcpState.LAST_ACK, t.stateAt(Side.SERVER, seg(t, 7).sent()));
        // tshark: "(suspected) retransmission" only: SPURIOUS needs payload (seglen > 0), and a bare FIN has none.
        assertEquals(List.of("RETRANSMISSION"), seg(t, 7).analysis());
        assertEquals("capture.explain.seq.retrans", seg(t, 7).explain().get(0).key());
        List<String> s = states(t);
        assertEquals("server:LAST_ACK->CLOSED(ACK)", s.get(s.size() - 1));
        assertEquals(1, s.stream().filter(x -> x.startsWith("server:LAST_ACK->")).count());
        assertEquals(TcpState.CLOSED, t.stateAt(Side.SERVER, t.endTime()));
        assertEquals(TcpState.TIME_WAIT, t.stateAt(Side.CLIENT, t.endTime()));
    }

    @Test
    void synAckRetransmissionKeepsTheServerInSynRcvd() throws IOException {
        Trace t = load("synack-retrans.pcap");
        assertEquals(List.of("The ACK in #3 did not reach the server: it sends its SYN-ACK again in #4, so it is still in SYN_RCVD."), notes(t));
        assertEquals(TcpState.SYN_RCVD, t.stateAt(Side.SERVER, seg(t, 4).sent()));
        List<String> s = states(t);
        assertEquals("server:SYN_RCVD->ESTABLISHED(ACK)", s.get(s.size() - 1));
        assertEquals(1, s.stream().filter(x -> x.startsWith("server:SYN_RCVD->")).count());
    }

    @Test
    void dataCrossingAResetIsNotSentFromClosed() throws IOException {
        Trace t = load("rst-mid.pcap");
        assertEquals(List.of("The reset in #6 and the client's #7 crossed on the way: the client sent #7 while still in ESTABLISHED,"
                + " before the reset reached it; it closes when the reset arrives."), notes(t));
        List<String> s = states(t);
        assertEquals(List.of("server:ESTABLISHED->CLOSED(RST)", "client:ESTABLISHED->CLOSED(RST)"), s.subList(s.size() - 2, s.size()));
        int afterSeven = t.events().indexOf(seg(t, 7)) + 1;
        assertEquals("client:ESTABLISHED->CLOSED(RST)", states(new Trace(t.source(), null, t.file(), t.client(), t.server(),
                t.events().subList(afterSeven, afterSeven + 1), List.of())).get(0));
    }

    @Test
    void keepAliveAnswersAreNotDuplicateAcks() throws IOException {
        Trace t = load("keepalive.pcap");
        // tshark: #6 and #8 "TCP keep-alive segment", #7 and #9 "ACK to a TCP keep-alive segment".
        assertEquals(List.of("KEEP_ALIVE"), seg(t, 6).analysis());
        assertEquals(List.of("KEEP_ALIVE"), seg(t, 8).analysis());
        for (int id : new int[]{7, 9}) {
            assertEquals(List.of("KEEP_ALIVE_ACK"), seg(t, id).analysis(), "#" + id);
            assertEquals(new Explanation("capture.explain.keepaliveack", List.of("11")), seg(t, id).explain().get(2));
        }
    }

    @Test
    void zeroWindowProbeAndItsAnswer() throws IOException {
        Trace t = load("wscale.pcap");
        // tshark: #5 "Zero Window", #6 "Zero Window Probe", #7 "Zero Window, ACK to a Zero Window Probe", #8 "window update".
        assertEquals(List.of("ZERO_WINDOW"), seg(t, 5).analysis());
        assertEquals(List.of("ZERO_WINDOW_PROBE"), seg(t, 6).analysis());
        assertEquals(List.of("capture.explain.seq.next", "capture.explain.data", "capture.explain.ack.server", "capture.explain.zwp"),
                keys(seg(t, 6)));
        assertEquals(List.of("ZERO_WINDOW", "ZERO_WINDOW_PROBE_ACK"), seg(t, 7).analysis()); // not DUP_ACK: the window is 0
        assertEquals(new Explanation("capture.explain.zwpack", List.of("101")), seg(t, 7).explain().get(seg(t, 7).explain().size() - 1));
        assertEquals(List.of("WINDOW_UPDATE"), seg(t, 8).analysis());
        assertEquals(2048, seg(t, 8).window()); // tshark tcp.window_size: 16 << 7
    }

    @Test
    void simultaneousOpenSynAcksAreNotRetransmissions() throws IOException {
        Trace t = load("simul-open.pcap");
        for (int id : new int[]{3, 4}) {
            TraceEvent.Segment s = seg(t, id);
            assertEquals(List.of(), s.analysis(), "#" + id);
            assertFalse(s.retransmission());
            assertTrue(s.explain().get(0).english().startsWith(
                    "SYN-ACK repeats this side's SYN sequence number (simultaneous open, RFC 9293 §3.5)"), s.explain().get(0).english());
        }
        assertEquals(new Explanation("capture.explain.synack.simultaneous.server", List.of("5000", "1")), seg(t, 3).explain().get(0));
        assertEquals(new Explanation("capture.explain.synack.simultaneous.client", List.of("1000", "1")), seg(t, 4).explain().get(0));
        assertEquals(List.of("client:CLOSED->SYN_SENT(CONNECT)", "server:CLOSED->SYN_SENT(CONNECT)", "client:SYN_SENT->SYN_RCVD(SYN)",
                "server:SYN_SENT->SYN_RCVD(SYN)", "client:SYN_RCVD->ESTABLISHED(SYN, ACK)", "server:SYN_RCVD->ESTABLISHED(SYN, ACK)"), states(t));
    }

    @Test
    void missingSynGetsANote() throws IOException {
        Trace t = load("synack-first.pcap");
        assertEquals(List.of("The capture starts at the SYN-ACK: the client's SYN was not captured. The client is taken to have sent it"
                + " (SYN_SENT) and the server to have been listening."), notes(t));
        assertInstanceOf(TraceEvent.Note.class, t.events().get(0));
    }

    @Test
    void ackedUnseenSegmentHasItsOwnExplanation() throws IOException {
        Trace t = CaptureTraces.load(Path.of("src/test/resources/captures/analysis-flags.pcap"), null);
        TraceEvent.Segment s = seg(t, 14);
        assertEquals(List.of("ACKED_UNSEEN_SEGMENT"), s.analysis());
        assertEquals(new Explanation("capture.explain.ackedunseen.client", List.of("5301", "301")), s.explain().get(s.explain().size() - 1));
    }
}
