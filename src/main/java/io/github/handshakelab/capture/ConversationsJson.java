package io.github.handshakelab.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The conversation list of DESIGN §4 ("Conversations JSON", version 1): fixed field names and order. */
public final class ConversationsJson {

    public static final int VERSION = 1;

    private ConversationsJson() {}

    public static String write(IndexResult r) {
        StringWriter w = new StringWriter(256 + r.conversations().size() * 300);
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeNumberField("version", VERSION);
            g.writeStringField("file", r.file());
            g.writeNumberField("packets", r.packets());
            g.writeNumberField("tcpPackets", r.tcpPackets());
            g.writeArrayFieldStart("conversations");
            for (Conversation c : r.conversations()) {
                g.writeStartObject();
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
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("warnings");
            for (CaptureWarning cw : r.warnings()) {
                g.writeStartObject();
                g.writeNumberField("offset", cw.offset());
                if (cw.packet() > 0) g.writeNumberField("packet", cw.packet());
                g.writeStringField("message", cw.message());
                g.writeEndObject();
            }
            if (r.droppedWarnings() > 0) {
                g.writeStartObject();
                g.writeStringField("message", r.droppedWarnings() + " more warnings not listed");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString() + "\n";
    }

    private static void endpoint(JsonGenerator g, String name, String address, int port) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("address", address);
        g.writeNumberField("port", port);
        g.writeEndObject();
    }
}
