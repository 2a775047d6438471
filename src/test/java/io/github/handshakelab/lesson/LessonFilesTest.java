package io.github.handshakelab.lesson;

import io.github.handshakelab.lab.SimLab;
import io.github.handshakelab.trace.TraceJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/** Which files the window opens as lessons: {@code .hslesson} by name, a {@code .json} by its keys. */
class LessonFilesTest {

    @Test
    void theExtensionDecidesForHslessonInAnyCase() {
        assertTrue(LessonFiles.hasLessonExtension(Path.of("a/b/four-way-close.hslesson")));
        assertTrue(LessonFiles.hasLessonExtension(Path.of("CLOSE.HSLESSON")));
        assertFalse(LessonFiles.hasLessonExtension(Path.of("close.hslesson.json")));
        assertFalse(LessonFiles.hasLessonExtension(Path.of("hslesson")));
        assertFalse(LessonFiles.hasLessonExtension(Path.of("close.json")));
        // by name alone: a missing .hslesson still goes to the lesson reader, which says what is wrong
        assertTrue(LessonFiles.isLesson(Path.of("no-such-dir/missing.hslesson")));
    }

    @Test
    void aJsonIsALessonWhenItHasStepsAndNoEvents(@TempDir Path dir) throws IOException {
        assertTrue(LessonFiles.isLesson(Path.of("resources/lessons/four-way-close.json")));
        assertTrue(LessonFiles.isLesson(Path.of("resources/lessons/capture-handshake-data-close.json")));

        Path trace = dir.resolve("trace.json");
        Files.writeString(trace, TraceJson.write(new SimLab().load("three-way-handshake")), StandardCharsets.UTF_8);
        assertFalse(LessonFiles.isLesson(trace), "a trace JSON");

        Path both = dir.resolve("both.json");
        Files.writeString(both, "{\"steps\": [], \"events\": []}", StandardCharsets.UTF_8);
        assertFalse(LessonFiles.isLesson(both), "events make it a trace");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"title\": {\"en\": \"x\"}, \"steps\": [", StandardCharsets.UTF_8);
        assertFalse(LessonFiles.isLesson(broken), "malformed: the trace reader reports it");

        Path array = dir.resolve("array.json");
        Files.writeString(array, "[{\"steps\": []}]", StandardCharsets.UTF_8);
        assertFalse(LessonFiles.isLesson(array));

        assertFalse(LessonFiles.isLesson(dir.resolve("missing.json")));
        assertFalse(LessonFiles.isLesson(Path.of("resources/captures/handshake-data-close.pcap")));
    }

    @Test
    void theInstallersRegisterTheSameExtensionAndMimeType() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/packaging/assoc-hslesson.properties"))) {
            p.load(r);
        }
        assertEquals(LessonFiles.EXTENSION, p.getProperty("extension"));
        assertEquals(LessonFiles.MIME_TYPE, p.getProperty("mime-type"));
        assertTrue(Files.readString(Path.of("src/packaging/Dist.java")).contains("\"hslesson\""), "Dist passes the association");
    }
}
