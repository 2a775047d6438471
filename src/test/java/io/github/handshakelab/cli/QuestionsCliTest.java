package io.github.handshakelab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.handshakelab.questions.QuestionBank;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.testutil.Schemas;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.github.handshakelab.cli.SimCliTest.assertUsage;
import static io.github.handshakelab.cli.SimCliTest.run;
import static org.junit.jupiter.api.Assertions.*;

/** {@code questions} (DESIGN §6.2): JSON that validates, same ids in both languages, filters, exit codes. */
class QuestionsCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String... args) throws Exception {
        SimCliTest.Result r = run(args);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        return JSON.readTree(r.out());
    }

    private static List<String> ids(JsonNode root) {
        List<String> ids = new ArrayList<>();
        root.path("questions").forEach(q -> ids.add(q.path("id").asText()));
        return ids;
    }

    @Test
    void jsonValidatesInBothLanguagesWithTheSameIds() throws Exception {
        SimCliTest.Result en = run("questions", "--format", "json");
        SimCliTest.Result zh = run("questions", "--format", "json", "--lang", "zh");
        assertEquals(Set.of(), Schemas.problems("questions", en.out()));
        assertEquals(Set.of(), Schemas.problems("questions", zh.out()));
        JsonNode e = JSON.readTree(en.out()), z = JSON.readTree(zh.out());
        assertEquals(1, e.path("version").asInt());
        assertEquals(ids(e), ids(z));
        assertTrue(ids(e).size() >= 32);
        for (int i = 0; i < e.path("questions").size(); i++) {
            JsonNode qe = e.path("questions").get(i), qz = z.path("questions").get(i);
            assertNotEquals(qe.path("answer").asText(), qz.path("answer").asText(), "translated: " + qe.path("id"));
            assertEquals(qe.path("show"), qz.path("show"), "one show for both languages");
            assertEquals(qe.path("pitfalls").size(), qz.path("pitfalls").size(), qe.path("id").asText());
        }
    }

    @Test
    void theDesignExampleQuestionIsThere() throws Exception {
        JsonNode q = json("questions", "--format", "json", "--id", "why-time-wait-2msl").path("questions").get(0);
        assertEquals("lost-final-ack", q.path("show").path("scenario").asText());
        assertEquals("[\"--msl-s\",\"30\"]", q.path("show").path("options").toString());
        assertTrue(q.path("answer").asText().contains("2MSL"));
    }

    /** The stored options are render options: the same command line renders the same trace. */
    @Test
    void showOptionsAreRenderOptions() throws Exception {
        for (JsonNode q : json("questions", "--format", "json").path("questions")) {
            JsonNode show = q.path("show");
            if (!show.has("scenario")) continue;
            List<String> args = new ArrayList<>(List.of("render", "--scenario", show.path("scenario").asText()));
            show.path("options").forEach(o -> args.add(o.asText()));
            args.addAll(List.of("--format", "json"));
            SimCliTest.Result r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), q.path("id") + ": " + r.err());
            assertEquals("", r.err(), q.path("id") + ": an option that changes nothing");
            List<String> opts = new ArrayList<>();
            show.path("options").forEach(o -> opts.add(o.asText()));
            String direct = io.github.handshakelab.trace.TraceJson.write(Simulator.run(ScenarioOptions.parse(show.path("scenario").asText(), opts)));
            assertEquals(direct, r.out(), q.path("id").asText());
        }
    }

    @Test
    void filtersByTopicAndId() throws Exception {
        JsonNode tw = json("questions", "--format", "json", "--topic", "time-wait");
        assertFalse(tw.path("questions").isEmpty());
        tw.path("questions").forEach(q -> assertEquals("time-wait", q.path("topic").asText()));
        assertEquals(List.of("syn-cookies"), ids(json("questions", "--format", "json", "--id", "syn-cookies")));
        assertEquals(List.of("syn-cookies"), ids(json("questions", "--format", "json", "--id", "syn-cookies", "--topic", "syn-flood")));
    }

    @Test
    void textListsEveryQuestionWithItsRenderCommand() {
        SimCliTest.Result r = run("questions");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("[1] why-three-way-handshake  (Opening the connection)"), r.out());
        assertTrue(r.out().contains("Show me: render --scenario lost-final-ack --msl-s 30 --format txt   (at 1.550s, segment #9)"), r.out());
        assertTrue(r.out().contains("render --capture resources/captures/tls-handshake.pcap.gz --stream 0 --format txt   (at 994us, segment #6)"));
        assertTrue(r.out().endsWith(QuestionBank.all().size() + " question(s)\n"));
        SimCliTest.Result zh = run("questions", "--lang", "zh", "--id", "syn-flood");
        assertEquals(0, zh.code());
        assertTrue(zh.out().contains("参考答案："), zh.out());
        assertTrue(zh.out().contains("（SYN 洪泛与监听队列）") || zh.out().contains("(SYN 洪泛与监听队列)"), zh.out());
        assertTrue(zh.out().endsWith("共 1 道题\n"), zh.out());
    }

    @Test
    void usageErrorsExit2WithOneLine() {
        assertUsage(run("questions", "--id", "nope"), "unknown --id 'nope'");
        assertUsage(run("questions", "--topic", "nope"), "unknown --topic 'nope'; topics: handshake, sequence-numbers");
        assertUsage(run("questions", "--id", "syn-cookies", "--topic", "tls"), "question 'syn-cookies' is not in topic 'tls'");
        assertUsage(run("questions", "--lang", "fr"), "unknown --lang 'fr'");
        assertUsage(run("questions", "--format", "xml"), "unknown --format 'xml'; use txt or json");
    }
}
