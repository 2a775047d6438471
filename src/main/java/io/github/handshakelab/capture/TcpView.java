package io.github.handshakelab.capture;

import io.github.handshakelab.tcp.TcpFlags;

/**
 * The TCP/IP fields of one decoded packet, as offsets into the packet's bytes: filled by
 * {@link PacketDecoder} for every packet without allocating.
 */
public final class TcpView {
    int ipVersion;
    int srcAddrOff;
    int dstAddrOff;
    int srcPort;
    int dstPort;
    int seq;
    int ack;
    int flags;
    int window;
    int tcpOff;
    int tcpHeaderLen;
    /** Payload length from the IP lengths (the wire), not from what was captured. */
    int payloadLen;
    int payloadOff;
    /** Payload bytes actually in the capture (less than payloadLen when snaplen cut it). */
    int payloadCaptured;
    String problem;
    /** The TCP header was cut by the snap length (options or more missing): counted, marked truncated. */
    boolean truncated;
    /** Tunnels passed to reach the innermost IP header. */
    int tunnels;
    /** Scratch for the decoder: IP version of the next layer. */
    int nextVersion;
    /** When not null, the decoder appends the layers it passes ("Ethernet / IPv4 a → b / GRE / ..."). */
    StringBuilder layers;

    public int ipVersion() { return ipVersion; }
    public int srcPort() { return srcPort; }
    public int dstPort() { return dstPort; }
    public int seq() { return seq; }
    public int ack() { return ack; }
    public TcpFlags flags() { return new TcpFlags(flags); }
    public int rawFlags() { return flags; }
    public int window() { return window; }
    public int payloadLen() { return payloadLen; }
    public boolean truncated() { return truncated; }
    public int addrLen() { return ipVersion == 4 ? 4 : 16; }
}
