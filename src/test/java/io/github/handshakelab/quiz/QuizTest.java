package io.github.handshakelab.quiz;

import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The generator and grader shared by the CLI and Predict mode, on every scenario and on captures. */
class QuizTest {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    static Trace sim(String id, long seed) {
        return Simulator.run(Scenarios.byId(id).orElseThrow().withParams(Scenarios.byId(id).orElseThrow().params().withSeed(seed)));
    }

    /** Every why, in both languages and both numberings, states the expected value itself and leaves no pattern behind. */
    @Test
    void everyWhyStatesTheExpectedNumberInBothLanguages() {
        for (String id : Scenarios.ids()) {
            for (long seed : new long[]{1, 31337}) {
                Trace t = sim(id, seed);
                for (Numbers n : Numbers.values()) {
                    Quiz quiz = Quiz.of(t, n, Level.FULL, seed, List.of());
                    for (Question q : quiz.questions()) {
                        for (Locale locale : new Locale[]{Locale.ROOT, ZH}) {
                            for (Field f : Field.values()) {
                                String why = Grader.check(quiz, q, f, true, q.answer().get(f), locale).why();
                                String at = id + " " + seed + " " + n + " Q" + q.n() + " " + f + " " + locale + ": " + why;
                                assertFalse(why.isBlank(), at);
                                assertFalse(why.contains("{") || why.contains("''"), at);
                                if (f == Field.SEQ) assertTrue(why.contains("seq = " + q.seq()), at);
                                if (f == Field.ACK) assertTrue(why.contains(q.ack() == null ? "ack = " : "ack = " + q.ack()), at);
                                if (f == Field.LEN) assertTrue(why.contains("len = " + q.len()), at);
                                if (f == Field.STATE_CLIENT) assertTrue(why.contains(q.state(Side.CLIENT).name()), at);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void theLevelDecidesTheFieldsAsked() {
        Quiz quiz = Quiz.of(sim("three-way-handshake", 1), Numbers.ABSOLUTE, Level.FLAGS_AND_STATES, 1L, List.of());
        assertEquals(List.of(Field.FROM, Field.FLAGS, Field.STATE_CLIENT, Field.STATE_SERVER), quiz.fields());
        Grader.Report r = Grader.grade(quiz, Map.of(), Locale.ROOT);
        assertEquals(12, r.total());
        assertEquals(0, r.score());
        assertTrue(r.items().stream().noneMatch(Grader.Item::answered));
        assertTrue(quiz.questions().get(0).prompt(Locale.ROOT, quiz.level(), false).endsWith(
                "Who sends it (client or server), with which flags? Which state are the client and the server in once it has arrived?"));
    }

    @Test
    void seqNumbersWrapModulo2To32InTheArithmetic() {
        var sc = Scenarios.byId("data-transfer").orElseThrow();
        Trace t = Simulator.run(sc.withParams(sc.params().withIsnClient(4294967295L).withIsnServer(4294967290L)));
        Quiz quiz = Quiz.of(t, Numbers.ABSOLUTE, Level.FULL, 1L, List.of());
        Question q3 = quiz.question(3);
        assertEquals(0L, q3.seq(), "ISN 4294967295 + 1 wraps to 0");
        assertEquals(4294967291L, q3.ack());
        String why = Grader.check(quiz, q3, Field.SEQ, true, 4294967296L, Locale.ROOT).why();
        assertTrue(why.contains("seq = 0: the SYN used sequence number 4294967295"), why);
    }

    /** A capture replay: predict who sends, the numbers as captured, and the inferred states. */
    @Test
    void captureReplayAsksTheInferredStatesAndAcks() throws Exception {
        Trace t = CaptureTraces.load(Path.of("resources/captures/handshake-data-close.pcap"), null);
        Quiz quiz = Quiz.of(t, Numbers.ABSOLUTE, Level.FULL, null, List.of());
        assertTrue(quiz.capture());
        List<TraceEvent.Segment> segs = t.segments();
        assertEquals(segs.size(), quiz.questions().size());
        Map<Integer, Map<Field, Object>> key = new HashMap<>();
        for (Question q : quiz.questions()) {
            TraceEvent.Segment s = segs.get(q.n() - 1);
            assertEquals(s.seqAbs(), q.seq());
            assertEquals(s.hasAck() ? s.ackAbs() : null, q.ack());
            assertEquals(s.sent(), q.processedAt(), "a capture sees one point of the path");
            assertEquals(t.stateAt(Side.SERVER, s.sent()), q.state(Side.SERVER));
            assertTrue(q.prompt(Locale.ROOT, Level.FULL, true).contains("is captured at"));
            key.put(q.n(), q.answer());
        }
        assertEquals(TcpState.SYN_SENT, quiz.question(1).state(Side.CLIENT));
        Grader.Report full = Grader.grade(quiz, key, Locale.ROOT);
        assertEquals(full.total(), full.score());
        // The ack of the SYN,ACK: relative 1 = the client's ISN + 1, said in absolute numbers.
        Question synAck = quiz.question(2);
        String why = Grader.check(quiz, synAck, Field.ACK, true, synAck.ack() - 1, Locale.ROOT).why();
        assertTrue(why.contains(synAck.ack().toString()), why);
        assertTrue(why.contains("Off by one"), why);
        String state = Grader.check(quiz, synAck, Field.STATE_SERVER, true, TcpState.LISTEN, Locale.ROOT).why();
        assertTrue(state.contains("inferred"), state);
    }
}
