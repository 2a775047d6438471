package io.github.handshakelab.capture;

import io.github.handshakelab.tcp.TcpFlags;

/**
 * Link layer, IPv4/IPv6 and TCP header decoding straight from the bytes. The indexing pass runs
 * this for every packet of files of gigabytes, so it parses the few fields it needs by hand
 * instead of building pcap4j packet objects (several objects and a copy of every layer per
 * packet); every length is checked against both the IP lengths and the captured bytes
 * (malformed-captures.md §4 cases 21 and 22) and no loop runs without advancing.
 */
public final class PacketDecoder {

    /** Result of {@link #decode}. */
    public static final int TCP = 1, OTHER = 0, BAD = -1;

    private PacketDecoder() {}

    /** Decodes {@code p}; for BAD, {@code v.problem} says why. */
    public static int decode(RawPacket p, TcpView v) {
        v.problem = null;
        byte[] d = p.data;
        int cap = p.capLen;
        long wire = p.origLen;
        int off;
        int ipVersion;
        switch (p.linkType) {
            case LinkTypes.ETHERNET -> {
                if (cap < 14) return bad(v, "Ethernet frame of " + cap + " bytes is shorter than its 14-byte header");
                int type = u16(d, 12);
                off = 14;
                // 802.1Q, 802.1ad (QinQ) and the old 0x9100 tags; bounded so a chain of tags ends.
                for (int tags = 0; (type == 0x8100 || type == 0x88A8 || type == 0x9100) && tags < 8; tags++) {
                    if (cap < off + 4) return bad(v, "VLAN tag cut off at byte " + off);
                    type = u16(d, off + 2);
                    off += 4;
                }
                ipVersion = ethertype(type);
            }
            case LinkTypes.LINUX_SLL -> {
                if (cap < 16) return bad(v, "Linux cooked (SLL) frame of " + cap + " bytes is shorter than its 16-byte header");
                off = 16;
                ipVersion = ethertype(u16(d, 14));
            }
            case LinkTypes.LINUX_SLL2 -> {
                if (cap < 20) return bad(v, "Linux cooked (SLL2) frame of " + cap + " bytes is shorter than its 20-byte header");
                off = 20;
                ipVersion = ethertype(u16(d, 0));
            }
            case LinkTypes.NULL, LinkTypes.LOOP -> {
                if (cap < 4) return bad(v, "loopback frame of " + cap + " bytes is shorter than its 4-byte header");
                // NULL carries the family in the capturing host's byte order, LOOP in network order.
                int fam = p.linkType == LinkTypes.LOOP ? (int) CaptureReader.u32(d, 0, true) : (int) CaptureReader.u32(d, 0, false);
                if ((fam & 0xFFFF0000) != 0) fam = Integer.reverseBytes(fam);
                off = 4;
                ipVersion = fam == 2 ? 4 : (fam == 10 || fam == 23 || fam == 24 || fam == 28 || fam == 30) ? 6 : 0;
            }
            case LinkTypes.RAW, LinkTypes.RAW_DLT12, LinkTypes.RAW_DLT14, LinkTypes.IPV4, LinkTypes.IPV6 -> {
                if (cap < 1) return bad(v, "empty raw IP packet");
                off = 0;
                ipVersion = (d[0] & 0xff) >>> 4;
                if (ipVersion != 4 && ipVersion != 6) return bad(v, "raw IP packet with IP version " + ipVersion);
                if (p.linkType == LinkTypes.IPV4 && ipVersion != 4) return bad(v, "IP version " + ipVersion + " on an IPv4 link");
                if (p.linkType == LinkTypes.IPV6 && ipVersion != 6) return bad(v, "IP version " + ipVersion + " on an IPv6 link");
            }
            default -> {
                return OTHER;
            }
        }
        if (ipVersion == 0) return OTHER;
        long avail = wire - off; // bytes of this packet on the wire after the link header
        int tcpOff, tcpLen;
        if (ipVersion == 4) {
            if (cap < off + 20) return bad(v, "IPv4 header truncated: " + Math.max(0, cap - off) + " bytes captured, 20 needed");
            if ((d[off] & 0xff) >>> 4 != 4) return bad(v, "IP version " + ((d[off] & 0xff) >>> 4) + " where IPv4 was announced");
            int ihl = (d[off] & 0x0f) * 4;
            if (ihl < 20) return bad(v, "IPv4 header length " + ihl + " bytes is less than 20");
            if (off + ihl > cap) return bad(v, "IPv4 header of " + ihl + " bytes runs past the captured data (" + (cap - off) + " bytes)");
            int total = u16(d, off + 2);
            if (total < ihl) return bad(v, "IPv4 total length " + total + " is less than its header length " + ihl);
            if (total > avail) return bad(v, "IPv4 total length " + total + " is larger than the frame (" + avail + " bytes)");
            if ((d[off + 9] & 0xff) != 6) return OTHER; // UDP, ICMP, IP-in-IP...: not ours, and no recursion
            int frag = u16(d, off + 6);
            if ((frag & 0x3FFF) != 0) {
                return bad(v, "IPv4 fragment (offset " + ((frag & 0x1FFF) * 8) + " bytes); fragments are not reassembled");
            }
            v.srcAddrOff = off + 12;
            v.dstAddrOff = off + 16;
            tcpOff = off + ihl;
            tcpLen = total - ihl;
        } else {
            if (cap < off + 40) return bad(v, "IPv6 header truncated: " + Math.max(0, cap - off) + " bytes captured, 40 needed");
            if ((d[off] & 0xff) >>> 4 != 6) return bad(v, "IP version " + ((d[off] & 0xff) >>> 4) + " where IPv6 was announced");
            int plen = u16(d, off + 4);
            if (plen == 0) return bad(v, "IPv6 payload length 0 (jumbogram or TSO): not supported");
            if (40L + plen > avail) return bad(v, "IPv6 payload length " + plen + " is larger than the frame (" + Math.max(0, avail - 40) + " bytes after the IPv6 header)");
            int next = d[off + 6] & 0xff;
            int pos = off + 40;
            int end = pos + plen;
            // Extension headers: each one advances by at least 8 bytes, and at most 16 are followed.
            for (int i = 0; next != 6; i++) {
                if (i == 16) return bad(v, "more than 16 IPv6 extension headers");
                int hlen;
                switch (next) {
                    case 0, 43, 60, 135, 139, 140 -> {
                        if (pos + 2 > cap) return bad(v, "IPv6 extension header " + next + " cut off by the capture");
                        hlen = ((d[pos + 1] & 0xff) + 1) * 8;
                    }
                    case 44 -> {
                        if (pos + 8 > cap) return bad(v, "IPv6 fragment header cut off by the capture");
                        int fo = u16(d, pos + 2);
                        if ((fo & 0xFFF9) != 0) return bad(v, "IPv6 fragment (offset " + (fo & 0xFFF8) + " bytes); fragments are not reassembled");
                        hlen = 8;
                    }
                    case 51 -> {
                        if (pos + 2 > cap) return bad(v, "IPv6 authentication header cut off by the capture");
                        hlen = ((d[pos + 1] & 0xff) + 2) * 4;
                    }
                    default -> {
                        return OTHER; // no next header (59), ESP, UDP, ICMPv6, ...
                    }
                }
                if (pos + hlen > end) return bad(v, "IPv6 extension header " + next + " runs past the payload");
                next = d[pos] & 0xff;
                pos += hlen;
            }
            v.srcAddrOff = off + 8;
            v.dstAddrOff = off + 24;
            tcpOff = pos;
            tcpLen = end - pos;
        }
        v.ipVersion = ipVersion;
        if (tcpLen < 20) return bad(v, "TCP segment of " + tcpLen + " bytes is shorter than its 20-byte header");
        if (tcpOff + 20 > cap) return bad(v, "TCP header truncated: " + Math.max(0, cap - tcpOff) + " bytes captured, 20 needed");
        int doff = (d[tcpOff + 12] & 0xff) >>> 4;
        if (doff < 5) return bad(v, "TCP data offset " + doff + " (" + doff * 4 + " bytes) is less than 5");
        int hl = doff * 4;
        if (hl > tcpLen) return bad(v, "TCP data offset " + doff + " (" + hl + " bytes) runs past the segment (" + tcpLen + " bytes)");
        if (tcpOff + hl > cap) return bad(v, "TCP header truncated: " + (cap - tcpOff) + " bytes captured, " + hl + " needed");
        int hend = tcpOff + hl;
        for (int i = tcpOff + 20; i < hend; ) {
            int kind = d[i] & 0xff;
            if (kind == 0) break;
            if (kind == 1) {
                i++;
                continue;
            }
            if (i + 1 >= hend) return bad(v, "TCP option kind " + kind + " has no length byte inside the header");
            int olen = d[i + 1] & 0xff;
            if (olen < 2) return bad(v, "TCP option kind " + kind + " has length " + olen + " (at least 2 needed)");
            if (i + olen > hend) return bad(v, "TCP option kind " + kind + " of length " + olen + " runs past the TCP header");
            i += olen;
        }
        int flags = ((d[tcpOff + 12] & 0x01) << 8) | (d[tcpOff + 13] & 0xff);
        boolean syn = (flags & TcpFlags.SYN) != 0;
        if ((syn && (flags & (TcpFlags.FIN | TcpFlags.RST)) != 0) || flags == 0) {
            return bad(v, "odd TCP flags " + new TcpFlags(flags) + "; segment not replayed");
        }
        v.srcPort = u16(d, tcpOff);
        v.dstPort = u16(d, tcpOff + 2);
        v.seq = (int) CaptureReader.u32(d, tcpOff + 4, true);
        v.ack = (int) CaptureReader.u32(d, tcpOff + 8, true);
        v.flags = flags;
        v.window = u16(d, tcpOff + 14);
        v.tcpOff = tcpOff;
        v.tcpHeaderLen = hl;
        v.payloadOff = hend;
        v.payloadLen = tcpLen - hl;
        v.payloadCaptured = Math.max(0, Math.min(v.payloadLen, cap - hend));
        return TCP;
    }

    private static int ethertype(int type) {
        return type == 0x0800 ? 4 : type == 0x86DD ? 6 : 0;
    }

    private static int bad(TcpView v, String problem) {
        v.problem = problem;
        return BAD;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }
}
