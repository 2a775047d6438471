package io.github.handshakelab.quiz;

import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.TraceEvent;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Predict segment #N": one per segment of the trace, in send order, lost ones included.
 *
 * @param processedAt when its effect is complete: arrival; the send time for a lost segment or a
 *                    capture (which sees one point of the path). The expected states are those at
 *                    that instant, after everything that happens at it (what the diagram shows
 *                    once the playhead reaches the arrow's end).
 * @param answer      the expected value of every field (ack may be null: no ACK flag)
 * @param context     what the learner is told happened since the previous segment (user calls)
 */
public record Question(int n, TraceEvent.Segment segment, boolean lost, long processedAt,
                       Map<Field, Object> answer, List<Call> context) {

    /** A user call the learner is told about: it is the scenario's input, not something to predict. */
    public record Call(long t, Side side, UserCall call, int bytes) {}

    public Side from() { return (Side) answer.get(Field.FROM); }
    public TcpFlags flags() { return (TcpFlags) answer.get(Field.FLAGS); }
    public Long seq() { return (Long) answer.get(Field.SEQ); }
    public Long ack() { return (Long) answer.get(Field.ACK); }
    public int len() { return (Integer) answer.get(Field.LEN); }
    public TcpState state(Side side) { return (TcpState) answer.get(side == Side.CLIENT ? Field.STATE_CLIENT : Field.STATE_SERVER); }

    /** The question in words: the context, then what to predict for the level. */
    public String prompt(Locale locale, Level level, boolean capture) {
        StringBuilder b = new StringBuilder();
        for (Call c : context) {
            b.append(Messages.format(locale, "quiz.context.call", Quiz.time(locale, c.t()),
                    Messages.format(locale, "tcp.txt." + c.side().id()), c.call().name() + (c.bytes() > 0 ? " " + c.bytes() : "")))
                    .append(Quiz.sep(locale));
        }
        // Segments the network makes up are the scenario's input too: say they turn up.
        if (segment.options().contains("old-duplicate")) {
            b.append(Messages.format(locale, "quiz.context.oldDuplicate")).append(Quiz.sep(locale));
        } else if (segment.options().stream().anyMatch(o -> o.startsWith("spoofed-src="))) {
            b.append(Messages.format(locale, "quiz.context.spoofed")).append(Quiz.sep(locale));
        }
        String when = capture ? "seen" : lost ? "lost" : "arrived";
        b.append(Messages.format(locale, "quiz.prompt." + level.id + "." + when, String.valueOf(segment.id()), Quiz.time(locale, segment.sent(), capture)));
        return b.toString();
    }
}
