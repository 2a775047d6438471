package io.github.handshakelab.cli;

import io.github.handshakelab.capture.CaptureReader;
import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.capture.ConversationIndex;
import io.github.handshakelab.capture.IndexResult;
import io.github.handshakelab.capture.LiveCapture;
import io.github.handshakelab.capture.PacketSource;
import io.github.handshakelab.capture.RawPacket;
import io.github.handshakelab.trace.TraceJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code live} without a network: a scripted packet source replays a capture file packet by
 * packet (with pauses) through the live pipeline; and, where libpcap and the permission exist,
 * a real connection on the loopback interface.
 */
public class LiveCommandTest {

    static final Path SAMPLE = Path.of("resources/captures/handshake-data-close.pcap");

    /** The packets of a file, a pause (IDLE) after each; stops reading when told. */
    public static final class Scripted implements PacketSource {
        final CaptureReader reader;
        boolean pause;
        int delivered;

        public Scripted(Path file) throws IOException {
            reader = CaptureReader.open(file);
        }

        @Override
        public Poll next(RawPacket p) {
            pause = !pause;
            if (pause) return Poll.IDLE;
            if (!reader.next(p)) return Poll.END;
            delivered++;
            return Poll.PACKET;
        }

        @Override public String name() { return "script"; }
        @Override public int linkType() { return 1; }
        @Override public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static String run(PacketSource src, boolean json, boolean untilClosed, Path write) throws IOException {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = LiveCommand.run(src, new LiveCommand.Settings(json, untilClosed, -1, write, 262144, Locale.ROOT),
                new PrintWriter(out), new PrintWriter(err), () -> 0, () -> false);
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    static List<String> segmentLines(String ladder) {
        return ladder.lines().filter(l -> l.matches(" *\\d+\\.\\d{3}s  (#|client|server).*")).toList();
    }

    @Test
    void liveLadderShowsTheSameSegmentsAndStatesAsTheFile() throws IOException {
        String live;
        try (Scripted s = new Scripted(SAMPLE)) {
            live = run(s, false, false, null);
        }
        String file = TextLadder.render(CaptureTraces.load(SAMPLE, 0), Locale.ROOT);
        assertEquals(segmentLines(file), segmentLines(live));
        assertEquals(11 + 10, segmentLines(live).size(), live); // 11 segments and 10 state changes
        assertTrue(live.startsWith("# script, stream 0: 10.99.0.1:58020 → 10.99.0.2:8080\n"), live);
    }

    @Test
    void jsonIsTheTraceOfEachConversationAtTheEnd() throws IOException {
        String live;
        try (Scripted s = new Scripted(SAMPLE)) {
            live = run(s, true, false, null);
        }
        String file = TraceJson.write(CaptureTraces.load(SAMPLE, 0));
        assertEquals(file.replace("\"file\": \"handshake-data-close.pcap\"", "\"file\": \"script\""), live);
    }

    @Test
    void writeSavesPcapngThatReadsBack(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("live.pcapng");
        try (Scripted s = new Scripted(SAMPLE)) {
            run(s, false, false, saved);
        }
        IndexResult original = ConversationIndex.index(SAMPLE), back = ConversationIndex.index(saved);
        assertEquals("pcapng", back.format());
        assertEquals(List.of(), back.warnings());
        assertEquals(original.packets(), back.packets());
        assertEquals(original.conversations(), back.conversations());
        assertEquals(TraceJson.write(CaptureTraces.load(SAMPLE, 0)).replace("handshake-data-close.pcap", "live.pcapng"),
                TraceJson.write(CaptureTraces.load(saved, 0)));
    }

    /** Two connections one after the other: --until-closed stops once the first has closed. */
    @Test
    void untilClosedStopsAfterTheFirstConversationCloses(@TempDir Path dir) throws IOException {
        Path two = dir.resolve("two.pcap");
        byte[] one = java.nio.file.Files.readAllBytes(SAMPLE);
        byte[] other = java.nio.file.Files.readAllBytes(Path.of("resources/captures/server-closes-first.pcap"));
        byte[] both = new byte[one.length + other.length - 24];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(other, 24, both, one.length, other.length - 24); // another connection after it
        java.nio.file.Files.write(two, both);
        assertEquals(2, ConversationIndex.index(two).conversations().size());
        try (Scripted s = new Scripted(two)) {
            String out = run(s, false, true, null);
            assertEquals(11, s.delivered); // the last ACK closes stream 0; stream 1 is never read
            assertFalse(out.contains("stream 1"), out);
        }
    }

    @Test
    void findsTheVersionedLibpcapDebianShips(@TempDir Path dir) throws IOException {
        java.nio.file.Files.createFile(dir.resolve("libc.so.6"));
        assertNull(LiveCaptureAccess.find(dir));
        java.nio.file.Files.createFile(dir.resolve("libpcap.so.0.8"));
        assertEquals(dir.resolve("libpcap.so.0.8"), LiveCaptureAccess.find(dir));
        java.nio.file.Files.createFile(dir.resolve("libpcap.so"));
        assertEquals(dir.resolve("libpcap.so"), LiveCaptureAccess.find(dir));
    }

    @Test
    void badUsageIsOneLine() {
        var r = CaptureDamageCliTest.run("live");
        assertEquals(2, r.code());
        assertEquals("error: missing --interface IF (see 'live --list')\n", r.err());
        r = CaptureDamageCliTest.run("live", "-i", "lo", "--duration", "-3");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: bad --duration '-3'"), r.err());
    }

    /** A real TCP connection on the loopback, captured by libpcap: runs where libpcap and the permission exist. */
    @Test
    @Timeout(60)
    void capturesARealConnectionOnLoopback() throws Exception {
        PacketSource src;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            try {
                src = LiveCapture.open("lo", "tcp port " + port, 65535);
            } catch (LiveCapture.Unavailable e) {
                Assumptions.abort("live capture on lo not possible here, skipped: " + e.getMessage());
                return;
            }
            AtomicReference<String> out = new AtomicReference<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread capture = new Thread(() -> {
                try (PacketSource s = src) {
                    StringWriter o = new StringWriter(), err = new StringWriter();
                    LiveCommand.run(s, new LiveCommand.Settings(false, true, 20_000_000, null, 65535, Locale.ROOT),
                            new PrintWriter(o), new PrintWriter(err), () -> System.nanoTime() / 1000, () -> false);
                    out.set(o.toString());
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            capture.start();
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port); Socket a = server.accept()) {
                OutputStream co = c.getOutputStream();
                co.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                co.flush();
                InputStream ai = a.getInputStream();
                assertEquals('G', ai.read());
                a.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                c.shutdownOutput(); // the client closes first
                while (ai.read() >= 0) { }
                a.close();
                while (c.getInputStream().read() >= 0) { }
            }
            capture.join(30_000);
            assertNull(failed.get());
            String ladder = out.get();
            assertNotNull(ladder, "the capture did not end (--until-closed)");
            List<String> lines = segmentLines(ladder);
            assertTrue(lines.get(0).endsWith("client: CLOSED -> SYN_SENT (CONNECT)"), ladder);
            assertTrue(ladder.contains("#1   client ──► server  SYN       seq=0   [SYN_SENT | LISTEN]"), ladder);
            assertTrue(ladder.contains("client ◄── server  SYN, ACK  seq=0 ack=1   [SYN_SENT | SYN_RCVD]"), ladder);
            assertTrue(ladder.contains("client ──► server  PSH, ACK  seq=1 ack=1 len=18"), ladder);
            assertTrue(ladder.contains("client: ESTABLISHED -> FIN_WAIT_1 (CLOSE)"), ladder);
            assertTrue(ladder.contains("server: LAST_ACK -> CLOSED (ACK)"), ladder);
        }
    }
}
