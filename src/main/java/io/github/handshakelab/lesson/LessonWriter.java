package io.github.handshakelab.lesson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/** Writes a lesson in the form {@link LessonReader} reads, times as text ("1.55s") so a person can edit them. */
public final class LessonWriter {
    private LessonWriter() {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static String write(Lesson lesson) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", lesson.version());
        text(root, "title", lesson.title());
        if (lesson.source() instanceof Lesson.Source.Simulation s) {
            root.put("scenario", s.scenario());
            ArrayNode opts = root.putArray("options");
            s.options().forEach(opts::add);
        } else if (lesson.source() instanceof Lesson.Source.Capture c) {
            root.put("capture", c.path());
            if (c.stream() != null) root.put("stream", c.stream());
        }
        if (lesson.at() != 0) root.put("at", Times.format(lesson.at()));
        ArrayNode steps = root.putArray("steps");
        for (Lesson.Step s : lesson.steps()) {
            ObjectNode o = steps.addObject();
            o.put("at", Times.format(s.at()));
            text(o, "caption", s.caption());
            if (s.highlight() instanceof Lesson.Highlight.OfSegment h) {
                o.putObject("highlight").put("segment", h.segment());
            } else if (s.highlight() instanceof Lesson.Highlight.OfState h) {
                o.putObject("highlight").put("state", h.state().name()).put("side", h.side().id());
            }
            if (s.ask() != null) text(o, "ask", s.ask());
        }
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(pp).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(ObjectNode parent, String field, Lesson.Text t) {
        parent.putObject(field).put("en", t.en()).put("zh", t.zh());
    }
}
