package io.github.handshakelab.capture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.handshakelab.capture.Bytes.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The structural mutations that editcap -E never makes (malformed-captures.md §1, §4): every
 * truncation of small samples, and every 4-byte field set to 0, 0xFFFFFFFF and 0x7FFFFFFF in
 * both byte orders. Each mutant must end in a result or a CaptureException/IOException, never in
 * another exception or a hang.
 */
class StructuralMutationTest {

    static List<byte[]> samples() throws IOException {
        List<byte[]> out = new ArrayList<>();
        out.add(Files.readAllBytes(Path.of("resources/captures/rst-closed-port.pcap")));
        out.add(Files.readAllBytes(Path.of("resources/captures/server-closes-first.pcap")));
        byte[] opts = le().option(9, new byte[]{6}).option(14, le().u64(1).bytes()).u32(0).bytes();
        out.add(le().shb(1, 0).idb(1, 0, opts).epb(0, 1, seg(false, SYN, 1, 0, 0))
                .block(0x0BAD, new byte[8]).spb(seg(true, SYN | ACK, 9, 2, 0)).pb(0, 3, seg(false, ACK, 2, 10, 5)).bytes());
        out.add(be().shb(1, 0).idb(101, 0, new byte[0]).epb(0, 1, ipv4(A, B, 6, tcp(1, 2, 3, 4, SYN, 5, new byte[]{2, 4, 5, (byte) 0xb4}, 0))).bytes());
        return out;
    }

    static int mutants;

    static void check(byte[] b) {
        mutants++;
        try {
            PipelineCheck.run(b);
        } catch (CaptureException fine) {
            assertTrue(fine.getMessage().startsWith("fuzz.cap: "), fine.getMessage());
        } catch (IOException other) {
            fail("only CaptureException may escape: " + other);
        }
    }

    @Test
    void everyTruncationAndEveryLengthFieldValue() throws IOException {
        List<byte[]> samples = samples();
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (byte[] s : samples) {
                for (int cut = 0; cut <= s.length; cut++) check(java.util.Arrays.copyOf(s, cut));
                for (int off = 0; off + 4 <= s.length; off++) {
                    for (int v : new int[]{0, 0xFFFFFFFF, 0x7FFFFFFF, 0x00FFFFFF}) {
                        byte[] m = s.clone();
                        m[off] = (byte) (v >>> 24); m[off + 1] = (byte) (v >>> 16); m[off + 2] = (byte) (v >>> 8); m[off + 3] = (byte) v;
                        check(m);
                        byte[] l = s.clone(); // the same value little-endian
                        l[off] = (byte) v; l[off + 1] = (byte) (v >>> 8); l[off + 2] = (byte) (v >>> 16); l[off + 3] = (byte) (v >>> 24);
                        check(l);
                    }
                }
                for (int off = 0; off < s.length; off++) { // single bytes: IHL, data offset, option lengths, flags
                    for (int v : new int[]{0, 1, 0xFF}) {
                        byte[] m = s.clone();
                        m[off] = (byte) v;
                        check(m);
                    }
                }
            }
        });
        assertTrue(mutants > 10_000, "mutants tried: " + mutants);
    }

    @Test
    void gzipTruncationsAreCleanErrors() throws IOException {
        byte[] gz = Files.readAllBytes(Path.of("resources/captures/tls-handshake.pcap.gz"));
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            for (int cut = 0; cut <= gz.length; cut += 7) check(java.util.Arrays.copyOf(gz, cut));
            for (int off = 10; off < gz.length; off += 13) {
                byte[] m = gz.clone();
                m[off] ^= 0x5A;
                check(m);
            }
        });
    }
}
