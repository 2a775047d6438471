package io.github.handshakelab.quiz;

import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks predictions field by field (DESIGN §6.1), for the {@code quiz --grade} report, the
 * terminal quiz and the app's Predict mode. Every item says why, right or wrong.
 */
public final class Grader {

    private Grader() {}

    /**
     * @param answered false when the field was left out (it counts as wrong)
     * @param expected the value of {@link Question#answer()}: Side, TcpFlags, Long, Integer or TcpState (ack may be null)
     * @param given    what was answered, in the same types (len as Long); null for a left-out field or "no ack"
     */
    public record Item(int n, Field field, boolean correct, Object expected, Object given, boolean answered, String why) {}

    public record Report(int score, int total, List<Item> items) {
        public Report {
            items = List.copyOf(items);
        }
    }

    /** One field of one question. {@code given} as documented on {@link Item}. */
    public static Item check(Quiz quiz, Question q, Field f, boolean answered, Object given, Locale locale) {
        Object expected = q.answer().get(f);
        boolean correct = answered && same(f, expected, given);
        String why = Why.why(quiz, q, f, locale);
        if (!correct && answered) {
            String hint = hint(quiz, q, f, expected, given, locale);
            if (hint != null) why = hint + " " + why;
        }
        return new Item(q.n(), f, correct, expected, given, answered, why);
    }

    /**
     * Grades a whole answer set: every field the quiz asks of every question; a question or field
     * missing from {@code answers} counts as wrong.
     *
     * @param answers per question number, the fields given (a key present with a null value means "null")
     */
    public static Report grade(Quiz quiz, Map<Integer, Map<Field, Object>> answers, Locale locale) {
        List<Item> items = new ArrayList<>();
        int score = 0;
        for (Question q : quiz.questions()) {
            Map<Field, Object> a = answers.getOrDefault(q.n(), Map.of());
            for (Field f : quiz.fields()) {
                Item it = check(quiz, q, f, a.containsKey(f), a.get(f), locale);
                if (it.correct()) score++;
                items.add(it);
            }
        }
        return new Report(score, items.size(), items);
    }

    static boolean same(Field f, Object expected, Object given) {
        if (expected == null || given == null) return expected == null && given == null;
        return switch (f) {
            case SEQ, ACK, LEN -> ((Number) expected).longValue() == ((Number) given).longValue();
            case FLAGS -> ((TcpFlags) expected).bits() == ((TcpFlags) given).bits();
            default -> expected.equals(given);
        };
    }

    /** A word on the usual slips: relative numbers on an absolute sheet, one off, an ack without the flag. */
    private static String hint(Quiz quiz, Question q, Field f, Object expected, Object given, Locale locale) {
        if (f == Field.ACK && expected == null) return Messages.format(locale, "quiz.hint.noAckFlag");
        if (f == Field.ACK && given == null) return Messages.format(locale, "quiz.hint.ackMissing");
        if (!f.isNumber() || expected == null || given == null) return null;
        long e = ((Number) expected).longValue(), g = ((Number) given).longValue();
        if (quiz.numbers() == Numbers.ABSOLUTE && f != Field.LEN) {
            long rel = f == Field.SEQ ? q.segment().seq() : q.segment().ack();
            if (g == rel && rel != e) return Messages.format(locale, "quiz.hint.relative");
        }
        if (f != Field.LEN && Math.abs(e - g) == 1) return Messages.format(locale, "quiz.hint.offByOne." + f.json);
        return null;
    }

    /** A value as the learner reads it: "client", "SYN, ACK", "2433363437", "none", "SYN_SENT". */
    public static String show(Field f, Object v, Locale locale) {
        if (v == null) return Messages.format(locale, "quiz.value.none");
        if (v instanceof Side s) return Messages.format(locale, "tcp.txt." + s.id());
        if (v instanceof TcpFlags fl) return fl.toString();
        if (v instanceof TcpState st) return st.name();
        return v.toString();
    }
}
