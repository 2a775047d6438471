package io.github.handshakelab.capture;

import io.github.handshakelab.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The output defects of issue #11 (fuzzing and scale run): each test failed before its fix. */
class OutputDefectsTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A handshake, then {@code bad} segments with no flags (each a warning), then a record cut short. */
    static Path manyWarningsThenTruncated(Path dir, int bad) {
        Bytes b = Bytes.pcap(false, false, 1);
        b.record(1, 0, Bytes.seg(false, Bytes.SYN, 100, 0, 0));
        b.record(1, 10, Bytes.seg(true, Bytes.SYN | Bytes.ACK, 500, 101, 0));
        for (int i = 0; i < bad; i++) b.record(2, i, Bytes.seg(false, 0, 101, 501, 0));
        b.u32(3).u32(0).u32(100).u32(100).raw(new byte[10]); // 100 bytes announced, 10 present
        return Bytes.write(dir, "many.pcap", b.bytes());
    }

    @Test
    void pastAThousandWarningsTheStopIsStillTheReason(@TempDir Path dir) {
        Path f = manyWarningsThenTruncated(dir, 1005);
        Run c = run("conversations", f.toString(), "--format", "json");
        assertEquals(1, c.code());
        assertTrue(c.err().startsWith("error: many.pcap: reading stopped early; the output covers only the packets before offset "),
                c.err());
        assertTrue(c.err().contains("packet 1008: truncated packet data: 100 bytes expected, 10 left"), c.err());
        assertFalse(c.err().contains("odd TCP flags"), c.err());
        // The last listed warning is the stop; the count of those not listed is right.
        assertTrue(c.out().contains("\"message\": \"5 more warnings not listed\""), c.out());
        assertTrue(c.out().contains("\"packet\": 1008, \"message\": \"truncated packet data"), c.out());
    }

    @Test
    void renderCaptureExits1WithTheSameErrorLineAsConversations(@TempDir Path dir) {
        Path f = manyWarningsThenTruncated(dir, 3);
        Run c = run("conversations", f.toString());
        Run r = run("render", "--capture", f.toString(), "--format", "txt");
        Run j = run("render", "--capture", f.toString(), "--format", "json");
        assertEquals(1, c.code());
        assertEquals(1, r.code());
        assertEquals(1, j.code());
        String line = c.err().strip();
        assertTrue(line.startsWith("error: many.pcap: reading stopped early"), line);
        assertTrue(r.err().endsWith(line + "\n"), r.err());
        assertTrue(j.err().endsWith(line + "\n"), j.err());
    }

    @Test
    void gzipCutInsideItsHeaderSaysSo(@TempDir Path dir) {
        byte[] gz = Bytes.gzip(Bytes.pcap(false, false, 1).bytes());
        Path f = Bytes.write(dir, "cut.pcap.gz", Arrays.copyOf(gz, 6));
        Run c = run("conversations", f.toString());
        assertEquals(1, c.code());
        assertEquals("error: cut.pcap.gz: offset 6: gzip header cut off: the file ends after 6 bytes, inside the gzip header"
                + " (10 bytes at least)\n", c.err());
    }

    @Test
    void aTimestampOf2To62MicrosecondsIsNot1970(@TempDir Path dir) {
        long us = 1L << 62;
        Bytes b = Bytes.le().shb(1, 0).idb(1, 262144, new byte[0]).epb(0, us, Bytes.seg(false, Bytes.SYN, 1, 0, 0));
        Path f = Bytes.write(dir, "far.pcapng", b.bytes());
        Run c = run("conversations", f.toString());
        assertEquals(0, c.code(), c.err());
        String expected = Instant.EPOCH.plus(us, ChronoUnit.MICROS).toString();
        assertTrue(c.out().contains(expected), c.out());
        assertFalse(c.out().contains("1970-"), c.out());
    }

    @Test
    void outErrorsSayWhatFailedAndWhere(@TempDir Path dir) {
        Run missing = run("render", "--scenario", "four-way-close", "--format", "svg", "--out", "/nonexistent/dir/x.svg");
        assertEquals(1, missing.code());
        assertEquals("error: cannot write /nonexistent/dir/x.svg: directory does not exist\n", missing.err());
        Run isDir = run("render", "--scenario", "four-way-close", "--format", "svg", "--out", dir.toString());
        assertEquals(1, isDir.code());
        assertEquals("error: cannot write " + dir + ": is a directory\n", isDir.err());
        Run png = run("render", "--scenario", "four-way-close", "--format", "png", "--out", dir.toString());
        assertEquals("error: cannot write " + dir + ": is a directory\n", png.err());
    }

    @Test
    void outOntoTheInputCaptureIsRefused(@TempDir Path dir) throws IOException {
        Path f = Bytes.write(dir, "in.pcap", Files.readAllBytes(Path.of("resources/captures/simultaneous-close.pcap")));
        byte[] before = Files.readAllBytes(f);
        Path sameFile = dir.resolve("sub").resolve("..").resolve("in.pcap");
        Files.createDirectories(dir.resolve("sub"));
        Run r = run("render", "--capture", f.toString(), "--format", "txt", "--out", sameFile.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --out " + sameFile + " is the input file of --capture; refusing to overwrite it"),
                r.err());
        Path link = Files.createSymbolicLink(dir.resolve("link.pcap"), f);
        assertEquals(2, run("render", "--capture", f.toString(), "--format", "json", "--out", link.toString()).code());
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    @Test
    void streamOutOfRangeIsAUsageError() {
        Run r = run("render", "--capture", "resources/captures/simultaneous-close.pcap", "--stream", "1", "--format", "txt");
        assertEquals(2, r.code());
        assertEquals("error: --stream 1 is out of range: simultaneous-close.pcap has one TCP stream, 0\n", r.err());
        assertEquals("", r.out());
    }

    /** A conversation of {@code n} data segments and their ACKs. */
    static Path longConversation(Path dir, String name, int n) {
        Bytes b = Bytes.pcap(false, false, 1);
        b.record(1, 0, Bytes.seg(false, Bytes.SYN, 0, 0, 0));
        b.record(1, 1, Bytes.seg(true, Bytes.SYN | Bytes.ACK, 1000, 1, 0));
        b.record(1, 2, Bytes.seg(false, Bytes.ACK, 1, 1001, 0));
        for (int i = 0; i < n; i++) {
            b.record(2 + i, 0, Bytes.seg(false, Bytes.ACK | Bytes.PSH, 1 + 10L * i, 1001, 10));
            b.record(2 + i, 500, Bytes.seg(true, Bytes.ACK, 1001, 11 + 10L * i, 0));
        }
        return Bytes.write(dir, name, b.bytes());
    }

    @Test
    void aTallPngIsSplitIntoBoundedPages(@TempDir Path dir) throws IOException {
        Path f = longConversation(dir, "tall.pcap", 150);
        Path out = dir.resolve("tall.png");
        Run r = run("render", "--capture", f.toString(), "--format", "png", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<Path> pages = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().matches("tall-\\d+\\.png")).sorted().forEach(pages::add);
        }
        assertTrue(pages.size() >= 2, "pages: " + pages);
        assertTrue(r.err().contains("written as " + pages.size() + " pages"), r.err());
        assertFalse(Files.exists(out));
        for (Path p : pages) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertTrue(img.getHeight() <= 8192 && img.getHeight() > 0, p + ": " + img.getHeight());
        }
    }

    /** A JVM of the built classes with its own environment, for what only the process shows (stdout, charset). */
    static Process java(List<String> args, boolean cLocale, File stdout) throws IOException {
        return java(List.of(), args, cLocale, stdout);
    }

    static Process java(List<String> jvm, List<String> args, boolean cLocale, File stdout) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.github.handshakelab.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (cLocale) {
            pb.environment().put("LANG", "C");
            pb.environment().put("LC_ALL", "C");
            pb.environment().remove("JAVA_TOOL_OPTIONS");
        }
        if (stdout != null) pb.redirectOutput(stdout);
        return pb.start();
    }

    @Test
    void aFullStdoutExitsNonZeroWithAMessage() throws Exception {
        File full = new File("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(full.exists(), "no /dev/full on this system");
        Process p = java(List.of("render", "--scenario", "four-way-close", "--format", "txt"), false, full);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor());
        assertTrue(err.startsWith("error: cannot write to standard output"), err);
    }

    @Test
    void stdoutIsUtf8UnderTheCLocale() throws Exception {
        Process p = java(List.of("render", "--scenario", "four-way-close", "--format", "txt", "--lang", "zh"), true, null);
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        String text = new String(out, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# 四次挥手\n"), text);
        assertFalse(text.contains("?"), text);
    }

    /** Without libpcap, live says in one line what to install and exits 2 (everything else keeps working). */
    @Test
    void liveWithoutLibpcapSaysWhatToInstall() throws Exception {
        Process p = java(List.of("-Dorg.pcap4j.core.pcapLibName=/nonexistent/libpcap.so.0.8"), List.of("live", "--list"), false, null);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), err);
        assertTrue(err.startsWith("error: live capture needs libpcap: install it (Debian/Ubuntu: apt-get install libpcap0.8;"), err);
        assertEquals(1, err.lines().count(), err);
    }
}
