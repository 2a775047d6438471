package io.github.handshakelab.questions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.handshakelab.text.Messages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The interview question bank, read from {@code /questions/questions.json} on the classpath (so it
 * works offline and from the jar). Each question holds both languages side by side, so the two
 * languages always have the same ids.
 */
public final class QuestionBank {

    /** The topics in the order the app lists them; names in the {@code questions} bundle as {@code questions.topic.<id>}. */
    public static final List<String> TOPICS = List.of("handshake", "sequence-numbers", "close", "states", "time-wait",
            "syn-flood", "timers", "reset", "operations", "tls");

    private static final String RESOURCE = "/questions/questions.json";

    private static volatile List<Question> cache;

    private QuestionBank() {}

    /** Every question, in the bank's order. */
    public static List<Question> all() {
        List<Question> q = cache;
        if (q == null) {
            try (InputStream in = QuestionBank.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
                q = parse(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cache = q;
        }
        return q;
    }

    public static java.util.Optional<Question> byId(String id) {
        return all().stream().filter(q -> q.id().equals(id)).findFirst();
    }

    /** The localised name of a topic. */
    public static String topicName(String topic, Locale locale) {
        return Messages.get(locale, "questions.topic." + topic);
    }

    public static boolean isChinese(Locale locale) {
        return locale != null && locale.getLanguage().equals("zh");
    }

    /**
     * The questions whose question, answer, pitfalls, id or topic name (in {@code locale}, and the
     * id in any case) contain every word of {@code text}, ignoring case; all of them for blank text.
     * {@code topic} null means every topic.
     */
    public static List<Question> search(String text, String topic, Locale locale) {
        String[] words = text == null ? new String[0] : text.toLowerCase(Locale.ROOT).trim().split("\\s+");
        List<Question> out = new ArrayList<>();
        for (Question q : all()) {
            if (topic != null && !q.topic().equals(topic)) continue;
            StringBuilder hay = new StringBuilder(q.id()).append('\n').append(topicName(q.topic(), locale)).append('\n')
                    .append(q.question().in(locale)).append('\n').append(q.answer().in(locale));
            for (Question.Text p : q.pitfalls()) hay.append('\n').append(p.in(locale));
            String h = hay.toString().toLowerCase(Locale.ROOT);
            boolean all = true;
            for (String w : words) {
                if (!w.isEmpty() && !h.contains(w)) {
                    all = false;
                    break;
                }
            }
            if (all) out.add(q);
        }
        return out;
    }

    /** A question for the drill, uniformly from {@code from} (never the same as {@code previous} when there is a choice). */
    public static Question random(List<Question> from, Question previous, Random random) {
        if (from.isEmpty()) throw new IllegalArgumentException("no questions to choose from");
        if (from.size() == 1) return from.get(0);
        Question q;
        do {
            q = from.get(random.nextInt(from.size()));
        } while (q.equals(previous));
        return q;
    }

    static List<Question> parse(JsonNode root) {
        List<Question> out = new ArrayList<>();
        for (JsonNode n : root.path("questions")) {
            List<Question.Text> pitfalls = new ArrayList<>();
            for (JsonNode p : n.path("pitfalls")) pitfalls.add(text(p));
            JsonNode s = n.path("show");
            Question.Show show;
            if (s.has("capture")) {
                show = new Question.CaptureShow(s.path("capture").asText(), s.path("stream").asInt(), s.path("at").asLong(),
                        s.path("segment").asInt());
            } else {
                List<String> options = new ArrayList<>();
                for (JsonNode o : s.path("options")) options.add(o.asText());
                show = new Question.ScenarioShow(s.path("scenario").asText(), options, s.path("at").asLong(), s.path("segment").asInt());
            }
            out.add(new Question(n.path("id").asText(), n.path("topic").asText(), text(n.path("question")), text(n.path("answer")),
                    pitfalls, show));
        }
        return List.copyOf(out);
    }

    private static Question.Text text(JsonNode n) {
        return new Question.Text(n.path("en").asText(), n.path("zh").asText());
    }
}
