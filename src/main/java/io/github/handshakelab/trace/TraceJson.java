package io.github.handshakelab.trace;

import io.github.handshakelab.text.Explanation;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.tcp.UserCall;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The trace JSON of DESIGN §4, version 1: a public contract, so field names and order are fixed.
 * One event per line keeps files diffable; the same trace always gives the same bytes.
 * Extensions beyond the DESIGN example ({@code analysis}, {@code frame}, {@code options},
 * {@code info}, a segment's {@code explanations} and a note's {@code key} and {@code args}: the
 * sentences as message keys, so that a trace opened in the Chinese window reads in Chinese) are
 * only written where they carry something.
 */
public final class TraceJson {

    public static final int VERSION = 1;

    /** The key of an explanation that is only its text (read from a file, or a capture's words). */
    private static final String PLAIN = "text.plain";


    private TraceJson() {}

    public static String write(Trace trace) {
        StringBuilder out = new StringBuilder(256 + trace.events().size() * 200);
        Writer w = new Writer(out, trace);
        for (TraceEvent e : trace.events()) w.event(e);
        w.end(trace.gauges());
        return out.toString();
    }

    /**
     * Writes a trace event by event, so that a trace of a million segments never exists as one
     * string (or, for a capture, as one list: {@code render --capture --format json} streams).
     * The bytes are exactly those of {@link #write(Trace)}. The header (source, scenario, file,
     * endpoints) comes from {@code header}, whose events are ignored.
     */
    public static final class Writer {
        private final Appendable out;
        private final Trace.Source source;
        private boolean first = true;

        public Writer(Appendable out, Trace header) {
            this.out = out;
            this.source = header.source();
            append("{\"version\": " + VERSION + ", \"source\": " + JsonLines.quote(header.source().name().toLowerCase(Locale.ROOT)));
            if (header.scenario() != null) append(", \"scenario\": " + JsonLines.quote(header.scenario()));
            if (header.file() != null) append(", \"file\": " + JsonLines.quote(header.file()));
            // Extension: which stack a simulation behaved like (rfc | linux); absent for captures.
            if (header.profile() != null) append(", \"profile\": " + JsonLines.quote(header.profile()));
            append(",\n  \"endpoints\": [\n    " + JsonLines.object(g -> endpoint(g, header.client()))
                    + ",\n    " + JsonLines.object(g -> endpoint(g, header.server())) + "],\n  \"events\": [");
        }

        public void event(TraceEvent e) {
            append(first ? "\n    " : ",\n    ");
            first = false;
            append(JsonLines.object(g -> TraceJson.event(g, e, source)));
        }

        /** Closes the event list and the object; {@code gauges} may be empty. */
        public void end(List<Trace.Gauge> gauges) {
            append(first ? "]" : "\n  ]");
            // Optional extension (absent when empty, so older traces keep their exact bytes).
            if (!gauges.isEmpty()) {
                append(",\n  \"gauges\": [");
                for (int i = 0; i < gauges.size(); i++) {
                    Trace.Gauge gg = gauges.get(i);
                    append((i == 0 ? "\n    " : ",\n    ") + JsonLines.object(g -> {
                        g.writeNumberField("t", gg.t());
                        g.writeStringField("name", gg.name());
                        g.writeNumberField("value", gg.value());
                        g.writeNumberField("max", gg.max());
                    }));
                }
                append("\n  ]");
            }
            append("\n}\n");
        }

        private void append(String s) {
            try {
                out.append(s);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static void endpoint(JsonGenerator g, Endpoint e) throws IOException {
        g.writeStringField("id", e.side().id());
        g.writeStringField("label", e.label());
        if (e.address() != null) g.writeStringField("address", e.address());
        if (e.port() >= 0) g.writeNumberField("port", e.port());
    }

    private static void nullable(JsonGenerator g, String name, long v) throws IOException {
        if (v == TraceEvent.NONE) g.writeNullField(name);
        else g.writeNumberField(name, v);
    }

    private static void event(JsonGenerator g, TraceEvent e, Trace.Source source) throws IOException {
        if (e instanceof TraceEvent.User u) {
                g.writeStringField("type", "user");
                g.writeNumberField("t", u.t());
                g.writeStringField("endpoint", u.endpoint().id());
                g.writeStringField("call", u.call().name());
                if (u.call() == UserCall.SEND) g.writeNumberField("bytes", u.bytes());
        } else if (e instanceof TraceEvent.StateChange c) {
                g.writeStringField("type", "state");
                g.writeNumberField("t", c.t());
                g.writeStringField("endpoint", c.endpoint().id());
                g.writeStringField("from", c.from().name());
                g.writeStringField("to", c.to().name());
                if (c.cause() != null) g.writeStringField("cause", c.cause());
                if (c.inferred()) g.writeBooleanField("inferred", true);
        } else if (e instanceof TraceEvent.Segment s) {
                g.writeStringField("type", "segment");
                g.writeNumberField("id", s.id());
                g.writeStringField("from", s.from().id());
                g.writeStringField("to", s.to().id());
                g.writeNumberField("sent", s.sent());
                nullable(g, "arrived", s.arrived());
                nullable(g, "dropped", s.dropped());
                g.writeArrayFieldStart("flags");
                for (String f : s.flags().names()) g.writeString(f);
                g.writeEndArray();
                g.writeNumberField("seq", s.seq());
                nullable(g, "ack", s.ack());
                g.writeNumberField("len", s.len());
                g.writeNumberField("window", s.window());
                g.writeNumberField("seqAbs", s.seqAbs());
                nullable(g, "ackAbs", s.ackAbs());
                g.writeBooleanField("retransmission", s.retransmission());
                g.writeStringField("explain", s.explain().stream().map(Explanation::english)
                        .collect(Collectors.joining(" ")));
                // Extension: the sentences as message keys and arguments, so a reader shows them in its language.
                if (s.explain().stream().anyMatch(TraceJson::hasKey)) {
                    g.writeArrayFieldStart("explanations");
                    for (Explanation x : s.explain()) {
                        g.writeStartObject();
                        key(g, x);
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                if (source == Trace.Source.CAPTURE) {
                    g.writeArrayFieldStart("analysis");
                    for (String a : s.analysis()) g.writeString(a);
                    g.writeEndArray();
                }
                if (s.frame() != TraceEvent.NONE) g.writeNumberField("frame", s.frame());
                if (!s.options().isEmpty()) {
                    g.writeArrayFieldStart("options");
                    for (String o : s.options()) g.writeString(o);
                    g.writeEndArray();
                }
                if (s.payloadInfo() != null) g.writeStringField("info", s.payloadInfo());
        } else if (e instanceof TraceEvent.Timer t) {
                g.writeStringField("type", "timer");
                g.writeNumberField("t", t.t());
                g.writeStringField("endpoint", t.endpoint().id());
                g.writeStringField("timer", t.timer().name());
                g.writeStringField("action", t.action().name());
                if (t.expires() != TraceEvent.NONE) g.writeNumberField("expires", t.expires());
        } else if (e instanceof TraceEvent.Note n) {
                g.writeStringField("type", "note");
                g.writeNumberField("t", n.t());
                g.writeStringField("text", n.text().english());
                if (hasKey(n.text())) key(g, n.text());
        }
    }

    private static boolean hasKey(Explanation x) {
        return !x.key().equals(PLAIN);
    }

    private static void key(JsonGenerator g, Explanation x) throws IOException {
        g.writeStringField("key", x.key());
        g.writeArrayFieldStart("args");
        for (String a : x.args()) g.writeString(a);
        g.writeEndArray();
    }

    /**
     * Explanations read back: by their keys when this build says exactly the English text the
     * file carries (then they are shown in the reader's language), else as that text. A file from
     * another version, or edited by hand, keeps its own words.
     */
    private static Explanation explanation(String english, JsonNode keyed) {
        Explanation x = keyed(keyed);
        return x != null && english.equals(english(x)) ? x : Explanation.of(PLAIN, english);
    }

    private static List<Explanation> explanations(JsonNode segment) {
        if (!segment.hasNonNull("explain")) return List.of();
        String english = segment.get("explain").asText();
        List<Explanation> out = new ArrayList<>();
        StringBuilder said = new StringBuilder();
        for (JsonNode k : segment.path("explanations")) {
            Explanation x = keyed(k);
            String e = x == null ? null : english(x);
            if (e == null) return List.of(Explanation.of(PLAIN, english));
            if (!out.isEmpty()) said.append(' ');
            said.append(e);
            out.add(x);
        }
        return !out.isEmpty() && said.toString().equals(english) ? List.copyOf(out) : List.of(Explanation.of(PLAIN, english));
    }

    /** The key and arguments of {@code n}, or null without a key. */
    private static Explanation keyed(JsonNode n) {
        return n == null || !n.hasNonNull("key") ? null : new Explanation(n.get("key").asText(), strings(n.path("args")));
    }

    /** Its English, or null when this build has no such key or its pattern cannot take these arguments. */
    private static String english(Explanation x) {
        try {
            return x.english();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Reads a trace written by {@link #write}. Explanations come back by their keys where the file
     * has them and this build words them the same, else as plain text (key {@code text.plain});
     * TCB snapshots are not part of the JSON and come back empty.
     */
    public static Trace read(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        if (root == null || !root.isObject()) throw new IOException("not a trace: the top level is not a JSON object");
        int version = root.path("version").asInt(-1);
        if (version != VERSION) throw new IOException("unsupported trace version " + root.path("version") + " (this build reads version 1)");
        Trace.Source source = Trace.Source.valueOf(root.path("source").asText("simulation").toUpperCase(Locale.ROOT));
        Endpoint client = null, server = null;
        for (JsonNode ep : root.path("endpoints")) {
            Endpoint e = new Endpoint(Side.ofId(ep.path("id").asText()), ep.path("label").asText(),
                    ep.hasNonNull("address") ? ep.get("address").asText() : null, ep.path("port").asInt(-1));
            if (e.side() == Side.CLIENT) client = e; else server = e;
        }
        if (client == null || server == null) throw new IOException("not a trace: endpoints must name a client and a server");
        List<TraceEvent> events = new ArrayList<>();
        for (JsonNode ev : root.path("events")) events.add(readEvent(ev));
        List<Trace.Gauge> gauges = new ArrayList<>();
        for (JsonNode g : root.path("gauges")) {
            gauges.add(new Trace.Gauge(g.path("t").asLong(), g.path("name").asText(), g.path("value").asInt(), g.path("max").asInt()));
        }
        return new Trace(source, text(root, "scenario"), text(root, "file"), client, server, events, List.of(), gauges,
                text(root, "profile"));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static long opt(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asLong() : TraceEvent.NONE;
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : arr) out.add(x.asText());
        return out;
    }

    private static TraceEvent readEvent(JsonNode n) throws IOException {
        String type = n.path("type").asText();
        return switch (type) {
            case "user" -> new TraceEvent.User(n.path("t").asLong(), Side.ofId(n.path("endpoint").asText()),
                    UserCall.valueOf(n.path("call").asText()), n.path("bytes").asInt(0));
            case "state" -> new TraceEvent.StateChange(n.path("t").asLong(), Side.ofId(n.path("endpoint").asText()),
                    TcpState.valueOf(n.path("from").asText()), TcpState.valueOf(n.path("to").asText()),
                    text(n, "cause"), n.path("inferred").asBoolean(false));
            case "segment" -> new TraceEvent.Segment(n.path("id").asInt(), Side.ofId(n.path("from").asText()),
                    n.path("sent").asLong(), opt(n, "arrived"), opt(n, "dropped"), TcpFlags.parse(strings(n.path("flags"))),
                    n.path("seq").asLong(), opt(n, "ack"), n.path("len").asInt(), n.path("window").asInt(),
                    n.path("seqAbs").asLong(), opt(n, "ackAbs"), n.path("retransmission").asBoolean(),
                    explanations(n),
                    strings(n.path("analysis")), opt(n, "frame"), strings(n.path("options")), text(n, "info"));
            case "timer" -> new TraceEvent.Timer(n.path("t").asLong(), Side.ofId(n.path("endpoint").asText()),
                    TimerKind.valueOf(n.path("timer").asText()), TraceEvent.TimerAction.valueOf(n.path("action").asText()),
                    opt(n, "expires"));
            case "note" -> new TraceEvent.Note(n.path("t").asLong(), explanation(n.path("text").asText(), n));
            default -> throw new IOException("unknown event type '" + type + "'");
        };
    }
}
