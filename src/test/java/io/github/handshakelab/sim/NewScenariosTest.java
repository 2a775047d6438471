package io.github.handshakelab.sim;

import io.github.handshakelab.tcp.Profile;
import io.github.handshakelab.text.Explanation;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static io.github.handshakelab.tcp.TcpState.*;
import static org.junit.jupiter.api.Assertions.*;

/** What the issue-#10 scenarios are about, beyond their exact exchange (ScenariosTest). */
class NewScenariosTest {

    private static Trace run(String id, Profile p) {
        Scenario s = Scenarios.byId(id).orElseThrow();
        return Simulator.run(s.withParams(s.params().withProfile(p)));
    }

    private static List<String> notes(Trace t) {
        return t.events().stream().filter(e -> e instanceof TraceEvent.Note).map(e -> ((TraceEvent.Note) e).text().english()).toList();
    }

    @Test
    void tls12NamesEveryRecordAndCountsThreeRoundTrips() {
        Trace t = run("tls12-handshake", Profile.RFC);
        List<String> info = t.segments().stream().filter(s -> s.len() > 0).map(TraceEvent.Segment::payloadInfo).toList();
        assertEquals(List.of("TLS Handshake: ClientHello", "TLS Handshake: ServerHello, Certificate",
                "TLS Handshake: ServerKeyExchange", "TLS Handshake: ServerHelloDone",
                "TLS Handshake: ClientKeyExchange; TLS ChangeCipherSpec; TLS Handshake: Finished",
                "TLS ChangeCipherSpec; TLS Handshake: Finished", "TLS Application Data", "TLS Application Data"), info);
        TraceEvent.Segment request = t.segments().get(15);
        assertEquals(305_000L, request.sent());
        assertEquals(120, request.len());
        assertTrue(notes(t).contains("Client: the first request byte leaves 0.305 s after the SYN, 3 round trips: one for the TCP"
                + " handshake and 2 for the TLS 1.2 handshake. No application byte can go earlier."));
    }

    @Test
    void tls13SendsTheRequestWithItsFinishedAfterTwoRoundTrips() {
        Trace t = run("tls13-handshake", Profile.RFC);
        TraceEvent.Segment request = t.segments().get(11);
        assertEquals("TLS ChangeCipherSpec; TLS Handshake: Finished; TLS Application Data", request.payloadInfo());
        assertEquals(203_000L, request.sent());
        assertEquals("TLS Handshake: ServerHello (key_share); TLS ChangeCipherSpec; TLS Handshake: EncryptedExtensions,"
                + " Certificate, CertificateVerify, Finished", t.segments().get(5).payloadInfo());
        assertTrue(notes(t).stream().anyMatch(n -> n.contains("2 round trips: one for the TCP handshake and 1 for the TLS 1.3")));
    }

    @Test
    void closeWithUnreadDataShrinksTheWindowThenResetsOnLinux() {
        Trace linux = run("close-with-unread-data", Profile.LINUX);
        TraceEvent.Segment ack = linux.segments().get(4);
        assertEquals(65435, ack.window(), "100 unread bytes shrink the advertised window");
        TraceEvent.Segment rst = linux.segments().get(5);
        assertEquals(List.of("RST", "ACK"), rst.flags().names());
        assertTrue(notes(linux).stream().anyMatch(n -> n.startsWith("Server: Linux: close() with 100 unread bytes")));
        assertTrue(notes(linux).contains("Client: connection reset by the peer: a RST with exactly the expected sequence number"
                + " (RFC 9293 §3.10.7.4, RFC 5961)"));
        Trace rfc = run("close-with-unread-data", Profile.RFC);
        assertTrue(rfc.segments().get(5).flags().fin());
    }

    @Test
    void shutdownKeepsReadingWhereCloseResetsOnLinux() {
        Trace close = run("shutdown-vs-close", Profile.LINUX);
        assertTrue(notes(close).stream().anyMatch(n -> n.startsWith("Client: Linux: 100 new bytes for a socket the application has closed")));
        Trace shutdown = run("half-close-with-data", Profile.LINUX);
        assertTrue(shutdown.segments().stream().noneMatch(s -> s.flags().rst()));
        assertTrue(notes(shutdown).contains("Client: 50 bytes delivered to the application"));
        // The user call is CLOSE in the trace (schema v1), and the note says it was shutdown().
        assertTrue(notes(shutdown).stream().anyMatch(n -> n.startsWith("Client: shutdown(SHUT_WR): RFC 9293's CLOSE")));
    }

    @Test
    void dataOnFinIsExplainedAndAcknowledgedOnce() {
        Trace t = run("data-on-fin", Profile.RFC);
        TraceEvent.Segment s = t.segments().get(3);
        assertEquals(List.of("FIN", "PSH", "ACK"), s.flags().names());
        String ex = s.explain().stream().map(Explanation::english).collect(Collectors.joining(" "));
        assertTrue(ex.endsWith("The FIN rides on this data segment: it comes after the last byte and takes number 101, so the"
                + " peer acknowledges 102."), ex);
        assertEquals(102, t.segments().get(4).ack());
        assertTrue(t.events().stream().anyMatch(e -> e instanceof TraceEvent.User u && u.endpoint() == Side.CLIENT
                && u.bytes() == 100));
        assertTrue(s.explain().get(s.explain().size() - 1).render(Locale.SIMPLIFIED_CHINESE).contains("占用序号 101"));
    }

    /** RFC: ACK, RST (RFC 1337's assassination), retransmitted SYN to the listener; Linux: reuse with ISN old SND.NXT + 65537. */
    @Test
    void synInTimeWait() {
        Trace rfc = run("syn-in-time-wait", Profile.RFC);
        assertEquals(2_600_000L, rfc.segments().get(10).sent(), "the new connection waits for the SYN retransmission");
        assertEquals("TIME_WAIT -> CLOSED (RST)", rfc.stateChanges(Side.SERVER).get(6).from() + " -> "
                + rfc.stateChanges(Side.SERVER).get(6).to() + " (" + rfc.stateChanges(Side.SERVER).get(6).cause() + ")");
        Trace linux = run("syn-in-time-wait", Profile.LINUX);
        long oldIss = linux.segments().get(1).seqAbs();
        TraceEvent.Segment synAck = linux.segments().get(8);
        assertEquals((oldIss + 2 + 65537) & 0xFFFF_FFFFL, synAck.seqAbs(), "new ISN = old SND.NXT + 65537");
        assertEquals(1_650_000L, synAck.sent());
        assertTrue(notes(linux).stream().anyMatch(n -> n.startsWith("Server: Linux: a SYN above the old connection's numbers reaches TIME_WAIT (58.9 s left)")));
    }

    /** Probes at SND.NXT - 1 after 10 s idle; answered before the crash; three unanswered ones end it. */
    @Test
    void keepAliveProbesThenGivesUp() {
        Trace t = run("keep-alive", Profile.RFC);
        List<Long> probes = t.segments().stream().filter(s -> s.from() == Side.CLIENT && s.seq() == 0 && !s.flags().syn())
                .map(TraceEvent.Segment::sent).toList();
        assertEquals(List.of(10_100_000L, 20_200_000L, 30_300_000L, 35_300_000L, 40_300_000L), probes);
        assertTrue(t.segments().get(3).explain().get(0).english().startsWith("seq = 0 = SND.NXT - 1: keep-alive probe 1."));
        assertEquals(45_300_000L, t.stateChanges(Side.CLIENT).get(t.stateChanges(Side.CLIENT).size() - 1).t());
        assertTrue(t.events().stream().anyMatch(e -> e instanceof TraceEvent.Timer x
                && x.timer() == io.github.handshakelab.tcp.TimerKind.KEEPALIVE));
        Trace linux = run("keep-alive", Profile.LINUX);
        TraceEvent.Segment rst = linux.segments().get(linux.segments().size() - 1);
        assertEquals(List.of("RST", "ACK"), rst.flags().names());
        assertEquals(45_300_000L, rst.sent());
    }

    /** The window shrinks to zero, probes back off (1 s, 2 s), the window update lets the rest go; no retransmission. */
    @Test
    void zeroWindowIsProbedUntilTheWindowUpdate() {
        Trace t = run("zero-window-probe", Profile.RFC);
        assertEquals(List.of(2540, 1080, 0), t.segments().subList(6, 9).stream().map(TraceEvent.Segment::window).toList());
        assertEquals(List.of(1_400_000L, 3_400_000L), t.segments().stream().filter(s -> s.len() == 1).map(TraceEvent.Segment::sent).toList());
        TraceEvent.Segment update = t.segments().get(13);
        assertEquals(5_000_000L, update.sent());
        assertEquals(4000, update.window());
        assertEquals("ack = 4001: nothing new received; this ACK only announces that the window is open again (4000 bytes),"
                + " a window update (RFC 9293 §3.8.6.2.2).", update.explain().get(1).english());
        assertTrue(t.segments().stream().noneMatch(TraceEvent.Segment::retransmission), "flow control, not loss");
        Trace linux = run("zero-window-probe", Profile.LINUX);
        assertEquals(List.of(700_000L, 1_300_000L, 2_500_000L, 4_900_000L), linux.segments().stream()
                .filter(s -> s.from() == Side.CLIENT && s.seq() == 4000).map(TraceEvent.Segment::sent).toList());
        assertTrue(linux.segments().get(9).explain().get(0).english().startsWith("seq = 4000 = SND.UNA - 1: Linux zero-window probe"));
    }

    /** 2MSL cut to 2 s: the 3 s old copy is delivered in the new connection; Linux's 60 s TIME_WAIT prevents it. */
    @Test
    void timeWaitReasonsShowsTheOldCopyAcceptedAfterQuickReuse() {
        Trace t = run("time-wait-reasons", Profile.RFC);
        TraceEvent.Segment copy = t.segments().get(4);
        assertEquals(List.of("delayed-duplicate"), copy.options());
        assertEquals(3_350_000L, copy.arrived());
        assertTrue(copy.explain().get(copy.explain().size() - 1).english().startsWith("A copy of this segment is delayed in the network"));
        // The new connection (same ports, same client ISN) is open when the copy arrives: it is delivered.
        assertEquals(ESTABLISHED, t.stateAt(Side.SERVER, 3_350_000L));
        assertEquals(2, notes(t).stream().filter(n -> n.equals("Server: 100 bytes delivered to the application")).count());
        // ... and the new connection's own 100 bytes are then refused as old.
        assertEquals("ack = 101 = RCV.NXT: the segment just received was outside the receive window (old or duplicate), so this"
                + " side repeats what it expects (RFC 9293 §3.10.7.4, first check).", t.segments().get(15).explain().get(1).english());
        Trace linux = run("time-wait-reasons", Profile.LINUX);
        assertEquals(TIME_WAIT, linux.stateAt(Side.CLIENT, 3_350_000L));
        assertEquals(1, notes(linux).stream().filter(n -> n.equals("Server: 100 bytes delivered to the application")).count());
    }
}
