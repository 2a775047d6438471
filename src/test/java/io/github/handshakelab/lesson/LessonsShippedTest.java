package io.github.handshakelab.lesson;

import io.github.handshakelab.cli.ScenarioOptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The lessons in resources/lessons: one per built-in scenario plus a capture, each valid against its trace. */
class LessonsShippedTest {

    static final Path DIR = Path.of("resources/lessons");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("classpath:lessons/lesson.schema.json"));

    static List<Path> lessons() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void oneLessonPerScenarioAndOneForACapture() throws IOException {
        Set<String> scenarios = new TreeSet<>();
        int captures = 0;
        for (Path p : lessons()) {
            Lesson l = LessonReader.read(p, ScenarioOptions::parse).lesson();
            assertNotNull(l, p.toString());
            if (l.source() instanceof Lesson.Source.Simulation s) {
                assertTrue(scenarios.add(s.scenario()), "two lessons for " + s.scenario());
                assertEquals(s.scenario() + ".json", p.getFileName().toString());
            } else {
                captures++;
            }
        }
        assertEquals(new TreeSet<>(Scenarios.ids()), scenarios);
        assertEquals(25, scenarios.size());
        assertEquals(1, captures);
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void validAndFollowsItsTrace(Path file) throws IOException {
        LessonReader.Result r = LessonReader.read(file, ScenarioOptions::parse);
        assertEquals(List.of(), r.messages());
        Set<ValidationMessage> schema = SCHEMA.validate(JSON.readTree(file.toFile()));
        assertEquals(Set.of(), schema, "schema");
        Trace t = r.trace();
        Set<Long> moments = moments(t);
        long previous = 0;
        for (Lesson.Step s : r.lesson().steps()) {
            assertTrue(s.at() >= previous && s.at() <= t.endTime(), file + ": " + s.at());
            previous = s.at();
            // Captions follow the animation: every step sits on something that happens.
            assertTrue(moments.contains(s.at()), file + ": nothing happens at " + Times.format(s.at()));
            if (s.highlight() instanceof Lesson.Highlight.OfSegment h) {
                TraceEvent.Segment seg = t.segments().stream().filter(x -> x.id() == h.segment()).findFirst().orElseThrow();
                // The highlighted segment is already on screen at that step.
                assertTrue(seg.sent() <= s.at(), file + ": segment " + h.segment() + " not yet sent at " + s.at());
            } else if (s.highlight() instanceof Lesson.Highlight.OfState h) {
                assertEquals(h.state(), t.stateAt(h.side(), s.at()), file + " at " + Times.format(s.at()));
            }
            chinese(file, s.caption().zh());
            if (s.ask() != null) chinese(file, s.ask().zh());
            // The caption band shows text as it is: no Markdown-style `code` marks, in either language.
            for (String text : List.of(s.caption().en(), s.caption().zh(), s.ask() == null ? "" : s.ask().en(), s.ask() == null ? "" : s.ask().zh())) {
                assertEquals(-1, text.indexOf('`'), file + ": a backtick in " + text);
            }
        }
        assertEquals(-1, r.lesson().title().en().indexOf('`'));
        assertEquals(-1, r.lesson().title().zh().indexOf('`'));
    }

    /**
     * Full-width punctuation in Chinese; ASCII only inside flag lists such as "SYN, ACK", calls
     * such as close() or shutdown(SHUT_WR), and command-line options such as --profile rfc.
     */
    private static void chinese(Path file, String zh) {
        String rest = zh.replaceAll("[A-Z]+(, [A-Z]+)+", "").replaceAll("“[^”]*”", "")
                .replaceAll("[a-z_]+\\([A-Z_]*\\)", "").replaceAll("--[a-z-]+", "");
        for (char c : ",;:()?!".toCharArray()) assertEquals(-1, rest.indexOf(c), file + ": ASCII '" + c + "' in " + zh);
        assertTrue(zh.endsWith("。") || zh.endsWith("？"), file + ": " + zh);
    }

    private static Set<Long> moments(Trace t) {
        Set<Long> out = new HashSet<>();
        out.add(0L);
        out.add(t.endTime());
        for (TraceEvent e : t.events()) {
            out.add(e.time());
            if (e instanceof TraceEvent.Segment s) out.add(s.end());
        }
        return out;
    }
}
