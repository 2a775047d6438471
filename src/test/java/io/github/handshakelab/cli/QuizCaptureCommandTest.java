package io.github.handshakelab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.github.handshakelab.testutil.Schemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.github.handshakelab.cli.QuizCommandTest.answersFromKey;
import static io.github.handshakelab.cli.QuizCommandTest.assertAnswerIsTheSegment;
import static io.github.handshakelab.cli.SimCliTest.assertUsage;
import static io.github.handshakelab.cli.SimCliTest.json;
import static io.github.handshakelab.cli.SimCliTest.run;
import static io.github.handshakelab.cli.QuizCommandTest.segments;
import static io.github.handshakelab.cli.QuizCommandTest.stateAt;
import static org.junit.jupiter.api.Assertions.*;

/** {@code quiz --capture FILE [--stream N]}: DESIGN §6.1 worksheets and grading on a captured conversation. */
class QuizCaptureCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SAMPLE = "resources/captures/handshake-data-close.pcap";

    /** The key is the replayed trace: who, flags, seq/ack (absolute as captured, or relative), len, inferred states. */
    @ParameterizedTest
    @ValueSource(strings = {"handshake-data-close.pcap", "server-closes-first.pcap", "simultaneous-close.pcap",
            "half-close-with-data.pcap", "rst-closed-port.pcap", "ipv6-handshake-data-close.pcapng", "tls-handshake.pcap.gz"})
    void theKeyAgreesWithRenderCapture(String name) throws Exception {
        String file = "resources/captures/" + name;
        JsonNode trace = json(run("render", "--capture", file, "--format", "json"));
        for (String numbers : List.of("absolute", "relative")) {
            JsonNode sheet = json(run("quiz", "--capture", file, "--numbers", numbers, "--format", "json", "--answer-key"));
            String ctx = name + " " + numbers;
            assertEquals(Set.of(), Schemas.problems("quiz", sheet.toString()), ctx);
            assertEquals(name, sheet.get("capture").asText());
            assertFalse(sheet.has("scenario"));
            assertEquals(0, sheet.get("stream").asInt());
            assertTrue(sheet.get("seed").isNull(), "a capture has no seed");
            assertEquals("inferred", sheet.get("states").asText());
            assertEquals(List.of("--stream", "0"), JSON.convertValue(sheet.get("options"), List.class));
            List<JsonNode> segs = segments(trace);
            JsonNode qs = sheet.get("questions");
            assertEquals(segs.size(), qs.size(), ctx);
            boolean abs = numbers.equals("absolute");
            for (int i = 0; i < segs.size(); i++) {
                JsonNode s = segs.get(i), q = qs.get(i), a = q.get("answer");
                String at = ctx + " Q" + (i + 1);
                assertAnswerIsTheSegment(s, q, abs, at);
                long when = s.get("arrived").isNull() ? s.get("sent").asLong() : s.get("arrived").asLong();
                assertEquals(stateAt(trace, "client", when), a.get("states").get("client").asText(), at);
                assertEquals(stateAt(trace, "server", when), a.get("states").get("server").asText(), at);
                assertTrue(q.get("prompt").asText().contains("inferred from the capture"), at);
            }
        }
    }

    @Test
    void theKeyGradesFullAndOneWrongFieldLosesExactlyThatField(@TempDir Path dir) throws Exception {
        JsonNode sheet = json(run("quiz", "--capture", SAMPLE, "--format", "json", "--answer-key"));
        ObjectNode answers = answersFromKey(sheet);
        // The worksheet's own header fields may be copied into the answers file.
        answers.put("capture", sheet.get("capture").asText());
        answers.put("stream", 0);
        answers.put("numbers", "absolute");
        Path full = dir.resolve("full.json");
        Files.writeString(full, answers.toString());
        JsonNode report = json(run("quiz", "--capture", SAMPLE, "--grade", full.toString(), "--format", "json"));
        assertEquals(Set.of(), Schemas.problems("grade", report.toString()));
        assertEquals(7 * 11, report.get("total").asInt());
        assertEquals(7 * 11, report.get("score").asInt());

        // Q2's ack one too low: only that field is lost, and why says the rule with the numbers.
        ObjectNode a2 = (ObjectNode) answers.get("answers").get(1);
        long ack = a2.get("ack").asLong();
        a2.set("ack", LongNode.valueOf(ack - 1));
        Path one = dir.resolve("one.json");
        Files.writeString(one, answers.toString());
        report = json(run("quiz", "--capture", SAMPLE, "--grade", one.toString(), "--format", "json"));
        assertEquals(7 * 11 - 1, report.get("score").asInt());
        JsonNode wrong = wrongItems(report).get(0);
        assertEquals(2, wrong.get("n").asInt());
        assertEquals("ack", wrong.get("field").asText());
        assertEquals(ack, wrong.get("expected").asLong());
        assertEquals(ack - 1, wrong.get("given").asLong());
        assertTrue(wrong.get("why").asText().contains(Long.toString(ack)), wrong.get("why").asText());

        // Q3's server state wrong instead: only states.server is lost; why says the states are inferred.
        a2.set("ack", LongNode.valueOf(ack));
        ((ObjectNode) answers.get("answers").get(2).get("states")).set("server", TextNode.valueOf("SYN_RCVD"));
        Files.writeString(one, answers.toString());
        report = json(run("quiz", "--capture", SAMPLE, "--grade", one.toString(), "--format", "json"));
        assertEquals(7 * 11 - 1, report.get("score").asInt());
        wrong = wrongItems(report).get(0);
        assertEquals(3, wrong.get("n").asInt());
        assertEquals("states.server", wrong.get("field").asText());
        assertEquals("ESTABLISHED", wrong.get("expected").asText());
        assertTrue(wrong.get("why").asText().contains("inferred from the segments seen"), wrong.get("why").asText());
    }

    private static List<JsonNode> wrongItems(JsonNode report) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode it : report.get("items")) if (!it.get("correct").asBoolean()) out.add(it);
        assertEquals(1, out.size(), report.toString());
        return out;
    }

    /** The txt sheet marks inferred states as the app does, and its regrade command grades the key in full. */
    @Test
    void txtWorksheetMarksInferredStatesAndItsRegradeCommandWorks(@TempDir Path dir) throws Exception {
        Path multi = Path.of("src/test/resources/captures/qa2/two-conv.pcap");
        SimCliTest.Result r = run("quiz", "--capture", multi.toString(), "--stream", "1", "--format", "txt", "--answer-key");
        assertEquals(0, r.code(), r.err());
        String regrade = r.out().lines().filter(l -> l.startsWith("# To grade: ")).findFirst().orElseThrow().substring("# To grade: ".length());
        assertEquals("handshake-lab quiz --capture " + multi + " --stream 1 --grade ANSWERS.json", regrade);
        assertTrue(r.out().contains("Key: client ──► server  SYN  seq="), r.out());
        assertTrue(r.out().contains("[SYN_SENT? | LISTEN?]"), r.out());
        assertTrue(r.out().contains("# seed - · absolute numbers · 6 questions · 7 fields each"), r.out());

        JsonNode sheet = json(run("quiz", "--capture", multi.toString(), "--stream", "1", "--format", "json", "--answer-key"));
        JsonNode trace = json(run("render", "--capture", multi.toString(), "--stream", "1", "--format", "json"));
        assertEquals(segments(trace).get(0).get("seqAbs"), sheet.get("questions").get(0).get("answer").get("seq"), "stream 1's own numbers");
        assertEquals(1, sheet.get("stream").asInt());
        Path answers = dir.resolve("ANSWERS.json");
        ObjectNode a = answersFromKey(sheet);
        a.put("stream", 1);
        Files.writeString(answers, a.toString());
        String[] args = (regrade.substring("handshake-lab ".length()).replace("ANSWERS.json", answers.toString()) + " --format json").split(" ");
        JsonNode report = json(run(args));
        assertEquals(report.get("total"), report.get("score"));
        assertEquals(42, report.get("total").asInt());

        // The same answers said to be for stream 0: refused with what to do.
        assertUsage(run("quiz", "--capture", multi.toString(), "--stream", "0", "--grade", answers.toString()), "answers stream 1 of two-conv.pcap; add --stream 1");
        // The html sheet: the key page marks them too.
        SimCliTest.Result html = run("quiz", "--capture", multi.toString(), "--stream", "1", "--format", "html", "--answer-key");
        assertEquals(0, html.code(), html.err());
        assertTrue(html.out().contains("<td class=\"life\">SYN_SENT?</td>"), "inferred states in the html key");
    }

    @Test
    void usageErrors(@TempDir Path dir) throws Exception {
        assertUsage(run("quiz", "--capture", SAMPLE, "--stream", "1"), "--stream 1 is out of range: handshake-data-close.pcap has one TCP stream, 0");
        assertUsage(run("quiz", "--capture", SAMPLE, "--stream", "x"), "--stream");
        assertUsage(run("quiz", "--capture", SAMPLE, "--seed", "7", "--lose-final-ack", "--format", "json"),
                "error: --seed, --lose-final-ack do not apply to a capture (simulation only)");
        assertUsage(run("quiz", "--capture", SAMPLE, "--msl-s", "30"), "error: --msl-s does not apply to a capture (simulation only)");
        assertUsage(run("quiz", "--capture", SAMPLE, "--scenario", "four-way-close"), "use either --scenario or --capture, not both");
        assertUsage(run("quiz", "--scenario", "four-way-close", "--stream", "0"), "--stream only applies to --capture");
        // Answers of a scenario exercise do not grade a capture, nor the other way round.
        Path file = dir.resolve("a.json");
        Files.writeString(file, "{\"scenario\": \"four-way-close\", \"answers\": []}");
        assertUsage(run("quiz", "--capture", SAMPLE, "--grade", file.toString()), "answers scenario four-way-close, not a capture");
        Files.writeString(file, "{\"capture\": \"handshake-data-close.pcap\", \"answers\": []}");
        assertUsage(run("quiz", "--scenario", "four-way-close", "--seed", "1", "--grade", file.toString()),
                "answers capture handshake-data-close.pcap; add --capture handshake-data-close.pcap");
        Files.writeString(file, "{\"capture\": \"other.pcap\", \"answers\": []}");
        assertUsage(run("quiz", "--capture", SAMPLE, "--grade", file.toString()), "answers capture other.pcap, not handshake-data-close.pcap");
        Files.writeString(file, "{\"stream\": -1, \"answers\": []}");
        SimCliTest.Result bad = run("quiz", "--capture", SAMPLE, "--grade", file.toString());
        assertEquals(2, bad.code());
        assertEquals(file + ":1:12: stream must be 0 or more, not -1", bad.err().strip());
        // --out never overwrites the capture it reads.
        Path copy = dir.resolve("copy.pcap");
        Files.copy(Path.of(SAMPLE), copy);
        assertUsage(run("quiz", "--capture", copy.toString(), "--format", "json", "--out", dir.resolve("./copy.pcap").toString()),
                "is the input file of --capture; refusing to overwrite it");
        assertEquals(-1L, Files.mismatch(copy, Path.of(SAMPLE)));
        SimCliTest.Result missing = run("quiz", "--capture", dir.resolve("none.pcap").toString(), "--format", "json");
        assertNotEquals(0, missing.code());
        assertTrue(missing.err().startsWith("error: "), missing.err());
    }

    /** The terminal quiz on a capture: inferred states in the key line, no seed ("-", not "null"). */
    @Test
    void terminalQuizOnACapture() throws Exception {
        JsonNode key = json(run("quiz", "--capture", SAMPLE, "--format", "json", "--answer-key")).get("questions").get(0).get("answer");
        String input = String.join("\n", "client", "SYN", key.get("seq").asText(), "none", "0", "SYN_SENT", "CLOSED", "q") + "\n";
        java.io.InputStream saved = System.in;
        SimCliTest.Result r;
        try {
            System.setIn(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            r = run("quiz", "--capture", SAMPLE);
        } finally {
            System.setIn(saved);
        }
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("# Quiz: handshake-data-close.pcap\n# seed - · absolute numbers · 11 questions · 7 fields each\n"), out);
        assertFalse(out.contains("null"), out);
        assertTrue(out.contains("inferred from the capture"), out);
        assertTrue(out.contains("✗ expected LISTEN"), out);
        assertTrue(out.contains("Segment #1: client ──► server  SYN  seq=" + key.get("seq").asText() + " ack=none len=0  [SYN_SENT? | LISTEN?]"), out);
        assertTrue(out.endsWith("Score: 6 / 7\n"), out);
    }
}
