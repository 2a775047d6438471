package io.github.handshakelab.bench;

import io.github.handshakelab.cli.Cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Issue #11, "any size": the CLI outputs on a conversation of a million segments and on a file
 * of a million conversations, with the heap bounded by the JVM's -Xmx (scripts/bench-capture.sh
 * runs it at -Xmx512m). Prints one line per run: what, seconds, peak heap, output bytes.
 * <pre>
 *   java -cp ... ScaleBench long FILE SEGMENTS          (one conversation: handshake, data/ACK pairs, close)
 *   java -cp ... ScaleBench many FILE CONVERSATIONS     (SYN and SYN-ACK of each)
 *   java -Xmx512m -cp ... ScaleBench run COMMAND ARGS...  (a CLI command; stdout counted, not kept)
 * </pre>
 */
public final class ScaleBench {

    private ScaleBench() {}

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "long" -> generateLong(Path.of(args[1]), Integer.parseInt(args[2]));
            case "many" -> generateMany(Path.of(args[1]), Integer.parseInt(args[2]));
            case "run" -> run(java.util.Arrays.copyOfRange(args, 1, args.length));
            case "trace" -> trace(Path.of(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void run(String[] cli) {
        long[] chars = {0};
        Writer counting = new Writer() {
            @Override public void write(char[] b, int off, int len) { chars[0] += len; }
            @Override public void write(String s, int off, int len) { chars[0] += len; }
            @Override public void flush() { }
            @Override public void close() { }
        };
        PrintWriter err = new PrintWriter(System.err, true);
        long t0 = System.nanoTime();
        int code = Cli.run(new PrintWriter(counting), err, cli);
        long ns = System.nanoTime() - t0;
        System.out.printf(Locale.ROOT, "%s: exit %d, %.2f s, peak heap %d MiB, %d chars out%n", String.join(" ", cli), code,
                ns / 1e9, CaptureBench.peakHeap() >> 20, chars[0]);
    }

    /** What the app does on opening a capture: the whole trace in memory (events and TCB samples). */
    static void trace(Path file) throws IOException {
        long t0 = System.nanoTime();
        io.github.handshakelab.trace.Trace t = io.github.handshakelab.capture.CaptureTraces.load(file, null);
        long ns = System.nanoTime() - t0;
        System.gc();
        long retained = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf(Locale.ROOT, "trace of %s: %d events, %.2f s, peak heap %d MiB, retained %d MiB%n", file,
                t.events().size(), ns / 1e9, CaptureBench.peakHeap() >> 20, retained >> 20);
    }

    private static final byte[] HDR = pcapHeader();

    private static byte[] pcapHeader() {
        byte[] h = new byte[24];
        le32(h, 0, 0xa1b2c3d4L); h[4] = 2; h[6] = 4; le32(h, 16, 262144); le32(h, 20, 1);
        return h;
    }

    /** One conversation of {@code segments} segments in all: the handshake, data (100 bytes) and ACKs, the close. Linux's timestamp option on each. */
    static void generateLong(Path file, int segments) throws IOException {
        byte[] rec = new byte[16 + 14 + 20 + 32 + 100];
        int cisn = 0x7000_0000, sisn = 0x1234_5678;
        int pairs = Math.max(0, (segments - 7) / 2);
        long time = 1_700_000_000_000_000L;
        long n = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(HDR);
            n += write(out, rec, time += 50, true, 0x02, cisn, 0, 0);
            n += write(out, rec, time += 50, false, 0x12, sisn, cisn + 1, 0);
            n += write(out, rec, time += 50, true, 0x10, cisn + 1, sisn + 1, 0);
            for (int i = 0; i < pairs; i++) {
                n += write(out, rec, time += 20, false, 0x18, sisn + 1 + i * 100, cisn + 1, 100);
                n += write(out, rec, time += 20, true, 0x10, cisn + 1, sisn + 1 + (i + 1) * 100, 0);
            }
            int end = sisn + 1 + pairs * 100;
            n += write(out, rec, time += 50, true, 0x11, cisn + 1, end, 0);
            n += write(out, rec, time += 50, false, 0x10, end, cisn + 2, 0);
            n += write(out, rec, time += 50, false, 0x11, end, cisn + 2, 0);
            n += write(out, rec, time += 50, true, 0x10, cisn + 2, end + 1, 0);
        }
        System.out.printf(Locale.ROOT, "generated %s: %d bytes, %d segments in one conversation%n", file, Files.size(file), n);
    }

    /** {@code conversations} conversations of a SYN and a SYN-ACK each. */
    static void generateMany(Path file, int conversations) throws IOException {
        byte[] rec = new byte[16 + 14 + 20 + 32];
        long time = 1_700_000_000_000_000L;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(HDR);
            for (int c = 0; c < conversations; c++) {
                int client = 0x0A000000 | (c / 60000 + 1), port = 1024 + c % 60000;
                write(out, rec, time += 10, true, 0x02, c * 7919, 0, 0, client, port);
                write(out, rec, time += 10, false, 0x12, c * 104729, c * 7919 + 1, 0, client, port);
            }
        }
        System.out.printf(Locale.ROOT, "generated %s: %d bytes, %d conversations%n", file, Files.size(file), conversations);
    }

    private static int write(OutputStream out, byte[] rec, long time, boolean fromClient, int flags, int seq, int ack, int len)
            throws IOException {
        return write(out, rec, time, fromClient, flags, seq, ack, len, 0x0A000001, 40000);
    }

    private static int write(OutputStream out, byte[] rec, long time, boolean fromClient, int flags, int seq, int ack, int len,
                             int client, int cport) throws IOException {
        int server = 0x0AFF0001;
        int frame = 14 + 20 + 32 + len;
        le32(rec, 0, time / 1_000_000); le32(rec, 4, time % 1_000_000); le32(rec, 8, frame); le32(rec, 12, frame);
        int o = 16;
        for (int i = 0; i < 12; i++) rec[o + i] = (byte) (i < 6 ? 2 : 4);
        be16(rec, o + 12, 0x0800);
        o += 14;
        rec[o] = 0x45; rec[o + 1] = 0; be16(rec, o + 2, 20 + 32 + len); be16(rec, o + 4, 0);
        be16(rec, o + 6, 0x4000); rec[o + 8] = 64; rec[o + 9] = 6; be16(rec, o + 10, 0);
        be32(rec, o + 12, fromClient ? client : server); be32(rec, o + 16, fromClient ? server : client);
        o += 20;
        be16(rec, o, fromClient ? cport : 443); be16(rec, o + 2, fromClient ? 443 : cport);
        be32(rec, o + 4, seq); be32(rec, o + 8, ack);
        rec[o + 12] = (byte) 0x80; rec[o + 13] = (byte) flags; be16(rec, o + 14, 502);
        be16(rec, o + 16, 0); be16(rec, o + 18, 0);
        // NOP, NOP, timestamps (RFC 7323), as Linux sends on every segment.
        rec[o + 20] = 1; rec[o + 21] = 1; rec[o + 22] = 8; rec[o + 23] = 10;
        be32(rec, o + 24, (int) (time / 1000)); be32(rec, o + 28, (int) (time / 1000) - 7);
        java.util.Arrays.fill(rec, o + 32, o + 32 + len, (byte) 'x');
        out.write(rec, 0, 16 + frame);
        return 1;
    }

    private static void le32(byte[] b, int o, long v) {
        b[o] = (byte) v; b[o + 1] = (byte) (v >>> 8); b[o + 2] = (byte) (v >>> 16); b[o + 3] = (byte) (v >>> 24);
    }

    private static void be16(byte[] b, int o, int v) { b[o] = (byte) (v >>> 8); b[o + 1] = (byte) v; }

    private static void be32(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24); b[o + 1] = (byte) (v >>> 16); b[o + 2] = (byte) (v >>> 8); b[o + 3] = (byte) v;
    }
}
