package io.github.handshakelab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.github.handshakelab.cli.SimCliTest.run;
import static org.junit.jupiter.api.Assertions.*;

/** A lesson named {@code .hslesson} works wherever a {@code .json} lesson does (issue 12). */
class LessonFileCliTest {

    @Test
    void checkRenderAndPresentTakeAnHslesson(@TempDir Path dir) throws Exception {
        Path json = Path.of("resources/lessons/lost-final-ack.json");
        Path lesson = Files.copy(json, dir.resolve("lost-final-ack.hslesson"));

        SimCliTest.Result r = run("lesson", "check", lesson.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(lesson + ": OK: \"Lost final ACK\", scenario lost-final-ack,"
                + " 8 steps from 300ms to 61.55s (trace ends at 61.55s)\n", r.out());

        SimCliTest.Result asJson = run("render", "--lesson", json.toString(), "--format", "txt");
        SimCliTest.Result asLesson = run("render", "--lesson", lesson.toString(), "--format", "txt");
        assertEquals(0, asLesson.code(), asLesson.err());
        assertEquals(asJson.out(), asLesson.out());
        assertTrue(asLesson.out().contains("TIME_WAIT"), asLesson.out());

        // the window opens for --present LESSON and for the file alone (a double-click passes just the path)
        assertNull(Cli.presentProblem(lesson.toString()));
        assertTrue(Cli.opensWindow(new String[]{"--present", lesson.toString()}));
        assertTrue(Cli.opensWindow(new String[]{lesson.toString()}));
        assertFalse(Cli.opensWindow(new String[]{dir.resolve("missing.hslesson").toString()}), "a missing file is a usage error");
    }

    @Test
    void aBrokenHslessonIsReportedWithItsName(@TempDir Path dir) throws Exception {
        Path lesson = dir.resolve("broken.hslesson");
        Files.writeString(lesson, "{\"version\": 1, \"title\": {\"en\": \"x\", \"zh\": \"x\"}, \"scenario\": \"nope\", \"steps\": []}");
        SimCliTest.Result r = run("lesson", "check", lesson.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith(lesson + ":1:"), r.err());
    }
}
