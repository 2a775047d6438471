package io.github.handshakelab.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng (draft-ietf-opsawg-pcapng): several sections, each with its own byte order and its own
 * interfaces (link type, if_tsresol, if_tsoffset per interface); Enhanced, Simple and the
 * obsolete Packet blocks; every other block type is skipped by its length. Checks follow
 * libpcap's sf-pcapng.c and the checklist in shared/reference/malformed-captures.md §4.
 */
final class PcapngReader extends CaptureReader {

    static final int SHB = 0x0A0D0D0A, IDB = 1, PB = 2, SPB = 3, EPB = 6;
    static final int MAX_INTERFACES = 65_536;

    /** One Interface Description Block. */
    private static final class Iface {
        int linkType;
        boolean supported;
        long snaplen;
        boolean binary;   // if_tsresol: 2^-exp when true, else 10^-exp
        int exp = 6;      // default resolution: microseconds
        long offsetSec;   // if_tsoffset
    }

    private final byte[] hdr = new byte[12];
    private byte[] block = new byte[64 * 1024];
    private final long fileSize;
    private boolean bigEndian;
    private final List<Iface> ifaces = new ArrayList<>();
    private long lastTime;

    PcapngReader(String name, ByteInput in, CountingStream raw, long fileSize) {
        super(name, in, raw, fileSize < 0 ? 0 : fileSize);
        this.fileSize = fileSize;
    }

    @Override
    public String format() {
        return "pcapng";
    }

    @Override
    void readFileHeader() throws IOException {
        // The magic (4 bytes) is already consumed; an SHB needs at least 28 bytes in all.
        int n = in.read(hdr, 4, 8);
        if (n < 8) throw error(0, "truncated file header: a pcapng section header needs 28 bytes, the file has " + (4 + n));
        String problem = readShb(0);
        if (problem != null) throw error(0, problem);
    }

    /** Reads the rest of an SHB whose first 12 bytes are in {@code hdr}; returns a problem or null. */
    private String readShb(long off) throws IOException {
        long bom = u32(hdr, 8, true);
        if (bom == 0x1A2B3C4DL) bigEndian = true;
        else if (bom == 0x4D3C2B1AL) bigEndian = false;
        else return String.format("bad byte-order magic 0x%08x in section header block", bom);
        long len = u32(hdr, 4, bigEndian);
        String bad = checkLength(off, SHB, len);
        if (bad != null) return bad;
        int body = (int) len - 12; // after type, length and BOM; before the trailer
        if (!readBody(body)) return "truncated section header block: " + len + " bytes expected";
        int major = u16(block, 0, bigEndian), minor = u16(block, 2, bigEndian);
        // libpcap reads 1.0, and 1.2 which only added block types.
        if (major != 1 || (minor != 0 && minor != 2)) return "unsupported pcapng version " + major + "." + minor + " (this reader reads 1.0)";
        long trailer = u32(block, body - 4, bigEndian);
        if (trailer != len) return "block total length " + len + " in header and " + trailer + " in trailer don't match";
        ifaces.clear(); // interface ids are per section
        return null;
    }

    /** Checks a block's total length before anything is read or allocated from it. */
    private String checkLength(long off, long type, long len) {
        long min = type == SHB ? 28 : type == IDB ? 20 : type == EPB || type == PB ? 32 : type == SPB ? 16 : 12;
        String what = type == SHB ? "a section header block" : type == IDB ? "an interface description block"
                : type == EPB ? "an enhanced packet block" : type == SPB ? "a simple packet block"
                : type == PB ? "a packet block" : "a block of type " + type;
        if (len < min) return "block total length " + len + " is less than the minimum " + min + " for " + what;
        if (len % 4 != 0) return "block total length " + len + " is not a multiple of 4";
        if (len > MAX_BLOCK) return "block total length " + len + " is larger than the maximum " + MAX_BLOCK;
        if (fileSize >= 0 && len - (type == SHB ? 12 : 8) > fileSize - in.position()) {
            return "block total length " + len + " runs past the end of the file (" + (fileSize - off) + " bytes left)";
        }
        return null;
    }

    /** Reads {@code n} bytes (n <= MAX_BLOCK, already checked) into the block buffer. */
    private boolean readBody(int n) throws IOException {
        if (block.length < n) block = new byte[Math.max(n, Math.min(MAX_BLOCK, block.length * 2))];
        return in.read(block, 0, n) == n;
    }

    @Override
    boolean readNext(RawPacket p) throws IOException {
        while (true) {
            long off = in.position();
            int n = in.read(hdr, 0, 8);
            if (n == 0) {
                ended = true;
                return false;
            }
            if (n < 8) return stop(off, frames + 1, "truncated block header: 8 bytes expected, " + n + " left; reading stops");
            long type = u32(hdr, 0, bigEndian);
            if (type == SHB) {
                if (in.read(hdr, 8, 4) < 4) return stop(off, frames + 1, "truncated section header block; reading stops");
                String problem = readShb(off);
                if (problem != null) return stop(off, frames + 1, problem + "; reading stops");
                continue;
            }
            long len = u32(hdr, 4, bigEndian);
            boolean packet = type == EPB || type == SPB || type == PB;
            String bad = checkLength(off, type, len);
            if (bad != null) return stop(off, packet ? frames + 1 : -1, bad + "; reading stops");
            int body = (int) len - 8; // including the trailer
            if (type != IDB && !packet) {
                // Unknown or uninteresting block (NRB, ISB, DSB, custom...): skip by its length.
                if (in.skip(body - 4) < body - 4 || in.read(hdr, 8, 4) < 4) {
                    return stop(off, -1, "truncated block of type " + type + ": " + len + " bytes expected; reading stops");
                }
                long trailer = u32(hdr, 8, bigEndian);
                if (trailer != len) return stop(off, -1, "block total length " + len + " in header and " + trailer + " in trailer don't match; reading stops");
                continue;
            }
            long frame = packet ? ++frames : -1;
            if (!readBody(body)) return stop(off, frame, "truncated block: " + len + " bytes expected; reading stops");
            long trailer = u32(block, body - 4, bigEndian);
            if (trailer != len) return stop(off, frame, "block total length " + len + " in header and " + trailer + " in trailer don't match; reading stops");
            int content = body - 4;
            if (type == IDB) {
                if (!readIdb(off, content)) return false;
                continue;
            }
            if (packetBlock(p, off, frame, (int) type, content)) return true;
        }
    }

    private boolean readIdb(long off, int content) {
        if (ifaces.size() >= MAX_INTERFACES) return stop(off, -1, "more than " + MAX_INTERFACES + " interfaces in one section; reading stops");
        Iface f = new Iface();
        int id = ifaces.size();
        f.linkType = u16(block, 0, bigEndian);
        f.snaplen = u32(block, 4, bigEndian);
        f.supported = LinkTypes.supported(f.linkType);
        boolean sawResol = false, sawOffset = false;
        int pos = 8;
        // Bounds-checked TLV walk; a missing opt_endofopt is legal (pcap-file#40).
        while (pos + 4 <= content) {
            int code = u16(block, pos, bigEndian);
            int olen = u16(block, pos + 2, bigEndian);
            if (code == 0) break;
            int vpos = pos + 4;
            if (olen > content - vpos) {
                warn(off, -1, "interface " + id + ": option " + code + " length " + olen + " runs past the end of the block; remaining options ignored");
                break;
            }
            if (code == 9) { // if_tsresol
                if (olen != 1) {
                    warn(off, -1, "interface " + id + ": if_tsresol has length " + olen + ", not 1; ignored");
                } else if (sawResol) {
                    warn(off, -1, "interface " + id + ": duplicate if_tsresol option; the first one is used");
                } else {
                    sawResol = true;
                    int v = block[vpos] & 0xff;
                    boolean bin = (v & 0x80) != 0;
                    int e = v & 0x7f;
                    // 2^-64 and beyond, or 10^-20 and beyond, do not fit 64-bit ticks (libpcap#1713, zeek#5884).
                    if ((bin && e > 63) || (!bin && e > 19)) {
                        warn(off, -1, "interface " + id + ": timestamp resolution " + (bin ? "2^-" : "10^-") + e + " is too high; its packets are skipped");
                        f.supported = false;
                    } else {
                        f.binary = bin;
                        f.exp = e;
                    }
                }
            } else if (code == 14) { // if_tsoffset
                if (olen != 8) {
                    warn(off, -1, "interface " + id + ": if_tsoffset has length " + olen + ", not 8; ignored");
                } else if (sawOffset) {
                    warn(off, -1, "interface " + id + ": duplicate if_tsoffset option; the first one is used");
                } else {
                    sawOffset = true;
                    // A 64-bit signed integer in the section's byte order.
                    f.offsetSec = bigEndian ? (u32(block, vpos, true) << 32) | u32(block, vpos + 4, true)
                            : (u32(block, vpos + 4, false) << 32) | u32(block, vpos, false);
                }
            }
            pos = vpos + ((olen + 3) & ~3); // always advances by at least 4
        }
        if (!LinkTypes.supported(f.linkType)) {
            warn(off, -1, "interface " + id + " has unsupported link type " + f.linkType + "; its packets are skipped (" + LinkTypes.supportedList() + ")");
        }
        ifaces.add(f);
        return true;
    }

    /** Fills {@code p} from a packet block; false when the packet is skipped (with a warning). */
    private boolean packetBlock(RawPacket p, long off, long frame, int type, int content) {
        int ifId;
        long ticks = -1, capLen, origLen;
        int data;
        if (type == SPB) {
            ifId = 0;
            origLen = u32(block, 0, bigEndian);
            data = 4;
            capLen = Math.min(origLen, content - 4L); // the rest is padding
        } else if (type == EPB) {
            ifId = (int) Math.min(Integer.MAX_VALUE, u32(block, 0, bigEndian));
            ticks = (u32(block, 4, bigEndian) << 32) | u32(block, 8, bigEndian);
            capLen = u32(block, 12, bigEndian);
            origLen = u32(block, 16, bigEndian);
            data = 20;
        } else {
            ifId = u16(block, 0, bigEndian);
            ticks = (u32(block, 4, bigEndian) << 32) | u32(block, 8, bigEndian);
            capLen = u32(block, 12, bigEndian);
            origLen = u32(block, 16, bigEndian);
            data = 20;
        }
        if (ifaces.isEmpty()) {
            warn(off, frame, "packet block before any interface description block; skipped");
            return false;
        }
        if (ifId >= ifaces.size()) {
            warn(off, frame, "packet on interface " + ifId + ", but only " + ifaces.size() + " interface(s) are described; skipped");
            return false;
        }
        Iface f = ifaces.get(ifId);
        if (capLen > content - data) {
            // Never copy captured_len bytes from a smaller block (zeek#5885, PcapPlusPlus#2180).
            warn(off, frame, "captured length " + capLen + " runs past the end of the block (" + (content - data) + " bytes); clamped");
            capLen = content - data;
        }
        if (capLen > RawPacket.MAX_CAPLEN) {
            warn(off, frame, "invalid capture length " + capLen + ", bigger than maximum of " + RawPacket.MAX_CAPLEN + "; skipped");
            return false;
        }
        if (capLen > origLen) {
            warn(off, frame, "capture length " + capLen + " is larger than the original length " + origLen + "; the captured bytes are used");
        }
        if (!f.supported) return false;
        p.timeMicros = ticks < 0 && type == SPB ? lastTime : toMicros(f, ticks, off, frame);
        lastTime = p.timeMicros;
        System.arraycopy(block, data, p.data, 0, (int) capLen);
        p.capLen = (int) capLen;
        p.origLen = Math.max(origLen, capLen);
        p.frame = frame;
        p.offset = off;
        p.linkType = f.linkType;
        return true;
    }

    /** Ticks (unsigned 64-bit) in the interface's resolution to epoch microseconds, without overflow. */
    private long toMicros(Iface f, long ticks, long off, long frame) {
        long micros;
        if (f.binary) {
            int e = f.exp;
            long t = ticks;
            if (e > 43) { // keep lo * 10^6 below 2^63
                t = ticks >>> (e - 43);
                e = 43;
            }
            long hi = t >>> e, lo = t & ((1L << e) - 1);
            micros = sat(hi, 1_000_000L) + ((lo * 1_000_000L) >>> e);
        } else if (f.exp >= 6) {
            micros = Long.divideUnsigned(ticks, POW10[f.exp - 6]);
        } else {
            micros = ticks < 0 ? Long.MAX_VALUE : sat(ticks, POW10[6 - f.exp]);
        }
        if (f.offsetSec != 0) {
            long add = sat(Math.abs(f.offsetSec), 1_000_000L);
            micros = f.offsetSec > 0 ? (micros > Long.MAX_VALUE - add ? Long.MAX_VALUE : micros + add) : micros - add;
        }
        if (micros < 0 || micros == Long.MAX_VALUE) {
            warn(off, frame, "timestamp out of range; set to 0");
            micros = 0;
        }
        return micros;
    }

    private static final long[] POW10 = new long[19];
    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    /** a * b for non-negative a, b, saturating at Long.MAX_VALUE. */
    private static long sat(long a, long b) {
        if (a < 0) return Long.MAX_VALUE;
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }
}
