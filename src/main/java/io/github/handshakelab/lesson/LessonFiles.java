package io.github.handshakelab.lesson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which files are lessons. A lesson's own extension is {@code .hslesson} (the same JSON as
 * before, DESIGN §6.3): the installers associate it with the app, as they cannot associate
 * {@code .json} without taking every JSON file of the machine. A lesson named {@code .json} still
 * works everywhere; where a {@code .json} could also be a trace (the app's file argument, drag and
 * drop) its top-level keys tell: a lesson has {@code steps}, a trace {@code events}.
 */
public final class LessonFiles {
    private LessonFiles() {}

    /** The lesson extension, without the dot. */
    public static final String EXTENSION = "hslesson";
    /** The MIME type the installers register for {@link #EXTENSION}. */
    public static final String MIME_TYPE = "application/x-handshake-lab-lesson";

    /** True for a {@code .hslesson} name (any case). */
    public static boolean hasLessonExtension(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith("." + EXTENSION);
    }

    /**
     * True when the window should open {@code file} as a lesson: a {@code .hslesson}, or a
     * {@code .json} whose top-level object has {@code steps} and no {@code events}. Reads at most
     * the top level of the file; an unreadable or malformed one is not a lesson here (the trace
     * reader reports it).
     */
    public static boolean isLesson(Path file) {
        if (hasLessonExtension(file)) return true;
        Path name = file.getFileName();
        if (name == null || !name.toString().toLowerCase(Locale.ROOT).endsWith(".json") || !Files.isRegularFile(file)) return false;
        boolean steps = false;
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) return false;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                if (key.equals("events")) return false;
                if (key.equals("steps")) steps = true;
                p.nextToken();
                p.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return steps;
    }
}
