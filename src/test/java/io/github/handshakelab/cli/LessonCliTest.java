package io.github.handshakelab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.handshakelab.cli.SimCliTest.assertUsage;
import static io.github.handshakelab.cli.SimCliTest.run;
import static org.junit.jupiter.api.Assertions.*;

/** {@code lesson check FILE} and {@code render --lesson FILE} (DESIGN §6.3). */
class LessonCliTest {

    @Test
    void checkPrintsOneSummaryLine() {
        SimCliTest.Result r = run("lesson", "check", "resources/lessons/lost-final-ack.json");
        assertEquals(0, r.code(), r.err());
        assertEquals("resources/lessons/lost-final-ack.json: OK: \"Lost final ACK\", scenario lost-final-ack,"
                + " 8 steps from 300ms to 61.55s (trace ends at 61.55s)\n", r.out());
        assertEquals("", r.err());
        r = run("lesson", "check", "resources/lessons/capture-handshake-data-close.json");
        assertEquals(0, r.code(), r.err());
        assertEquals("resources/lessons/capture-handshake-data-close.json: OK: \"A real connection: handshake, data, close\","
                + " capture resources/captures/handshake-data-close.pcap stream 0, 11 steps from 0s to 400.93ms"
                + " (trace ends at 400.93ms)\n", r.out());
    }

    @Test
    void checkListsEveryProblemAndExits2(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, """
                {
                  "version": 1,
                  "title": {"en": "Broken", "zh": "坏"},
                  "scenario": "lost-syn",
                  "options": ["--delay-ms", "fast"],
                  "steps": [
                    {"at": "1s", "caption": {"en": "a"}}
                  ]
                }
                """, StandardCharsets.UTF_8);
        SimCliTest.Result r = run("lesson", "check", f.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(List.of(f + ":5:29: bad option: --delay-ms: 'fast' is not a whole number (0..60000)",
                f + ":7:29: caption has no 'zh' text"), r.err().lines().toList());
        assertFalse(r.err().contains("\tat "), "no stack trace");

        SimCliTest.Result render = run("render", "--lesson", f.toString(), "--format", "txt");
        assertEquals(2, render.code());
        assertEquals(r.err(), render.err());
        assertEquals("", render.out());
    }

    @Test
    void renderLessonDrawsItsScenarioWithItsOptions(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("l.json");
        Files.writeString(f, """
                {"version": 1, "title": {"en": "t", "zh": "题"}, "scenario": "four-way-close",
                 "options": ["--drop", "5", "--msl-s", "10", "--seed", "7"],
                 "steps": [{"at": "1s", "caption": {"en": "c", "zh": "字"}}]}
                """, StandardCharsets.UTF_8);
        SimCliTest.Result lesson = run("render", "--lesson", f.toString(), "--format", "json");
        SimCliTest.Result direct = run("render", "--scenario", "four-way-close", "--drop", "5", "--msl-s", "10", "--seed", "7",
                "--format", "json");
        assertEquals(0, lesson.code(), lesson.err());
        assertEquals(direct.out(), lesson.out());
        assertTrue(lesson.out().contains("\"dropped\" : 375000") || lesson.out().contains("\"dropped\":375000")
                || lesson.out().contains("\"dropped\": 375000"), "segment 5 is lost");

        SimCliTest.Result cap = run("render", "--lesson", "resources/lessons/capture-handshake-data-close.json", "--format", "txt");
        assertEquals(0, cap.code(), cap.err());
        assertEquals(run("render", "--capture", "resources/captures/handshake-data-close.pcap", "--stream", "0", "--format", "txt").out(),
                cap.out());
    }

    @Test
    void lessonConflictsWithOtherSources() {
        assertUsage(run("render", "--lesson", "resources/lessons/lost-syn.json", "--scenario", "lost-syn", "--format", "txt"),
                "use one of --scenario, --capture and --lesson");
        assertUsage(run("render", "--lesson", "resources/lessons/lost-syn.json", "--capture", "x.pcap", "--format", "txt"),
                "use one of --scenario, --capture and --lesson");
        assertUsage(run("render", "--lesson", "resources/lessons/lost-syn.json", "--drop", "2", "--format", "txt"),
                "--drop: a lesson carries its own options");
        assertUsage(run("render", "--lesson", "resources/lessons/lost-syn.json", "--stream", "1", "--format", "txt"),
                "--stream only applies to --capture");
        assertUsage(run("lesson"), "missing subcommand; use 'lesson check FILE'");
        assertUsage(run("lesson", "check"), "Missing required parameter: 'FILE'");
    }

    @Test
    void presentOpensTheWindowOnlyForALessonOrAScenario() {
        assertTrue(Cli.opensWindow(new String[]{"--present", "lost-final-ack"}));
        assertTrue(Cli.opensWindow(new String[]{"--present", "resources/lessons/lost-syn.json"}));
        assertFalse(Cli.opensWindow(new String[]{"--present", "lost-final-ak"}));
        SimCliTest.Result r = run("--present", "lost-final-ak");
        assertUsage(r, "--present: 'lost-final-ak' is neither a lesson file nor a scenario id (ids: three-way-handshake,");
    }

    /** Save as lesson writes the app's faults and parameters as options; they must parse back to the same scenario. */
    @Test
    void optionsOfAScenarioParseBackToIt() {
        var base = io.github.handshakelab.sim.Scenarios.byId("lost-syn").orElseThrow();
        var changed = base.withFault(new io.github.handshakelab.sim.DropRule.SegmentId(3))
                .withFault(new io.github.handshakelab.sim.DropRule.Matching(io.github.handshakelab.sim.SegmentKind.CLOSE_LAST_ACK))
                .withParams(base.params().withSeed(7).withMslUs(10_000_000).withDelayUs(80_000).withIsnClient(4294967295L)
                        .withSynCookies(true).withBacklog(8));
        List<String> unsaved = new java.util.ArrayList<>();
        List<String> options = ScenarioOptions.options(changed, unsaved);
        assertEquals(List.of("--seed", "7", "--isn-client", "4294967295", "--delay-ms", "80", "--msl-s", "10", "--syn-cookies",
                "--backlog", "8", "--drop", "3", "--lose-final-ack"), options);
        assertEquals(List.of(), unsaved);
        assertEquals(changed, ScenarioOptions.parse("lost-syn", options));

        List<String> rto = new java.util.ArrayList<>();
        ScenarioOptions.options(base.withParams(base.params().withInitialRtoUs(3_000_000)), rto);
        assertEquals(List.of("initial RTO 3000 ms (no option sets it)"), rto);
    }
}
