package io.github.handshakelab.sim;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.tcp.UserCall;
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

/** The RFC review's defects (issue #10), one focused test each. */
class ReviewDefectsTest {

    private static Scenario scenario(String id) {
        return Scenarios.byId(id).orElseThrow();
    }

    private static List<String> notes(Trace t, Locale l) {
        return t.events().stream().filter(e -> e instanceof TraceEvent.Note).map(e -> ((TraceEvent.Note) e).text().render(l))
                .toList();
    }

    private static String explain(TraceEvent.Segment s) {
        return s.explain().stream().map(Explanation::english).collect(Collectors.joining(" "));
    }

    /** (b) RFC 9293 waits in FIN_WAIT_2: no timer after the half-close, every byte is delivered. */
    @Test
    void halfCloseWaitsInFinWait2WhileTheServerStillSends() {
        Trace t = Simulator.run(scenario("half-close-with-data")
                .withFault(new DropRule.Random(0.3, 10)).withParams(SimParams.defaults().withSeed(10)));
        assertTrue(t.events().stream().noneMatch(e -> e instanceof TraceEvent.Timer x && x.timer() == TimerKind.FIN_WAIT_2),
                "no FIN_WAIT_2 timer in the rfc profile");
        assertTrue(t.segments().stream().noneMatch(s -> s.from() == Side.CLIENT && s.flags().rst() && s.sent() < 63_650_000L),
                "the client never resets while the server still sends");
        int delivered = notes(t, Locale.ROOT).stream().filter(n -> n.startsWith("Client: ") && n.contains("bytes delivered"))
                .mapToInt(n -> Integer.parseInt(n.replaceAll("\\D+(\\d+) bytes.*", "$1"))).sum();
        assertEquals(150, delivered);
        assertEquals(List.of(CLOSED, SYN_SENT, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT, CLOSED), t.stateSequence(Side.CLIENT));
        assertEquals(TIME_WAIT, t.stateAt(Side.CLIENT, 63_650_000L));
    }

    /** (c) The ABORT's RST is lost-in-order: its explanation must say it is challenged, as it is. */
    @Test
    void resetAfterALostSegmentIsExplainedAsChallenged() {
        Trace t = Simulator.run(scenario("reset-mid-connection").withFault(new DropRule.SegmentId(4)));
        List<String> l = Ladder.of(t);
        assertEquals(List.of("C PSH,ACK 1 1 100 LOST", "C RST 101 - 0", "S ACK 1 1 0", "C RST 1 - 0"), l.subList(3, 7));
        String rst = explain(t.segments().get(4));
        assertFalse(rst.contains("will accept"), rst);
        assertTrue(rst.contains("It is not: the server still expects 1 (something before the RST was lost), so seq 101 is only in "
                + "the window, and the server answers with a challenge ACK instead of resetting (RFC 5961 §3.2)."), rst);
        assertTrue(explain(t.segments().get(6)).endsWith("It is exactly what the server expects, so the server obeys: ESTABLISHED -> CLOSED."));
        // Without the loss the same RST is obeyed, and the explanation says so.
        Trace ok = Simulator.run(scenario("reset-mid-connection"));
        assertTrue(explain(ok.segments().get(5)).endsWith("It is exactly what the server expects, so the server obeys: ESTABLISHED -> CLOSED."));
    }

    /** (d) A slow path: the server's note names its SYN,ACK, not "the SYN". */
    @Test
    void rtoNoteNamesTheSegmentThatWasRetransmitted() {
        Trace t = Simulator.run(scenario("data-transfer").withParams(SimParams.defaults().withDelayUs(1_000_000)));
        List<String> n = notes(t, Locale.ROOT);
        assertTrue(n.contains("Server: the SYN,ACK of this side had to be retransmitted and gave no RTT sample, so the "
                + "retransmission timeout for what follows is 3 s (RFC 6298 (5.7))"), String.join("\n", n));
        assertTrue(n.contains("Client: the SYN of this side had to be retransmitted and gave no RTT sample, so the "
                + "retransmission timeout for what follows is 3 s (RFC 6298 (5.7))"), String.join("\n", n));
    }

    /** (d) From 64 s the back-off reaches the 120 s ceiling: the explanation says ceiling, not "doubles to". */
    @Test
    void backOffAtTheCeilingSaysCeiling() {
        Scenario s = scenario("three-way-handshake").withCall(TriggeredCall.after(Side.CLIENT, ESTABLISHED, 0, UserCall.SEND, 10));
        for (int id = 4; id <= 13; id++) s = s.withFault(new DropRule.SegmentId(id));
        Trace t = Simulator.run(s);
        List<String> rtx = t.segments().stream().filter(x -> x.retransmission() && x.from() == Side.CLIENT)
                .map(x -> x.explain().get(0).english()).toList();
        assertTrue(rtx.get(5).endsWith("(retransmission 6; the timeout now doubles to 64 s)."), rtx.get(5));
        assertEquals("seq = 1: same seq as the original: a retransmission resends, it never renumbers (retransmission 7; "
                + "the timeout has reached its ceiling of 120 s and stops doubling).", rtx.get(6));
    }

    /** (d) A SYN_RCVD reached by a simultaneous open gives up by tcp_syn_retries, and says so. */
    @Test
    void simultaneousOpenGivesUpBySynRetries() {
        Trace t = Simulator.run(scenario("simultaneous-open").withFault(new DropRule.Matching(SegmentKind.EVERY_SYN_ACK)));
        List<String> n = notes(t, Locale.ROOT);
        List<String> gaveUp = n.stream().filter(x -> x.contains("gave up")).toList();
        assertEquals(2, gaveUp.size(), String.join("\n", n));
        for (String g : gaveUp) {
            assertTrue(g.contains("gave up after 6 SYN,ACK retransmissions"), g);
            assertTrue(g.contains("so the limit is Linux's tcp_syn_retries"), g);
            assertFalse(g.contains("The retry count is Linux's tcp_synack_retries"), g);
        }
        assertEquals(CLOSED, t.stateSequence(Side.CLIENT).get(t.stateSequence(Side.CLIENT).size() - 1));
    }

    /** (e) A RST,ACK from a closed port: seq=0 relative and absolute, and the replay's seq=1 explained. */
    @Test
    void rstFromAClosedPortExplainsWiresharksNumbering() {
        Trace t = Simulator.run(scenario("connect-to-closed-port"));
        TraceEvent.Segment rst = t.segments().get(1);
        assertEquals(0, rst.seq());
        assertEquals(0, rst.seqAbs());
        assertTrue(explain(rst).contains("Wireshark, and this app's replay of a capture, count such a side from its first "
                + "number minus one and show seq=1 for the same segment; the absolute number is the same."), explain(rst));
        assertTrue(rst.explain().stream().anyMatch(x -> x.render(Locale.SIMPLIFIED_CHINESE).contains("显示为 seq=1")));
        assertTrue(explain(rst).endsWith("Its ACK acknowledges the client's SYN, so the client accepts it: SYN_SENT -> CLOSED, "
                + "connection refused (RFC 9293 §3.10.7.3)."), explain(rst));
    }

    /** (g) The flood's and the old SYN's markers carry no English prose; the prose is in the explanations. */
    @Test
    void simulatedInfoCarriesNoUntranslatedProse() {
        for (Trace t : List.of(Simulator.run(Scenarios.synFlood(6, true)), Simulator.run(scenario("old-duplicate-syn")))) {
            for (TraceEvent.Segment s : t.segments()) {
                if (s.payloadInfo() != null) assertTrue(s.payloadInfo().matches("[0-9.:]+ → [0-9.:]+"), s.payloadInfo());
                for (Explanation x : s.explain()) {
                    String zh = x.render(Locale.SIMPLIFIED_CHINESE);
                    assertFalse(zh.contains("forged") || zh.contains("spoofed SYN") || zh.contains("old duplicate"), zh);
                }
            }
        }
        TraceEvent.Segment spoofed = Simulator.run(Scenarios.synFlood(6, false)).segments().get(0);
        assertEquals("198.51.100.1 → 10.0.0.2:80", spoofed.payloadInfo());
        assertTrue(spoofed.explain().get(0).render(Locale.SIMPLIFIED_CHINESE).contains("伪造"));
    }
}
