package io.github.handshakelab.lesson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.sim.Scenario;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a lesson file and checks everything a teacher can get wrong, reporting each mistake as
 * {@code FILE:LINE:COL: problem} (the form compilers use, so editors jump to it) and all of them
 * at once: a lesson is written by hand the evening before, and fixing one error per run is slow.
 * Positions come from Jackson's token locations, counted in characters (the file is decoded
 * first, so a Chinese caption earlier on a line does not shift the column by its UTF-8 bytes).
 */
public final class LessonReader {

    /** One mistake; line and column are 1-based. */
    public record Problem(int line, int column, String message) {
        public String format(String file) {
            return file + ":" + line + ":" + column + ": " + message;
        }
    }

    /**
     * What was read. {@code lesson} is null when the file is not usable; {@code trace} is null
     * when the source could not be built. A lesson with problems is never handed to a view.
     */
    public record Result(String file, Lesson lesson, Trace trace, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        /** Every problem as {@code FILE:LINE:COL: problem}, in file order. */
        public List<String> messages() {
            return problems.stream().map(p -> p.format(file)).toList();
        }
    }

    private static final Set<String> TOP = Set.of("$schema", "version", "title", "scenario", "options", "capture",
            "stream", "at", "steps");
    private static final Set<String> STEP = Set.of("at", "caption", "highlight", "ask");
    private static final List<String> LANGUAGES = List.of("en", "zh");

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /**
     * Turns a scenario id and its {@code render} options into a scenario: the CLI's one option
     * parser ({@code cli.ScenarioOptions::parse}), passed in so that this package does not depend
     * on the CLI (which depends on it). A bad option is a RuntimeException whose message names it;
     * each line written to {@code warnings} is an option that changes nothing.
     */
    @FunctionalInterface
    public interface Options {
        Scenario parse(String scenarioId, List<String> options, PrintWriter warnings);
    }

    private final String file;
    private final Path baseDir;
    private final Options parser;
    private final Map<String, JsonLocation> values = new HashMap<>();
    private final Map<String, JsonLocation> keys = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    private LessonReader(String file, Path baseDir, Options parser) {
        this.file = file;
        this.baseDir = baseDir;
        this.parser = parser;
    }

    /** Reads {@code path}; a capture named in it is looked up next to the lesson, then upwards (the project root). */
    public static Result read(Path path, Options parser) {
        String name = path.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e.getMessage() != null ? e.getMessage() : e.toString();
            return new Result(name, null, null, List.of(new Problem(1, 1, "cannot read the lesson: " + why)));
        }
        Path dir = path.toAbsolutePath().getParent();
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return read(name, text, dir, parser);
        } catch (CharacterCodingException e) {
            return new Result(name, null, null, List.of(new Problem(1, 1, "the file is not UTF-8 text")));
        }
    }

    /**
     * Reads lesson text; {@code file} only names it in messages. {@code baseDir} is where a relative
     * capture path is looked up first (null: only the working directory).
     */
    public static Result read(String file, String text, Path baseDir, Options parser) {
        return new LessonReader(file, baseDir, parser).run(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    private Result run(String text) {
        JsonNode root;
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                problems.add(new Problem(1, 1, "the file is empty; a lesson is a JSON object"));
                return result(null, null);
            }
            locate(p, "");
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                problems.add(new Problem(l.getLineNr(), l.getColumnNr(), "unexpected text after the lesson's closing '}'"));
                return result(null, null);
            }
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage().replaceAll("\\s+", " ").strip();
            problems.add(new Problem(l == null ? 1 : Math.max(1, l.getLineNr()), l == null ? 1 : Math.max(1, l.getColumnNr()),
                    "bad JSON: " + msg));
            return result(null, null);
        } catch (IOException e) {
            problems.add(new Problem(1, 1, "cannot read the lesson: " + e.getMessage()));
            return result(null, null);
        }
        if (!root.isObject()) {
            at("", "a lesson is a JSON object {\"version\": 1, \"title\": ..., \"steps\": [...]}");
            return result(null, null);
        }
        return check(root);
    }

    /** Records where every value and every key starts, by JSON pointer. */
    private void locate(JsonParser p, String ptr) throws IOException {
        values.put(ptr, p.currentTokenLocation());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String child = ptr + "/" + escape(p.currentName());
                keys.put(child, p.currentTokenLocation());
                p.nextToken();
                locate(p, child);
            }
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) locate(p, ptr + "/" + i++);
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private Result check(JsonNode root) {
        unknownFields(root, "", TOP, "lesson");

        JsonNode v = root.get("version");
        if (v == null) at("", "missing \"version\": 1");
        else if (!v.isInt() || v.intValue() != Lesson.VERSION) at("/version", "unsupported version " + v + "; this program reads version 1");

        Lesson.Text title = text(root, "", "title");

        Lesson.Source source = source(root);

        long start = 0;
        JsonNode atNode = root.get("at");
        if (atNode != null) {
            Long t = time(atNode, "/at");
            if (t != null) start = t;
        }

        List<Lesson.Step> steps = new ArrayList<>();
        List<String> stepPtrs = new ArrayList<>();
        List<Lesson.Step> checked = new ArrayList<>();
        Lesson.Step[] partial = new Lesson.Step[1];
        JsonNode stepsNode = root.get("steps");
        if (stepsNode == null) {
            at("", "missing \"steps\": a list of {\"at\": ..., \"caption\": {\"en\": ..., \"zh\": ...}}");
        } else if (!stepsNode.isArray()) {
            at("/steps", "\"steps\" must be a list");
        } else if (stepsNode.isEmpty()) {
            at("/steps", "a lesson needs at least one step");
        } else {
            long previous = -1;
            for (int i = 0; i < stepsNode.size(); i++) {
                String ptr = "/steps/" + i;
                // Time and highlight are checked even when another field of the step is wrong.
                Lesson.Step s = step(stepsNode.get(i), ptr, i + 1, partial);
                Lesson.Step p = s != null ? s : partial[0];
                if (p == null) continue;
                if (p.at() < previous) {
                    at(ptr + "/at", "step " + (i + 1) + " at " + Times.format(p.at()) + " comes before the step above it ("
                            + Times.format(previous) + "); steps must be in time order");
                }
                previous = Math.max(previous, p.at());
                checked.add(p);
                stepPtrs.add(ptr);
                if (s != null) steps.add(s);
            }
        }

        Trace trace = source == null ? null : trace(source);
        if (trace != null) {
            long end = trace.endTime();
            if (atNode != null && start > end) at("/at", "\"at\" " + Times.format(start) + " is after the end of the trace ("
                    + Times.format(end) + ")");
            for (int i = 0; i < checked.size(); i++) checkAgainst(trace, checked.get(i), stepPtrs.get(i), end);
        }
        boolean complete = title != null && source != null && stepsNode != null && steps.size() == stepsNode.size();
        Lesson lesson = complete ? new Lesson(Lesson.VERSION, title, source, start, steps) : null;
        return result(lesson, trace);
    }

    private Lesson.Source source(JsonNode root) {
        JsonNode sc = root.get("scenario");
        JsonNode cap = root.get("capture");
        if (sc != null && cap != null) {
            key("/capture", "a lesson shows either a \"scenario\" or a \"capture\", not both");
            return null;
        }
        if (sc == null && cap == null) {
            at("", "missing the source: \"scenario\": ID (see 'scenarios') or \"capture\": FILE");
            return null;
        }
        if (sc != null) {
            if (root.has("stream")) key("/stream", "\"stream\" only applies to a capture");
            if (!sc.isTextual()) {
                at("/scenario", "\"scenario\" must be a scenario id (text)");
                return null;
            }
            boolean known = Scenarios.byId(sc.textValue()).isPresent();
            if (!known) at("/scenario", "unknown scenario '" + sc.textValue() + "'; valid ids: " + String.join(", ", Scenarios.ids()));
            List<String> options = new ArrayList<>();
            JsonNode opts = root.get("options");
            boolean optionsOk = true;
            if (opts != null) {
                if (!opts.isArray()) {
                    at("/options", "\"options\" must be a list of render options, e.g. [\"--drop\", \"3\"]");
                    optionsOk = false;
                } else {
                    for (int i = 0; i < opts.size(); i++) {
                        JsonNode o = opts.get(i);
                        if (!o.isTextual()) {
                            at("/options/" + i, "each option is text, as typed on the command line (\"--msl-s\", \"30\")");
                            optionsOk = false;
                        } else if (o.textValue().equals("--scenario") || o.textValue().startsWith("--scenario=")) {
                            at("/options/" + i, "the scenario is named by \"scenario\", not by an option");
                            optionsOk = false;
                        } else {
                            options.add(o.textValue());
                        }
                    }
                }
            }
            return known && optionsOk ? new Lesson.Source.Simulation(sc.textValue(), options) : null;
        }
        if (root.has("options")) key("/options", "\"options\" (faults and parameters) only apply to a scenario");
        if (!cap.isTextual() || cap.textValue().isBlank()) {
            at("/capture", "\"capture\" must be a file path (text), relative to the lesson or the project root");
            return null;
        }
        Integer stream = null;
        JsonNode st = root.get("stream");
        if (st != null) {
            if (!st.canConvertToInt() || !st.isIntegralNumber() || st.intValue() < 0) {
                at("/stream", "\"stream\" must be a whole number >= 0 (as 'conversations' numbers them)");
                return null;
            }
            stream = st.intValue();
        }
        return new Lesson.Source.Capture(cap.textValue(), stream);
    }

    /** The trace the lesson shows, or null after reporting why it cannot be built. */
    private Trace trace(Lesson.Source source) {
        if (source instanceof Lesson.Source.Simulation s) {
            StringWriter warnings = new StringWriter();
            Scenario sc;
            try {
                sc = parser.parse(s.scenario(), s.options(), new PrintWriter(warnings));
            } catch (RuntimeException e) {
                String why = e.getMessage() != null ? e.getMessage() : e.toString();
                at(optionPointer(s.options(), why), "bad option: " + why);
                return null;
            }
            for (String line : warnings.toString().lines().toList()) {
                String w = line.startsWith("warning: ") ? line.substring("warning: ".length()) : line;
                at(optionPointer(s.options(), w), "option has no effect: " + w);
            }
            return Simulator.run(sc);
        }
        Lesson.Source.Capture c = (Lesson.Source.Capture) source;
        Path path = resolve(c.path());
        if (path == null) {
            at("/capture", "capture file not found: " + c.path() + " (looked next to the lesson, in the folders above it"
                    + " and in the working directory)");
            return null;
        }
        try {
            return CaptureTraces.load(path, c.stream());
        } catch (IOException | RuntimeException e) {
            at(c.stream() != null && String.valueOf(e.getMessage()).contains("no TCP stream") ? "/stream" : "/capture",
                    "cannot replay the capture: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return null;
        }
    }

    /** Looks a relative capture path up next to the lesson, then in each folder above it, then in the working directory. */
    public static Path resolveCapture(String path, Path baseDir) {
        Path p = Path.of(path);
        if (p.isAbsolute()) return Files.isRegularFile(p) ? p : null;
        for (Path dir = baseDir; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(p);
            if (Files.isRegularFile(candidate)) return candidate.normalize();
        }
        return Files.isRegularFile(p) ? p : null;
    }

    private Path resolve(String path) {
        try {
            return resolveCapture(path, baseDir);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /**
     * Where an option error points: at the option or value the message quotes ("'x'", or a
     * warning that starts with "--drop 99"), else at the option it names, else at the list.
     */
    private static String optionPointer(List<String> options, String message) {
        for (int i = 0; i + 1 < options.size(); i++) {
            if (message.startsWith(options.get(i) + " " + options.get(i + 1))) return "/options/" + (i + 1);
        }
        for (int i = 0; i < options.size(); i++) {
            if (message.contains("'" + options.get(i) + "'")) return "/options/" + i;
        }
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            if (o.startsWith("--") && (message.startsWith(o + ":") || message.startsWith(o + " "))) {
                // "--drop: 'x' is not a number": the value after the option is the culprit.
                return "/options/" + (i + 1 < options.size() && !options.get(i + 1).startsWith("--") ? i + 1 : i);
            }
        }
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).startsWith("--") && message.contains(options.get(i))) return "/options/" + i;
        }
        return options.isEmpty() ? "/scenario" : "/options";
    }

    /** The step, or null; {@code partial[0]} gets its time and highlight when only those could be read. */
    private Lesson.Step step(JsonNode node, String ptr, int n, Lesson.Step[] partial) {
        partial[0] = null;
        if (!node.isObject()) {
            at(ptr, "step " + n + " must be an object {\"at\": ..., \"caption\": {...}}");
            return null;
        }
        unknownFields(node, ptr, STEP, "step");
        Long t = null;
        JsonNode atNode = node.get("at");
        if (atNode == null) at(ptr, "step " + n + " has no \"at\" (a time: 250ms, 2s, 1.5s or microseconds)");
        else t = time(atNode, ptr + "/at");
        Lesson.Text caption = text(node, ptr, "caption");
        Lesson.Highlight highlight = node.has("highlight") ? highlight(node.get("highlight"), ptr + "/highlight") : null;
        boolean highlightOk = !node.has("highlight") || highlight != null;
        Lesson.Text ask = node.has("ask") ? text(node, ptr, "ask") : null;
        boolean askOk = !node.has("ask") || ask != null;
        if (t != null) partial[0] = new Lesson.Step(t, null, highlight, null);
        if (t == null || caption == null || !highlightOk || !askOk) return null;
        return new Lesson.Step(t, caption, highlight, ask);
    }

    private Lesson.Highlight highlight(JsonNode node, String ptr) {
        if (!node.isObject()) {
            at(ptr, "\"highlight\" must be {\"segment\": N} or {\"state\": \"TIME_WAIT\", \"side\": \"client\"}");
            return null;
        }
        unknownFields(node, ptr, Set.of("segment", "state", "side"), "highlight");
        JsonNode seg = node.get("segment");
        JsonNode state = node.get("state");
        if (seg != null && (state != null || node.has("side"))) {
            at(ptr, "a highlight is either a segment or a state, not both");
            return null;
        }
        if (seg != null) {
            if (!seg.isIntegralNumber() || !seg.canConvertToInt() || seg.intValue() < 1) {
                at(ptr + "/segment", "\"segment\" is a segment number (1, 2, ... as in the trace)");
                return null;
            }
            return new Lesson.Highlight.OfSegment(seg.intValue());
        }
        if (state == null) {
            at(ptr, "\"highlight\" needs \"segment\": N or \"state\" with \"side\"");
            return null;
        }
        TcpState st = null;
        if (!state.isTextual()) {
            at(ptr + "/state", "\"state\" must be a state name such as \"TIME_WAIT\"");
        } else {
            try {
                st = TcpState.valueOf(state.textValue());
            } catch (IllegalArgumentException e) {
                at(ptr + "/state", "unknown state '" + state.textValue() + "'; states: "
                        + String.join(" ", Arrays.stream(TcpState.values()).map(Enum::name).toList()));
            }
        }
        JsonNode sideNode = node.get("side");
        Side side = null;
        if (sideNode == null) {
            at(ptr, "a state highlight needs \"side\": \"client\" or \"server\"");
        } else if (!sideNode.isTextual() || !(sideNode.textValue().equals("client") || sideNode.textValue().equals("server"))) {
            at(ptr + "/side", "\"side\" must be \"client\" or \"server\"");
        } else {
            side = Side.ofId(sideNode.textValue());
        }
        return st == null || side == null ? null : new Lesson.Highlight.OfState(st, side);
    }

    private void checkAgainst(Trace trace, Lesson.Step s, String ptr, long end) {
        int n = Integer.parseInt(ptr.substring(ptr.lastIndexOf('/') + 1)) + 1;
        if (s.at() > end) {
            at(ptr + "/at", "step " + n + " at " + Times.format(s.at()) + " is after the end of the trace ("
                    + Times.format(end) + ")");
        }
        if (s.highlight() instanceof Lesson.Highlight.OfSegment h) {
            List<TraceEvent.Segment> segs = trace.segments();
            if (segs.stream().noneMatch(x -> x.id() == h.segment())) {
                at(ptr + "/highlight/segment", "no segment " + h.segment() + " in this trace (it has "
                        + (segs.isEmpty() ? "none" : segs.get(0).id() + " to " + segs.get(segs.size() - 1).id()) + ")");
            }
        } else if (s.highlight() instanceof Lesson.Highlight.OfState h) {
            if (!trace.stateSequence(h.side()).contains(h.state())) {
                at(ptr + "/highlight/state", "the " + h.side().id() + " is never in " + h.state() + " in this trace ("
                        + String.join(" -> ", new LinkedHashSet<>(trace.stateSequence(h.side())).stream().map(Enum::name).toList())
                        + ")");
            }
        }
    }

    private Long time(JsonNode node, String ptr) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            if (node.longValue() >= 0) return node.longValue();
            at(ptr, "a time is not negative: " + node.longValue());
            return null;
        }
        if (node.isTextual()) {
            try {
                return Times.parse(node.textValue());
            } catch (IllegalArgumentException e) {
                at(ptr, e.getMessage());
                return null;
            }
        }
        at(ptr, "a time is microseconds (a whole number) or text such as \"250ms\", \"2s\", \"1.5s\"");
        return null;
    }

    /** A required (title, caption) or optional (ask) text with both languages. */
    private Lesson.Text text(JsonNode parent, String parentPtr, String field) {
        JsonNode node = parent.get(field);
        String ptr = parentPtr + "/" + field;
        if (node == null) {
            at(parentPtr, (parentPtr.isEmpty() ? "the lesson" : "step " + stepNumber(parentPtr)) + " has no \""
                    + field + "\" {\"en\": ..., \"zh\": ...}");
            return null;
        }
        if (!node.isObject()) {
            at(ptr, "\"" + field + "\" must be {\"en\": \"...\", \"zh\": \"...\"}");
            return null;
        }
        String[] got = new String[LANGUAGES.size()];
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!LANGUAGES.contains(k)) key(ptr + "/" + escape(k), "unknown language '" + k + "' in " + field + " (use en and zh)");
        }
        boolean ok = true;
        for (int i = 0; i < LANGUAGES.size(); i++) {
            String lang = LANGUAGES.get(i);
            JsonNode t = node.get(lang);
            if (t == null) {
                at(ptr, field + " has no '" + lang + "' text");
                ok = false;
            } else if (!t.isTextual() || t.textValue().isBlank()) {
                at(ptr + "/" + lang, field + " '" + lang + "' must be non-empty text");
                ok = false;
            } else {
                got[i] = t.textValue();
            }
        }
        return ok ? new Lesson.Text(got[0], got[1]) : null;
    }

    private static String stepNumber(String ptr) {
        return String.valueOf(Integer.parseInt(ptr.substring(ptr.lastIndexOf('/') + 1)) + 1);
    }

    private void unknownFields(JsonNode node, String ptr, Set<String> allowed, String what) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                key(ptr + "/" + escape(k), "unknown field '" + k + "' in the " + what + " (expected: "
                        + String.join(", ", allowed.stream().filter(a -> !a.startsWith("$")).sorted().toList()) + ")");
            }
        }
    }

    /** A problem at the value that starts at {@code ptr}. */
    private void at(String ptr, String message) {
        add(values.get(ptr), message);
    }

    /** A problem at the key of the member {@code ptr} (a field that should not be there). */
    private void key(String ptr, String message) {
        add(keys.getOrDefault(ptr, values.get(ptr)), message);
    }

    private void add(JsonLocation l, String message) {
        problems.add(new Problem(l == null ? 1 : l.getLineNr(), l == null ? 1 : l.getColumnNr(), message));
    }

    private Result result(Lesson lesson, Trace trace) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
        return new Result(file, sorted.isEmpty() ? lesson : null, trace, sorted);
    }
}
