package io.github.handshakelab.capture;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.handshakelab.trace.JsonLines;

import java.io.IOException;

/**
 * The conversation list of DESIGN §4 ("Conversations JSON", version 1): fixed field names and
 * order, in the layout of the trace JSON (one conversation or warning per line, {@code "a": 1}).
 */
public final class ConversationsJson {

    public static final int VERSION = 1;


    private ConversationsJson() {}



    public static String write(IndexResult r) {
        StringBuilder out = new StringBuilder(256 + r.conversations().size() * 300);
        write(r, out);
        return out.toString();
    }

    /**
     * Writes the list to {@code out} one line at a time (a PrintWriter to stdout: a million
     * conversations are not built as one string). Same bytes as {@link #write(IndexResult)}.
     */
    public static void write(IndexResult r, Appendable out) {
        try {
            writeTo(r, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a PrintWriter or StringBuilder does not throw; others say so
        }
    }

    private static void writeTo(IndexResult r, Appendable out) throws IOException {
        String head = JsonLines.object(g -> {
            g.writeNumberField("version", VERSION);
            g.writeStringField("file", r.file());
            g.writeNumberField("packets", r.packets());
            g.writeNumberField("tcpPackets", r.tcpPackets());
        });
        out.append(head, 0, head.length() - 1).append(",\n  \"conversations\": [");
        for (int i = 0; i < r.conversations().size(); i++) {
            Conversation c = r.conversations().get(i);
            out.append(i == 0 ? "\n    " : ",\n    ").append(JsonLines.object(g -> {
                g.writeNumberField("stream", c.stream());
                endpoint(g, "client", c.clientAddress(), c.clientPort());
                endpoint(g, "server", c.serverAddress(), c.serverPort());
                g.writeBooleanField("clientGuessed", c.clientGuessed());
                g.writeNumberField("packets", c.packets());
                g.writeNumberField("bytes", c.bytes());
                g.writeNumberField("packetsToServer", c.packetsToServer());
                g.writeNumberField("packetsToClient", c.packetsToClient());
                g.writeNumberField("start", c.start());
                g.writeNumberField("duration", c.duration());
                g.writeStringField("opened", c.opened().name());
                g.writeStringField("closed", c.closed().name());
            }));
        }
        out.append(r.conversations().isEmpty() ? "],\n  \"warnings\": [" : "\n  ],\n  \"warnings\": [");
        int n = 0;
        for (CaptureWarning w : r.warnings()) {
            out.append(n++ == 0 ? "\n    " : ",\n    ").append(JsonLines.object(g -> {
                g.writeNumberField("offset", w.offset());
                if (w.packet() > 0) g.writeNumberField("packet", w.packet());
                g.writeStringField("message", w.message());
            }));
        }
        if (r.droppedWarnings() > 0) {
            out.append(n++ == 0 ? "\n    " : ",\n    ")
               .append(JsonLines.object(g -> g.writeStringField("message", r.droppedWarnings() + " more warnings not listed")));
        }
        out.append(n == 0 ? "]\n}\n" : "\n  ]\n}\n");
    }

    private static void endpoint(JsonGenerator g, String name, String address, int port) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("address", address);
        g.writeNumberField("port", port);
        g.writeEndObject();
    }
}
