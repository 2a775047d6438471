package io.github.handshakelab.capture;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.github.handshakelab.tcp.TcpState.*;
import static org.junit.jupiter.api.Assertions.*;

/** Replays every sample in resources/captures/ (recorded from Linux by scripts/record-captures.sh). */
class CaptureSamplesTest {

    static final Path DIR = Path.of("resources/captures");

    /** "C>S SYN, ACK seq=0 ack=1 len=0" per segment: the direction, flags and relative numbers. */
    static List<String> segments(Trace t) {
        return t.segments().stream().map(s -> (s.from() == Side.CLIENT ? "C>S " : "S>C ") + s.flags()
                + " seq=" + s.seq() + (s.hasAck() ? " ack=" + s.ack() : "") + " len=" + s.len()).toList();
    }

    static Trace load(String name) throws IOException {
        return CaptureTraces.load(DIR.resolve(name), null);
    }

    static void assertCommon(Trace t, String file, int serverPort) {
        assertEquals(Trace.Source.CAPTURE, t.source());
        assertEquals(file, t.file());
        assertEquals(serverPort, t.server().port());
        for (TraceEvent e : t.events()) {
            if (e instanceof TraceEvent.StateChange c) assertTrue(c.inferred(), "inferred: " + c);
            if (e instanceof TraceEvent.Segment s) {
                assertEquals(TraceEvent.NONE, s.arrived());
                assertTrue(s.frame() >= 1);
                assertFalse(s.explain().isEmpty(), "every segment is explained: " + s);
            }
        }
        // Relative numbers are the absolute ones minus each side's ISN (Wireshark's relative sequence numbers).
        long clientIsn = t.segments().get(0).seqAbs();
        for (TraceEvent.Segment s : t.segments()) {
            if (s.from() == Side.CLIENT) assertEquals((s.seqAbs() - clientIsn) & 0xffffffffL, s.seq());
            else if (s.hasAck()) assertEquals((s.ackAbs() - clientIsn) & 0xffffffffL, s.ack());
        }
    }

    /** Both the IPv4 pcap and the IPv6 pcapng record the same exchange: 100 bytes up, 300 down, client closes first. */
    private static void assertRequestResponseAndFourWayClose(Trace t) {
        assertEquals(List.of(
                "C>S SYN seq=0 len=0",
                "S>C SYN, ACK seq=0 ack=1 len=0",
                "C>S ACK seq=1 ack=1 len=0",
                "C>S PSH, ACK seq=1 ack=1 len=100",
                "S>C ACK seq=1 ack=101 len=0",
                "S>C PSH, ACK seq=1 ack=101 len=300",
                "C>S ACK seq=101 ack=301 len=0",
                "C>S FIN, ACK seq=101 ack=301 len=0",
                "S>C ACK seq=301 ack=102 len=0",
                "S>C FIN, ACK seq=301 ack=102 len=0",
                "C>S ACK seq=102 ack=302 len=0"), segments(t));
        assertEquals(List.of(CLOSED, SYN_SENT, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT), t.stateSequence(Side.CLIENT));
        assertEquals(List.of(LISTEN, SYN_RCVD, ESTABLISHED, CLOSE_WAIT, LAST_ACK, CLOSED), t.stateSequence(Side.SERVER));
    }

    @Test
    void handshakeDataAndFourWayClose() throws IOException {
        Trace t = load("handshake-data-close.pcap");
        assertCommon(t, "handshake-data-close.pcap", 8080);
        assertEquals("10.99.0.1", t.client().address());
        assertEquals("10.99.0.2", t.server().address());
        assertRequestResponseAndFourWayClose(t);
        TraceEvent.Segment syn = t.segments().get(0);
        assertEquals(List.of("MSS=1460", "SACK_PERM"), syn.options().subList(0, 2));
        assertTrue(syn.options().get(2).startsWith("TS val="));
        assertEquals("WS=10", syn.options().get(3));
        assertEquals(64240, syn.window());             // a SYN's window is never scaled
        assertEquals(63 << 10, t.segments().get(2).window()); // raw 63, scale 2^10 from both SYNs
        assertTrue(t.segments().stream().allMatch(s -> s.analysis().isEmpty()));
        // Inferred TCB after the handshake's ACK (RFC 9293 §3.3.1 variables, absolute numbers).
        long iss = syn.seqAbs(), irs = t.segments().get(1).seqAbs();
        var tcb = t.tcbAt(Side.CLIENT, t.segments().get(2).sent());
        assertEquals(new io.github.handshakelab.tcp.Tcb(ESTABLISHED, iss, irs, iss + 1, iss + 1, irs + 1, 65160, 64512), tcb);
        var end = t.tcbAt(Side.SERVER, t.endTime());
        assertEquals(CLOSED, end.state());
        assertEquals((irs + 302) & 0xffffffffL, end.sndNxt()); // 300 bytes + SYN + FIN
        assertEquals((iss + 102) & 0xffffffffL, end.rcvNxt()); // 100 bytes + SYN + FIN
        assertEquals("capture.explain.synack.server", t.segments().get(1).explain().get(0).key());
        assertEquals(List.of(Long.toString(t.segments().get(1).seqAbs()), "1"), t.segments().get(1).explain().get(0).args());
        assertEquals("SYN-ACK: the server picks its own ISN " + t.segments().get(1).seqAbs()
                + " (relative seq 0) and sets ack = 1 = the client's ISN + 1, acknowledging the SYN.",
                t.segments().get(1).explain().get(0).english());
    }

    @Test
    void ipv6PcapngWrittenByDumpcap() throws IOException {
        Trace t = load("ipv6-handshake-data-close.pcapng");
        assertCommon(t, "ipv6-handshake-data-close.pcapng", 8085);
        assertEquals("fd00:99::1", t.client().address());
        assertEquals("fd00:99::2", t.server().address());
        assertRequestResponseAndFourWayClose(t);
        assertEquals("MSS=1440", t.segments().get(0).options().get(0)); // 1500 - 40 (IPv6) - 20 (TCP)
        IndexResult r = ConversationIndex.index(DIR.resolve("ipv6-handshake-data-close.pcapng"));
        assertEquals("pcapng", r.format());
        assertEquals(List.of(), r.warnings());
        // dumpcap stores nanoseconds (if_tsresol 9): the trace's microseconds come from them.
        assertTrue(t.segments().get(9).sent() > 100_000, "the server closes 0.2 s after the client");
    }

    @Test
    void rstFromAClosedPort() throws IOException {
        Trace t = load("rst-closed-port.pcap");
        assertCommon(t, "rst-closed-port.pcap", 8081);
        assertEquals(List.of("C>S SYN seq=0 len=0", "S>C RST, ACK seq=1 ack=1 len=0"), segments(t));
        assertEquals(List.of(CLOSED, SYN_SENT, CLOSED), t.stateSequence(Side.CLIENT));
        assertEquals(List.of(), t.stateSequence(Side.SERVER)); // nothing listened: the server stays CLOSED
        assertEquals(CLOSED, t.stateAt(Side.SERVER, 0));
    }

    @Test
    void simultaneousClose() throws IOException {
        Trace t = load("simultaneous-close.pcap");
        assertCommon(t, "simultaneous-close.pcap", 8082);
        assertEquals(List.of(
                "C>S SYN seq=0 len=0",
                "S>C SYN, ACK seq=0 ack=1 len=0",
                "C>S ACK seq=1 ack=1 len=0",
                "C>S PSH, ACK seq=1 ack=1 len=10",
                "S>C ACK seq=1 ack=11 len=0",
                "C>S FIN, ACK seq=11 ack=1 len=0",
                "S>C FIN, ACK seq=1 ack=11 len=0",   // does not ack the client's FIN: the FINs crossed
                "C>S ACK seq=12 ack=2 len=0",
                "S>C ACK seq=2 ack=12 len=0"), segments(t));
        assertEquals(List.of(CLOSED, SYN_SENT, ESTABLISHED, FIN_WAIT_1, CLOSING, TIME_WAIT), t.stateSequence(Side.CLIENT));
        assertEquals(List.of(LISTEN, SYN_RCVD, ESTABLISHED, FIN_WAIT_1, CLOSING, TIME_WAIT), t.stateSequence(Side.SERVER));
        assertEquals(List.of("capture.explain.seq.next", "capture.explain.ack.client", "capture.explain.fin",
                "capture.explain.fin.crossed.client"), t.segments().get(6).explain().stream().map(e -> e.key()).toList());
        assertTrue(t.segments().get(5).explain().stream().noneMatch(e -> e.key().startsWith("capture.explain.fin.crossed")));
    }

    @Test
    void halfCloseWithData() throws IOException {
        Trace t = load("half-close-with-data.pcap");
        assertCommon(t, "half-close-with-data.pcap", 8083);
        assertEquals(List.of(
                "C>S SYN seq=0 len=0",
                "S>C SYN, ACK seq=0 ack=1 len=0",
                "C>S ACK seq=1 ack=1 len=0",
                "C>S PSH, ACK seq=1 ack=1 len=20",
                "S>C ACK seq=1 ack=21 len=0",
                "C>S FIN, ACK seq=21 ack=1 len=0",
                "S>C ACK seq=1 ack=22 len=0",
                "S>C PSH, ACK seq=1 ack=22 len=200",
                "C>S ACK seq=22 ack=201 len=0",
                "S>C PSH, ACK seq=201 ack=22 len=200",
                "C>S ACK seq=22 ack=401 len=0",
                "S>C PSH, ACK seq=401 ack=22 len=200",
                "C>S ACK seq=22 ack=601 len=0",
                "S>C FIN, ACK seq=601 ack=22 len=0",
                "C>S ACK seq=22 ack=602 len=0"), segments(t));
        assertEquals(List.of(CLOSED, SYN_SENT, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT), t.stateSequence(Side.CLIENT));
        assertEquals(List.of(LISTEN, SYN_RCVD, ESTABLISHED, CLOSE_WAIT, LAST_ACK, CLOSED), t.stateSequence(Side.SERVER));
        // The server's data flows while the client sits in FIN_WAIT_2 (a half-closed connection).
        TraceEvent.Segment data = t.segments().get(7);
        assertEquals(FIN_WAIT_2, t.stateAt(Side.CLIENT, data.sent()));
        assertEquals(CLOSE_WAIT, t.stateAt(Side.SERVER, data.sent()));
    }

    @Test
    void serverClosesFirst() throws IOException {
        Trace t = load("server-closes-first.pcap");
        assertCommon(t, "server-closes-first.pcap", 8084);
        assertEquals(List.of(
                "C>S SYN seq=0 len=0",
                "S>C SYN, ACK seq=0 ack=1 len=0",
                "C>S ACK seq=1 ack=1 len=0",
                "S>C PSH, ACK seq=1 ack=1 len=50",
                "C>S ACK seq=1 ack=51 len=0",
                "S>C FIN, ACK seq=51 ack=1 len=0",
                "C>S ACK seq=1 ack=52 len=0",
                "C>S FIN, ACK seq=1 ack=52 len=0",
                "S>C ACK seq=52 ack=2 len=0"), segments(t));
        assertEquals(List.of(CLOSED, SYN_SENT, ESTABLISHED, CLOSE_WAIT, LAST_ACK, CLOSED), t.stateSequence(Side.CLIENT));
        assertEquals(List.of(LISTEN, SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT), t.stateSequence(Side.SERVER));
    }

    @Test
    void tlsHandshakeOnLoopbackGzipped() throws IOException {
        Trace t = load("tls-handshake.pcap.gz");
        assertCommon(t, "tls-handshake.pcap.gz", 4433);
        assertEquals("127.0.0.1", t.client().address());
        List<TraceEvent.Segment> s = t.segments();
        assertEquals(List.of("C>S SYN seq=0 len=0", "S>C SYN, ACK seq=0 ack=1 len=0", "C>S ACK seq=1 ack=1 len=0"),
                segments(t).subList(0, 3));
        assertEquals("TLS Handshake: ClientHello", s.get(3).payloadInfo());
        assertEquals(Side.CLIENT, s.get(3).from());
        assertEquals(1, s.get(3).seq());
        assertEquals("TLS Handshake: ServerHello; TLS ChangeCipherSpec; TLS Application Data", s.get(5).payloadInfo());
        assertEquals("TLS ChangeCipherSpec; TLS Application Data", s.get(7).payloadInfo());
        for (TraceEvent.Segment x : s) {
            if (x.len() == 0) assertNull(x.payloadInfo());
            else assertNotNull(x.payloadInfo(), "every data segment of this capture is TLS: " + x);
        }
        assertEquals(List.of(CLOSED, SYN_SENT, ESTABLISHED, CLOSE_WAIT, LAST_ACK, CLOSED), t.stateSequence(Side.CLIENT));
        assertEquals(List.of(LISTEN, SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT), t.stateSequence(Side.SERVER));
    }

    @Test
    void conversationsOfTheSamples() throws IOException {
        IndexResult r = ConversationIndex.index(DIR.resolve("rst-closed-port.pcap"));
        assertEquals("pcap", r.format());
        assertEquals(1, r.conversations().size());
        Conversation c = r.conversations().get(0);
        assertEquals(Conversation.Opened.PARTIAL, c.opened());
        assertEquals(Conversation.Closed.RST, c.closed());
        assertEquals(2, c.packets());
        assertEquals(1, c.packetsToServer());
        assertEquals(1, c.packetsToClient());
        assertFalse(c.clientGuessed());
        Conversation h = ConversationIndex.index(DIR.resolve("handshake-data-close.pcap")).conversations().get(0);
        assertEquals(Conversation.Opened.HANDSHAKE, h.opened());
        assertEquals(Conversation.Closed.FIN, h.closed());
        assertEquals(11, h.packets());
        assertEquals(6, h.packetsToServer());
        assertEquals(5, h.packetsToClient());
        // Frame bytes on the wire: two 74-byte SYNs (options), nine 66-byte segments, 100 + 300 bytes of data.
        assertEquals(2 * 74 + 9 * 66 + 100 + 300, h.bytes());
    }
}
