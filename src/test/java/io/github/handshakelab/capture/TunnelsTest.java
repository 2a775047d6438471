package io.github.handshakelab.capture;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * TCP inside tunnels (issue #11): the fixtures of captures/tunnels/ are written by
 * make_tunnels.py with scapy; each carries the same exchange, keyed by its inner addresses.
 */
class TunnelsTest {

    static final String DIR = "src/test/resources/captures/tunnels/";

    static final List<String> FLAGS = List.of("SYN", "SYN, ACK", "ACK", "PSH, ACK", "ACK", "FIN, ACK", "ACK", "FIN, ACK", "ACK");
    static final long[][] NUMBERS = { // seq, ack (-1: none), len, relative
            {0, -1, 0}, {0, 1, 0}, {1, 1, 0}, {1, 1, 5}, {1, 6, 0}, {6, 1, 0}, {1, 7, 0}, {1, 7, 0}, {7, 2, 0}};

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ipip.pcap,      192.168.1.10, 192.168.2.20, Ethernet / IPv4 203.0.113.1 → 198.51.100.2 / IP-in-IP / IPv4 192.168.1.10 → 192.168.2.20 / TCP 40000 → 80",
            "6in4.pcap,      fd00::10,     fd00::20,     Ethernet / IPv4 203.0.113.1 → 198.51.100.2 / 6in4 / IPv6 fd00::10 → fd00::20 / TCP 40000 → 80",
            "gre.pcap,       192.168.1.10, 192.168.2.20, Ethernet / IPv4 203.0.113.1 → 198.51.100.2 / GRE key=7 / IPv4 192.168.1.10 → 192.168.2.20 / TCP 40000 → 80",
            "gre-ipv6.pcap,  fd00::10,     fd00::20,     Ethernet / IPv4 203.0.113.1 → 198.51.100.2 / GRE key=8 / IPv6 fd00::10 → fd00::20 / TCP 40000 → 80",
            "vxlan.pcap,     192.168.1.10, 192.168.2.20, Ethernet / IPv4 203.0.113.1 → 198.51.100.2 / UDP 49152 → 4789 / VXLAN vni=42 / IPv4 192.168.1.10 → 192.168.2.20 / TCP 40000 → 80",
            "gtpu.pcap,      192.168.1.10, 192.168.2.20, Ethernet / IPv4 203.0.113.1 → 198.51.100.2 / UDP 2152 → 2152 / GTP-U teid=287454020 / IPv4 192.168.1.10 → 192.168.2.20 / TCP 40000 → 80",
            "gtpu-ipv6.pcap, fd00::10,     fd00::20,     Ethernet / IPv4 203.0.113.1 → 198.51.100.2 / UDP 2152 → 2152 / GTP-U teid=287454020 / IPv6 fd00::10 → fd00::20 / TCP 40000 → 80",
            "ah.pcap,        192.168.1.10, 192.168.2.20, Ethernet / IPv4 192.168.1.10 → 192.168.2.20 / AH / TCP 40000 → 80",
            "ah-ipv6.pcap,   fd00::10,     fd00::20,     Ethernet / IPv6 fd00::10 → fd00::20 / AH / TCP 40000 → 80",
            "ah-tunnel.pcap, 192.168.1.10, 192.168.2.20, Ethernet / IPv4 203.0.113.1 → 198.51.100.2 / AH / IP-in-IP / IPv4 192.168.1.10 → 192.168.2.20 / TCP 40000 → 80",
    })
    void conversationInsideTheTunnel(String file, String client, String server, String layers) throws IOException {
        Path f = Path.of(DIR + file);
        IndexResult r = ConversationIndex.index(f);
        assertEquals(List.of(), r.warnings());
        assertEquals(9, r.tcpPackets());
        assertEquals(1, r.conversations().size());
        Conversation c = r.conversations().get(0);
        assertEquals(client, c.clientAddress());
        assertEquals(40000, c.clientPort());
        assertEquals(server, c.serverAddress());
        assertEquals(80, c.serverPort());
        assertEquals(Conversation.Opened.HANDSHAKE, c.opened());
        assertEquals(Conversation.Closed.FIN, c.closed());
        assertEquals(5, c.packetsToServer());

        Trace t = CaptureTraces.load(f, 0);
        List<TraceEvent.Segment> segs = t.segments();
        assertEquals(9, segs.size());
        for (int i = 0; i < 9; i++) {
            TraceEvent.Segment s = segs.get(i);
            assertEquals(FLAGS.get(i), s.flags().toString(), "segment " + (i + 1));
            assertEquals(NUMBERS[i][0], s.seq(), "seq of " + (i + 1));
            assertEquals(NUMBERS[i][1] < 0 ? TraceEvent.NONE : NUMBERS[i][1], s.ack(), "ack of " + (i + 1));
            assertEquals(NUMBERS[i][2], s.len(), "len of " + (i + 1));
            assertEquals(List.of(), s.analysis(), "analysis of " + (i + 1));
        }
        assertEquals(List.of("MSS=1460", "SACK_PERM", "WS=7"), segs.get(0).options());
        assertEquals(TcpState.TIME_WAIT, t.stateSequence(Side.CLIENT).get(t.stateSequence(Side.CLIENT).size() - 1));
        assertEquals(TcpState.CLOSED, t.stateSequence(Side.SERVER).get(t.stateSequence(Side.SERVER).size() - 1));

        // The inspector shows the outer layers.
        String details = FrameDetails.describe(f, 1);
        assertTrue(details.contains("\nLayers: " + layers.strip() + "\n"), details);
    }

    /** Snap length 60 leaves 26 bytes of TCP: the SYNs' options are cut, yet every segment counts. */
    @Test
    void segmentsWithTheirHeaderCutBySnapLengthCountAndAreMarked() throws IOException {
        Path f = Path.of(DIR + "snaplen60.pcap");
        IndexResult r = ConversationIndex.index(f);
        assertEquals(List.of(), r.warnings());
        assertEquals(9, r.tcpPackets());
        assertEquals(Conversation.Opened.HANDSHAKE, r.conversations().get(0).opened());
        Trace t = CaptureTraces.load(f, 0);
        List<TraceEvent.Segment> segs = t.segments();
        assertEquals(9, segs.size());
        assertEquals(List.of("TRUNCATED"), segs.get(0).analysis());
        assertEquals(List.of("TRUNCATED"), segs.get(1).analysis());
        assertEquals(List.of("MSS=1460", "SACK_PERM"), segs.get(0).options()); // what was captured; WS=7 was cut off
        assertEquals(List.of(), segs.get(2).analysis()); // a 20-byte header fits in 26 bytes
        assertEquals(5, segs.get(3).len()); // the length comes from the IP header, not from what was captured
        assertTrue(segs.get(0).explain().stream().anyMatch(x -> x.english().contains("snap length")));
    }

    /** GRE version 1 (PPTP) and a UDP packet to the VXLAN port without the VNI flag are not followed. */
    @Test
    void notEveryUdpOrGrePacketIsATunnel() {
        RawPacket p = new RawPacket();
        byte[] inner = Bytes.ipv4(Bytes.A, Bytes.B, 6, Bytes.tcp(40000, 80, 1, 0, Bytes.SYN, 100, new byte[0], 0));
        byte[] gre1 = Bytes.be().u16(0x2001).u16(0x880B).u32(0).raw(inner).bytes();
        byte[] udp = Bytes.be().u16(5000).u16(4789).u16(8 + 8 + inner.length).u16(0).u8(0).zeros(7).raw(inner).bytes();
        for (byte[] frame : List.of(Bytes.eth(0x0800, Bytes.ipv4(Bytes.A, Bytes.B, 47, gre1)),
                Bytes.eth(0x0800, Bytes.ipv4(Bytes.A, Bytes.B, 17, udp)))) {
            System.arraycopy(frame, 0, p.data, 0, frame.length);
            p.capLen = frame.length;
            p.origLen = frame.length;
            p.linkType = LinkTypes.ETHERNET;
            assertEquals(PacketDecoder.OTHER, PacketDecoder.decode(p, new TcpView()));
        }
    }
}
