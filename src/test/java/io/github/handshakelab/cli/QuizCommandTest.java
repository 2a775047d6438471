package io.github.handshakelab.cli;

import io.github.handshakelab.cli.SimCliTest.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.testutil.Schemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.handshakelab.cli.SimCliTest.assertUsage;
import static io.github.handshakelab.cli.SimCliTest.json;
import static io.github.handshakelab.cli.SimCliTest.run;
import static org.junit.jupiter.api.Assertions.*;

/** {@code quiz} (DESIGN §6.1): the key against the trace, grading, bad answer files, formats, the terminal quiz. */
class QuizCommandTest {

    /** Question {@code q} asks for segment {@code s} (trace JSON): its id, and the answer's sender, flags and numbers. */
    static void assertAnswerIsTheSegment(JsonNode s, JsonNode q, boolean absolute, String at) {
        JsonNode a = q.get("answer");
        assertEquals(s.get("id").asInt(), q.get("segment").asInt(), at);
        assertEquals(s.get("from").asText(), a.get("from").asText(), at);
        assertEquals(s.get("flags"), a.get("flags"), at);
        assertEquals(s.get(absolute ? "seqAbs" : "seq"), a.get("seq"), at);
        assertEquals(s.get(absolute ? "ackAbs" : "ack"), a.get("ack"), at);
        assertEquals(s.get("len"), a.get("len"), at);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long[] SEEDS = {1, 7, 424242};

    static List<String> ids() {
        return Scenarios.ids();
    }

    /** The state of {@code side} at {@code t} from the trace JSON's state events (changes at t have happened). */
    static String stateAt(JsonNode trace, String side, long t) {
        String s = null;
        for (JsonNode e : trace.get("events")) {
            if (!e.get("type").asText().equals("state") || !e.get("endpoint").asText().equals(side)) continue;
            if (s == null) s = e.get("from").asText();
            if (e.get("t").asLong() <= t) s = e.get("to").asText();
        }
        return s == null ? "CLOSED" : s;
    }

    static List<JsonNode> segments(JsonNode trace) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : trace.get("events")) if (e.get("type").asText().equals("segment")) out.add(e);
        return out;
    }

    @ParameterizedTest
    @MethodSource("ids")
    void keyAgreesWithRenderForEverySeed(String id) throws Exception {
        for (long seed : SEEDS) {
            JsonNode trace = json(run("render", "--scenario", id, "--seed", Long.toString(seed), "--format", "json"));
            for (String numbers : List.of("absolute", "relative")) {
                String ctx = id + " seed " + seed + " " + numbers;
                JsonNode sheet = json(run("quiz", "--scenario", id, "--seed", Long.toString(seed), "--numbers", numbers,
                        "--format", "json", "--answer-key"));
                assertEquals(Set.of(), Schemas.problems("quiz", sheet.toString()), ctx);
                assertEquals(seed, sheet.get("seed").asLong());
                assertEquals(id, sheet.get("scenario").asText());
                List<JsonNode> segs = segments(trace);
                JsonNode qs = sheet.get("questions");
                assertEquals(segs.size(), qs.size(), ctx + ": one question per segment, lost ones included");
                boolean abs = numbers.equals("absolute");
                for (int i = 0; i < segs.size(); i++) {
                    JsonNode s = segs.get(i), q = qs.get(i), a = q.get("answer");
                    String at = ctx + " Q" + (i + 1);
                    assertEquals(i + 1, q.get("n").asInt(), at);
                    assertAnswerIsTheSegment(s, q, abs, at);
                    assertEquals(s.get("sent").asLong(), q.get("sent").asLong(), at);
                    boolean lost = !s.get("dropped").isNull();
                    long when = lost || s.get("arrived").isNull() ? s.get("sent").asLong() : s.get("arrived").asLong();
                    assertEquals(stateAt(trace, "client", when), a.get("states").get("client").asText(), at);
                    assertEquals(stateAt(trace, "server", when), a.get("states").get("server").asText(), at);
                    assertEquals(lost, q.get("prompt").asText().contains("lost on the way"), at);
                }
            }
        }
    }

    /** The worksheet's answers as an answers file. */
    static ObjectNode answersFromKey(JsonNode sheet) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("answers");
        for (JsonNode q : sheet.get("questions")) {
            ObjectNode a = ((ObjectNode) q.get("answer")).deepCopy();
            a.put("n", q.get("n").asInt());
            list.add(a);
        }
        return root;
    }

    @ParameterizedTest
    @MethodSource("ids")
    void gradingTheKeyGivesFullMarks(String id, @TempDir Path dir) throws Exception {
        JsonNode sheet = json(run("quiz", "--scenario", id, "--seed", "99", "--format", "json", "--answer-key"));
        Path file = dir.resolve("answers.json");
        Files.writeString(file, answersFromKey(sheet).toString());
        JsonNode report = json(run("quiz", "--scenario", id, "--seed", "99", "--grade", file.toString(), "--format", "json"));
        assertEquals(Set.of(), Schemas.problems("grade", report.toString()));
        int fields = 7 * sheet.get("questions").size();
        assertEquals(fields, report.get("total").asInt());
        assertEquals(fields, report.get("score").asInt());
        for (JsonNode it : report.get("items")) {
            assertTrue(it.get("correct").asBoolean(), it.toString());
            assertEquals(it.get("expected"), it.get("given"));
            assertFalse(it.get("why").asText().isBlank());
        }
    }

    /** Grades {@code sheet}'s key with one field of question {@code n} replaced; returns the one wrong item. */
    static JsonNode gradeWithOneChange(Path dir, String id, String seed, JsonNode sheet, int n, String field, JsonNode value,
                                       String... extra) throws Exception {
        ObjectNode answers = answersFromKey(sheet);
        ObjectNode a = (ObjectNode) answers.get("answers").get(n - 1);
        if (field.startsWith("states.")) ((ObjectNode) a.get("states")).set(field.substring(7), value);
        else if (value == null) a.remove(field);
        else a.set(field, value);
        Path file = dir.resolve("a" + n + field + ".json");
        Files.writeString(file, answers.toPrettyString());
        List<String> args = new ArrayList<>(List.of("quiz", "--scenario", id, "--seed", seed, "--grade", file.toString(), "--format", "json"));
        args.addAll(List.of(extra));
        JsonNode report = json(run(args.toArray(String[]::new)));
        assertEquals(report.get("total").asInt() - 1, report.get("score").asInt(), "exactly one field lost");
        JsonNode wrong = null;
        for (JsonNode it : report.get("items")) if (!it.get("correct").asBoolean()) wrong = it;
        assertEquals(n, wrong.get("n").asInt());
        assertEquals(field, wrong.get("field").asText());
        return wrong;
    }

    @Test
    void oneChangedFieldLosesExactlyThatFieldAndSaysWhyWithTheNumbers(@TempDir Path dir) throws Exception {
        JsonNode sheet = json(run("quiz", "--scenario", "four-way-close", "--seed", "7", "--format", "json", "--answer-key"));
        JsonNode q1 = sheet.get("questions").get(0).get("answer"), q2 = sheet.get("questions").get(1).get("answer");
        long clientIsn = q1.get("seq").asLong(), serverIsn = q2.get("seq").asLong();

        // The SYN,ACK acknowledges the client's ISN + 1.
        JsonNode w = gradeWithOneChange(dir, "four-way-close", "7", sheet, 2, "ack", JSON.getNodeFactory().numberNode(clientIsn));
        assertEquals(clientIsn + 1, w.get("expected").asLong());
        assertEquals(clientIsn, w.get("given").asLong());
        assertTrue(w.get("why").asText().contains("ack = " + (clientIsn + 1) + " = client ISN " + clientIsn
                + " + 1 (a SYN consumes one sequence number)"), w.get("why").asText());
        assertTrue(w.get("why").asText().startsWith("Off by one"), w.get("why").asText());

        // The handshake ACK: seq is ISN + 1, and it consumes nothing (len).
        w = gradeWithOneChange(dir, "four-way-close", "7", sheet, 3, "seq", JSON.getNodeFactory().numberNode(clientIsn + 2));
        assertTrue(w.get("why").asText().contains("seq = " + (clientIsn + 1) + ": the SYN used sequence number " + clientIsn),
                w.get("why").asText());
        w = gradeWithOneChange(dir, "four-way-close", "7", sheet, 3, "ack", JSON.getNodeFactory().numberNode(serverIsn));
        assertTrue(w.get("why").asText().contains("ack = " + (serverIsn + 1) + " = server ISN " + serverIsn + " + 1"), w.get("why").asText());
        w = gradeWithOneChange(dir, "four-way-close", "7", sheet, 3, "len", JSON.getNodeFactory().numberNode(1));
        assertTrue(w.get("why").asText().contains("a pure ACK carries no data and consumes no sequence number, so this side's next segment starts at seq "
                + (clientIsn + 1)), w.get("why").asText());

        // The server's ACK of the client's FIN (FIN at ISN + 1): ack = ISN + 2.
        w = gradeWithOneChange(dir, "four-way-close", "7", sheet, 5, "ack", JSON.getNodeFactory().numberNode(clientIsn + 1));
        assertTrue(w.get("why").asText().contains("ack = " + (clientIsn + 2) + " = " + (clientIsn + 1) + " + 1: the FIN at sequence number "
                + (clientIsn + 1) + " consumes one number"), w.get("why").asText());
        // The client's last ACK comes after its own FIN: ISN + 1 + 0 bytes + 1.
        w = gradeWithOneChange(dir, "four-way-close", "7", sheet, 7, "seq", JSON.getNodeFactory().numberNode(clientIsn + 1));
        assertTrue(w.get("why").asText().contains("seq = " + (clientIsn + 2) + " = ISN " + clientIsn + " + 1 + 0 data bytes + 1 for the FIN"),
                w.get("why").asText());

        // States, with the RFC section of the transition.
        w = gradeWithOneChange(dir, "four-way-close", "7", sheet, 4, "states.server", JSON.getNodeFactory().textNode("ESTABLISHED"));
        assertEquals("CLOSE_WAIT", w.get("expected").asText());
        assertTrue(w.get("why").asText().contains("ESTABLISHED → CLOSE_WAIT on receiving FIN (RFC 9293 §3.10.7.4)"), w.get("why").asText());
        w = gradeWithOneChange(dir, "four-way-close", "7", sheet, 2, "states.client", JSON.getNodeFactory().textNode("SYN_SENT"));
        assertTrue(w.get("why").asText().contains("SYN_SENT → ESTABLISHED on receiving SYN, ACK (RFC 9293 §3.10.7.3)"), w.get("why").asText());
        w = gradeWithOneChange(dir, "four-way-close", "7", sheet, 1, "states.client", JSON.getNodeFactory().textNode("CLOSED"));
        assertTrue(w.get("why").asText().contains("CLOSED → SYN_SENT on the user call CONNECT (RFC 9293 §3.10.1)"), w.get("why").asText());

        // who sends, flags; and a left-out field counts as wrong.
        w = gradeWithOneChange(dir, "four-way-close", "7", sheet, 4, "from", JSON.getNodeFactory().textNode("server"));
        assertEquals("client sends it: its application called CLOSE (RFC 9293 §3.10).", w.get("why").asText());
        w = gradeWithOneChange(dir, "four-way-close", "7", sheet, 5, "flags", JSON.createArrayNode().add("FIN").add("ACK"));
        assertTrue(w.get("why").asText().contains("Only ACK"), w.get("why").asText());
        w = gradeWithOneChange(dir, "four-way-close", "7", sheet, 1, "ack", JSON.getNodeFactory().numberNode(0));
        assertTrue(w.get("why").asText().contains("ack = none: SYN has no ACK flag"), w.get("why").asText());
        w = gradeWithOneChange(dir, "four-way-close", "7", sheet, 6, "len", null);
        assertTrue(w.get("given").isNull());
        assertTrue(w.get("why").asText().contains("the FIN carries no data, but it consumes one sequence number (" + (serverIsn + 1)
                + "), so this side continues at " + (serverIsn + 2)), w.get("why").asText());
    }

    @Test
    void dataAndRetransmissionRulesCarryTheirNumbers(@TempDir Path dir) throws Exception {
        JsonNode sheet = json(run("quiz", "--scenario", "data-transfer", "--seed", "3", "--format", "json", "--answer-key"));
        // First data segment of the client: seq = ISN + 1 + 0; its ACK: seq + len.
        int data = -1;
        JsonNode qs = sheet.get("questions");
        for (int i = 0; i < qs.size(); i++) if (qs.get(i).get("answer").get("len").asInt() > 0) { data = i; break; }
        assertTrue(data > 0);
        JsonNode d = qs.get(data).get("answer");
        long seq = d.get("seq").asLong();
        int len = d.get("len").asInt();
        JsonNode w = gradeWithOneChange(dir, "data-transfer", "3", sheet, data + 1, "len", JSON.getNodeFactory().numberNode(len + 1));
        assertTrue(w.get("why").asText().contains("len = " + len + ": these bytes use sequence numbers " + seq + " to " + (seq + len - 1)
                + "; the next segment starts at " + (seq + len)), w.get("why").asText());
        JsonNode ack = qs.get(data + 1).get("answer");
        assertEquals(seq + len, ack.get("ack").asLong(), "the next segment acknowledges the data");
        w = gradeWithOneChange(dir, "data-transfer", "3", sheet, data + 2, "ack", JSON.getNodeFactory().numberNode(seq + 1));
        assertTrue(w.get("why").asText().contains("ack = " + (seq + len) + " = " + seq + " + " + len + " bytes"), w.get("why").asText());

        JsonNode lost = json(run("quiz", "--scenario", "lost-syn", "--seed", "3", "--format", "json", "--answer-key"));
        w = gradeWithOneChange(dir, "lost-syn", "3", lost, 2, "from", JSON.getNodeFactory().textNode("server"));
        assertEquals("client sends it: its retransmission timer fired, so it resends what is still unacknowledged (RFC 6298 §5).",
                w.get("why").asText());
        w = gradeWithOneChange(dir, "lost-syn", "3", lost, 1, "states.server", JSON.getNodeFactory().textNode("SYN_RCVD"));
        assertEquals("LISTEN", w.get("expected").asText());
        assertTrue(w.get("why").asText().contains("a lost segment changes nothing at the receiver"), w.get("why").asText());
    }

    @Test
    void relativeNumbersAreGradedInRelativeTerms(@TempDir Path dir) throws Exception {
        JsonNode sheet = json(run("quiz", "--scenario", "three-way-handshake", "--seed", "5", "--numbers", "relative",
                "--format", "json", "--answer-key"));
        assertEquals("relative", sheet.get("numbers").asText());
        assertEquals(0, sheet.get("questions").get(0).get("answer").get("seq").asLong());
        JsonNode w = gradeWithOneChange(dir, "three-way-handshake", "5", sheet, 2, "ack", JSON.getNodeFactory().numberNode(0),
                "--numbers", "relative");
        assertTrue(w.get("why").asText().contains("ack = 1 = client ISN 0 + 1"), w.get("why").asText());
        // An absolute sheet answered in relative numbers gets told so.
        JsonNode abs = json(run("quiz", "--scenario", "three-way-handshake", "--seed", "5", "--format", "json", "--answer-key"));
        w = gradeWithOneChange(dir, "three-way-handshake", "5", abs, 3, "ack", JSON.getNodeFactory().numberNode(1));
        assertTrue(w.get("why").asText().startsWith("That is the relative number"), w.get("why").asText());
    }

    static Result gradeText(Path dir, String text) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, text);
        return run("quiz", "--scenario", "three-way-handshake", "--seed", "1", "--grade", f.toString());
    }

    @Test
    void badAnswerFilesExit2WithFileLineColumn(@TempDir Path dir) throws Exception {
        String f = dir.resolve("bad.json").toString();
        Result r = gradeText(dir, "{\"answers\": [\n  {\"n\": 1, \"from\": \"client\",}\n]}");
        assertUsage(r, f + ":2:");
        assertTrue(r.err().startsWith(f + ":2:29: not valid JSON: Unexpected character ('}'"), r.err());
        r = gradeText(dir, "this is not json");
        assertTrue(r.err().startsWith(f + ":1:"), r.err());
        assertEquals(2, r.code());
        r = gradeText(dir, "{\"answers\": [\n  {\"n\": 1,\n   \"seq\": \"12\"}\n]}");
        assertUsage(r, f + ":3:11: seq must be a whole number, not a string");
        r = gradeText(dir, "{\"answers\": [{\"n\": 1, \"flags\": \"SYN\"}]}");
        assertUsage(r, f + ":1:32: flags must be an array of flag names");
        r = gradeText(dir, "{\"answers\": [{\"n\": 1, \"flags\": [\"SYN\", \"SYNN\"]}]}");
        assertUsage(r, f + ":1:");
        assertTrue(r.err().contains("unknown TCP flag 'SYNN'"), r.err());
        r = gradeText(dir, "{\"answers\": [{\"n\": 1, \"states\": {\"client\": \"SYN-SENT\", \"server\": \"HALF_OPEN\"}}]}");
        assertUsage(r, f + ":1:");
        assertTrue(r.err().contains("unknown state 'HALF_OPEN'"), r.err());
        r = gradeText(dir, "{\"answers\": [\n {\"n\": 1},\n {\"n\": 9, \"from\": \"client\"}\n]}");
        assertUsage(r, f + ":3:2: unknown question n = 9 (this exercise has questions 1 to 3)");
        r = gradeText(dir, "{\"answers\": [{\"n\": 1}, {\"n\": 1}]}");
        assertUsage(r, "is answered twice");
        r = gradeText(dir, "{\"answer\": []}");
        assertUsage(r, f + ":1:2: unknown field \"answer\"");
        r = gradeText(dir, "[1, 2]");
        assertUsage(r, f + ":1:1: expected an object");
        r = gradeText(dir, "{\"answers\": [{\"from\": \"client\"}]}");
        assertUsage(r, "answer without \"n\"");
        r = gradeText(dir, "{\"answers\": [{\"n\": 1, \"seq\": 4294967296}]}");
        assertUsage(r, "not a 32-bit sequence number");
    }

    @Test
    void leniencyInAnswersThatMeanTheSame(@TempDir Path dir) throws Exception {
        JsonNode sheet = json(run("quiz", "--scenario", "three-way-handshake", "--seed", "1", "--format", "json", "--answer-key"));
        ObjectNode answers = answersFromKey(sheet);
        ObjectNode a = (ObjectNode) answers.get("answers").get(1);
        a.set("flags", JSON.createArrayNode().add("ack").add("syn"));
        ((ObjectNode) a.get("states")).put("server", "SYN-RECEIVED");
        Path file = dir.resolve("a.json");
        Files.writeString(file, answers.toString());
        JsonNode report = json(run("quiz", "--scenario", "three-way-handshake", "--seed", "1", "--grade", file.toString(), "--format", "json"));
        assertEquals(report.get("total"), report.get("score"));
    }

    @Test
    void usageErrorsAreOneLine(@TempDir Path dir) throws Exception {
        assertUsage(run("quiz", "--scenario", "nope", "--format", "json"), "unknown scenario 'nope'");
        assertUsage(run("quiz", "--format", "json"), "missing --scenario");
        assertUsage(run("quiz", "--scenario", "four-way-close", "--numbers", "hex", "--format", "json"), "--numbers");
        assertUsage(run("quiz", "--scenario", "four-way-close", "--format", "pdf"), "unknown --format 'pdf'");
        assertUsage(run("quiz", "--scenario", "four-way-close", "--lang", "fr", "--format", "txt"), "unknown --lang 'fr'");
        Path f = dir.resolve("a.json");
        Files.writeString(f, "{\"answers\": []}");
        assertUsage(run("quiz", "--scenario", "four-way-close", "--grade", f.toString()), "--grade needs the exercise's seed");
        assertUsage(run("quiz", "--scenario", "four-way-close", "--seed", "1", "--grade", f.toString(), "--format", "html"),
                "unknown --format 'html' for --grade");
        assertUsage(run("quiz", "--scenario", "four-way-close", "--seed", "1", "--grade", dir.resolve("none.json").toString()),
                "no such file");
        Files.writeString(f, "{\"seed\": 5, \"scenario\": \"lost-syn\", \"answers\": []}");
        assertUsage(run("quiz", "--scenario", "four-way-close", "--grade", f.toString()), "answers scenario lost-syn, not four-way-close");
        assertUsage(run("quiz", "--scenario", "lost-syn", "--seed", "6", "--grade", f.toString()), "seed 5, not --seed 6");
    }

    @Test
    void withoutSeedAFreshOneIsDrawnPrintedAndGradable(@TempDir Path dir) throws Exception {
        JsonNode a = json(run("quiz", "--scenario", "three-way-handshake", "--format", "json", "--answer-key"));
        JsonNode b = json(run("quiz", "--scenario", "three-way-handshake", "--format", "json", "--answer-key"));
        assertTrue(a.get("seed").isIntegralNumber());
        assertNotEquals(a.get("seed"), b.get("seed"), "a new exercise each time");
        assertNotEquals(a.get("questions").get(0).get("answer").get("seq"), b.get("questions").get(0).get("answer").get("seq"),
                "the ISN follows the seed");
        // The worksheet JSON itself names its seed: answers carrying it regrade without --seed.
        ObjectNode answers = answersFromKey(a);
        answers.set("seed", a.get("seed"));
        answers.put("scenario", "three-way-handshake");
        Path file = dir.resolve("a.json");
        Files.writeString(file, answers.toString());
        JsonNode report = json(run("quiz", "--scenario", "three-way-handshake", "--grade", file.toString(), "--format", "json"));
        assertEquals(21, report.get("score").asInt());

        // The txt sheet prints the seed and the exact command that grades it, options included.
        Result txt = run("quiz", "--scenario", "lost-final-ack", "--delay-ms", "80", "--drop", "2", "--format", "txt");
        assertEquals(0, txt.code(), txt.err());
        Matcher m = Pattern.compile("To grade: handshake-lab quiz --scenario lost-final-ack --delay-ms 80 --drop 2 --seed (\\d+) --grade ANSWERS.json")
                .matcher(txt.out());
        assertTrue(m.find(), txt.out());
        assertTrue(txt.out().contains("seed " + m.group(1) + " · absolute numbers"), txt.out());
        JsonNode key = json(run("quiz", "--scenario", "lost-final-ack", "--delay-ms", "80", "--drop", "2", "--seed", m.group(1),
                "--format", "json", "--answer-key"));
        assertEquals(List.of("--delay-ms", "80", "--drop", "2"), JSON.convertValue(key.get("options"), List.class));
        Files.writeString(file, answersFromKey(key).toString());
        List<String> regrade = new ArrayList<>(List.of(m.group().substring("To grade: handshake-lab ".length()).split(" ")));
        regrade.set(regrade.size() - 1, file.toString());
        Result graded = run(regrade.toArray(String[]::new));
        assertEquals(0, graded.code(), graded.err());
        assertTrue(graded.out().endsWith("Score: " + 7 * key.get("questions").size() + " / " + 7 * key.get("questions").size() + "\n"),
                graded.out());
    }

    @Test
    void txtReportListsEveryFieldAndExplainsTheWrongOnes(@TempDir Path dir) throws Exception {
        JsonNode sheet = json(run("quiz", "--scenario", "three-way-handshake", "--seed", "2", "--format", "json", "--answer-key"));
        ObjectNode answers = answersFromKey(sheet);
        long isn = sheet.get("questions").get(0).get("answer").get("seq").asLong();
        ((ObjectNode) answers.get("answers").get(1)).put("ack", isn);
        Path file = dir.resolve("a.json");
        Files.writeString(file, answers.toString());
        Result r = run("quiz", "--scenario", "three-way-handshake", "--seed", "2", "--grade", file.toString());
        assertEquals(0, r.code());
        assertEquals(21, r.out().lines().filter(l -> l.startsWith("✓ ") || l.startsWith("✗ ")).count());
        assertTrue(r.out().contains("✗ Q2 ack: expected " + (isn + 1) + ", given " + isn + "\n"), r.out());
        assertTrue(r.out().contains("✓ Q1 from = client\n"), r.out());
        assertTrue(r.out().endsWith("Score: 20 / 21\n"), r.out());
        Result zh = run("quiz", "--scenario", "three-way-handshake", "--seed", "2", "--grade", file.toString(), "--lang", "zh");
        assertTrue(zh.out().contains("✗ 第 2 题 确认号 ack：应为 " + (isn + 1) + "，作答 " + isn), zh.out());
        assertTrue(zh.out().contains("ack = " + (isn + 1) + " = 客户端 ISN " + isn + " + 1（SYN 占用一个序号）"), zh.out());
        assertTrue(zh.out().endsWith("得分：20 / 21\n"), zh.out());
    }

    @Test
    void htmlHasOneBlankRowPerSegmentAndTheKeyOnlyWhenAsked(@TempDir Path dir) throws Exception {
        Result sheet = run("quiz", "--scenario", "lost-final-ack", "--seed", "4", "--format", "html");
        assertEquals(0, sheet.code(), sheet.err());
        String html = sheet.out();
        int segments = json(run("quiz", "--scenario", "lost-final-ack", "--seed", "4", "--format", "json")).get("questions").size();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<meta charset=\"UTF-8\">"));
        assertEquals(segments, count(html, "<tr class=\"q\""));
        assertEquals(2 * segments + 1, count(html, "class=\"blank w\""), "seq and ack blanks per row, and the name");
        assertFalse(html.contains("<section class=\"key\">"));
        assertFalse(html.contains("<script"), "self-contained, nothing to run");
        assertFalse(html.matches("(?s).*(href|src)=\"https?:.*"), "nothing fetched");
        assertTrue(html.contains("seed 4"));

        Path out = dir.resolve("key.html");
        Result keyed = run("quiz", "--scenario", "lost-final-ack", "--seed", "4", "--format", "html", "--answer-key", "--out", out.toString());
        assertEquals(0, keyed.code(), keyed.err());
        assertEquals("", keyed.out());
        String k = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(1, count(k, "<section class=\"key\">"));
        assertTrue(k.contains(".key{break-before:page;page-break-before:always}"));
        assertEquals(2 * segments, count(k, "<tr class=\"q\""), "the blank ladder, then the key");
        String keyPart = k.substring(k.indexOf("<section class=\"key\">"));
        assertTrue(keyPart.contains("TIME_WAIT"));
        assertTrue(keyPart.contains("a SYN consumes one sequence number"));

        String zh = run("quiz", "--scenario", "lost-final-ack", "--seed", "4", "--format", "html", "--lang", "zh", "--answer-key").out();
        assertTrue(zh.contains("<html lang=\"zh-CN\">"));
        assertTrue(zh.contains("测验：") && zh.contains("答案") && zh.contains("客户端 ──► 服务器"), zh);
    }

    static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) n++;
        return n;
    }

    @Test
    void interactiveQuizReadsStdinChecksEachFieldAndScores() throws Exception {
        JsonNode sheet = json(run("quiz", "--scenario", "three-way-handshake", "--seed", "11", "--format", "json", "--answer-key"));
        long isn = sheet.get("questions").get(0).get("answer").get("seq").asLong();
        String input = String.join("\n",
                "client", "SYN", Long.toString(isn), "-", "0", "SYN-SENT", "SYN_RCVD",   // Q1 all right
                "server", "syn ack", "banana", "1", Long.toString(isn), "0", "ESTABLISHED", "SYN_RCVD") // Q2: seq and ack wrong, one retry
                + "\n";
        InputStream saved = System.in;
        Result r;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            r = run("quiz", "--scenario", "three-way-handshake", "--seed", "11");
        } finally {
            System.setIn(saved);
        }
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("seed 11 · absolute numbers · 3 questions"), out);
        assertEquals(7 + 5, count(out, "✓ right"), out);
        assertTrue(out.contains("Not understood: 'banana' is not a whole number. Try again."), out);
        assertTrue(out.contains("✗ expected " + (isn + 1) + ". Off by one"), out);
        assertTrue(out.contains("ack = " + (isn + 1) + " = client ISN " + isn + " + 1"), out);
        assertTrue(out.contains("Segment #1: client ──► server  SYN  seq=" + isn + " ack=none len=0  [SYN_SENT | SYN_RCVD]"), out);
        assertTrue(out.contains("Stopped after 2 of 3 questions."), out);
        assertTrue(out.endsWith("Score: 12 / 14\n"), out);
    }
}
