package io.github.handshakelab.capture;

import java.io.IOException;

/**
 * Packets as they come, from a live interface (libpcap through pcap4j) or from a script in the
 * tests: the live side of the one pipeline (decoder, {@link ConversationIndex.Indexer},
 * {@link CaptureTraceBuilder}) that files go through as well.
 */
public interface PacketSource extends AutoCloseable {

    /** What {@link #next} got: a packet, nothing for a while (the caller may print and check its clock), or the end. */
    enum Poll { PACKET, IDLE, END }

    /**
     * Reads the next packet into {@code p} (its data, lengths, time and link type; the frame
     * number is set by the session). Returns IDLE after a short wait without a packet.
     */
    Poll next(RawPacket p) throws IOException;

    /** The interface or script name, shown as the trace's file. */
    String name();

    /** The link type of the packets (for a pcapng file written from them). */
    int linkType();

    @Override
    void close();
}
