package io.github.handshakelab.bench;

import io.github.handshakelab.capture.ConversationIndex;
import io.github.handshakelab.capture.IndexResult;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The capture benchmark of scripts/bench-capture.sh (issue #4): a generated pcap of at least
 * 1 GiB and 100,000 TCP conversations, read by {@link ConversationIndex} and by a plain
 * sequential read; the script runs tshark on the same file and prints the three side by side.
 * <pre>
 *   java -cp ... CaptureBench generate FILE [MiB] [conversations]
 *   java -Xmx256m -cp ... CaptureBench index FILE     (one line: name seconds bytes packets peakHeap)
 *   java -cp ... CaptureBench read FILE
 * </pre>
 * Not a JUnit test: timings never decide a test (COMMON.md); this prints numbers for the report.
 */
public final class CaptureBench {

    private CaptureBench() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: CaptureBench generate|index|read FILE [MiB] [conversations]");
            System.exit(2);
        }
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "generate" -> generate(file, args.length > 2 ? Long.parseLong(args[2]) : 1024,
                    args.length > 3 ? Integer.parseInt(args[3]) : 150_000);
            case "index" -> index(file);
            case "read" -> read(file);
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    /** Peak heap across all heap pools since the JVM started (what -Xmx bounds). */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    static void index(Path file) throws IOException {
        long t0 = System.nanoTime();
        IndexResult r = ConversationIndex.index(file);
        long ns = System.nanoTime() - t0;
        System.out.printf(Locale.ROOT, "index %.3f %d %d %d conversations=%d%n", ns / 1e9, Files.size(file), r.packets(),
                peakHeap(), r.conversations().size());
    }

    /** The floor: read every byte once through a 1 MiB buffer, counting records as the pcap format frames them. */
    static void read(Path file) throws IOException {
        long t0 = System.nanoTime();
        long bytes = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            int n;
            while ((n = ch.read(buf)) >= 0) {
                bytes += n;
                buf.clear();
            }
        }
        long ns = System.nanoTime() - t0;
        System.out.printf(Locale.ROOT, "read %.3f %d %d %d%n", ns / 1e9, bytes, -1, peakHeap());
    }

    private static void putBe16(byte[] b, int o, int v) { b[o] = (byte) (v >>> 8); b[o + 1] = (byte) v; }

    private static void putBe32(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24); b[o + 1] = (byte) (v >>> 16); b[o + 2] = (byte) (v >>> 8); b[o + 3] = (byte) v;
    }

    private static void putLe32(byte[] b, int o, long v) {
        b[o] = (byte) v; b[o + 1] = (byte) (v >>> 8); b[o + 2] = (byte) (v >>> 16); b[o + 3] = (byte) (v >>> 24);
    }

    /**
     * Conversations of a handshake, data both ways and a four-way close, 500 of them open at any
     * time and interleaved packet by packet, as on a busy server; addresses 10.x.y.z, server port 443.
     */
    static void generate(Path file, long mib, int conversations) throws IOException {
        long target = mib << 20;
        int open = 500;
        // Enough 1400-byte data segments per conversation to reach the size.
        long perConv = target / conversations;
        // Per conversation: 7 control records of 70 bytes, and per data segment 1470 + a 70-byte ACK; rounded up.
        int dataSegs = (int) Math.max(1, (perConv - 7 * 70 + 1539) / (1470 + 70));
        byte[] rec = new byte[16 + 14 + 20 + 20 + 1400];
        long packets = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            byte[] hdr = new byte[24];
            putLe32(hdr, 0, 0xa1b2c3d4L); hdr[4] = 2; hdr[6] = 4; putLe32(hdr, 16, 262144); putLe32(hdr, 20, 1);
            out.write(hdr);
            long time = 1_700_000_000_000_000L;
            int steps = 3 + 2 * dataSegs + 4; // SYN, SYN-ACK, ACK, data+ack pairs, FIN, ACK, FIN, ACK
            for (int base = 0; base < conversations; base += open) {
                int n = Math.min(open, conversations - base);
                for (int step = 0; step < steps; step++) {
                    for (int k = 0; k < n; k++) {
                        int conv = base + k;
                        int client = 0x0A000000 | (conv + 1);       // 10.x.y.z
                        int server = 0x0A000000 | 0x00FF0000 | 1;  // 10.255.0.1
                        int cport = 1024 + (conv % 60000);
                        int cisn = conv * 7919, sisn = conv * 104729;
                        boolean fromClient;
                        int flags, seq, ack, len = 0;
                        int d = step - 3;
                        if (step == 0) { fromClient = true; flags = 0x02; seq = cisn; ack = 0; }
                        else if (step == 1) { fromClient = false; flags = 0x12; seq = sisn; ack = cisn + 1; }
                        else if (step == 2) { fromClient = true; flags = 0x10; seq = cisn + 1; ack = sisn + 1; }
                        else if (d < 2 * dataSegs) {
                            int i = d / 2;
                            if (d % 2 == 0) { fromClient = false; flags = 0x18; seq = sisn + 1 + i * 1400; ack = cisn + 1; len = 1400; }
                            else { fromClient = true; flags = 0x10; seq = cisn + 1; ack = sisn + 1 + (i + 1) * 1400; }
                        } else {
                            int e = d - 2 * dataSegs;
                            int sEnd = sisn + 1 + dataSegs * 1400;
                            if (e == 0) { fromClient = true; flags = 0x11; seq = cisn + 1; ack = sEnd; }
                            else if (e == 1) { fromClient = false; flags = 0x10; seq = sEnd; ack = cisn + 2; }
                            else if (e == 2) { fromClient = false; flags = 0x11; seq = sEnd; ack = cisn + 2; }
                            else { fromClient = true; flags = 0x10; seq = cisn + 2; ack = sEnd + 1; }
                        }
                        int frame = 14 + 20 + 20 + len;
                        time += 7;
                        putLe32(rec, 0, time / 1_000_000); putLe32(rec, 4, time % 1_000_000);
                        putLe32(rec, 8, frame); putLe32(rec, 12, frame);
                        int o = 16;
                        for (int i = 0; i < 12; i++) rec[o + i] = (byte) (i < 6 ? 2 : 4);
                        putBe16(rec, o + 12, 0x0800);
                        o += 14;
                        rec[o] = 0x45; rec[o + 1] = 0; putBe16(rec, o + 2, 40 + len); putBe16(rec, o + 4, 0);
                        putBe16(rec, o + 6, 0x4000); rec[o + 8] = 64; rec[o + 9] = 6; putBe16(rec, o + 10, 0);
                        putBe32(rec, o + 12, fromClient ? client : server); putBe32(rec, o + 16, fromClient ? server : client);
                        o += 20;
                        putBe16(rec, o, fromClient ? cport : 443); putBe16(rec, o + 2, fromClient ? 443 : cport);
                        putBe32(rec, o + 4, seq); putBe32(rec, o + 8, ack);
                        rec[o + 12] = 0x50; rec[o + 13] = (byte) flags; putBe16(rec, o + 14, 502);
                        putBe16(rec, o + 16, 0); putBe16(rec, o + 18, 0);
                        out.write(rec, 0, 16 + frame);
                        packets++;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "generated %s: %d bytes, %d packets, %d conversations%n", file, Files.size(file),
                packets, conversations);
    }
}
