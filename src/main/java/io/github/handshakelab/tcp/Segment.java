package io.github.handshakelab.tcp;

/**
 * A simulated segment on the wire: only the header fields connection management needs.
 * {@code ack} is null when the ACK bit is off; {@code mss} is 0 when the option is absent.
 */
public record Segment(SeqNumber seq, SeqNumber ack, TcpFlags flags, int dataLen, int window, int mss) {

    public Segment {
        if (flags.ack() != (ack != null)) throw new IllegalArgumentException("ACK flag and ack field disagree");
        if (dataLen < 0) throw new IllegalArgumentException("negative data length");
    }

    /** SEG.LEN of RFC 9293 §3.4: data plus one for SYN and one for FIN. */
    public int seqLen() {
        return dataLen + (flags.syn() ? 1 : 0) + (flags.fin() ? 1 : 0);
    }

    /** The sequence number just after this segment (SEG.SEQ + SEG.LEN). */
    public SeqNumber end() {
        return seq.plus(seqLen());
    }
}
