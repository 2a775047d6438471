package io.github.handshakelab.capture;

/**
 * One packet record, reused by the reader for every packet so that reading allocates nothing per
 * packet. {@code data} is valid from 0 to {@code capLen}; it is overwritten by the next read.
 */
public final class RawPacket {

    /** Largest captured length accepted (libpcap's MAXIMUM_SNAPLEN). */
    public static final int MAX_CAPLEN = 262_144;

    final byte[] data = new byte[MAX_CAPLEN];
    int capLen;
    long origLen;
    long frame;
    long offset;
    long timeMicros;
    int linkType;

    public byte[] data() { return data; }
    public int capLen() { return capLen; }
    /** Length on the wire (unsigned 32-bit in the file). */
    public long origLen() { return origLen; }
    /** 1-based number of this packet record in the file, as Wireshark's frame.number. */
    public long frame() { return frame; }
    /** Byte offset of the record (pcap) or block (pcapng) in the uncompressed file. */
    public long offset() { return offset; }
    /** Capture time, microseconds since the epoch. */
    public long timeMicros() { return timeMicros; }
    public int linkType() { return linkType; }
}
