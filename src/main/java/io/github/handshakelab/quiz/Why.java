package io.github.handshakelab.quiz;

import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.text.Explanation;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.TraceEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rule behind each expected value, with the numbers. seq, ack and len reuse the arithmetic the
 * trace already carries (sim/Explainer, the capture builder); in absolute mode its relative
 * numbers are moved into the absolute space by the segment's own offsets (seqAbs - seq, ackAbs - ack),
 * and the few sentences that only make sense relatively ("1 + n bytes") have an absolute wording
 * in the quiz bundle ({@code quiz.abs.<key>}).
 */
final class Why {

    private Why() {}

    private static final long MOD = 1L << 32;

    /** Argument kinds per explanation key: S = a number in the sender's space, A = in the acknowledged space, n = as is. */
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("tcp.explain.seq.isn.client", "Sn"), Map.entry("tcp.explain.seq.isn.server", "Sn"),
            Map.entry("tcp.explain.seq.isnAgain.client", "Sn"), Map.entry("tcp.explain.seq.isnAgain.server", "Sn"),
            Map.entry("tcp.explain.seq.afterSyn", "SS"), Map.entry("tcp.explain.seq.next", "Sn"),
            Map.entry("tcp.explain.seq.nextAfterFin", "Sn"), Map.entry("tcp.explain.seq.sndNxt", "S"),
            Map.entry("tcp.explain.seq.fin", "SS"), Map.entry("tcp.explain.seq.retransmission", "Snn"),
            Map.entry("tcp.explain.seq.rstFromAck", "Sn"), Map.entry("tcp.explain.seq.rstZero", "S"),
            Map.entry("tcp.explain.seq.rstAbort", "S"), Map.entry("tcp.explain.seq.spoofed", "Snn"),
            Map.entry("tcp.explain.seq.oldDuplicate", "Sn"), Map.entry("tcp.explain.seq.cookie", "Sn"),
            Map.entry("tcp.explain.ack.current", "A"), Map.entry("tcp.explain.ack.syn.client", "AA"),
            Map.entry("tcp.explain.ack.syn.server", "AA"), Map.entry("tcp.explain.ack.synOld.client", "AA"),
            Map.entry("tcp.explain.ack.synOld.server", "AA"), Map.entry("tcp.explain.ack.data", "AAnA"),
            Map.entry("tcp.explain.ack.fin", "AA"), Map.entry("tcp.explain.ack.rstClosed", "AAn"),
            Map.entry("tcp.explain.ack.challenge", "A"), Map.entry("tcp.explain.ack.duplicate", "A"),
            Map.entry("tcp.explain.ack.unacceptable", "A"), Map.entry("tcp.explain.ack.timeWait", "A"),
            Map.entry("tcp.explain.ack.spoofed", "An"), Map.entry("tcp.explain.len", "nSSS"));

    static String why(Quiz quiz, Question q, Field f, Locale locale) {
        TraceEvent.Segment s = q.segment();
        return switch (f) {
            case FROM -> from(quiz, q, locale);
            case FLAGS -> flags(s, locale);
            case SEQ -> numbers(quiz, s, "seq", locale);
            case ACK -> s.hasAck() ? numbers(quiz, s, "ack", locale)
                    : Messages.format(locale, "quiz.why.ack.none", s.flags());
            case LEN -> s.len() > 0 ? numbers(quiz, s, "len", locale) : lenZero(quiz, s, locale);
            case STATE_CLIENT -> state(quiz, q, Side.CLIENT, locale);
            case STATE_SERVER -> state(quiz, q, Side.SERVER, locale);
        };
    }

    /** The explanations of the segment about {@code part} (seq, ack or len), in the quiz's numbers. */
    private static String numbers(Quiz quiz, TraceEvent.Segment s, String part, Locale locale) {
        List<String> out = new ArrayList<>();
        for (Explanation e : s.explain()) {
            if (!belongsTo(e.key(), part)) continue;
            out.add(quiz.numbers() == Numbers.RELATIVE ? e.render(locale) : absolute(s, e, part, locale));
        }
        if (out.isEmpty()) {
            long v = value(quiz, s, part);
            return Messages.format(locale, "quiz.why." + part + ".plain", Long.toString(v));
        }
        return String.join(" ", out);
    }

    private static boolean belongsTo(String key, String part) {
        if (key.startsWith("tcp.explain.")) return key.startsWith("tcp.explain." + part);
        // A capture names its sentences by what the segment is (syn, dupack, keepalive...).
        String k = key.startsWith("capture.explain.") ? key.substring("capture.explain.".length()) : "";
        return switch (part) {
            case "seq" -> k.startsWith("seq.") || k.startsWith("syn.") || k.startsWith("synack") || k.equals("fin")
                    || k.equals("keepalive") || k.equals("zwp");
            case "ack" -> k.startsWith("ack.") || k.equals("dupack") || k.equals("keepaliveack") || k.equals("zwpack")
                    || k.startsWith("ackedunseen") || k.startsWith("synack");
            default -> k.equals("data");
        };
    }

    private static long value(Quiz quiz, TraceEvent.Segment s, String part) {
        boolean abs = quiz.numbers() == Numbers.ABSOLUTE;
        return switch (part) {
            case "seq" -> abs ? s.seqAbs() : s.seq();
            case "ack" -> abs ? s.ackAbs() : s.ack();
            default -> s.len();
        };
    }

    private static String absolute(TraceEvent.Segment s, Explanation e, String part, Locale locale) {
        long seqOff = Math.floorMod(s.seqAbs() - s.seq(), MOD);
        long ackOff = s.hasAck() ? Math.floorMod(s.ackAbs() - s.ack(), MOD) : 0;
        String kinds = KINDS.get(e.key());
        if (kinds == null) {
            // A sentence in relative numbers only (a capture's): say the absolute value and how
            // it relates, then the rule as written.
            boolean ack = part.equals("ack");
            long rel = ack ? s.ack() : s.seq();
            long abs = ack ? s.ackAbs() : s.seqAbs();
            return Messages.format(locale, "quiz.why.absolute", part, Long.toString(abs), Long.toString(rel),
                    Long.toString(ack ? ackOff : seqOff), e.render(locale));
        }
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < e.args().size(); i++) {
            String a = e.args().get(i);
            char k = i < kinds.length() ? kinds.charAt(i) : 'n';
            if (k == 'n') {
                args.add(a);
                continue;
            }
            long rel;
            try {
                rel = Long.parseLong(a);
            } catch (NumberFormatException x) {
                args.add(a);
                continue;
            }
            args.add(Long.toString(Math.floorMod(rel + (k == 'S' ? seqOff : ackOff), MOD)));
        }
        args.add(Long.toString(seqOff));
        args.add(Long.toString(ackOff));
        String key = Messages.has(locale, "quiz.abs." + e.key()) ? "quiz.abs." + e.key() : e.key();
        return Messages.format(locale, key, args.toArray());
    }

    private static String lenZero(Quiz quiz, TraceEvent.Segment s, Locale locale) {
        TcpFlags f = s.flags();
        boolean abs = quiz.numbers() == Numbers.ABSOLUTE;
        long seq = abs ? s.seqAbs() : s.seq();
        String next = Long.toString(abs ? Math.floorMod(seq + s.seqSpace(), MOD) : seq + s.seqSpace());
        String seqText = Long.toString(seq);
        if (f.rst()) return Messages.format(locale, "quiz.why.len.rst");
        if (f.syn() || f.fin()) {
            return Messages.format(locale, "quiz.why.len.control", f.syn() ? "SYN" : "FIN", seqText, next);
        }
        return Messages.format(locale, "quiz.why.len.pureAck", seqText);
    }

    private static String flags(TraceEvent.Segment s, Locale locale) {
        List<String> parts = new ArrayList<>();
        for (String name : s.flags().names()) {
            String k = "quiz.why.flag." + name;
            parts.add(Messages.has(locale, k) ? Messages.format(locale, k) : name);
        }
        String text = Messages.format(locale, "quiz.why.flags", s.flags(), String.join(Messages.format(locale, "quiz.join"), parts));
        if (s.flags().bits() == TcpFlags.ACK && s.len() == 0) text += " " + Messages.format(locale, "quiz.why.flags.pureAck");
        if (s.retransmission()) text += " " + Messages.format(locale, "quiz.why.flags.retransmission");
        return text;
    }

    /** Who sends it and what made it send: a user call, a timer, a segment that just arrived, the network. */
    private static String from(Quiz quiz, Question q, Locale locale) {
        TraceEvent.Segment s = q.segment();
        String who = Messages.format(locale, "tcp.txt." + s.from().id());
        if (s.options().stream().anyMatch(o -> o.startsWith("spoofed-src=") || o.equals("old-duplicate"))) {
            return Messages.format(locale, "quiz.why.from.network", who);
        }
        if (quiz.capture()) {
            var ep = quiz.trace().endpoint(s.from());
            return Messages.format(locale, "quiz.why.from.capture", who, ep.address() + ":" + ep.port());
        }
        List<TraceEvent> events = quiz.trace().events();
        int i = events.indexOf(s);
        for (int j = i - 1; j >= 0 && events.get(j).time() == s.sent(); j--) {
            TraceEvent e = events.get(j);
            if (e instanceof TraceEvent.Timer t && t.endpoint() == s.from() && t.action() == TraceEvent.TimerAction.FIRED) {
                return Messages.format(locale, "quiz.why.from.timer", who, Messages.format(locale, "tcp.txt.timerName." + t.timer().name()));
            }
            if (e instanceof TraceEvent.User u && u.endpoint() == s.from()) {
                return Messages.format(locale, "quiz.why.from.call", who, u.call().name());
            }
        }
        // The last segment that reached the sender at this instant is what it answers.
        TraceEvent.Segment answered = null;
        for (TraceEvent.Segment o : quiz.trace().segments()) {
            if (o.to() == s.from() && !o.isDropped() && o.arrived() == s.sent() && o.id() != s.id()) answered = o;
        }
        if (answered != null) return Messages.format(locale, "quiz.why.from.answer", who, String.valueOf(answered.id()), answered.flags());
        return Messages.format(locale, "quiz.why.from.plain", who);
    }

    /** The state changes of {@code side} while the segment was under way, each with its RFC section. */
    private static String state(Quiz quiz, Question q, Side side, Locale locale) {
        String who = Messages.format(locale, "tcp.txt." + side.id());
        TcpState expected = q.state(side);
        // What moved it while the segment was under way: changes after the segment was sent, and,
        // for the sender, the change that came with sending it (CONNECT -> SYN_SENT, CLOSE -> FIN_WAIT_1).
        List<TraceEvent> events = quiz.trace().events();
        int at = events.indexOf(q.segment());
        long sent = q.segment().sent();
        List<TraceEvent.StateChange> changes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!(events.get(i) instanceof TraceEvent.StateChange c) || c.endpoint() != side || c.t() > q.processedAt()) continue;
            boolean after = c.t() > sent || (c.t() == sent && i > at);
            boolean withSending = side == q.segment().from() && c.t() == sent && i < at;
            if (after || withSending) changes.add(c);
        }
        if (changes.isEmpty()) {
            return Messages.format(locale, "quiz.why.state.same", who, expected,
                    Messages.format(locale, q.lost() ? "quiz.why.state.same.lost" : "quiz.why.state.same.any"));
        }
        String steps = changes.stream()
                .map(c -> Messages.format(locale, "quiz.why.state.step", c.from(), c.to(), cause(c, locale), section(c)))
                .collect(Collectors.joining(Messages.format(locale, "quiz.then")));
        String text = Messages.format(locale, "quiz.why.state.changed", who, expected, steps);
        if (changes.get(0).inferred()) text += " " + Messages.format(locale, "quiz.why.state.inferred");
        return text;
    }

    private static String cause(TraceEvent.StateChange c, Locale locale) {
        String cause = c.cause() == null ? "" : c.cause();
        if (isTimer(cause)) return Messages.format(locale, "tcp.txt.cause." + cause);
        if (isCall(cause)) return Messages.format(locale, "quiz.cause.call", cause);
        return Messages.format(locale, "quiz.cause.segment", cause);
    }

    /** Where RFC 9293 states the transition: the user call, the timeout, or SEGMENT ARRIVES by the state it arrived in. */
    static String section(TraceEvent.StateChange c) {
        String cause = c.cause() == null ? "" : c.cause();
        if (isTimer(cause)) return "§3.10.8";
        if (isCall(cause)) {
            return switch (UserCall.valueOf(cause)) {
                case LISTEN, CONNECT -> "§3.10.1";
                case SEND -> "§3.10.2";
                case CLOSE, SHUTDOWN -> "§3.10.4";
                case ABORT -> "§3.10.5";
            };
        }
        return switch (c.from()) {
            case CLOSED -> "§3.10.7.1";
            case LISTEN -> "§3.10.7.2";
            case SYN_SENT -> "§3.10.7.3";
            default -> "§3.10.7.4";
        };
    }

    private static boolean isTimer(String cause) {
        for (TimerKind k : TimerKind.values()) if (k.name().equals(cause)) return true;
        return false;
    }

    private static boolean isCall(String cause) {
        for (UserCall k : UserCall.values()) if (k.name().equals(cause)) return true;
        return false;
    }
}
