package io.github.handshakelab.questions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * The JSON of {@code questions --format json} (DESIGN §6.2): {@code {"version": 1, "questions":
 * [{"id", "question", "answer", "pitfalls", "show"}]}} in one language. Extensions: {@code lang},
 * per question {@code topic} and {@code topicName}, and {@code show.segment} (the segment the app
 * selects).
 */
public final class QuestionsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private QuestionsJson() {}

    public static String write(List<Question> questions, Locale locale) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", 1);
        root.put("lang", QuestionBank.isChinese(locale) ? "zh" : "en");
        ArrayNode arr = root.putArray("questions");
        for (Question q : questions) {
            ObjectNode o = arr.addObject();
            o.put("id", q.id());
            o.put("topic", q.topic());
            o.put("topicName", QuestionBank.topicName(q.topic(), locale));
            o.put("question", q.question().in(locale));
            o.put("answer", q.answer().in(locale));
            ArrayNode p = o.putArray("pitfalls");
            for (Question.Text t : q.pitfalls()) p.add(t.in(locale));
            ObjectNode s = o.putObject("show");
            if (q.show() instanceof Question.ScenarioShow sc) {
                s.put("scenario", sc.scenario());
                ArrayNode opts = s.putArray("options");
                sc.options().forEach(opts::add);
            } else if (q.show() instanceof Question.CaptureShow c) {
                s.put("capture", c.capture());
                s.put("stream", c.stream());
            }
            s.put("at", q.show().at());
            s.put("segment", q.show().segment());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
