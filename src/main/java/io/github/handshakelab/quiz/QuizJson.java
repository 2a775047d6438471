package io.github.handshakelab.quiz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;

import java.util.Locale;

/**
 * The worksheet and grade-report JSON of DESIGN §6.1 (version 1). Additions to the contract's
 * example: {@code level} and {@code options} (the scenario options that, with the seed, make the
 * same exercise again) in the worksheet; {@code capture} (the file's name) and {@code stream}
 * instead of {@code scenario} for a capture, with {@code "states": "inferred"}.
 */
public final class QuizJson {

    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Two-space indent, {@code "key": value} as the trace JSON writes it. */
    private static final com.fasterxml.jackson.core.util.DefaultPrettyPrinter PRETTY =
            new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                    .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));

    private QuizJson() {}

    public static String worksheet(Quiz quiz, Locale locale, boolean key) {
        ObjectNode root = F.objectNode();
        root.put("version", VERSION);
        if (quiz.capture()) {
            root.put("capture", quiz.trace().file());
            if (quiz.stream() != null) root.put("stream", quiz.stream());
        } else {
            root.put("scenario", quiz.scenario());
        }
        if (quiz.seed() == null) root.putNull("seed");
        else root.put("seed", quiz.seed());
        root.put("numbers", quiz.numbers().id());
        root.put("level", quiz.level().id);
        // The expected states of a capture are inferred from the segments seen (the app marks them with ?).
        if (quiz.inferredStates()) root.put("states", "inferred");
        ArrayNode opts = root.putArray("options");
        quiz.options().forEach(opts::add);
        ArrayNode qs = root.putArray("questions");
        for (Question q : quiz.questions()) {
            ObjectNode o = qs.addObject();
            o.put("n", q.n());
            o.put("segment", q.segment().id());
            o.put("sent", q.segment().sent());
            o.put("prompt", q.prompt(locale, quiz.level(), quiz.capture()));
            if (key) {
                ObjectNode a = o.putObject("answer");
                for (Field f : quiz.fields()) {
                    if (f == Field.STATE_CLIENT || f == Field.STATE_SERVER) continue;
                    a.set(f.json, value(q.answer().get(f)));
                }
                if (quiz.fields().contains(Field.STATE_CLIENT)) {
                    ObjectNode st = a.putObject("states");
                    st.put("client", q.state(Side.CLIENT).name());
                    st.put("server", q.state(Side.SERVER).name());
                }
            }
        }
        return write(root);
    }

    public static String report(Grader.Report r) {
        ObjectNode root = F.objectNode();
        root.put("version", VERSION);
        root.put("score", r.score());
        root.put("total", r.total());
        ArrayNode items = root.putArray("items");
        for (Grader.Item it : r.items()) {
            ObjectNode o = items.addObject();
            o.put("n", it.n());
            o.put("field", it.field().json);
            o.put("correct", it.correct());
            o.set("expected", value(it.expected()));
            o.set("given", value(it.given()));
            o.put("why", it.why());
        }
        return write(root);
    }

    /** A field's value in JSON: "client", ["SYN", "ACK"], 2433363437, null, "SYN_SENT". */
    static JsonNode value(Object v) {
        if (v == null) return F.nullNode();
        if (v instanceof Side s) return F.textNode(s.id());
        if (v instanceof TcpFlags fl) {
            ArrayNode a = F.arrayNode();
            fl.names().forEach(a::add);
            return a;
        }
        if (v instanceof TcpState st) return F.textNode(st.name());
        if (v instanceof Number n) return F.numberNode(n.longValue());
        return F.textNode(v.toString());
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
