package io.github.handshakelab.questions;

import io.github.handshakelab.cli.ShowTraces;

import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The bank's content: complete in both languages, and every "Show me" opens a real moment of a real trace. */
class QuestionBankTest {

    private static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");

    static List<Question> questions() {
        return QuestionBank.all();
    }

    @Test
    void atLeast32QuestionsWithUniqueIdsAndKnownTopics() {
        List<Question> all = QuestionBank.all();
        assertTrue(all.size() >= 32, "only " + all.size());
        Set<String> ids = new HashSet<>();
        for (Question q : all) {
            assertTrue(ids.add(q.id()), "duplicate id " + q.id());
            assertTrue(QuestionBank.TOPICS.contains(q.topic()), q.id() + ": topic " + q.topic());
        }
        // Every topic has questions, and every topic has a name in both languages.
        for (String t : QuestionBank.TOPICS) {
            assertTrue(all.stream().anyMatch(q -> q.topic().equals(t)), "empty topic " + t);
            assertFalse(QuestionBank.topicName(t, Locale.ROOT).isBlank());
            assertTrue(CJK.matcher(QuestionBank.topicName(t, Locale.SIMPLIFIED_CHINESE)).find() || t.equals("time-wait"), t);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("questions")
    void bothLanguagesAreComplete(Question q) {
        for (Question.Text t : texts(q)) {
            assertFalse(t.en().isBlank(), q.id());
            assertFalse(t.zh().isBlank(), q.id());
            assertFalse(CJK.matcher(t.en()).find(), q.id() + ": Chinese in the English text: " + t.en());
            assertTrue(CJK.matcher(t.zh()).find(), q.id() + ": no Chinese in " + t.zh());
            // Chinese text uses full-width sentence punctuation, never an ASCII comma or full stop after a CJK character.
            assertFalse(Pattern.compile("[\\u4e00-\\u9fff][,;]").matcher(t.zh()).find(), q.id() + ": ASCII punctuation in " + t.zh());
        }
        assertFalse(q.pitfalls().isEmpty(), q.id() + " has no pitfalls");
        assertTrue(q.question().en().endsWith("?") || q.question().en().endsWith("."), q.id());
        assertTrue(q.question().zh().endsWith("？") || q.question().zh().endsWith("。"), q.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("questions")
    void showOpensAMomentInsideTheTraceWithItsSegmentAlreadySent(Question q) throws Exception {
        Question.Show show = q.show();
        if (show instanceof Question.ScenarioShow s) {
            assertTrue(Scenarios.byId(s.scenario()).isPresent(), s.scenario());
        }
        Trace trace = ShowTraces.trace(show);
        assertTrue(show.at() >= 0 && show.at() <= trace.endTime(), q.id() + ": at " + show.at() + " beyond " + trace.endTime());
        TraceEvent.Segment seg = trace.segments().stream().filter(x -> x.id() == show.segment()).findFirst()
                .orElseThrow(() -> new AssertionError(q.id() + ": no segment #" + show.segment()));
        assertTrue(seg.sent() <= show.at(), q.id() + ": segment #" + seg.id() + " is sent at " + seg.sent() + ", after " + show.at());
    }

    /** Spot checks that the answers' numbers are what the simulator does (the answers cite them). */
    @Test
    void answersAgreeWithTheSimulator() throws Exception {
        Trace walk = ShowTraces.trace(QuestionBank.byId("sequence-walkthrough").orElseThrow().show());
        List<String> abs = walk.segments().stream().map(s -> s.label(true)).toList();
        assertEquals(List.of("SYN  seq=1000", "SYN, ACK  seq=5000 ack=1001", "ACK  seq=1001 ack=5001",
                "PSH, ACK  seq=1001 ack=5001  len=100", "ACK  seq=5001 ack=1101", "PSH, ACK  seq=5001 ack=1101  len=200",
                "ACK  seq=1101 ack=5201", "FIN, ACK  seq=1101 ack=5201", "ACK  seq=5201 ack=1102", "FIN, ACK  seq=5201 ack=1102",
                "ACK  seq=1102 ack=5202"), abs);

        Trace timeout = ShowTraces.trace(QuestionBank.byId("connect-timeout").orElseThrow().show());
        assertEquals(List.of(0L, 1_000_000L, 3_000_000L, 7_000_000L, 15_000_000L, 31_000_000L, 63_000_000L),
                timeout.segments().stream().map(TraceEvent.Segment::sent).toList());
        assertEquals(TcpState.SYN_SENT, timeout.stateAt(Side.CLIENT, 126_999_999));
        assertEquals(TcpState.CLOSED, timeout.stateAt(Side.CLIENT, 127_000_000));

        Trace lostFinal = ShowTraces.trace(QuestionBank.byId("lost-final-ack").orElseThrow().show());
        TraceEvent.Segment fin = lostFinal.segments().get(7);
        assertTrue(fin.retransmission() && fin.flags().fin() && fin.from() == Side.SERVER, fin.toString());
        assertEquals(1_500_000, fin.sent());
        assertEquals(TcpState.TIME_WAIT, lostFinal.stateAt(Side.CLIENT, 1_500_000));
        assertEquals(TcpState.LAST_ACK, lostFinal.stateAt(Side.SERVER, 1_500_000));

        Trace tw = ShowTraces.trace(QuestionBank.byId("time-wait-active-closer").orElseThrow().show());
        assertEquals(TcpState.TIME_WAIT, tw.stateAt(Side.SERVER, 30_000_000));
        assertFalse(tw.stateSequence(Side.CLIENT).contains(TcpState.TIME_WAIT));

        Trace three = ShowTraces.trace(QuestionBank.byId("three-segment-close").orElseThrow().show());
        assertFalse(three.stateSequence(Side.CLIENT).contains(TcpState.FIN_WAIT_2));
        assertEquals(3, three.segments().stream().filter(s -> s.sent() >= 300_000).count());

        // TLS 1.3: the request rides with the client's Finished after 2 round trips (~203 ms); TLS 1.2 needs 3 (~305 ms).
        Trace tls = ShowTraces.trace(QuestionBank.byId("tls-round-trips").orElseThrow().show());
        TraceEvent.Segment request13 = tls.segments().get(11);
        assertEquals(203_000, request13.sent());
        assertTrue(request13.payloadInfo().contains("Finished") && request13.payloadInfo().contains("Application Data"), request13.payloadInfo());
        Trace tls12 = ShowTraces.trace(new Question.ScenarioShow("tls12-handshake", List.of(), 0, 1));
        TraceEvent.Segment request12 = tls12.segments().stream()
                .filter(s -> "TLS Application Data".equals(s.payloadInfo())).findFirst().orElseThrow();
        assertEquals(16, request12.id());
        assertEquals(305_000, request12.sent());

        Trace capture = ShowTraces.trace(QuestionBank.byId("tls-in-a-capture").orElseThrow().show());
        assertEquals("TLS Handshake: ClientHello", capture.segments().get(3).payloadInfo());
        assertEquals("TLS Handshake: ServerHello; TLS ChangeCipherSpec; TLS Application Data", capture.segments().get(5).payloadInfo());

        // The answers quote these segments of their own scenarios.
        Trace unread = ShowTraces.trace(QuestionBank.byId("close-with-unread-data").orElseThrow().show());
        TraceEvent.Segment rst = unread.segments().get(5);
        assertTrue(rst.flags().rst() && rst.flags().ack() && rst.from() == Side.SERVER, rst.toString());
        assertFalse(unread.stateSequence(Side.SERVER).contains(TcpState.TIME_WAIT));
        Trace shut = ShowTraces.trace(QuestionBank.byId("close-vs-shutdown").orElseThrow().show());
        assertTrue(shut.segments().get(6).flags().rst() && shut.segments().get(6).from() == Side.CLIENT);
        Trace tw2 = ShowTraces.trace(QuestionBank.byId("syn-in-time-wait").orElseThrow().show());
        assertTrue(tw2.segments().get(9).flags().rst());
        assertEquals(TcpState.TIME_WAIT, tw2.stateAt(Side.SERVER, 1_700_000));
        assertEquals(TcpState.LISTEN, tw2.stateAt(Side.SERVER, 1_750_000));
        Trace ka = ShowTraces.trace(QuestionBank.byId("tcp-keepalive").orElseThrow().show());
        assertEquals(10_100_000, ka.segments().get(3).sent());
        assertEquals(TcpState.CLOSED, ka.stateAt(Side.CLIENT, 45_300_000));
        assertEquals(TcpState.ESTABLISHED, ka.stateAt(Side.CLIENT, 45_299_999));
        Trace storm = ShowTraces.trace(QuestionBank.byId("ack-storm").orElseThrow().show());
        TraceEvent.Segment old = storm.segments().get(3);
        assertEquals(List.of(3_150_000L, 1L, 1460), List.of(old.arrived(), old.seq(), old.len()), "the old duplicate, accepted");
        assertEquals(List.of("SERVER 1461", "CLIENT 1", "SERVER 1461"),
                storm.segments().subList(18, 21).stream().map(s -> s.from() + " " + s.ack()).toList());
        assertTrue(storm.events().stream().anyMatch(e -> e instanceof TraceEvent.Note n && n.time() == 3_300_000
                && n.text().key().equals("tcp.notice.ackThrottled.client")), "the client stays quiet");
        assertEquals(3_340_000, storm.segments().get(21).sent(), "the next segment is the client's own data");
        assertEquals(TcpState.CLOSED, storm.stateSequence(Side.CLIENT).get(storm.stateSequence(Side.CLIENT).size() - 1),
                "the client gives up");
        Trace zw = ShowTraces.trace(QuestionBank.byId("zero-window").orElseThrow().show());
        assertEquals(1, zw.segments().get(9).len());
        assertEquals(1_400_000, zw.segments().get(9).sent());
        assertEquals(0, zw.segments().get(8).window());
    }

    @Test
    void searchFindsByWordsInEitherLanguageAndByTopic() {
        assertTrue(QuestionBank.search("challenge ACK", null, Locale.ROOT).stream().anyMatch(q -> q.id().equals("rst-in-each-state")));
        assertTrue(QuestionBank.search("挑战", null, Locale.SIMPLIFIED_CHINESE).stream().anyMatch(q -> q.id().equals("rst-in-each-state")));
        List<Question> tw = QuestionBank.search("", "time-wait", Locale.ROOT);
        assertFalse(tw.isEmpty());
        assertTrue(tw.stream().allMatch(q -> q.topic().equals("time-wait")));
        assertEquals(List.of(), QuestionBank.search("no-such-word-anywhere", null, Locale.ROOT));
        assertEquals(QuestionBank.all(), QuestionBank.search("  ", null, Locale.ROOT));
    }

    @Test
    void drillNeverRepeatsTheSameQuestionTwiceInARow() {
        Random r = new Random(1);
        Question prev = null;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Question q = QuestionBank.random(QuestionBank.all(), prev, r);
            assertNotEquals(prev, q);
            seen.add(q.id());
            prev = q;
        }
        assertEquals(QuestionBank.all().size(), seen.size(), "every question comes up");
    }

    private static List<Question.Text> texts(Question q) {
        List<Question.Text> out = new java.util.ArrayList<>(List.of(q.question(), q.answer()));
        out.addAll(q.pitfalls());
        return out;
    }
}
