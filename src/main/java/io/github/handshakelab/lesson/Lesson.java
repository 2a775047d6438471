package io.github.handshakelab.lesson;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;

import java.util.List;
import java.util.Locale;

/**
 * A prepared lecture: a source (a built-in scenario with its {@code render} options, or one
 * conversation of a capture) and ordered steps, each a moment of the trace with a caption. The
 * file form is {@code lessons/lesson.schema.json}; {@link LessonReader} reads and checks it,
 * {@link LessonWriter} writes it.
 *
 * @param at where the playhead starts when the lesson opens (µs)
 */
public record Lesson(int version, Text title, Source source, long at, List<Step> steps) {

    public static final int VERSION = 1;

    public Lesson {
        steps = List.copyOf(steps);
    }

    /** A text in both languages of the project. */
    public record Text(String en, String zh) {
        public String in(Locale locale) {
            return "zh".equals(locale.getLanguage()) ? zh : en;
        }
    }

    /** Where the trace comes from. */
    public sealed interface Source {
        /** A built-in scenario; {@code options} are {@code render} options (faults and parameters). */
        record Simulation(String scenario, List<String> options) implements Source {
            public Simulation {
                options = List.copyOf(options);
            }
        }

        /** A capture file (as written in the lesson) and a stream, null for the one {@code render} picks. */
        record Capture(String path, Integer stream) implements Source {}
    }

    /** What the diagram points at during a step. */
    public sealed interface Highlight {
        /** A segment, numbered as in the trace ({@code #3}). */
        record OfSegment(int segment) implements Highlight {}

        /** One side's lifeline while it is in {@code state}. */
        record OfState(TcpState state, Side side) implements Highlight {}
    }

    /**
     * @param highlight null for none
     * @param ask       a question for the room, or null
     */
    public record Step(long at, Text caption, Highlight highlight, Text ask) {}

    /** The index of the last step at or before {@code t}, or -1 before the first one. */
    public int stepAt(long t) {
        int found = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).at() <= t) found = i;
        }
        return found;
    }
}
