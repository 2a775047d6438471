package io.github.handshakelab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.handshakelab.sim.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The simulator's CLI commands: output, exit codes and one-line errors. */
class SimCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA;

    static {
        // Loaded by location so that the schema's relative $id resolves against it.
        SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("classpath:schema/trace.schema.json"));
    }

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    static JsonNode json(Result r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    static void assertUsage(Result r, String fragment) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    static List<String> ids() {
        return Scenarios.ids();
    }

    @Test
    void scenariosListsEveryIdWithTitleAndSummary() {
        Result r = run("scenarios");
        assertEquals(0, r.code());
        List<String> lines = r.out().lines().toList();
        assertEquals(Scenarios.ids().size(), lines.size());
        assertTrue(lines.get(1).startsWith("four-way-close"));
        assertTrue(lines.get(1).contains("Four-way close — The client closes first with FIN and ACK"));
        assertTrue(run("scenarios", "--lang", "zh").out().contains("四次挥手"));
    }

    @Test
    void scenariosAsJson() throws Exception {
        JsonNode n = json(run("scenarios", "--format", "json"));
        assertEquals(Scenarios.ids().size(), n.path("scenarios").size());
        assertEquals("syn-flood", n.path("scenarios").get(15).path("id").asText());
        assertFalse(n.path("scenarios").get(15).path("lesson").asText().isBlank());
        assertUsage(run("scenarios", "--format", "xml"), "unknown --format 'xml'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void renderJsonMatchesTheSchema(String id) throws Exception {
        JsonNode n = json(run("render", "--scenario", id, "--format", "json"));
        Set<ValidationMessage> errors = SCHEMA.validate(n);
        assertEquals(Set.of(), errors);
        assertEquals(id, n.path("scenario").asText());
        assertEquals("simulation", n.path("source").asText());
    }

    /** Every scenario in the Linux profile: valid trace JSON that names its profile. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void linuxProfileJsonMatchesTheSchemaAndNamesItsProfile(String id) throws Exception {
        JsonNode n = json(run("render", "--scenario", id, "--format", "json", "--profile", "linux"));
        assertEquals(Set.of(), SCHEMA.validate(n));
        assertEquals("linux", n.path("profile").asText());
        assertEquals("rfc", json(run("render", "--scenario", id, "--format", "json")).path("profile").asText());
    }

    @Test
    void badProfileIsAUsageError() {
        assertUsage(run("render", "--scenario", "lost-syn", "--format", "txt", "--profile", "bsd"),
                "--profile: unknown profile 'bsd'; use rfc or linux");
    }

    /** --call SIDE:ACTION@WHEN at a time and after a state, for either side. */
    @Test
    void callsOnTheCommandLine() throws Exception {
        JsonNode n = json(run("render", "--scenario", "three-way-handshake", "--format", "json",
                "--call", "client:close@1.5s", "--call", "server:send=100@after:ESTABLISHED",
                "--call", "server:shutdown@after:CLOSE_WAIT+200ms"));
        assertEquals(Set.of(), SCHEMA.validate(n));
        List<String> calls = new java.util.ArrayList<>();
        for (JsonNode e : n.path("events")) {
            if (e.path("type").asText().equals("user")) calls.add(e.path("t").asLong() + " " + e.path("endpoint").asText()
                    + " " + e.path("call").asText() + (e.has("bytes") ? " " + e.path("bytes").asInt() : ""));
        }
        // SERVER ESTABLISHED at 150 ms; client CLOSE at 1.5 s reaches the server (CLOSE_WAIT) at 1.55 s.
        assertEquals(List.of("0 server LISTEN", "0 client CONNECT", "150000 server SEND 100", "1500000 client CLOSE",
                "1750000 server CLOSE"), calls);
        String txt = run("render", "--scenario", "three-way-handshake", "--format", "txt",
                "--call", "server:shutdown@after:CLOSE_WAIT+200ms", "--call", "client:close@250ms").out();
        assertTrue(txt.contains("Server: shutdown(SHUT_WR): RFC 9293's CLOSE, recorded as CLOSE"), txt);
        assertTrue(txt.contains("TIME_WAIT"), txt);
        // Plain microseconds and the ms form name the same instant.
        assertEquals(run("render", "--scenario", "three-way-handshake", "--format", "json", "--call", "client:abort@250ms").out(),
                run("render", "--scenario", "three-way-handshake", "--format", "json", "--call", "client:abort@250000").out());
    }

    @Test
    void badCallsExitTwoWithTheAcceptedForms() {
        String forms = "use SIDE:ACTION@WHEN with SIDE client|server, ACTION close|shutdown|send=N|abort|listen|connect,"
                + " WHEN a time (250ms, 2s, 1.5s, plain microseconds) or after:STATE[+T]";
        assertUsage(run("render", "--scenario", "lost-syn", "--format", "txt", "--call", "client:clos@1s"), forms);
        assertUsage(run("render", "--scenario", "lost-syn", "--format", "txt", "--call", "router:close@1s"), "unknown side 'router'");
        assertUsage(run("render", "--scenario", "lost-syn", "--format", "txt", "--call", "client:close"), forms);
        assertUsage(run("render", "--scenario", "lost-syn", "--format", "txt", "--call", "client:close@after:OPEN"), "unknown state 'OPEN'");
        assertUsage(run("render", "--scenario", "lost-syn", "--format", "txt", "--call", "client:close@soon"),
                "'soon' is not a time; use 250ms, 2s, 1.5s or plain microseconds");
        assertUsage(run("render", "--scenario", "lost-syn", "--format", "txt", "--call", "client:send=x@1s"), "--call send: 'x'");
    }

    /** A capture is what happened: simulation options are refused, by name, instead of ignored. */
    @Test
    void captureRefusesSimulationOnlyOptions() {
        Path cap = Path.of("src/test/resources/captures/tcp-streams.pcap");
        assertUsage(run("render", "--capture", cap.toString(), "--format", "txt", "--drop", "3", "--msl-s", "5", "--lose-final-ack"),
                "--drop, --lose-final-ack, --msl-s do not apply to a capture (simulation only)");
        assertUsage(run("render", "--capture", cap.toString(), "--format", "txt", "--profile", "linux"),
                "--profile does not apply to a capture");
    }

    @Test
    void theSchemaCheckCanFail() throws Exception {
        String good = run("render", "--scenario", "lost-syn", "--format", "json").out();
        String bad = good.replace("\"to\": \"SYN_SENT\"", "\"to\": \"SYN_WAIT\"");
        assertNotEquals(good, bad);
        assertFalse(SCHEMA.validate(JSON.readTree(bad)).isEmpty());
    }

    @Test
    void lossyRenderAlsoMatchesTheSchema() throws Exception {
        JsonNode n = json(run("render", "--scenario", "data-transfer", "--format", "json", "--drop-prob", "0.3", "--seed", "7"));
        assertEquals(Set.of(), SCHEMA.validate(n));
    }

    @Test
    void isnAcceptsTheWholeUnsignedRange() throws Exception {
        JsonNode n = json(run("render", "--scenario", "data-transfer", "--format", "json",
                "--isn-client", "4294967295", "--isn-server", "4294967294"));
        JsonNode ev = n.path("events");
        JsonNode syn = null, synAck = null;
        for (JsonNode e : ev) {
            if (!e.path("type").asText().equals("segment")) continue;
            if (syn == null) syn = e;
            else if (synAck == null) synAck = e;
        }
        assertEquals(4294967295L, syn.path("seqAbs").asLong());
        assertEquals(0, syn.path("seq").asLong());
        assertEquals(4294967294L, synAck.path("seqAbs").asLong());
        assertEquals(0, synAck.path("ackAbs").asLong(), "ISN 2^32-1 + 1 wraps to 0");
        assertEquals(1, synAck.path("ack").asLong());
        assertUsage(run("render", "--scenario", "data-transfer", "--format", "json", "--isn-client", "4294967296"),
                "--isn-client: 4294967296 is out of range 0..4294967295");
        assertUsage(run("render", "--scenario", "data-transfer", "--format", "json", "--isn-server", "-1"),
                "--isn-server: -1 is out of range");
        assertUsage(run("render", "--scenario", "data-transfer", "--format", "json", "--isn-server", "12ab"),
                "--isn-server: '12ab' is not a whole number");
    }

    @Test
    void faultOptionsDropWhatTheyName() throws Exception {
        JsonNode n = json(run("render", "--scenario", "four-way-close", "--format", "json", "--drop", "2", "--drop", "4"));
        int dropped = 0;
        for (JsonNode e : n.path("events")) {
            if (e.path("type").asText().equals("segment") && !e.path("dropped").isNull()) {
                assertTrue(e.path("id").asInt() == 2 || e.path("id").asInt() == 4);
                assertTrue(e.path("arrived").isNull());
                dropped++;
            }
        }
        assertEquals(2, dropped);
        String txt = run("render", "--scenario", "four-way-close", "--format", "txt", "--lose-final-ack").out();
        assertTrue(txt.contains("#7   client ──► server  ACK       seq=2 ack=2  ✗ LOST"), txt);
        String hs = run("render", "--scenario", "three-way-handshake", "--format", "txt", "--lose-handshake-ack").out();
        assertTrue(hs.contains("#3   client ──► server  ACK       seq=1 ack=1  ✗ LOST"), hs);
        assertTrue(hs.contains("[retransmission]"));
        assertUsage(run("render", "--scenario", "four-way-close", "--format", "txt", "--drop", "0"), "--drop: 0 is out of range");
        assertUsage(run("render", "--scenario", "four-way-close", "--format", "txt", "--drop-prob", "1.5"), "--drop-prob: 1.5 is out of range");
        assertUsage(run("render", "--scenario", "four-way-close", "--format", "txt", "--drop-prob", "x"), "--drop-prob: 'x' is not a number");
    }

    @Test
    void parametersChangeTheTimeline() throws Exception {
        JsonNode n = json(run("render", "--scenario", "four-way-close", "--format", "json", "--delay-ms", "10", "--msl-s", "1"));
        long firstArrival = -1, lastT = 0;
        for (JsonNode e : n.path("events")) {
            if (firstArrival < 0 && e.path("type").asText().equals("segment")) firstArrival = e.path("arrived").asLong();
            if (e.path("type").asText().equals("timer") && e.path("timer").asText().equals("TIME_WAIT")
                    && e.path("action").asText().equals("FIRED")) lastT = e.path("t").asLong();
        }
        assertEquals(10_000, firstArrival);
        // The script follows the connection: client ESTABLISHED at 0.020 s, CLOSE 200 ms later; the
        // server enters CLOSE_WAIT at 0.230 s, closes 150 ms later; its FIN arrives at 0.390 s,
        // then the client waits 2MSL = 2 s.
        assertEquals(2_390_000, lastT);
        assertUsage(run("render", "--scenario", "four-way-close", "--format", "json", "--delay-ms", "-3"), "--delay-ms: -3 is out of range");
        assertUsage(run("render", "--scenario", "syn-flood", "--format", "json", "--backlog", "0"), "--backlog: 0 is out of range");
    }

    @Test
    void synCookiesOptionLetsTheClientIn() {
        String txt = run("render", "--scenario", "syn-flood", "--format", "txt", "--syn-cookies").out();
        // The listener stays in LISTEN: the cookie's ACK makes a new connection (SYN_RCVD, then ESTABLISHED).
        assertFalse(txt.contains("LISTEN -> ESTABLISHED"), txt);
        assertTrue(txt.contains("server: LISTEN -> SYN_RCVD (SYN cookie)\n") && txt.contains("server: SYN_RCVD -> ESTABLISHED (ACK)"), txt);
        String small = run("render", "--scenario", "syn-flood", "--format", "txt", "--backlog", "10").out();
        assertTrue(small.contains("server: LISTEN -> SYN_RCVD (SYN)\n") && small.contains("0.250s  server: LISTEN -> SYN_RCVD"), small);
    }

    @Test
    void txtInChinese() {
        String txt = run("render", "--scenario", "three-way-handshake", "--format", "txt", "--lang", "zh").out();
        assertTrue(txt.contains("# 三次握手"));
        assertTrue(txt.contains("ack = 1 = 客户端 ISN 0 + 1（SYN 占用一个序号）。"), txt);
        assertTrue(txt.contains("SYN_SENT"), "state names stay untranslated");
        assertUsage(run("render", "--scenario", "three-way-handshake", "--format", "txt", "--lang", "fr"), "unknown --lang 'fr'");
    }

    @Test
    void outWritesTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.json");
        Result r = run("render", "--scenario", "lost-syn", "--format", "json", "--out", f.toString());
        assertEquals(0, r.code());
        assertEquals("", r.out());
        assertEquals(Set.of(), SCHEMA.validate(JSON.readTree(Files.readString(f, StandardCharsets.UTF_8))));
    }

    @Test
    void everyDiagramFormatRenders(@TempDir Path dir) throws Exception {
        assertTrue(run("render", "--scenario", "lost-syn", "--format", "svg").out().contains("<svg "));
        assertTrue(run("render", "--scenario", "lost-syn", "--format", "puml").out().startsWith("@startuml\n"));
        assertTrue(run("render", "--scenario", "lost-syn", "--format", "mermaid").out().startsWith("sequenceDiagram\n"));
        Path png = dir.resolve("d.png");
        assertEquals(0, run("render", "--scenario", "lost-syn", "--format", "png", "--out", png.toString()).code());
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
    }

    @Test
    void usageErrors() {
        assertUsage(run("render", "--scenario", "nope", "--format", "txt"), "unknown scenario 'nope'; valid ids: three-way-handshake, four-way-close");
        assertUsage(run("render", "--scenario", "lost-syn", "--format", "png"), "--format png writes an image: add --out FILE.png");
        assertUsage(run("render", "--scenario", "lost-syn", "--format", "bmp"), "unknown --format 'bmp'");
        assertUsage(run("render", "--format", "txt"), "missing --scenario ID");
        assertUsage(run("render", "--scenario", "lost-syn", "--capture", "x.pcap", "--format", "txt"), "either --scenario or --capture");
        assertUsage(run("render", "--scenario", "lost-syn"), "Missing required option: '--format=FORMAT'");
    }

    /** Fault and load options that change nothing say so on stderr; the render still succeeds. */
    @Test
    void optionsThatMatchNothingWarnOncePerOption() {
        Result r = run("render", "--scenario", "four-way-close", "--format", "txt", "--drop", "99", "--drop", "3", "--drop", "100");
        assertEquals(0, r.code());
        assertEquals(List.of("warning: --drop 99 matched no segment (this trace has 7)",
                "warning: --drop 100 matched no segment (this trace has 7)"), r.err().lines().toList());
        assertTrue(r.out().contains("#3   client ──► server  ACK       seq=1 ack=1  ✗ LOST"), r.out());

        Result fin = run("render", "--scenario", "three-way-handshake", "--format", "txt", "--lose-final-ack");
        assertEquals(0, fin.code());
        assertEquals(List.of("warning: --lose-final-ack matched no segment (no side sent the last ACK of a close"
                + " on entering TIME_WAIT in scenario three-way-handshake)"), fin.err().lines().toList());
        assertEquals(run("render", "--scenario", "three-way-handshake", "--format", "txt").out(), fin.out());

        Result hs = run("render", "--scenario", "simultaneous-open", "--format", "json", "--lose-handshake-ack");
        assertEquals(0, hs.code());
        assertEquals(1, hs.err().lines().count(), hs.err());
        assertTrue(hs.err().startsWith("warning: --lose-handshake-ack matched no segment"), hs.err());

        Result load = run("render", "--scenario", "four-way-close", "--format", "json", "--syn-cookies", "--backlog", "3");
        assertEquals(0, load.code());
        assertEquals(List.of("warning: --syn-cookies has no effect: scenario four-way-close never fills the listen backlog (only syn-flood does)",
                "warning: --backlog 3 has no effect: scenario four-way-close never fills the listen backlog (only syn-flood does)"),
                load.err().lines().toList());

        // Options that did something stay silent.
        for (String[] quiet : List.of(new String[] {"--scenario", "four-way-close", "--drop", "7"},
                new String[] {"--scenario", "four-way-close", "--lose-final-ack"},
                new String[] {"--scenario", "three-way-handshake", "--lose-handshake-ack"},
                new String[] {"--scenario", "syn-flood", "--syn-cookies", "--backlog", "5"},
                new String[] {"--scenario", "four-way-close", "--drop-prob", "0"})) {
            List<String> args = new java.util.ArrayList<>(List.of("render", "--format", "json"));
            args.addAll(List.of(quiet));
            Result q = run(args.toArray(String[]::new));
            assertEquals(0, q.code(), q.err());
            assertEquals("", q.err(), String.join(" ", quiet));
        }
    }

    /** Timer lines and timer causes in words, in both languages; direction column translated. */
    @Test
    void ladderSpeaksAboutTimersInWords() {
        String en = run("render", "--scenario", "lost-final-ack", "--format", "txt").out();
        assertTrue(en.contains("   0.400s  client: retransmission timer cancelled (was due 1.300 s)\n"), en);
        assertTrue(en.contains("   1.550s  client: TIME_WAIT timer restarted: expires 61.550 s\n"), en);
        assertTrue(en.contains("   1.500s  server: retransmission timer expired\n"), en);
        assertTrue(en.contains("  61.550s  client: TIME_WAIT -> CLOSED (2MSL timer expired)\n"), en);
        assertFalse(en.contains("RETRANSMISSION") || en.contains("SET,") || en.contains("CANCELLED"), en);

        String zh = run("render", "--scenario", "lost-final-ack", "--format", "txt", "--lang", "zh").out();
        assertTrue(zh.contains("#9   客户端 ──► 服务器  ACK"), zh);
        assertTrue(zh.contains("#8   客户端 ◄── 服务器  FIN, ACK"), zh);
        assertTrue(zh.contains("客户端：TIME_WAIT 计时器重新启动：61.550 秒到期"), zh);
        assertTrue(zh.contains("服务器：重传计时器启动：1.500 秒到期"), zh);
        assertTrue(zh.contains("服务器：重传计时器已取消（原定 3.500 秒到期）"), zh);
        assertTrue(zh.contains("服务器：重传计时器超时"), zh);
        assertTrue(zh.contains("客户端：TIME_WAIT -> CLOSED（2MSL 计时器到期）"), zh);

        String gaveUp = run("render", "--scenario", "lost-syn", "--format", "txt", "--drop-prob", "1").out();
        assertTrue(gaveUp.contains("client: SYN_SENT -> CLOSED (retransmission timeout: gave up)"), gaveUp);
        assertTrue(gaveUp.contains("! Client: gave up after 6 SYN retransmissions (127 s). The retry count is Linux's"
                + " tcp_syn_retries (default 6, 127 s), shorter than the 3 minutes RFC 9293 §3.8.3 asks of R2 for a SYN (MUST-23)"), gaveUp);
        // The handshake ACK and all five SYN,ACK retransmissions lost: the listener gives up, the
        // client stays ESTABLISHED on a half-open connection.
        String server = run("render", "--scenario", "three-way-handshake", "--format", "txt",
                "--drop", "3", "--drop", "4", "--drop", "5", "--drop", "6", "--drop", "7", "--drop", "8").out();
        assertTrue(server.contains("  63.050s  ! Server: gave up after 5 SYN,ACK retransmissions (63 s). The retry count is"
                + " Linux's tcp_synack_retries (default 5, 63 s)"), server);
        assertTrue(server.contains("  63.050s  server: SYN_RCVD -> LISTEN (retransmission timeout: gave up)"), server);
        assertTrue(server.contains("! Client: half-open connection: still ESTABLISHED, but the server has no connection any"
                + " more (LISTEN)"), server);
    }

    @Test
    void everyTimerKindHasANameInBothLanguages() {
        for (io.github.handshakelab.tcp.TimerKind k : io.github.handshakelab.tcp.TimerKind.values()) {
            for (java.util.Locale l : List.of(java.util.Locale.ROOT, java.util.Locale.SIMPLIFIED_CHINESE)) {
                assertTrue(io.github.handshakelab.text.Messages.has(l, "tcp.txt.timerName." + k), k + " in " + l);
            }
        }
    }

    @Test
    void scenarioListJoinsTitleAndSummaryWithoutChainingColons() {
        for (String lang : List.of("en", "zh")) {
            for (String line : run("scenarios", "--lang", lang).out().lines().toList()) {
                String text = line.substring(25);
                assertTrue(text.contains(" — "), line);
                assertFalse(text.contains(":") || text.contains("："), "no colon chain: " + line);
            }
        }
    }
}
