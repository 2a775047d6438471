package io.github.handshakelab.cli;

import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Damaged captures (the reviewer's crafted files in captures/qa2): warnings on stderr, notes in the trace, exit codes. */
class CaptureDamageCliTest {

    static final String QA2 = "src/test/resources/captures/qa2/";

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void truncatedPcapRendersWhatWasReadWarnsAndExits1() {
        Run r = run("render", "--capture", QA2 + "trunc2.pcap", "--format", "txt");
        assertEquals(1, r.code());
        assertEquals("warning: trunc2.pcap: offset 468, packet 5: truncated packet data: 66 bytes expected, 16 left; reading stops\n"
                + "error: trunc2.pcap: reading stopped early; the output covers only the packets before offset 468, packet 5:"
                + " truncated packet data: 66 bytes expected, 16 left; reading stops\n", r.err());
        assertTrue(r.out().contains("#4   client ──► server  PSH, ACK  seq=1 ack=1 len=100"), r.out());
        assertTrue(r.out().contains("! The capture file cannot be read past byte offset 468 (packet 5): truncated packet data:"
                + " 66 bytes expected, 16 left; reading stops. Everything after this point is missing"), r.out());
    }

    @Test
    void truncatedGzipExits1InBothCommands() {
        Run r = run("render", "--capture", QA2 + "trunc6.pcap.gz", "--format", "json");
        assertEquals(1, r.code());
        assertEquals("warning: trunc6.pcap.gz: offset 286, packet 4: truncated packet data: 390 bytes expected, 316 left; reading stops\n"
                + "error: trunc6.pcap.gz: reading stopped early; the output covers only the packets before offset 286, packet 4:"
                + " truncated packet data: 390 bytes expected, 316 left; reading stops\n", r.err());
        assertTrue(r.out().endsWith("{\"type\": \"note\", \"t\": 31, \"text\": \"The capture file cannot be read past byte offset 286"
                + " (packet 4): truncated packet data: 390 bytes expected, 316 left; reading stops. Everything after this point is"
                + " missing, so the last states shown may not be the final ones.\", \"key\": \"capture.note.stopped\", \"args\":"
                + " [\"286\", \"4\", \"truncated packet data: 390 bytes expected, 316 left; reading stops\"]}\n  ]\n}\n"), r.out());
        Run c = run("conversations", QA2 + "trunc6.pcap.gz");
        assertEquals(1, c.code());
        assertTrue(c.out().contains("1 warning:\n  offset 286, packet 4: truncated packet data"), c.out());
        assertTrue(c.err().startsWith("error: trunc6.pcap.gz: reading stopped early"), c.err());
    }

    @Test
    void skippedMalformedPacketIsAWarningOnly() throws IOException {
        Run r = run("render", "--capture", QA2 + "flip-ipver.pcap", "--format", "txt");
        assertEquals(0, r.code());
        assertEquals("warning: flip-ipver.pcap: offset 24, packet 1: IP version 9 where IPv4 was announced; packet skipped\n", r.err());
        assertEquals(0, run("conversations", QA2 + "flip-ipver.pcap").code());
        Trace t = CaptureTraces.load(Path.of(QA2 + "flip-ipver.pcap"), null);
        // The note sits where the damage is: before the first segment read after packet 1.
        List<TraceEvent> ev = t.events();
        int firstSegment = ev.indexOf(t.segments().get(0));
        // The skipped packet was the SYN, so the trace starts at the SYN-ACK and says so, then shows the damage.
        List<String> notes = ev.stream().filter(e -> e instanceof TraceEvent.Note).map(e -> ((TraceEvent.Note) e).text().key()).toList();
        assertEquals(List.of("capture.note.nosyn", "capture.note.warning"), notes);
        TraceEvent first = ev.stream().filter(e -> e instanceof TraceEvent.Note n && n.text().key().equals("capture.note.warning"))
                .findFirst().orElseThrow();
        assertTrue(ev.indexOf(first) < firstSegment);
        assertEquals("capture.note.warning", ((TraceEvent.Note) first).text().key());
        assertEquals(List.of("24", "1", "IP version 9 where IPv4 was announced; packet skipped"), ((TraceEvent.Note) first).text().args());
        assertEquals(0, first.time());
    }

    @Test
    void multiStreamFileSaysWhichStreamIsShown() {
        Run r = run("render", "--capture", QA2 + "two-conv.pcap", "--format", "txt");
        assertEquals(0, r.code());
        assertEquals("note: two-conv.pcap has 2 TCP streams (0 to 1); showing stream 0 (the first that starts with a SYN);"
                + " choose one with --stream N\n", r.err());
        assertEquals("", run("render", "--capture", QA2 + "two-conv.pcap", "--stream", "1", "--format", "txt").err());
    }

    @Test
    void helpDocumentsTheExitStatus() {
        assertTrue(run("conversations", "--help").out().contains("reading stopped early"));
        assertTrue(run("render", "--help").out().contains("reading stopped early"));
    }

    @Test
    void txtLadderShowsAnalysisTags() {
        String out = run("render", "--capture", QA2 + "dupacks.pcap", "--format", "txt").out();
        assertTrue(out.contains("#9   client ◄── server  ACK       seq=1 ack=101  [dup ack]   [ESTABLISHED | ESTABLISHED]\n"), out);
        assertTrue(out.contains("#12  client ──► server  ACK       seq=101 ack=1 len=100  [retransmission]  [fast retransmission]   ["), out);
        String zw = run("render", "--capture", QA2 + "wscale.pcap", "--format", "txt").out();
        assertTrue(zw.contains("seq=101 ack=1 len=1  [zero window probe]   ["), zw);
        assertTrue(zw.contains("seq=1 ack=101  [zero window]  [zero window probe ack]   ["), zw);
        String zh = run("render", "--capture", QA2 + "dupacks.pcap", "--format", "txt", "--lang", "zh").out();
        assertTrue(zh.contains("[重复 ACK]"), zh);
    }

    @Test
    void multiStreamFileWithoutSynSaysSo() throws IOException {
        // Both conversations of two-conv.pcap cut to their segments after the handshake (packets 7..12 are stream 0's and 1's data and close).
        byte[] all = java.nio.file.Files.readAllBytes(Path.of(QA2 + "two-conv.pcap"));
        java.io.ByteArrayOutputStream cut = new java.io.ByteArrayOutputStream();
        cut.write(all, 0, 24);
        int off = 24, frame = 0;
        while (off + 16 <= all.length) {
            int capLen = java.nio.ByteBuffer.wrap(all, off + 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
            frame++;
            // Ethernet 14 + IPv4 20: TCP flags byte at 14 + 20 + 13.
            boolean syn = (all[off + 16 + 14 + 20 + 13] & 0x02) != 0;
            if (!syn) cut.write(all, off, 16 + capLen);
            off += 16 + capLen;
        }
        Path f = java.nio.file.Files.createTempFile("nosyn", ".pcap");
        try {
            java.nio.file.Files.write(f, cut.toByteArray());
            Run r = run("render", "--capture", f.toString(), "--format", "txt");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().startsWith("note: " + f.getFileName() + " has 2 TCP streams (0 to 1); showing stream 0 (none starts with a SYN)"),
                    r.err());
        } finally {
            java.nio.file.Files.delete(f);
        }
    }
}
