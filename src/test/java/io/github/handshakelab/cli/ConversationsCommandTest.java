package io.github.handshakelab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.trace.TraceJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** {@code conversations FILE}: output forms, the JSON contract (schema-validated), exit codes. */
class ConversationsCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    static JsonSchema schema(String name) throws IOException {
        try (InputStream in = ConversationsCommandTest.class.getResourceAsStream("/schema/" + name)) {
            // The shared schemas use a relative $id ("handshake-lab/..."), which the validator rejects
            // as a base URI; the copy stays byte-identical and the id is dropped only here.
            com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(in);
            node.remove("$id");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
        }
    }

    @Test
    void jsonMatchesTheSchemaAndTheCapture() throws IOException {
        Run r = run("conversations", "resources/captures/handshake-data-close.pcap", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        Set<ValidationMessage> errors = schema("conversations.schema.json").validate(json);
        assertEquals(Set.of(), errors);
        assertEquals(1, json.get("version").asInt());
        assertEquals("handshake-data-close.pcap", json.get("file").asText());
        assertEquals(11, json.get("packets").asInt());
        assertEquals(11, json.get("tcpPackets").asInt());
        JsonNode c = json.get("conversations").get(0);
        assertEquals(0, c.get("stream").asInt());
        assertEquals("10.99.0.1", c.get("client").get("address").asText());
        assertEquals("10.99.0.2", c.get("server").get("address").asText());
        assertEquals(8080, c.get("server").get("port").asInt());
        assertFalse(c.get("clientGuessed").asBoolean());
        assertEquals("HANDSHAKE", c.get("opened").asText());
        assertEquals("FIN", c.get("closed").asText());
        assertEquals(6, c.get("packetsToServer").asInt());
        assertTrue(c.get("start").asLong() > 1_600_000_000_000_000L, "epoch microseconds");
        assertEquals(java.util.List.of("stream", "client", "server", "clientGuessed", "packets", "bytes", "packetsToServer",
                "packetsToClient", "start", "duration", "opened", "closed"), iterable(c));
        assertEquals(java.util.List.of("version", "file", "packets", "tcpPackets", "conversations", "warnings"), iterable(json));
    }

    static java.util.List<String> iterable(JsonNode n) {
        java.util.List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void warningsAppearInJsonWithOffsetAndPacket() throws IOException {
        byte[] good = Files.readAllBytes(Path.of("resources/captures/rst-closed-port.pcap"));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(good, good.length - 5));
        Run r = run("conversations", cut.toString(), "--format", "json");
        assertEquals(1, r.code()); // reading stopped early: the listing is incomplete
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(Set.of(), schema("conversations.schema.json").validate(json));
        JsonNode w = json.get("warnings").get(0);
        assertEquals(2, w.get("packet").asInt());
        assertEquals(good.length - 16 - 60, w.get("offset").asInt());
        assertEquals("truncated packet data: 60 bytes expected, 55 left; reading stops", w.get("message").asText());
        assertEquals(1, json.get("conversations").get(0).get("packets").asInt()); // the SYN before the fault is kept
    }

    @Test
    void emptyListsAndCountedWarningsStayValidJson() throws IOException {
        var empty = new io.github.handshakelab.capture.IndexResult("e.pcap", "pcap", 0, 0, java.util.List.of(), java.util.List.of(), 0);
        assertEquals("{\"version\": 1, \"file\": \"e.pcap\", \"packets\": 0, \"tcpPackets\": 0,\n  \"conversations\": [],\n  \"warnings\": []\n}\n",
                io.github.handshakelab.capture.ConversationsJson.write(empty));
        var many = new io.github.handshakelab.capture.IndexResult("m.pcap", "pcap", 5, 0, java.util.List.of(),
                java.util.List.of(new io.github.handshakelab.capture.CaptureWarning(24, 1, "a \"quoted\" problem")), 41);
        JsonNode json = new ObjectMapper().readTree(io.github.handshakelab.capture.ConversationsJson.write(many));
        assertEquals(Set.of(), schema("conversations.schema.json").validate(json));
        assertEquals("a \"quoted\" problem", json.get("warnings").get(0).get("message").asText());
        assertEquals("41 more warnings not listed", json.get("warnings").get(1).get("message").asText());
    }

    @Test
    void textTable() {
        Run r = run("conversations", "resources/captures/tls-handshake.pcap.gz");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("tls-handshake.pcap.gz (pcap): "), lines[0]);
        assertEquals("tls-handshake.pcap.gz (pcap): 15 packets, 15 TCP, 1 conversation", lines[0]);
        assertTrue(lines[1].startsWith("stream  client"), lines[1]);
        assertTrue(lines[2].matches("0\\s+127\\.0\\.0\\.1:\\d+\\s+127\\.0\\.0\\.1:4433\\s+\\d+\\s+\\d+\\s+\\S+Z\\s+[0-9.]+ s\\s+HANDSHAKE\\s+FIN\\s*"), lines[2]);
    }

    @Test
    void badFilesGiveOneLineAndExitOne() throws IOException {
        Path junk = dir.resolve("junk.pcap");
        Files.writeString(junk, "hello, not a capture");
        Run r = run("conversations", junk.toString());
        assertEquals(1, r.code());
        assertEquals("error: junk.pcap: offset 0: unknown file format: magic number 0x68656c6c is neither pcap nor pcapng\n", r.err());
        assertEquals("", r.out());
        Run missing = run("conversations", dir.resolve("missing.pcap").toString());
        assertEquals(1, missing.code());
        assertEquals("error: " + dir.resolve("missing.pcap") + ": no such file\n", missing.err());
    }

    @Test
    void usageErrorsExitTwo() {
        Run r = run("conversations", "x.pcap", "--format", "xml");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals(1, r.err().lines().count());
        assertEquals(2, run("conversations").code());
    }

    @Test
    void captureTraceJsonMatchesTheTraceSchema() throws IOException {
        for (String f : new String[]{"handshake-data-close.pcap", "simultaneous-close.pcap", "tls-handshake.pcap.gz", "rst-closed-port.pcap"}) {
            String json = TraceJson.write(CaptureTraces.load(Path.of("resources/captures", f), null));
            assertEquals(Set.of(), schema("trace.schema.json").validate(new ObjectMapper().readTree(json)), f);
        }
    }
}
