package io.github.handshakelab.lesson;

import io.github.handshakelab.cli.ScenarioOptions;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Every kind of mistake in a lesson file, with the exact line and column it is reported at. */
class LessonReaderTest {

    private static final String GOOD = """
            {
              "version": 1,
              "title": {"en": "Close", "zh": "关闭"},
              "scenario": "four-way-close",
              "options": ["--msl-s", "10"],
              "at": "100ms",
              "steps": [
                {"at": 350000, "caption": {"en": "FIN in", "zh": "FIN 到达"}, "highlight": {"segment": 5}},
                {"at": "550ms", "caption": {"en": "wait", "zh": "等待"}, "highlight": {"state": "TIME_WAIT", "side": "client"},
                 "ask": {"en": "Why?", "zh": "为什么？"}},
                {"at": "20.55s", "caption": {"en": "done", "zh": "结束"}}
              ]
            }
            """;

    static LessonReader.Result read(String text) {
        return LessonReader.read("l.json", text, null, ScenarioOptions::parse);
    }

    static List<String> problems(String text) {
        return read(text).messages();
    }

    @Test
    void readsAValidLessonWithItsOptionsApplied() {
        LessonReader.Result r = read(GOOD);
        assertEquals(List.of(), r.messages());
        Lesson l = r.lesson();
        assertEquals(new Lesson.Text("Close", "关闭"), l.title());
        assertEquals(new Lesson.Source.Simulation("four-way-close", List.of("--msl-s", "10")), l.source());
        assertEquals(100_000, l.at());
        assertEquals(List.of(350_000L, 550_000L, 20_550_000L), l.steps().stream().map(Lesson.Step::at).toList());
        assertEquals(new Lesson.Highlight.OfSegment(5), l.steps().get(0).highlight());
        assertEquals(new Lesson.Highlight.OfState(TcpState.TIME_WAIT, Side.CLIENT), l.steps().get(1).highlight());
        assertEquals(new Lesson.Text("Why?", "为什么？"), l.steps().get(1).ask());
        assertNull(l.steps().get(2).highlight());
        // --msl-s 10: TIME_WAIT from 0.55 s lasts 2MSL = 20 s, exactly as on the command line.
        assertEquals(20_550_000, r.trace().endTime());
    }

    @Test
    void writerOutputReadsBackToTheSameLesson() {
        Lesson l = read(GOOD).lesson();
        LessonReader.Result again = read(LessonWriter.write(l));
        assertEquals(List.of(), again.messages());
        assertEquals(l, again.lesson());
    }

    @Test
    void badJsonPointsAtTheBrokenToken() {
        assertEquals(List.of("l.json:3:3: bad JSON: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"),
                problems("{\n  \"version\": 1\n  \"title\": {}\n}"));
        assertEquals(List.of("l.json:1:1: the file is empty; a lesson is a JSON object"), problems("  \n"));
        assertEquals(List.of("l.json:1:1: a lesson is a JSON object {\"version\": 1, \"title\": ..., \"steps\": [...]}"),
                problems("[1, 2]"));
        assertEquals(List.of("l.json:2:2: unexpected text after the lesson's closing '}'"), problems("{}\n {}"));
        List<String> dup = problems("{\"version\": 1,\n \"version\": 1}");
        assertEquals(1, dup.size());
        assertTrue(dup.get(0).startsWith("l.json:2:11: bad JSON: Duplicate field 'version'"), dup.get(0));
    }

    @Test
    void unknownScenarioIdIsReportedAtItsValue() {
        String text = GOOD.replace("\"four-way-close\"", "\"four-way-clos\"");
        List<String> p = problems(text);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("l.json:4:15: unknown scenario 'four-way-clos'; valid ids: three-way-handshake, four-way-close,"), p.get(0));
    }

    @Test
    void badOptionIsReportedAtTheValueOrTheOption() {
        assertEquals(List.of("l.json:5:26: bad option: --msl-s: 'ten' is not a whole number (0..3600)"),
                problems(GOOD.replace("\"10\"", "\"ten\"")));
        assertEquals(List.of("l.json:5:15: bad option: Unknown options: '--msl', '10'"),
                problems(GOOD.replace("\"--msl-s\"", "\"--msl\"")));
        assertEquals(List.of("l.json:5:25: option has no effect: --drop 99 matched no segment (this trace has 7)"),
                problems(GOOD.replace("\"--msl-s\", \"10\"", "\"--drop\", \"99\"").replace("20.55s", "60.55s")));
        assertEquals(List.of("l.json:5:15: the scenario is named by \"scenario\", not by an option"),
                problems(GOOD.replace("\"--msl-s\", \"10\"", "\"--scenario\", \"lost-syn\"").replace("20.55s", "60.55s")));
    }

    @Test
    void stepBeyondTheEndOfTheTrace() {
        // Without --msl-s 10, TIME_WAIT lasts 60 s; with it the trace ends at 20.55 s.
        assertEquals(List.of("l.json:11:12: step 3 at 30s is after the end of the trace (20.55s)"),
                problems(GOOD.replace("\"20.55s\"", "\"30s\"")));
        assertEquals(List.of("l.json:6:9: \"at\" 21s is after the end of the trace (20.55s)"),
                problems(GOOD.replace("\"100ms\"", "\"21s\"")));
    }

    @Test
    void stepsOutOfOrder() {
        assertEquals(List.of("l.json:9:12: step 2 at 300ms comes before the step above it (350ms); steps must be in time order"),
                problems(GOOD.replace("\"550ms\"", "\"300ms\"").replace("\"TIME_WAIT\"", "\"FIN_WAIT_1\"")));
    }

    @Test
    void missingCaptionLanguageAndMissingCaption() {
        assertEquals(List.of("l.json:8:31: caption has no 'zh' text"),
                problems(GOOD.replace("\"en\": \"FIN in\", \"zh\": \"FIN 到达\"", "\"en\": \"FIN in\"")));
        assertEquals(List.of("l.json:11:5: step 3 has no \"caption\" {\"en\": ..., \"zh\": ...}"),
                problems(GOOD.replace("\"caption\": {\"en\": \"done\", \"zh\": \"结束\"}", "\"note\": 1")
                        .replace(", \"note\": 1", "")));
        assertEquals(List.of("l.json:3:40: unknown language 'fr' in title (use en and zh)"),
                problems(GOOD.replace("\"zh\": \"关闭\"}", "\"zh\": \"关闭\", \"fr\": \"x\"}")));
        assertEquals(List.of("l.json:3:34: title 'zh' must be non-empty text"),
                problems(GOOD.replace("\"关闭\"", "\" \"")));
    }

    @Test
    void unknownHighlightSegmentAndState() {
        assertEquals(List.of("l.json:8:90: no segment 12 in this trace (it has 1 to 7)"),
                problems(GOOD.replace("\"segment\": 5", "\"segment\": 12")));
        assertEquals(List.of("l.json:9:83: the client is never in CLOSING in this trace"
                        + " (CLOSED -> SYN_SENT -> ESTABLISHED -> FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT)"),
                problems(GOOD.replace("\"TIME_WAIT\"", "\"CLOSING\"")));
        assertEquals(List.of("l.json:9:83: unknown state 'TIME-WAIT'; states: CLOSED LISTEN SYN_SENT SYN_RCVD ESTABLISHED"
                        + " FIN_WAIT_1 FIN_WAIT_2 CLOSE_WAIT CLOSING LAST_ACK TIME_WAIT"),
                problems(GOOD.replace("\"TIME_WAIT\"", "\"TIME-WAIT\"")));
        assertEquals(List.of("l.json:9:104: \"side\" must be \"client\" or \"server\""),
                problems(GOOD.replace("\"client\"", "\"peer\"")));
    }

    @Test
    void reportsEveryProblemInFileOrder() {
        String text = """
                {
                  "version": 2,
                  "title": {"en": "x"},
                  "scenario": "lost-syn",
                  "steps": [
                    {"at": "2s", "caption": {"en": "a", "zh": "甲"}},
                    {"at": "soon", "captoin": {"en": "b", "zh": "乙"}},
                    {"at": -5, "caption": {"en": "c", "zh": "丙"}, "highlight": {"segment": 0}}
                  ],
                  "extra": true
                }
                """;
        assertEquals(List.of(
                "l.json:2:14: unsupported version 2; this program reads version 1",
                "l.json:3:12: title has no 'zh' text",
                "l.json:6:12: step 1 at 2s is after the end of the trace (1.15s)",
                "l.json:7:5: step 2 has no \"caption\" {\"en\": ..., \"zh\": ...}",
                "l.json:7:12: 'soon' is not a time; use 250ms, 2s, 1.5s or plain microseconds",
                "l.json:7:20: unknown field 'captoin' in the step (expected: ask, at, caption, highlight)",
                "l.json:8:12: a time is not negative: -5",
                "l.json:8:76: \"segment\" is a segment number (1, 2, ... as in the trace)",
                "l.json:10:3: unknown field 'extra' in the lesson (expected: at, capture, options, scenario, steps, stream, title, version)"),
                problems(text));
        assertNull(read(text).lesson());
    }

    @Test
    void sourceMistakes() {
        assertEquals(List.of("l.json:1:1: missing the source: \"scenario\": ID (see 'scenarios') or \"capture\": FILE"),
                problems("{\"version\": 1, \"title\": {\"en\": \"a\", \"zh\": \"甲\"}, \"steps\": [{\"at\": 0, \"caption\": {\"en\": \"a\", \"zh\": \"甲\"}}]}"));
        assertEquals(List.of("l.json:1:73: a lesson shows either a \"scenario\" or a \"capture\", not both"),
                problems("{\"version\": 1, \"title\": {\"en\": \"a\", \"zh\": \"甲\"}, \"scenario\": \"lost-syn\", \"capture\": \"x.pcap\","
                        + " \"steps\": [{\"at\": 0, \"caption\": {\"en\": \"a\", \"zh\": \"甲\"}}]}"));
        List<String> p = problems("{\"version\": 1, \"title\": {\"en\": \"a\", \"zh\": \"甲\"},\n \"capture\": \"nowhere/none.pcap\","
                + " \"steps\": [{\"at\": 0, \"caption\": {\"en\": \"a\", \"zh\": \"甲\"}}]}");
        assertEquals(List.of("l.json:2:13: capture file not found: nowhere/none.pcap (looked next to the lesson, in the folders above it"
                + " and in the working directory)"), p);
    }

    @Test
    void captureIsFoundRelativeToTheLessonOrTheProjectRoot(@TempDir Path dir) throws Exception {
        String body = "{\"version\": 1, \"title\": {\"en\": \"a\", \"zh\": \"甲\"}, \"capture\": \"%s\", \"stream\": %d,"
                + " \"steps\": [{\"at\": \"400.93ms\", \"caption\": {\"en\": \"a\", \"zh\": \"甲\"}, \"highlight\": {\"segment\": 11}}]}";
        Path pcap = Path.of("resources/captures/handshake-data-close.pcap").toAbsolutePath();
        Files.createDirectories(dir.resolve("lessons"));
        Files.copy(pcap, dir.resolve("c.pcap"));
        // Project-root style path from a lesson one folder down: found in the folder above.
        Path lesson = dir.resolve("lessons/l.json");
        Files.writeString(lesson, body.formatted("c.pcap", 0), StandardCharsets.UTF_8);
        LessonReader.Result r = LessonReader.read(lesson, ScenarioOptions::parse);
        assertEquals(List.of(), r.messages());
        assertEquals(400_930, r.trace().endTime());
        assertEquals(11, r.trace().segments().size());

        Files.writeString(lesson, body.formatted("../c.pcap", 3), StandardCharsets.UTF_8);
        assertEquals(List.of(lesson + ":1:83: cannot replay the capture: handshake-data-close.pcap: no TCP stream 3; valid streams are 0"),
                LessonReader.read(lesson, ScenarioOptions::parse).messages().stream().map(m -> m.replace("c.pcap:", "handshake-data-close.pcap:")).toList());
    }

    @Test
    void unreadableFiles(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.json");
        assertEquals(List.of(missing + ":1:1: cannot read the lesson: no such file"), LessonReader.read(missing, ScenarioOptions::parse).messages());
        Path latin1 = dir.resolve("l.json");
        Files.write(latin1, new byte[]{'{', '"', (byte) 0xE9, '"', '}'});
        assertEquals(List.of(latin1 + ":1:1: the file is not UTF-8 text"), LessonReader.read(latin1, ScenarioOptions::parse).messages());
    }

    @Test
    void columnsCountCharactersNotUtf8Bytes() {
        // "关闭" is 6 bytes in UTF-8 but 2 characters: the column after it must count 2.
        assertEquals(List.of("l.json:3:41: unknown field 'x' in the lesson (expected: at, capture, options, scenario, steps, stream, title, version)"),
                problems(GOOD.replace("\"zh\": \"关闭\"},", "\"zh\": \"关闭\"}, \"x\": 0,")));
    }

    @Test
    void timesAsTyped() {
        assertEquals(250_000, Times.parse("250ms"));
        assertEquals(2_000_000, Times.parse("2s"));
        assertEquals(1_500_000, Times.parse("1.5s"));
        assertEquals(1_234, Times.parse("1234"));
        assertEquals(31, Times.parse("31us"));
        assertEquals(400_930, Times.parse("400.93ms"));
        assertThrows(IllegalArgumentException.class, () -> Times.parse("1.5"));
        assertThrows(IllegalArgumentException.class, () -> Times.parse("0.0000001s"));
        assertThrows(IllegalArgumentException.class, () -> Times.parse("-1s"));
        assertThrows(IllegalArgumentException.class, () -> Times.parse("s"));
        assertEquals("0s", Times.format(0));
        assertEquals("31us", Times.format(31));
        assertEquals("250ms", Times.format(250_000));
        assertEquals("400.93ms", Times.format(400_930));
        assertEquals("2s", Times.format(2_000_000));
        assertEquals("61.55s", Times.format(61_550_000));
        for (long us : new long[]{1, 999, 1000, 1001, 999_999, 1_000_001, 61_550_000})
            assertEquals(us, Times.parse(Times.format(us)));
    }

    @Test
    void stepAtFollowsThePlayhead() {
        Lesson l = read(GOOD).lesson();
        assertEquals(-1, l.stepAt(0));
        assertEquals(0, l.stepAt(350_000));
        assertEquals(0, l.stepAt(549_999));
        assertEquals(1, l.stepAt(550_000));
        assertEquals(2, l.stepAt(30_000_000));
    }
}
