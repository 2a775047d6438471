package io.github.handshakelab.lesson;

import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * A lesson for a trace nobody wrote captions for ({@code --present ID}): one step per moment at
 * which something visible happens (a segment leaves, arrives or is lost, a state changes), each
 * captioned with what happened then, so a clicker walks through the diagram segment by segment.
 */
public final class AutoSteps {
    private AutoSteps() {}

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** A lesson over {@code trace}; {@code title} names it, {@code source} is what {@link LessonWriter} would save. */
    public static Lesson of(Lesson.Text title, Lesson.Source source, Trace trace) {
        TreeMap<Long, List<Object>> at = new TreeMap<>();
        for (TraceEvent e : trace.events()) {
            if (e instanceof TraceEvent.Segment s) {
                at.computeIfAbsent(s.sent(), k -> new ArrayList<>()).add(e);
                if (s.end() != s.sent()) at.computeIfAbsent(s.end(), k -> new ArrayList<>()).add(new Arrival(s));
            } else if (e instanceof TraceEvent.StateChange) {
                at.computeIfAbsent(e.time(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Lesson.Step> steps = new ArrayList<>();
        for (var entry : at.entrySet()) {
            List<Object> events = entry.getValue();
            events.sort((a, b) -> Integer.compare(rank(a), rank(b)));
            Lesson.Text caption = new Lesson.Text(caption(events, Locale.ROOT), caption(events, Locale.SIMPLIFIED_CHINESE));
            steps.add(new Lesson.Step(entry.getKey(), caption, highlight(events), null));
        }
        return new Lesson(Lesson.VERSION, title, source, 0, steps);
    }

    /** A segment's arrival (or loss) as an event of its own, at the end of its arrow. */
    private record Arrival(TraceEvent.Segment segment) {}

    /** Arrivals first (they cause what follows), then state changes, then what is sent in reply. */
    private static int rank(Object e) {
        if (e instanceof Arrival) return 0;
        if (e instanceof TraceEvent.StateChange) return 1;
        return 2;
    }

    /** The segment just sent, else the one that just arrived, else the last state change. */
    private static Lesson.Highlight highlight(List<Object> events) {
        Lesson.Highlight h = null;
        for (Object e : events) {
            if (e instanceof TraceEvent.Segment s) h = new Lesson.Highlight.OfSegment(s.id());
            else if (e instanceof Arrival a && !(h instanceof Lesson.Highlight.OfSegment)) h = new Lesson.Highlight.OfSegment(a.segment().id());
            else if (e instanceof TraceEvent.StateChange c && h == null) h = new Lesson.Highlight.OfState(c.to(), c.endpoint());
        }
        return h;
    }

    private static String caption(List<Object> events, Locale locale) {
        ResourceBundle b = ResourceBundle.getBundle("i18n/lesson", locale, NO_FALLBACK);
        List<String> parts = new ArrayList<>();
        for (Object e : events) {
            if (e instanceof Arrival a) {
                TraceEvent.Segment s = a.segment();
                parts.add(format(b, locale, s.isDropped() ? "auto.lost" : "auto.arrives", s.id(), s.label(false), side(b, s.to())));
            } else if (e instanceof TraceEvent.StateChange c) {
                parts.add(format(b, locale, "auto.state", b.getString("auto.who." + c.endpoint().id()), c.from(), c.to()));
            } else if (e instanceof TraceEvent.Segment s) {
                parts.add(format(b, locale, s.retransmission() ? "auto.resent" : "auto.sent", s.id(), s.label(false), side(b, s.from())));
            }
        }
        return String.join(b.getString("auto.join"), parts) + b.getString("auto.end");
    }

    private static String side(ResourceBundle b, Side s) {
        return b.getString("auto." + s.id());
    }

    private static String format(ResourceBundle b, Locale l, String key, Object... args) {
        return new MessageFormat(b.getString(key), l).format(args);
    }
}
