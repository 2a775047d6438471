package io.github.handshakelab.quiz;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A predict-the-next-segment exercise built from a trace: the question generator shared by the
 * {@code quiz} command and the app's Predict mode (DESIGN §6.1).
 *
 * @param seed    the seed the trace was simulated with (its ISNs), or null for a capture
 * @param options the scenario options that, with the seed, regenerate the same trace
 */
public record Quiz(Trace trace, Long seed, Numbers numbers, Level level, List<String> options, List<Question> questions) {

    public Quiz {
        options = List.copyOf(options);
        questions = List.copyOf(questions);
    }

    public static Quiz of(Trace trace, Numbers numbers, Level level, Long seed, List<String> options) {
        List<Question> qs = new ArrayList<>();
        List<Question.Call> calls = new ArrayList<>();
        for (TraceEvent e : trace.events()) {
            if (e instanceof TraceEvent.User u) {
                calls.add(new Question.Call(u.t(), u.endpoint(), u.call(), u.bytes()));
            } else if (e instanceof TraceEvent.Segment s) {
                boolean lost = s.isDropped();
                long at = lost || s.arrived() == TraceEvent.NONE ? s.sent() : s.arrived();
                Map<Field, Object> a = new EnumMap<>(Field.class);
                a.put(Field.FROM, s.from());
                a.put(Field.FLAGS, s.flags());
                a.put(Field.SEQ, numbers == Numbers.ABSOLUTE ? s.seqAbs() : s.seq());
                a.put(Field.ACK, !s.hasAck() ? null : numbers == Numbers.ABSOLUTE ? s.ackAbs() : s.ack());
                a.put(Field.LEN, s.len());
                a.put(Field.STATE_CLIENT, trace.stateAt(Side.CLIENT, at));
                a.put(Field.STATE_SERVER, trace.stateAt(Side.SERVER, at));
                qs.add(new Question(qs.size() + 1, s, lost, at, Collections.unmodifiableMap(a), List.copyOf(calls)));
                calls.clear();
            }
        }
        return new Quiz(trace, seed, numbers, level, options, qs);
    }

    public List<Field> fields() {
        return Field.asked(level);
    }

    public boolean capture() {
        return trace.source() == Trace.Source.CAPTURE;
    }

    public String scenario() {
        return trace.scenario();
    }

    /** A capture's stream, from its options ({@code --stream N}); null for a scenario. */
    public Integer stream() {
        int i = options.indexOf("--stream");
        return capture() && i >= 0 && i + 1 < options.size() ? Integer.valueOf(options.get(i + 1)) : null;
    }

    public Question question(int n) {
        return n >= 1 && n <= questions.size() ? questions.get(n - 1) : null;
    }

    /** The states both endpoints start in, before the first question (a capture may start in LISTEN). */
    public TcpState initialState(Side side) {
        var changes = trace.stateChanges(side);
        return changes.isEmpty() ? TcpState.CLOSED : changes.get(0).from();
    }

    /**
     * Whether the trace's states are inferred (a capture's are: only segments are seen). The app
     * marks them with {@code ?} ({@code ESTABLISHED?}); worksheets and keys do the same.
     */
    public boolean inferredStates() {
        for (Side side : Side.values()) {
            var changes = trace.stateChanges(side);
            if (!changes.isEmpty() && changes.get(0).inferred()) return true;
        }
        return false;
    }

    /** A state as the app's diagram shows it: {@code ESTABLISHED}, or {@code ESTABLISHED?} when inferred. */
    public String stateText(TcpState s) {
        return s.name() + (inferredStates() ? "?" : "");
    }

    /** Between two sentences: a space in English, nothing in Chinese (full-width punctuation ends them). */
    public static String sep(Locale locale) {
        return locale.getLanguage().equals("zh") ? "" : " ";
    }

    /** "0.050 s" in the locale's words. */
    static String time(Locale locale, long us) {
        return Messages.format(locale, "tcp.txt.seconds",
                String.format(Locale.ROOT, "%d.%03d", us / 1_000_000, (us / 1000) % 1000));
    }

    /** As {@link #time(Locale, long)}; a capture's instants to the microsecond (on a LAN or loopback they are µs apart). */
    static String time(Locale locale, long us, boolean capture) {
        if (!capture || us % 1000 == 0) return time(locale, us);
        return Messages.format(locale, "tcp.txt.seconds", String.format(Locale.ROOT, "%d.%06d", us / 1_000_000, us % 1_000_000));
    }

    /** A title for the worksheet: the scenario's title, else the capture file. */
    public String title(Locale locale) {
        String id = trace.scenario();
        if (id != null && Messages.has(locale, "scenario." + id + ".title")) return Messages.format(locale, "scenario." + id + ".title");
        return id != null ? id : String.valueOf(trace.file());
    }

    /**
     * The trace as a learner about to predict {@code q} may see it: every event before its segment
     * (in the trace's causal order), TCB snapshots and gauge samples from before its send time.
     * Nothing later is in it, so no view can draw the future: no faint segments, no states, no
     * timeline ticks, no RTO bracket of a timer that has not fired yet, no TCB that already
     * counts the segment (the Arithmetic panel would give seq and ack away).
     */
    public Trace pastOf(Question q) {
        List<TraceEvent> events = trace.events();
        int at = events.indexOf(q.segment());
        long t = q.segment().sent();
        return new Trace(trace.source(), trace.scenario(), trace.file(), trace.client(), trace.server(),
                events.subList(0, at), trace.tcbs().stream().filter(s -> s.t() < t).toList(),
                trace.gauges().stream().filter(g -> g.t() < t).toList());
    }
}
