package io.github.handshakelab.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.github.handshakelab.capture.Bytes.*;
import static org.junit.jupiter.api.Assertions.*;

/** Formats, byte orders, time units and link types the reader accepts. */
class CaptureReaderTest {

    @TempDir
    Path dir;

    static final byte[] IP_SYN = ipv4(A, B, 6, tcp(40000, 80, 1000, 0, SYN, 1000, new byte[0], 0));

    List<Long> times(byte[] file) throws IOException {
        List<Long> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(write(dir, "t", file))) {
            RawPacket p = new RawPacket();
            while (r.next(p)) out.add(p.timeMicros());
            assertEquals(List.of(), r.warnings());
        }
        return out;
    }

    @Test
    void pcapMagicVariants() throws IOException {
        byte[] f = seg(false, SYN, 1, 0, 0);
        assertEquals(List.of(7_000_123L), times(pcap(false, false, 1).record(7, 123, f).bytes()));
        assertEquals(List.of(7_000_123L), times(pcap(true, false, 1).record(7, 123, f).bytes()));
        assertEquals(List.of(7_000_123L), times(pcap(false, true, 1).record(7, 123_456, f).bytes()));
        assertEquals(List.of(7_000_123L), times(pcap(true, true, 1).record(7, 123_999, f).bytes()));
        try (CaptureReader r = CaptureReader.open(write(dir, "ns", pcap(true, true, 1).bytes()))) {
            assertEquals("pcap (ns)", r.format());
        }
    }

    @Test
    void pcapngSectionsInterfacesResolutionsAndBlockKinds() throws IOException {
        Bytes b = le().shb(1, 0)
                .idb(1, 0, le().option(9, new byte[]{9}).option(14, le().u64(100).bytes()).u32(0).bytes()) // ns, +100 s
                .idb(101, 0, new byte[0])                                                                  // raw IP, µs
                .epb(0, 1_500_000_000L, seg(false, SYN, 1, 0, 0))
                .epb(1, 2_000_000L, IP_SYN)
                .block(0x00000005, new byte[16])   // an Interface Statistics Block: skipped
                .pb(1, 3_000_000L, IP_SYN)          // the obsolete Packet Block
                .spb(seg(false, SYN, 1, 0, 0));     // no timestamp: keeps the last one
        Path p = write(dir, "t.pcapng", b.bytes());
        List<String> seen = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(p)) {
            assertEquals("pcapng", r.format());
            RawPacket pk = new RawPacket();
            while (r.next(pk)) seen.add(pk.frame() + ":" + pk.linkType() + ":" + pk.timeMicros() + ":" + pk.capLen());
            assertEquals(List.of(), r.warnings());
        }
        assertEquals(List.of("1:1:101500000:54", "2:101:2000000:40", "3:101:3000000:40", "4:1:3000000:54"), seen);
        IndexResult idx = ConversationIndex.index(p);
        assertEquals(4, idx.tcpPackets());
        assertEquals(1, idx.conversations().size());
        // gzip of the same file reads the same.
        IndexResult gz = ConversationIndex.index(write(dir, "t.pcapng.gz", gzip(b.bytes())));
        assertEquals(idx.conversations(), gz.conversations());
    }

    Conversation only(int linkType, byte[] frame) throws IOException {
        IndexResult r = ConversationIndex.index(write(dir, "lt" + linkType, pcap(false, false, linkType).record(1, 0, frame).bytes()));
        assertEquals(List.of(), r.warnings(), "link type " + linkType);
        assertEquals(1, r.conversations().size(), "link type " + linkType);
        return r.conversations().get(0);
    }

    @Test
    void linkTypes() throws IOException {
        byte[] syn = tcp(40000, 80, 1000, 0, SYN, 1000, new byte[0], 0);
        byte[] ip = ipv4(A, B, 6, syn);
        String expect = "10.0.0.1:40000>10.0.0.2:80";
        List<byte[]> frames = List.of(
                eth(0x8100, be().u16(5).u16(0x0800).raw(ip).bytes()),                         // 802.1Q
                eth(0x88A8, be().u16(5).u16(0x8100).u16(6).u16(0x0800).raw(ip).bytes()));      // QinQ
        for (byte[] f : frames) {
            Conversation c = only(1, f);
            assertEquals(expect, c.client() + ">" + c.server());
        }
        byte[] sll = be().u16(0).u16(1).u16(6).raw(new byte[8]).u16(0x0800).raw(ip).bytes();
        byte[] sll2 = be().u16(0x0800).u16(0).u32(2).u16(1).u8(0).u8(6).raw(new byte[8]).raw(ip).bytes();
        byte[] nullLe = le().u32(2).raw(ip).bytes();
        byte[] nullBe = be().u32(2).raw(ip).bytes();
        byte[] loop = be().u32(2).raw(ip).bytes();
        for (Object[] c : new Object[][]{{113, sll}, {276, sll2}, {0, nullLe}, {0, nullBe}, {108, loop},
                {101, ip}, {12, ip}, {14, ip}, {228, ip}}) {
            Conversation conv = only((Integer) c[0], (byte[]) c[1]);
            assertEquals(expect, conv.client() + ">" + conv.server(), "link type " + c[0]);
        }
    }

    @Test
    void ipv6WithExtensionHeaders() throws IOException {
        byte[] src = new byte[16], dst = new byte[16];
        src[0] = 0x20; src[1] = 0x01; src[2] = 0x0d; src[3] = (byte) 0xb8; src[15] = 1;
        dst[0] = 0x20; dst[1] = 0x01; dst[2] = 0x0d; dst[3] = (byte) 0xb8; dst[15] = 2;
        byte[] syn = tcp(40000, 443, 1000, 0, SYN, 1000, new byte[0], 0);
        byte[] ext = be()
                .u8(60).u8(0).zeros(6)                 // hop-by-hop -> destination options
                .u8(44).u8(0).zeros(6)                 // destination options -> fragment
                .u8(6).u8(0).u16(0).u32(77)            // atomic fragment (offset 0, M=0) -> TCP
                .raw(syn).bytes();
        byte[] ip6 = ipv6(src, dst, 0, ext);
        Conversation c = only(229, ip6);
        assertEquals("[2001:db8::1]:40000", c.client());
        assertEquals("[2001:db8::2]:443", c.server());
        Conversation viaNull = only(0, le().u32(30).raw(ip6).bytes()); // macOS AF_INET6
        assertEquals("2001:db8::2", viaNull.serverAddress());
        Conversation viaEth = only(1, eth(0x86DD, ip6));
        assertEquals(443, viaEth.serverPort());
    }

    @Test
    void ipv6AddressText() {
        byte[] loop = new byte[16];
        loop[15] = 1;
        assertEquals("::1", Addresses.format(loop, 0, 16));
        assertEquals("::", Addresses.format(new byte[16], 0, 16));
        byte[] a = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
        assertEquals("2001:db8:0:1::1", Addresses.format(a, 0, 16));
        byte[] b = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1};
        assertEquals("2001:db8::1:0:0:1", Addresses.format(b, 0, 16)); // first of two equal runs
    }

    @Test
    void missingFileAndDirectory() {
        CaptureException e = assertThrows(CaptureException.class, () -> CaptureReader.open(dir.resolve("nope.pcap")));
        assertEquals(dir.resolve("nope.pcap") + ": no such file", e.getMessage());
        CaptureException d = assertThrows(CaptureException.class, () -> CaptureReader.open(dir));
        assertEquals(dir + ": not a regular file", d.getMessage());
    }
}
