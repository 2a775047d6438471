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
        v.truncated = false;
        byte[] d = p.data;
        int cap = p.capLen;
        long wire = p.origLen;
        int off;
        int ipVersion;
        switch (p.linkType) {
            case LinkTypes.ETHERNET -> {
                if (cap < 14) return bad(v, "Ethernet frame of " + cap + " bytes is shorter than its 14-byte header");
                if (v.layers != null) v.layers.append("Ethernet");
                off = ethernet(d, 0, cap, v);
                if (off < 0) return BAD;
                ipVersion = v.nextVersion;
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
        v.tunnels = 0;
        // Each pass decodes one IP header; a tunnel (IP-in-IP, 6in4, GRE, VXLAN, GTP-U) starts another
        // pass on the inner packet, so a conversation is keyed by its inner addresses, as Wireshark's.
        for (;;) {
            int proto, pos, end;
            if (ipVersion == 4) {
                if (cap < off + 20) return bad(v, "IPv4 header truncated: " + Math.max(0, cap - off) + " bytes captured, 20 needed");
                if ((d[off] & 0xff) >>> 4 != 4) return bad(v, "IP version " + ((d[off] & 0xff) >>> 4) + " where IPv4 was announced");
                int ihl = (d[off] & 0x0f) * 4;
                if (ihl < 20) return bad(v, "IPv4 header length " + ihl + " bytes is less than 20");
                if (off + ihl > cap) return bad(v, "IPv4 header of " + ihl + " bytes runs past the captured data (" + (cap - off) + " bytes)");
                int total = u16(d, off + 2);
                if (total < ihl) return bad(v, "IPv4 total length " + total + " is less than its header length " + ihl);
                if (total > avail) return bad(v, "IPv4 total length " + total + " is larger than the frame (" + avail + " bytes)");
                proto = d[off + 9] & 0xff;
                if (proto != 6 && proto != 4 && proto != 41 && proto != 47 && proto != 17 && proto != 51) return OTHER;
                int frag = u16(d, off + 6);
                if ((frag & 0x3FFF) != 0) {
                    if (proto != 6) return OTHER; // a fragmented tunnel or UDP packet: not ours to reassemble
                    return bad(v, "IPv4 fragment (offset " + ((frag & 0x1FFF) * 8) + " bytes); fragments are not reassembled");
                }
                v.srcAddrOff = off + 12;
                v.dstAddrOff = off + 16;
                if (v.layers != null) v.layers.append(" / IPv4 ").append(Addresses.format(d, off + 12, 4)).append(" → ")
                        .append(Addresses.format(d, off + 16, 4));
                pos = off + ihl;
                end = off + total;
                // AH (RFC 4302 §2.2): its length counts 32-bit words minus 2; the IPv6 walk below handles it in IPv6.
                for (int i = 0; proto == 51; i++) {
                    if (i == 4) return bad(v, "more than 4 IPsec authentication headers");
                    if (pos + 2 > cap) return bad(v, "IPsec authentication header cut off by the capture");
                    int hlen = ((d[pos + 1] & 0xff) + 2) * 4;
                    if (pos + hlen > end) return bad(v, "IPsec authentication header of " + hlen + " bytes runs past the IPv4 payload");
                    if (v.layers != null) v.layers.append(" / AH");
                    proto = d[pos] & 0xff;
                    pos += hlen;
                }
            } else {
                if (cap < off + 40) return bad(v, "IPv6 header truncated: " + Math.max(0, cap - off) + " bytes captured, 40 needed");
                if ((d[off] & 0xff) >>> 4 != 6) return bad(v, "IP version " + ((d[off] & 0xff) >>> 4) + " where IPv6 was announced");
                int plen = u16(d, off + 4);
                if (plen == 0) return bad(v, "IPv6 payload length 0 (jumbogram or TSO): not supported");
                if (40L + plen > avail) return bad(v, "IPv6 payload length " + plen + " is larger than the frame (" + Math.max(0, avail - 40) + " bytes after the IPv6 header)");
                int next = d[off + 6] & 0xff;
                pos = off + 40;
                end = pos + plen;
                if (v.layers != null) v.layers.append(" / IPv6 ").append(Addresses.format(d, off + 8, 16)).append(" → ")
                        .append(Addresses.format(d, off + 24, 16));
                // Extension headers: each one advances by at least 8 bytes, and at most 16 are followed.
                for (int i = 0; next != 6 && next != 4 && next != 41 && next != 47 && next != 17; i++) {
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
                            if (v.layers != null) v.layers.append(" / AH");
                        }
                        default -> {
                            return OTHER; // no next header (59), ESP, ICMPv6, ...
                        }
                    }
                    if (pos + hlen > end) return bad(v, "IPv6 extension header " + next + " runs past the payload");
                    next = d[pos] & 0xff;
                    pos += hlen;
                }
                proto = next;
                v.srcAddrOff = off + 8;
                v.dstAddrOff = off + 24;
            }
            if (proto == 6) {
                v.ipVersion = ipVersion;
                tcpOff = pos;
                tcpLen = end - pos;
                break;
            }
            // A tunnel: find the inner packet.
            if (++v.tunnels > MAX_TUNNELS) return bad(v, "more than " + MAX_TUNNELS + " nested tunnels");
            int inner = tunnel(d, proto, pos, end, cap, v);
            if (inner < 0) return inner == BAD ? BAD : OTHER; // BAD (with v.problem) or NO_TUNNEL
            off = inner;
            ipVersion = v.nextVersion;
            if (ipVersion == 0) return OTHER;
            avail = end - off;
        }
        if (tcpLen < 20) return bad(v, "TCP segment of " + tcpLen + " bytes is shorter than its 20-byte header");
        // Cut by the snap length: with ports, numbers, flags and window (16 bytes) it still counts for its
        // conversation, as in Wireshark, marked truncated; less than that cannot be placed in a stream.
        if (tcpOff + 16 > cap) return bad(v, "TCP header truncated: " + Math.max(0, cap - tcpOff) + " bytes captured, 16 needed");
        v.truncated = tcpOff + 20 > cap;
        int doff = (d[tcpOff + 12] & 0xff) >>> 4;
        if (doff < 5) return bad(v, "TCP data offset " + doff + " (" + doff * 4 + " bytes) is less than 5");
        int hl = doff * 4;
        if (hl > tcpLen) return bad(v, "TCP data offset " + doff + " (" + hl + " bytes) runs past the segment (" + tcpLen + " bytes)");
        if (tcpOff + hl > cap) v.truncated = true;
        int hend = tcpOff + hl;
        int optEnd = Math.min(hend, cap); // options cut by the snap length are not read
        for (int i = tcpOff + 20; i < optEnd; ) {
            int kind = d[i] & 0xff;
            if (kind == 0) break;
            if (kind == 1) {
                i++;
                continue;
            }
            if (i + 1 >= hend) return bad(v, "TCP option kind " + kind + " has no length byte inside the header");
            if (i + 1 >= optEnd) break; // cut by the snap length
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
        if (v.layers != null) v.layers.append(" / TCP ").append(v.srcPort).append(" → ").append(v.dstPort)
                .append(v.truncated ? " (header cut by the snap length)" : "");
        v.tcpOff = tcpOff;
        v.tcpHeaderLen = hl;
        v.payloadOff = hend;
        v.payloadLen = tcpLen - hl;
        v.payloadCaptured = Math.max(0, Math.min(v.payloadLen, cap - hend));
        return TCP;
    }

    /** Tunnels followed inside one packet at most (each must advance, and this bounds the work). */
    static final int MAX_TUNNELS = 4;

    static final int VXLAN_PORT = 4789, GTP_U_PORT = 2152;

    /** From {@link #tunnel}: no IP packet inside that we follow (a negative offset, unlike OTHER). */
    private static final int NO_TUNNEL = -2;

    /**
     * An Ethernet header at {@code off} (802.1Q/QinQ tags skipped): returns the offset of its
     * payload and sets {@code v.nextVersion} (0 for a payload that is not IP), or BAD.
     */
    private static int ethernet(byte[] d, int off, int cap, TcpView v) {
        if (cap < off + 14) return bad(v, "Ethernet header cut off at byte " + off);
        int type = u16(d, off + 12);
        int pos = off + 14;
        // 802.1Q, 802.1ad (QinQ) and the old 0x9100 tags; bounded so a chain of tags ends.
        for (int tags = 0; (type == 0x8100 || type == 0x88A8 || type == 0x9100) && tags < 8; tags++) {
            if (cap < pos + 4) return bad(v, "VLAN tag cut off at byte " + pos);
            type = u16(d, pos + 2);
            pos += 4;
        }
        v.nextVersion = ethertype(type);
        return pos;
    }

    /**
     * The packet inside a tunnel whose header starts at {@code pos}: returns its offset with
     * {@code v.nextVersion} set, OTHER for something that carries no IP, or BAD with a reason.
     */
    private static int tunnel(byte[] d, int proto, int pos, int end, int cap, TcpView v) {
        switch (proto) {
            case 4, 41 -> { // IP-in-IP (RFC 2003), IPv6-in-IPv4 (6in4, RFC 4213)
                if (v.layers != null) v.layers.append(proto == 4 ? " / IP-in-IP" : " / 6in4");
                v.nextVersion = proto == 4 ? 4 : 6;
                return pos;
            }
            case 47 -> { // GRE (RFC 2784, key and sequence number of RFC 2890)
                if (pos + 4 > cap) return bad(v, "GRE header cut off by the capture");
                int flags = u16(d, pos), type = u16(d, pos + 2);
                if ((flags & 0x7) != 0 || (flags & 0x4000) != 0) return NO_TUNNEL; // version 1 (PPTP) or source routing
                int hlen = 4 + ((flags & 0x8000) != 0 ? 4 : 0) + ((flags & 0x2000) != 0 ? 4 : 0) + ((flags & 0x1000) != 0 ? 4 : 0);
                if (pos + hlen > end) return bad(v, "GRE header of " + hlen + " bytes runs past the packet");
                if (pos + hlen > cap) return bad(v, "GRE header cut off by the capture");
                if (v.layers != null) {
                    v.layers.append(" / GRE");
                    if ((flags & 0x2000) != 0) {
                        int k = pos + 4 + ((flags & 0x8000) != 0 ? 4 : 0);
                        v.layers.append(" key=").append(CaptureReader.u32(d, k, true));
                    }
                }
                if (type == 0x6558) { // transparent Ethernet bridging (NVGRE)
                    int inner = ethernet(d, pos + hlen, cap, v);
                    return inner;
                }
                v.nextVersion = ethertype(type);
                return v.nextVersion == 0 ? NO_TUNNEL : pos + hlen;
            }
            case 17 -> {
                if (pos + 8 > cap) return NO_TUNNEL; // a UDP header cut off: not a tunnel we can follow
                int sport = u16(d, pos), dport = u16(d, pos + 2);
                int body = pos + 8;
                if (dport == VXLAN_PORT) { // VXLAN (RFC 7348): 8-byte header, then an Ethernet frame
                    if (body + 8 > cap) return bad(v, "VXLAN header cut off by the capture");
                    if ((d[body] & 0x08) == 0) return NO_TUNNEL; // no VNI: not VXLAN as we know it
                    if (v.layers != null) v.layers.append(" / UDP ").append(sport).append(" → ").append(dport)
                            .append(" / VXLAN vni=").append(CaptureReader.u32(d, body + 4, true) >>> 8);
                    return ethernet(d, body + 8, cap, v);
                }
                if (dport == GTP_U_PORT || sport == GTP_U_PORT) return gtpU(d, body, end, cap, v, sport, dport);
                return NO_TUNNEL;
            }
            default -> {
                return NO_TUNNEL;
            }
        }
    }

    /** GTP-U (3GPP TS 29.281 §5): a G-PDU carries an IP packet after the header and its extension headers. */
    private static int gtpU(byte[] d, int pos, int end, int cap, TcpView v, int sport, int dport) {
        if (pos + 8 > cap) return bad(v, "GTP-U header cut off by the capture");
        int flags = d[pos] & 0xff, type = d[pos + 1] & 0xff;
        if ((flags >>> 5) != 1 || (flags & 0x10) == 0 || type != 0xFF) return NO_TUNNEL; // not GTPv1 or not a G-PDU (echo, ...)
        int p = pos + 8;
        if ((flags & 0x07) != 0) { // E, S or PN: sequence number, N-PDU number and next extension type follow
            if (p + 4 > cap) return bad(v, "GTP-U optional fields cut off by the capture");
            int next = d[p + 3] & 0xff;
            p += 4;
            for (int i = 0; (flags & 0x04) != 0 && next != 0; i++) {
                if (i == 16) return bad(v, "more than 16 GTP-U extension headers");
                if (p + 1 > cap) return bad(v, "GTP-U extension header cut off by the capture");
                int len = (d[p] & 0xff) * 4;
                if (len == 0) return bad(v, "GTP-U extension header of length 0");
                if (p + len > end || p + len > cap) return bad(v, "GTP-U extension header runs past the packet");
                next = d[p + len - 1] & 0xff;
                p += len;
            }
        }
        if (p >= end || p >= cap) return NO_TUNNEL;
        if (v.layers != null) v.layers.append(" / UDP ").append(sport).append(" → ").append(dport)
                .append(" / GTP-U teid=").append(CaptureReader.u32(d, pos + 4, true));
        int ver = (d[p] & 0xff) >>> 4;
        v.nextVersion = ver == 4 || ver == 6 ? ver : 0;
        return p;
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
