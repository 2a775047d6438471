package io.github.handshakelab.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.github.handshakelab.capture.Bytes.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The 22 cases of shared/reference/malformed-captures.md §4, each with the exact message the
 * user sees: a CaptureException for a file that cannot be read at all, otherwise warnings with
 * the offset and packet number, the packets before the fault kept.
 */
class MalformedCapturesTest {

    @TempDir
    Path dir;

    /** A well-formed SYN from A: Ethernet + IPv4 + TCP, 54 bytes. */
    static final byte[] SYN_FRAME = seg(false, SYN, 1000, 0, 0);

    record Outcome(List<Long> frames, List<Integer> capLens, List<Long> times, List<String> warnings, long dropped) {}

    Outcome read(byte[] file) throws IOException {
        Path p = write(dir, "t.cap", file);
        List<Long> frames = new ArrayList<>();
        List<Integer> caps = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(p)) {
            RawPacket pk = new RawPacket();
            while (r.next(pk)) {
                frames.add(pk.frame());
                caps.add(pk.capLen());
                times.add(pk.timeMicros());
            }
            return new Outcome(frames, caps, times, r.warnings().stream().map(CaptureWarning::toString).toList(), r.droppedWarnings());
        }
    }

    String error(byte[] file) {
        Path p = write(dir, "bad.cap", file);
        CaptureException e = assertThrows(CaptureException.class, () -> {
            try (CaptureReader r = CaptureReader.open(p)) {
                RawPacket pk = new RawPacket();
                while (r.next(pk)) { /* drain */ }
            }
        });
        return e.getMessage();
    }

    IndexResult index(byte[] file) throws IOException {
        return ConversationIndex.index(write(dir, "t.cap", file));
    }

    static List<String> warnings(IndexResult r) {
        return r.warnings().stream().map(CaptureWarning::toString).toList();
    }

    static Bytes pcapLe() { return pcap(false, false, 1); }

    // 1
    @Test
    void case01_truncatedFileHeaders() {
        assertEquals("bad.cap: offset 0: truncated file header: 0 bytes, not a pcap or pcapng file", error(new byte[0]));
        assertEquals("bad.cap: offset 0: truncated file header: 3 bytes, not a pcap or pcapng file", error(new byte[]{(byte) 0xd4, (byte) 0xc3, (byte) 0xb2}));
        byte[] hdr = pcapLe().bytes();
        assertEquals("bad.cap: offset 0: truncated file header: pcap needs 24 bytes, the file has 10",
                error(java.util.Arrays.copyOf(hdr, 10)));
        byte[] shb = le().shb(1, 0).bytes();
        assertEquals("bad.cap: offset 0: truncated file header: a pcapng section header needs 28 bytes, the file has 8",
                error(java.util.Arrays.copyOf(shb, 8)));
        assertEquals("bad.cap: offset 0: block total length 28 runs past the end of the file (20 bytes left)",
                error(java.util.Arrays.copyOf(shb, 20)));
    }

    // 2
    @Test
    void case02_unknownMagic() {
        assertEquals("bad.cap: offset 0: unknown file format: magic number 0x12345678 is neither pcap nor pcapng",
                error(be().u32(0x12345678).zeros(20).bytes()));
        assertEquals("bad.cap: offset 0: unknown file format: magic number 0x504b0304 is neither pcap nor pcapng",
                error(be().u32(0x504b0304).zeros(40).bytes())); // a zip file
    }

    // 3
    @Test
    void case03_unsupportedVersions() {
        assertEquals("bad.cap: offset 4: unsupported pcap version 1.4 (this reader reads 2.4)",
                error(le().u32(0xa1b2c3d4L).u16(1).u16(4).zeros(16).bytes()));
        assertEquals("bad.cap: offset 4: unsupported pcap version 2.5 (this reader reads 2.4)",
                error(be().u32(0xa1b2c3d4L).u16(2).u16(5).zeros(16).bytes()));
        assertEquals("bad.cap: offset 0: unsupported pcapng version 0.1 (this reader reads 1.0)", error(le().shb(0, 1).bytes()));
        assertEquals("bad.cap: offset 0: unsupported pcapng version 1.1 (this reader reads 1.0)", error(be().shb(1, 1).bytes()));
    }

    // 4
    @Test
    void case04_linkTypeReservedBitsAndUnsupported() {
        assertEquals("bad.cap: offset 20: link type reserved field not zero (0x00300000)",
                error(pcap(false, false, 0x00300001).bytes()));
        assertEquals("bad.cap: offset 20: unsupported link type 147 (supported: 0 BSD NULL, 1 Ethernet, 12/14/101 raw IP, "
                + "108 BSD LOOP, 113 Linux SLL, 228 IPv4, 229 IPv6, 276 Linux SLL2)", error(pcap(true, false, 147).bytes()));
    }

    // 5
    @Test
    void case05_snaplenZeroOrHugeIsClamped() throws IOException {
        for (long snap : new long[]{0, 0xFFFFFFFFL}) {
            byte[] f = le().u32(0xa1b2c3d4L).u16(2).u16(4).u32(0).u32(0).u32(snap).u32(1)
                    .record(1, 0, SYN_FRAME).record(2, 0, SYN_FRAME).bytes();
            Outcome o = read(f);
            assertEquals(List.of(1L, 2L), o.frames());
            assertEquals(List.of(54, 54), o.capLens());
            assertEquals(List.of(), o.warnings());
        }
    }

    // 6
    @Test
    void case06_recordHeaderCutOff() throws IOException {
        byte[] f = pcapLe().record(1, 0, SYN_FRAME).zeros(10).bytes();
        Outcome o = read(f);
        assertEquals(List.of(1L), o.frames());
        assertEquals(List.of("offset 94, packet 2: truncated record header: 16 bytes expected, 10 left; reading stops"), o.warnings());
    }

    // 7
    @Test
    void case07_recordDataCutOff() throws IOException {
        byte[] f = pcapLe().record(1, 0, SYN_FRAME).u32(2).u32(0).u32(100).u32(100).zeros(40).bytes();
        Outcome o = read(f);
        assertEquals(List.of(1L), o.frames());
        assertEquals(List.of("offset 94, packet 2: truncated packet data: 100 bytes expected, 40 left; reading stops"), o.warnings());
    }

    // 8
    @Test
    void case08_hugeOrNegativeCaplen() throws IOException {
        for (long cap : new long[]{0x80000000L, 0xFFFFFFFFL, 262_145}) {
            byte[] f = pcapLe().record(1, 0, SYN_FRAME).u32(2).u32(0).u32(cap).u32(60).zeros(64).bytes();
            Outcome o = read(f);
            assertEquals(List.of(1L), o.frames());
            assertEquals(List.of("offset 94, packet 2: invalid capture length " + cap
                    + ", bigger than maximum of 262144; reading stops"), o.warnings());
        }
    }

    // 9
    @Test
    void case09_caplenAboveSnaplenIsAcceptedAndSkippedByCaplen() throws IOException {
        byte[] big = new byte[100];
        System.arraycopy(SYN_FRAME, 0, big, 0, SYN_FRAME.length);
        byte[] f = le().u32(0xa1b2c3d4L).u16(2).u16(4).u32(0).u32(0).u32(64).u32(1)
                .record(1, 0, big).record(2, 0, SYN_FRAME).bytes();
        Outcome o = read(f);
        assertEquals(List.of(1L, 2L), o.frames());
        assertEquals(List.of(100, 54), o.capLens());
    }

    // 10
    @Test
    void case10_caplenAboveOrigLen() throws IOException {
        byte[] f = pcapLe().u32(1).u32(0).u32(54).u32(0).raw(SYN_FRAME).u32(2).u32(0).u32(54).u32(40).raw(SYN_FRAME).bytes();
        Outcome o = read(f);
        assertEquals(List.of(1L, 2L), o.frames());
        assertEquals(List.of(
                "offset 24, packet 1: capture length 54 is larger than the original length 0; the captured bytes are used",
                "offset 94, packet 2: capture length 54 is larger than the original length 40; the captured bytes are used"), o.warnings());
    }

    // 11
    @Test
    void case11_millionsOfEmptyRecordsEndWithBoundedWarnings() throws IOException {
        Bytes b = pcapLe();
        int n = 1_000_000;
        for (int i = 0; i < n; i++) b.u32(1).u32(0).u32(0).u32(0);
        IndexResult r = index(b.bytes());
        assertEquals(n, r.packets());
        assertEquals(0, r.tcpPackets());
        assertEquals(CaptureReader.MAX_WARNINGS, r.warnings().size());
        assertEquals(n - CaptureReader.MAX_WARNINGS, r.droppedWarnings());
        assertEquals("offset 24, packet 1: Ethernet frame of 0 bytes is shorter than its 14-byte header; packet skipped",
                r.warnings().get(0).toString());
    }

    // 12
    @Test
    void case12_timestampFractionOutOfRangeAndBackwards() throws IOException {
        byte[] f = pcapLe().record(10, 1_500_000, SYN_FRAME).record(5, 0, SYN_FRAME).bytes();
        Outcome o = read(f);
        assertEquals(List.of(11_500_000L, 5_000_000L), o.times());
        assertEquals(List.of("offset 24, packet 1: timestamp fraction 1500000 µs is not below one second; carried into the seconds"), o.warnings());
        byte[] ns = pcap(true, true, 1).record(1, 2_000_000_000L, SYN_FRAME).bytes();
        Outcome on = read(ns);
        assertEquals(List.of(3_000_000L), on.times());
        assertEquals(List.of("offset 24, packet 1: timestamp fraction 2000000000 ns is not below one second; carried into the seconds"), on.warnings());
        // Backwards: the conversation's duration and the trace's times never go negative.
        IndexResult r = index(pcapLe().record(10, 0, seg(false, SYN, 1, 0, 0)).record(9, 0, seg(true, SYN | ACK, 7, 2, 0)).bytes());
        assertEquals(0, r.conversations().get(0).duration());
        var trace = CaptureTraces.load(dir.resolve("t.cap"), 0);
        assertEquals(List.of(0L, 0L), trace.segments().stream().map(s -> s.sent()).toList());
    }

    static Bytes ng() { return le().shb(1, 0).idb(1, 0, new byte[0]); }

    // 13
    @Test
    void case13_blockShorterThanItsMinimum() throws IOException {
        assertEquals("bad.cap: offset 0: block total length 20 is less than the minimum 28 for a section header block",
                error(le().u32(0x0A0D0D0AL).u32(20).u32(0x1A2B3C4DL).u16(1).u16(0).u32(20).bytes()));
        Outcome o = read(ng().epb(0, 1_000_000, SYN_FRAME).u32(6).u32(28).zeros(20).bytes());
        assertEquals(List.of(1L), o.frames());
        assertEquals(List.of("offset 136, packet 2: block total length 28 is less than the minimum 32 for an enhanced packet block; reading stops"), o.warnings());
        Outcome idb = read(le().shb(1, 0).u32(1).u32(16).zeros(8).bytes());
        assertEquals(List.of("offset 28: block total length 16 is less than the minimum 20 for an interface description block; reading stops"), idb.warnings());
        Outcome tiny = read(ng().u32(99).u32(8).bytes());
        assertEquals(List.of("offset 48: block total length 8 is less than the minimum 12 for a block of type 99; reading stops"), tiny.warnings());
    }

    // 14
    @Test
    void case14_blockLengthZeroOrNotMultipleOfFour() throws IOException {
        Outcome zero = read(ng().epb(0, 0, SYN_FRAME).u32(5).u32(0).zeros(8).bytes());
        assertEquals(List.of(1L), zero.frames());
        assertEquals(List.of("offset 136: block total length 0 is less than the minimum 12 for a block of type 5; reading stops"), zero.warnings());
        Outcome odd = read(ng().u32(6).u32(33).zeros(40).bytes());
        assertEquals(List.of("offset 48, packet 1: block total length 33 is not a multiple of 4; reading stops"), odd.warnings());
    }

    // 15
    @Test
    void case15_blockLongerThanTheFileOrTheMaximum() throws IOException {
        Outcome past = read(ng().u32(6).u32(1000).zeros(60).bytes());
        assertEquals(List.of("offset 48, packet 1: block total length 1000 runs past the end of the file (68 bytes left); reading stops"), past.warnings());
        Outcome huge = read(ng().u32(6).u32(16 * 1024 * 1024 + 4).zeros(60).bytes());
        assertEquals(List.of("offset 48, packet 1: block total length 16777220 is larger than the maximum 16777216; reading stops"), huge.warnings());
        Outcome max = read(ng().u32(6).u32(0xFFFFFFFCL).zeros(60).bytes());
        assertEquals(List.of("offset 48, packet 1: block total length 4294967292 is larger than the maximum 16777216; reading stops"), max.warnings());
        // gzip: the size is unknown in advance, the short read says it.
        Path gz = write(dir, "t.pcapng.gz", gzip(ng().u32(6).u32(1000).zeros(60).bytes()));
        try (CaptureReader r = CaptureReader.open(gz)) {
            assertFalse(r.next(new RawPacket()));
            assertEquals("offset 48, packet 1: truncated block: 1000 bytes expected; reading stops", r.warnings().get(0).toString());
        }
    }

    // 16
    @Test
    void case16_headerAndTrailerLengthsDiffer() throws IOException {
        byte[] f = ng().epb(0, 0, SYN_FRAME).bytes();
        f[f.length - 4] = '0'; f[f.length - 3] = '0'; f[f.length - 2] = '0'; f[f.length - 1] = '0';
        Outcome o = read(f);
        assertEquals(List.of(), o.frames());
        assertEquals(List.of("offset 48, packet 1: block total length 88 in header and 808464432 in trailer don't match; reading stops"), o.warnings());
        byte[] shb = le().shb(1, 0).bytes();
        shb[24] = 32;
        assertEquals("bad.cap: offset 0: block total length 28 in header and 32 in trailer don't match", error(shb));
    }

    // 17
    @Test
    void case17_packetLengthsInconsistentWithTheBlock() throws IOException {
        // EPB claiming 1000 captured bytes in a block holding 56: clamped to the block, never copied from beyond it.
        Bytes b = ng();
        int len = 32 + 56;
        b.u32(6).u32(len).u32(0).u32(0).u32(0).u32(1000).u32(1000).raw(SYN_FRAME).zeros(2).u32(len);
        b.spb(SYN_FRAME);
        Outcome o = read(b.bytes());
        assertEquals(List.of(1L, 2L), o.frames());
        assertEquals(List.of(56, 54), o.capLens());
        assertEquals(List.of("offset 48, packet 1: captured length 1000 runs past the end of the block (56 bytes); clamped"), o.warnings());
        // SPB whose original length is larger than its data: only the data is taken.
        Bytes s = ng();
        s.u32(3).u32(16 + 56).u32(5000).raw(SYN_FRAME).zeros(2).u32(16 + 56);
        Outcome os = read(s.bytes());
        assertEquals(List.of(56), os.capLens());
    }

    static byte[] tsresol(int v) {
        return le().option(9, new byte[]{(byte) v}).bytes();
    }

    // 18
    @Test
    void case18_optionWalk() throws IOException {
        byte[] runsPast = le().u16(9).u16(200).u8(6).zeros(3).bytes();
        Outcome o = read(le().shb(1, 0).idb(1, 0, runsPast).epb(0, 5, SYN_FRAME).bytes());
        assertEquals(List.of(1L), o.frames());
        assertEquals(List.of("offset 28: interface 0: option 9 length 200 runs past the end of the block; remaining options ignored"), o.warnings());
        // No opt_endofopt, and a duplicate if_tsresol: the first (10^-3) is used.
        byte[] dup = le().raw(tsresol(3)).raw(tsresol(9)).bytes();
        Outcome d = read(le().shb(1, 0).idb(1, 0, dup).epb(0, 1500, SYN_FRAME).bytes());
        assertEquals(List.of(1_500_000L), d.times());
        assertEquals(List.of("offset 28: interface 0: duplicate if_tsresol option; the first one is used"), d.warnings());
        byte[] wrongLen = le().option(9, new byte[]{3, 3}).bytes();
        Outcome w = read(le().shb(1, 0).idb(1, 0, wrongLen).epb(0, 7, SYN_FRAME).bytes());
        assertEquals(List.of(7L), w.times());
        assertEquals(List.of("offset 28: interface 0: if_tsresol has length 2, not 1; ignored"), w.warnings());
    }

    // 19
    @Test
    void case19_extremeTimestampResolutions() throws IOException {
        // 2^-31 (0x9F, zeek#5884): 2^31 ticks = 1 s.
        assertEquals(List.of(1_000_000L), read(le().shb(1, 0).idb(1, 0, tsresol(0x9F)).epb(0, 1L << 31, SYN_FRAME).bytes()).times());
        // 2^-63: 2^63 ticks (unsigned) = 1 s, no overflow.
        assertEquals(List.of(1_000_000L), read(le().shb(1, 0).idb(1, 0, tsresol(0xBF)).epb(0, 1L << 63, SYN_FRAME).bytes()).times());
        // 10^-19 fits; 10^-127 and 2^-127 do not.
        assertEquals(List.of(1_000_000L), read(le().shb(1, 0).idb(1, 0, tsresol(19)).epb(0, Long.parseUnsignedLong("10000000000000000000"), SYN_FRAME).bytes()).times());
        Outcome fine = read(le().shb(1, 0).idb(1, 0, tsresol(0x7F)).epb(0, 1, SYN_FRAME).bytes());
        assertEquals(List.of(), fine.frames());
        assertEquals(List.of("offset 28: interface 0: timestamp resolution 10^-127 is too high; its packets are skipped"), fine.warnings());
        Outcome bin = read(le().shb(1, 0).idb(1, 0, tsresol(0xFF)).epb(0, 1, SYN_FRAME).bytes());
        assertEquals(List.of("offset 28: interface 0: timestamp resolution 2^-127 is too high; its packets are skipped"), bin.warnings());
        // if_tsresol 10^0 (seconds) with huge ticks saturates instead of overflowing.
        Outcome sec = read(le().shb(1, 0).idb(1, 0, tsresol(0)).epb(0, -1L, SYN_FRAME).bytes());
        assertEquals(List.of(0L), sec.times());
        assertEquals(List.of("offset 56, packet 1: timestamp out of range; set to 0"), sec.warnings());
    }

    // 20
    @Test
    void case20_interfacesByteOrdersAndUnknownBlocks() throws IOException {
        Outcome before = read(le().shb(1, 0).epb(0, 0, SYN_FRAME).idb(1, 0, new byte[0]).epb(0, 0, SYN_FRAME).bytes());
        assertEquals(List.of(2L), before.frames());
        assertEquals(List.of("offset 28, packet 1: packet block before any interface description block; skipped"), before.warnings());
        Outcome badIf = read(ng().epb(5, 0, SYN_FRAME).epb(0, 0, SYN_FRAME).bytes());
        assertEquals(List.of(2L), badIf.frames());
        assertEquals(List.of("offset 48, packet 1: packet on interface 5, but only 1 interface(s) are described; skipped"), badIf.warnings());
        // A second section in the other byte order, with an unknown block in between: all read.
        Bytes two = le().shb(1, 0).idb(1, 0, new byte[0]).epb(0, 1_000_000, SYN_FRAME).block(0x0BAD, new byte[12]);
        two.order(true).shb(1, 0).idb(1, 0, new byte[0]).epb(0, 2_000_000, SYN_FRAME);
        Outcome o = read(two.bytes());
        assertEquals(List.of(1L, 2L), o.frames());
        assertEquals(List.of(1_000_000L, 2_000_000L), o.times());
        assertEquals(List.of(), o.warnings());
    }

    static byte[] ipv4Frame(int verIhl, int total, byte[] tcp) {
        Bytes ip = be().u8(verIhl).u8(0).u16(total).u16(1).u16(0).u8(64).u8(6).u16(0).raw(A).raw(B).raw(tcp);
        return eth(0x0800, ip.bytes());
    }

    // 21
    @Test
    void case21_badIpHeaders() throws IOException {
        byte[] t = tcp(40000, 80, 1, 0, SYN, 1000, new byte[0], 0);
        Bytes f = pcapLe()
                .record(1, 0, ipv4Frame(0x44, 40, t))                        // IHL 4
                .record(1, 0, ipv4Frame(0x4F, 40, t))                        // IHL 15 = 60 bytes > captured
                .record(1, 0, ipv4Frame(0x45, 12, t))                        // total < IHL
                .record(1, 0, ipv4Frame(0x45, 400, t))                       // total > frame
                .record(1, 0, eth(0x0800, be().u8(0x45).u8(0).u16(40).u16(1).u16(0x2001).u8(64).u8(6).u16(0).raw(A).raw(B).raw(t).bytes())) // fragment
                .record(1, 0, eth(0x86DD, ipv6(new byte[16], new byte[16], 6, t)).length > 0
                        ? java.util.Arrays.copyOf(eth(0x86DD, ipv6(new byte[16], new byte[16], 6, t)), 14 + 40 + 10) : null) // IPv6 payload cut
                .record(1, 0, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})      // shorter than Ethernet
                .record(1, 0, eth(0x86DD, be().u32(0x60000000L).u16(400).u8(6).u8(64).zeros(32).raw(t).bytes())) // IPv6 length mismatch
                .record(2, 0, SYN_FRAME);
        IndexResult r = index(f.bytes());
        assertEquals(9, r.packets());
        assertEquals(1, r.tcpPackets());
        assertEquals(List.of(
                "offset 24, packet 1: IPv4 header length 16 bytes is less than 20; packet skipped",
                "offset 94, packet 2: IPv4 header of 60 bytes runs past the captured data (40 bytes); packet skipped",
                "offset 164, packet 3: IPv4 total length 12 is less than its header length 20; packet skipped",
                "offset 234, packet 4: IPv4 total length 400 is larger than the frame (40 bytes); packet skipped",
                "offset 304, packet 5: IPv4 fragment (offset 8 bytes); fragments are not reassembled; packet skipped",
                "offset 374, packet 6: IPv6 payload length 20 is larger than the frame (10 bytes after the IPv6 header); packet skipped",
                "offset 454, packet 7: Ethernet frame of 10 bytes is shorter than its 14-byte header; packet skipped",
                "offset 480, packet 8: IPv6 payload length 400 is larger than the frame (20 bytes after the IPv6 header); packet skipped"),
                warnings(r));
    }

    // 22
    @Test
    void case22_badTcpHeadersAndOddFlags() throws IOException {
        byte[] doff4 = tcp(40000, 80, 1, 0, SYN, 1000, new byte[0], 0);
        doff4[12] = 0x40;
        byte[] doff15 = tcp(40000, 80, 1, 0, SYN, 1000, new byte[0], 0);
        doff15[12] = (byte) 0xF0;
        byte[] opt0 = tcp(40000, 80, 1, 0, SYN, 1000, new byte[]{2, 0, 0, 0}, 0);
        byte[] opt1 = tcp(40000, 80, 1, 0, SYN, 1000, new byte[]{1, 1, 3, 1}, 0);
        byte[] optPast = tcp(40000, 80, 1, 0, SYN, 1000, new byte[]{1, 1, 2, 4}, 0);
        byte[] synFin = tcp(40000, 80, 1, 0, SYN | FIN, 1000, new byte[0], 0);
        byte[] synRst = tcp(40000, 80, 1, 0, SYN | RST, 1000, new byte[0], 0);
        byte[] none = tcp(40000, 80, 1, 0, 0, 1000, new byte[0], 0);
        byte[] data = seg(false, PSH | ACK, 1, 1, 100);
        Bytes f = pcapLe();
        for (byte[] t : new byte[][]{doff4, doff15, opt0, opt1, optPast, synFin, synRst, none}) {
            f.record(1, 0, eth(0x0800, ipv4(A, B, 6, t)));
        }
        // snaplen-truncated frames: header complete (54 bytes) is replayed with its wire length; a cut header is not.
        f.u32(1).u32(0).u32(54).u32(data.length).raw(java.util.Arrays.copyOf(data, 54));
        f.u32(1).u32(0).u32(44).u32(data.length).raw(java.util.Arrays.copyOf(data, 44));
        IndexResult r = index(f.bytes());
        assertEquals(List.of(
                "offset 24, packet 1: TCP data offset 4 (16 bytes) is less than 5; packet skipped",
                "offset 94, packet 2: TCP data offset 15 (60 bytes) runs past the segment (20 bytes); packet skipped",
                "offset 164, packet 3: TCP option kind 2 has length 0 (at least 2 needed); packet skipped",
                "offset 238, packet 4: TCP option kind 3 has length 1 (at least 2 needed); packet skipped",
                "offset 312, packet 5: TCP option kind 2 of length 4 runs past the TCP header; packet skipped",
                "offset 386, packet 6: odd TCP flags FIN, SYN; segment not replayed; packet skipped",
                "offset 456, packet 7: odd TCP flags SYN, RST; segment not replayed; packet skipped",
                "offset 526, packet 8: odd TCP flags none; segment not replayed; packet skipped",
                "offset 666, packet 10: TCP header truncated: 10 bytes captured, 16 needed; packet skipped"), warnings(r));
        assertEquals(1, r.tcpPackets());
        var trace = CaptureTraces.load(dir.resolve("t.cap"), 0);
        assertEquals(1, trace.segments().size());
        assertEquals(100, trace.segments().get(0).len());
    }
}
