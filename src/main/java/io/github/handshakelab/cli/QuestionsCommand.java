package io.github.handshakelab.cli;

import io.github.handshakelab.questions.Question;
import io.github.handshakelab.questions.QuestionBank;
import io.github.handshakelab.questions.QuestionsJson;
import io.github.handshakelab.text.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code questions [--lang en|zh] [--format txt|json] [--id ID] [--topic T]}: the interview
 * question bank (DESIGN §6.2). Every {@code show} is a {@code render} command line, so a reader can
 * draw what the app's "Show me" opens.
 */
@Command(name = "questions", description = "The interview question bank: model answers, common wrong answers, and the scenario that shows each.",
        footer = {"", "Exit status: 0 done; 2 bad usage (unknown --id, --topic, --lang or --format)."})
public final class QuestionsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--lang", defaultValue = "en", description = "en or zh")
    String lang;

    @Option(names = "--format", defaultValue = "txt", description = "txt or json (DESIGN §6.2)")
    String format;

    @Option(names = "--id", paramLabel = "ID", description = "only this question")
    String id;

    @Option(names = "--topic", paramLabel = "T", description = "only this topic: ${COMPLETION-CANDIDATES}", completionCandidates = Topics.class)
    String topic;

    static final class Topics extends java.util.ArrayList<String> {
        Topics() { super(QuestionBank.TOPICS); }
    }

    @Override
    public Integer call() {
        Locale locale = RenderCommand.locale(lang);
        if (!format.equals("txt") && !format.equals("json")) {
            throw new Cli.UsageException("unknown --format '" + format + "'; use txt or json");
        }
        if (topic != null && !QuestionBank.TOPICS.contains(topic)) {
            throw new Cli.UsageException("unknown --topic '" + topic + "'; topics: " + String.join(", ", QuestionBank.TOPICS));
        }
        List<Question> qs = QuestionBank.all().stream()
                .filter(q -> topic == null || q.topic().equals(topic))
                .filter(q -> id == null || q.id().equals(id))
                .toList();
        if (id != null && qs.isEmpty()) {
            boolean exists = QuestionBank.byId(id).isPresent();
            throw new Cli.UsageException(exists ? "question '" + id + "' is not in topic '" + topic + "'"
                    : "unknown --id '" + id + "'; list the ids with 'questions --format json' or 'questions'");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equals("json") ? QuestionsJson.write(qs, locale) : text(qs, locale));
        out.flush();
        return 0;
    }

    static String text(List<Question> qs, Locale locale) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (Question q : qs) {
            n++;
            b.append('[').append(n).append("] ").append(q.id()).append("  (").append(QuestionBank.topicName(q.topic(), locale)).append(")\n");
            b.append(q.question().in(locale)).append("\n\n");
            b.append(Messages.get(locale, "questions.txt.answer")).append(colon(locale)).append(q.answer().in(locale)).append("\n\n");
            b.append(Messages.get(locale, "questions.txt.pitfalls")).append(colon(locale).strip()).append('\n');
            for (Question.Text p : q.pitfalls()) b.append("  - ").append(p.in(locale)).append('\n');
            b.append('\n').append(Messages.get(locale, "questions.txt.show")).append(colon(locale)).append(showCommand(q.show())).append("\n\n");
        }
        b.append(Messages.format(locale, "questions.txt.count", qs.size())).append('\n');
        return b.toString();
    }

    /** The render command that draws the question's trace, with the instant and the segment to look at. */
    static String showCommand(Question.Show show) {
        StringBuilder b = new StringBuilder("render ");
        if (show instanceof Question.ScenarioShow s) {
            b.append("--scenario ").append(s.scenario());
            for (String o : s.options()) b.append(' ').append(o);
        } else if (show instanceof Question.CaptureShow c) {
            b.append("--capture ").append(c.capture()).append(" --stream ").append(c.stream());
        }
        b.append(" --format txt   (at ").append(show.at() % 1000 == 0 ? TimeArg.format(show.at()) : show.at() + "us")
                .append(", segment #").append(show.segment()).append(')');
        return b.toString();
    }

    private static String colon(Locale locale) {
        return QuestionBank.isChinese(locale) ? "：" : ": ";
    }
}
