package io.github.handshakelab.capture;

import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.LinuxSllPacket;
import org.pcap4j.packet.Packet;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The full layer-by-layer decode of one frame for the inspector, by pcap4j's packet classes
 * (pure Java with pcap4j-packetfactory-static; DESIGN §6). The indexing pass does not use them:
 * building several objects per packet would cost too much on large files (see PacketDecoder).
 * pcap4j is not hardened against malformed input (kaitoy/pcap4j#24), so any failure of its
 * decode becomes a one-line note instead of an exception.
 */
public final class FrameDetails {

    private FrameDetails() {}

    /** Decodes frame number {@code frame} (1-based) of {@code file}; IOException if there is no such frame. */
    public static String describe(Path file, long frame) throws IOException {
        try (CaptureReader r = CaptureReader.open(file)) {
            RawPacket p = new RawPacket();
            while (r.next(p)) {
                if (p.frame() == frame) return describe(p);
                if (p.frame() > frame) break;
            }
            throw new CaptureException(r.fileName() + ": no frame " + frame + " (the file has " + r.frames() + " frames)");
        }
    }

    static String describe(RawPacket p) {
        byte[] d = p.data();
        int len = p.capLen();
        String head = "Frame " + p.frame() + ": " + len + " bytes captured, " + p.origLen() + " on the wire, link type "
                + p.linkType() + "\n" + layers(p);
        try {
            Packet packet = switch (p.linkType()) {
                case LinkTypes.ETHERNET -> EthernetPacket.newPacket(d, 0, len);
                case LinkTypes.LINUX_SLL -> LinuxSllPacket.newPacket(d, 0, len);
                case LinkTypes.LINUX_SLL2 -> ip(d, 20, len - 20);
                case LinkTypes.NULL, LinkTypes.LOOP -> ip(d, 4, len - 4);
                default -> ip(d, 0, len);
            };
            return head + (packet == null ? "(not an IP packet)\n" : packet.toString());
        } catch (IllegalRawDataException | RuntimeException e) {
            return head + "(pcap4j cannot decode this frame: " + e.getMessage() + ")\n";
        }
    }

    /**
     * One line naming every layer our decoder passed, outer to inner ("Ethernet / IPv4 a → b /
     * GRE key=7 / IPv4 c → d / TCP 40000 → 80"): pcap4j stops at tunnels it does not know (GRE,
     * VXLAN, GTP-U), so the outer layers of a tunnelled conversation are shown from here.
     */
    static String layers(RawPacket p) {
        TcpView v = new TcpView();
        v.layers = new StringBuilder();
        int r = PacketDecoder.decode(p, v);
        String s = v.layers.toString();
        if (s.startsWith(" / ")) s = s.substring(3);
        if (s.isEmpty()) return "";
        return "Layers: " + s + (r == PacketDecoder.BAD ? " (" + v.problem + ")" : "") + "\n";
    }

    private static Packet ip(byte[] d, int off, int len) throws IllegalRawDataException {
        if (len < 1) return null;
        int v = (d[off] & 0xff) >>> 4;
        return v == 4 ? IpV4Packet.newPacket(d, off, len) : v == 6 ? IpV6Packet.newPacket(d, off, len) : null;
    }
}
