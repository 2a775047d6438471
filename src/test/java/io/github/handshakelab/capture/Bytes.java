package io.github.handshakelab.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds capture files byte by byte for tests: pcap and pcapng in either byte order, and frames. */
final class Bytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean big;

    Bytes(boolean bigEndian) {
        this.big = bigEndian;
    }

    static Bytes le() { return new Bytes(false); }
    static Bytes be() { return new Bytes(true); }

    Bytes order(boolean bigEndian) { this.big = bigEndian; return this; }

    Bytes u8(int v) { out.write(v & 0xff); return this; }

    Bytes u16(int v) {
        if (big) { u8(v >>> 8); u8(v); } else { u8(v); u8(v >>> 8); }
        return this;
    }

    Bytes u32(long v) {
        if (big) { u8((int) (v >>> 24)); u8((int) (v >>> 16)); u8((int) (v >>> 8)); u8((int) v); }
        else { u8((int) v); u8((int) (v >>> 8)); u8((int) (v >>> 16)); u8((int) (v >>> 24)); }
        return this;
    }

    Bytes u64(long v) {
        if (big) { u32(v >>> 32); u32(v & 0xffffffffL); } else { u32(v & 0xffffffffL); u32(v >>> 32); }
        return this;
    }

    Bytes raw(byte[] b) { out.write(b, 0, b.length); return this; }

    Bytes zeros(int n) { for (int i = 0; i < n; i++) u8(0); return this; }

    byte[] bytes() { return out.toByteArray(); }

    int size() { return out.size(); }

    // ---- pcap ----

    /** pcap file header; magic 0xa1b2c3d4 (µs) or 0xa1b23c4d (ns) written in this byte order. */
    static Bytes pcap(boolean bigEndian, boolean nanos, int linkType) {
        return new Bytes(bigEndian).u32(nanos ? 0xa1b23c4dL : 0xa1b2c3d4L).u16(2).u16(4).u32(0).u32(0).u32(262144).u32(linkType);
    }

    Bytes record(long sec, long frac, byte[] data) {
        return u32(sec).u32(frac).u32(data.length).u32(data.length).raw(data);
    }

    // ---- pcapng ----

    Bytes shb(int major, int minor) {
        u32(0x0A0D0D0AL).u32(28).u32(0x1A2B3C4DL).u16(major).u16(minor).u64(-1).u32(28);
        return this;
    }

    /** An IDB; {@code options} are raw option bytes (already padded) in this byte order. */
    Bytes idb(int linkType, int snaplen, byte[] options) {
        int len = 20 + options.length;
        return u32(1).u32(len).u16(linkType).u16(0).u32(snaplen).raw(options).u32(len);
    }

    Bytes epb(int ifId, long ticks, byte[] data) {
        int pad = (4 - data.length % 4) % 4;
        int len = 32 + data.length + pad;
        return u32(6).u32(len).u32(ifId).u32(ticks >>> 32).u32(ticks & 0xffffffffL).u32(data.length).u32(data.length)
                .raw(data).zeros(pad).u32(len);
    }

    Bytes spb(byte[] data) {
        int pad = (4 - data.length % 4) % 4;
        int len = 16 + data.length + pad;
        return u32(3).u32(len).u32(data.length).raw(data).zeros(pad).u32(len);
    }

    /** The obsolete Packet Block (type 2). */
    Bytes pb(int ifId, long ticks, byte[] data) {
        int pad = (4 - data.length % 4) % 4;
        int len = 32 + data.length + pad;
        return u32(2).u32(len).u16(ifId).u16(0).u32(ticks >>> 32).u32(ticks & 0xffffffffL).u32(data.length).u32(data.length)
                .raw(data).zeros(pad).u32(len);
    }

    Bytes block(long type, byte[] body) {
        int len = 12 + body.length;
        return u32(type).u32(len).raw(body).u32(len);
    }

    /** One IDB option (code, value), padded; in this byte order. */
    Bytes option(int code, byte[] value) {
        u16(code).u16(value.length).raw(value);
        return zeros((4 - value.length % 4) % 4);
    }

    // ---- frames ----

    static final byte[] A = {10, 0, 0, 1}, B = {10, 0, 0, 2};

    /** A TCP header (+ options + payload), no IP. */
    static byte[] tcp(int sport, int dport, long seq, long ack, int flags, int window, byte[] options, int payload) {
        Bytes t = be();
        int hl = 20 + options.length;
        t.u16(sport).u16(dport).u32(seq).u32(ack).u8((hl / 4) << 4).u8(flags).u16(window).u16(0).u16(0).raw(options);
        for (int i = 0; i < payload; i++) t.u8('x');
        return t.bytes();
    }

    static byte[] ipv4(byte[] src, byte[] dst, int proto, byte[] body) {
        return be().u8(0x45).u8(0).u16(20 + body.length).u16(1).u16(0x4000).u8(64).u8(proto).u16(0)
                .raw(src).raw(dst).raw(body).bytes();
    }

    static byte[] ipv6(byte[] src16, byte[] dst16, int next, byte[] body) {
        return be().u32(0x60000000L).u16(body.length).u8(next).u8(64).raw(src16).raw(dst16).raw(body).bytes();
    }

    static byte[] eth(int type, byte[] body) {
        return be().raw(new byte[]{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).u16(type).raw(body).bytes();
    }

    /** Ethernet + IPv4 + TCP from A to B (or B to A when {@code fromB}). */
    static byte[] seg(boolean fromB, int flags, long seq, long ack, int payload) {
        return seg(fromB, flags, seq, ack, 65535, new byte[0], payload);
    }

    static byte[] seg(boolean fromB, int flags, long seq, long ack, int window, byte[] options, int payload) {
        byte[] t = fromB ? tcp(80, 40000, seq, ack, flags, window, options, payload)
                : tcp(40000, 80, seq, ack, flags, window, options, payload);
        return eth(0x0800, ipv4(fromB ? B : A, fromB ? A : B, 6, t));
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            Path p = dir.resolve(name);
            Files.write(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] b) {
        try {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(o)) { g.write(b); }
            return o.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final int FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16;
}
