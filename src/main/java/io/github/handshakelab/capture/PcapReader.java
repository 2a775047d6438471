package io.github.handshakelab.capture;

import java.io.IOException;

/** Classic libpcap format: 24-byte file header, then 16-byte record headers (sf-pcap.c). */
final class PcapReader extends CaptureReader {

    private final boolean bigEndian;
    private final boolean nanos;
    private final byte[] hdr = new byte[24];
    private int linkType;
    private long snaplen;

    PcapReader(String name, ByteInput in, CountingStream raw, long fileSize, int magicAsBigEndian) {
        super(name, in, raw, fileSize);
        this.bigEndian = magicAsBigEndian == 0xa1b2c3d4 || magicAsBigEndian == 0xa1b23c4d;
        this.nanos = magicAsBigEndian == 0xa1b23c4d || magicAsBigEndian == 0x4d3cb2a1;
    }

    @Override
    void readFileHeader() throws IOException {
        int n = in.read(hdr, 4, 20);
        if (n < 20) throw error(0, "truncated file header: pcap needs 24 bytes, the file has " + (4 + n));
        int major = u16(hdr, 4, bigEndian);
        int minor = u16(hdr, 6, bigEndian);
        // libpcap reads 2.x up to 2.4 (older minors only differ in ways that do not matter here).
        if (major != 2 || minor > 4) throw error(4, "unsupported pcap version " + major + "." + minor + " (this reader reads 2.4)");
        snaplen = u32(hdr, 16, bigEndian);
        long lt = u32(hdr, 20, bigEndian);
        // Bits 16..25 are reserved, 26..31 carry the FCS length (pcap-savefile(5)).
        if ((lt & 0x03FF0000L) != 0) throw error(20, String.format("link type reserved field not zero (0x%08x)", lt & 0x03FF0000L));
        linkType = (int) (lt & 0xFFFF);
        if (!LinkTypes.supported(linkType)) throw error(20, "unsupported link type " + linkType + " (" + LinkTypes.supportedList() + ")");
        // snaplen 0 or 0xFFFFFFFF: libpcap clamps it (pcapint_adjust_snapshot); never allocate from it.
        if (snaplen == 0 || snaplen > RawPacket.MAX_CAPLEN) snaplen = RawPacket.MAX_CAPLEN;
    }

    @Override
    public String format() {
        return nanos ? "pcap (ns)" : "pcap";
    }

    public int linkType() {
        return linkType;
    }

    @Override
    boolean readNext(RawPacket p) throws IOException {
        long off = in.position();
        int n = in.read(hdr, 0, 16);
        if (n == 0) {
            ended = true;
            return false;
        }
        long frame = ++frames;
        if (n < 16) return stop(off, frame, "truncated record header: 16 bytes expected, " + n + " left; reading stops");
        long sec = u32(hdr, 0, bigEndian);
        long frac = u32(hdr, 4, bigEndian);
        long capLen = u32(hdr, 8, bigEndian);
        long origLen = u32(hdr, 12, bigEndian);
        if (capLen > RawPacket.MAX_CAPLEN) {
            // Record framing cannot be trusted past this point: stop rather than resync on garbage.
            return stop(off, frame, "invalid capture length " + capLen + ", bigger than maximum of " + RawPacket.MAX_CAPLEN + "; reading stops");
        }
        long unit = nanos ? 1_000_000_000L : 1_000_000L;
        if (frac >= unit) {
            warn(off, frame, "timestamp fraction " + frac + (nanos ? " ns" : " µs") + " is not below one second; carried into the seconds");
        }
        long micros = nanos ? frac / 1000 : frac; // frac < 2^32, so no overflow below
        p.timeMicros = sec * 1_000_000L + micros;
        if (capLen > origLen) {
            warn(off, frame, "capture length " + capLen + " is larger than the original length " + origLen + "; the captured bytes are used");
        }
        int len = (int) capLen;
        int got = in.read(p.data, 0, len);
        if (got < len) return stop(off, frame, "truncated packet data: " + len + " bytes expected, " + got + " left; reading stops");
        // caplen > snaplen but within the maximum: accepted as Wireshark does; we advanced by caplen.
        p.capLen = len;
        p.origLen = Math.max(origLen, capLen);
        p.frame = frame;
        p.offset = off;
        p.linkType = linkType;
        return true;
    }
}
