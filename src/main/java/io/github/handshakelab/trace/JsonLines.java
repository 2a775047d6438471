package io.github.handshakelab.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one-object-per-line JSON style of the public contracts (trace and conversation list):
 * {@code {"a": 1, "b": [2, 3]}} on one line, readable, diffable, and stable byte for byte.
 */
public final class JsonLines {

    private static final JsonFactory FACTORY = new JsonFactory();

    private static final MinimalPrettyPrinter ONE_LINE = new MinimalPrettyPrinter() {
        @Override public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException { g.writeRaw(": "); }
        @Override public void writeObjectEntrySeparator(JsonGenerator g) throws IOException { g.writeRaw(", "); }
        @Override public void writeArrayValueSeparator(JsonGenerator g) throws IOException { g.writeRaw(", "); }
    };

    /** Writes the fields of one object. */
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonLines() {}

    /** One JSON object on one line, its fields written by {@code body}. */
    public static String object(Body body) {
        try {
            StringWriter w = new StringWriter(200);
            try (JsonGenerator g = FACTORY.createGenerator(w)) {
                g.setPrettyPrinter(ONE_LINE);
                g.writeStartObject();
                body.write(g);
                g.writeEndObject();
            }
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        try {
            StringWriter w = new StringWriter(s.length() + 2);
            try (JsonGenerator g = FACTORY.createGenerator(w)) {
                g.writeString(s);
            }
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
