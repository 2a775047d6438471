package io.github.handshakelab.quiz;

import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Side;

import java.util.Locale;

/** The txt worksheet (blanks to fill, and the key when asked) and the txt grade report. */
public final class QuizText {

    private QuizText() {}

    /** @param regrade the command line that grades answers to this very exercise */
    public static String worksheet(Quiz quiz, Locale locale, boolean key, String regrade) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(Messages.format(locale, "quiz.sheet.title", quiz.title(locale))).append('\n');
        b.append("# ").append(header(quiz, locale)).append('\n');
        if (regrade != null) b.append("# ").append(Messages.format(locale, "quiz.sheet.regrade", regrade)).append('\n');
        b.append("# ").append(Messages.format(locale, "quiz.sheet.howto." + quiz.level().id)).append("\n\n");
        for (Question q : quiz.questions()) {
            b.append(Messages.format(locale, "quiz.sheet.q", String.valueOf(q.n()))).append(Quiz.sep(locale))
                    .append(q.prompt(locale, quiz.level(), quiz.capture())).append('\n');
            StringBuilder blanks = new StringBuilder("    ");
            for (Field f : quiz.fields()) {
                blanks.append(Messages.format(locale, "quiz.sheet.blank", Messages.format(locale, "quiz.field." + f.json))).append("  ");
            }
            b.append(blanks.toString().stripTrailing()).append('\n');
            if (key) b.append("    ").append(Messages.format(locale, "quiz.sheet.key", keyLine(quiz, q, locale))).append('\n');
            b.append('\n');
        }
        return b.toString();
    }

    static String header(Quiz quiz, Locale locale) {
        return Messages.format(locale, "quiz.sheet.header",
                quiz.seed() == null ? "-" : Long.toString(quiz.seed()),
                Messages.format(locale, "quiz.numbers." + quiz.numbers().id()),
                String.valueOf(quiz.questions().size()), String.valueOf(quiz.fields().size()));
    }

    /** "client → server  SYN  seq=2433363436 ack=none len=0  [SYN_SENT | SYN_RCVD]" for the fields asked. */
    public static String keyLine(Quiz quiz, Question q, Locale locale) {
        StringBuilder b = new StringBuilder();
        b.append(Messages.format(locale, q.from() == Side.CLIENT ? "tcp.txt.arrow.toServer" : "tcp.txt.arrow.toClient"));
        b.append("  ").append(q.flags());
        if (quiz.fields().contains(Field.SEQ)) {
            b.append("  seq=").append(q.seq()).append(" ack=").append(Grader.show(Field.ACK, q.ack(), locale))
                    .append(" len=").append(q.len());
        }
        b.append("  [").append(quiz.stateText(q.state(Side.CLIENT))).append(" | ").append(quiz.stateText(q.state(Side.SERVER))).append(']');
        if (q.lost()) b.append("  ✗ ").append(Messages.format(locale, "tcp.txt.lost"));
        return b.toString();
    }

    public static String report(Grader.Report r, Locale locale) {
        StringBuilder b = new StringBuilder();
        for (Grader.Item it : r.items()) {
            String field = Messages.format(locale, "quiz.field." + it.field().json);
            if (it.correct()) {
                b.append(Messages.format(locale, "quiz.report.right", String.valueOf(it.n()), field, Grader.show(it.field(), it.expected(), locale)));
            } else {
                b.append(Messages.format(locale, "quiz.report.wrong", String.valueOf(it.n()), field, Grader.show(it.field(), it.expected(), locale),
                        it.answered() ? Grader.show(it.field(), it.given(), locale) : Messages.format(locale, "quiz.value.missing")));
                b.append('\n').append("      ").append(it.why());
            }
            b.append('\n');
        }
        b.append(Messages.format(locale, "quiz.report.score", String.valueOf(r.score()), String.valueOf(r.total()))).append('\n');
        return b.toString();
    }
}
