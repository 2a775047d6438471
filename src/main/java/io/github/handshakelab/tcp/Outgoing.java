package io.github.handshakelab.tcp;

/**
 * A segment a {@link Connection} wants sent, with why its numbers are what they are: the
 * explanations are rendered later with relative numbers by whoever knows both ISNs.
 *
 * @param ackDelta for {@link AckWhy#DATA} the number of bytes newly acknowledged
 * @param attempt  for a retransmission, 1 for the first resend
 */
public record Outgoing(Segment segment, SeqWhy seqWhy, AckWhy ackWhy, int ackDelta,
                       boolean retransmission, int attempt, long rtoUs, Purpose purpose) {

    /** Why SEG.SEQ has its value. */
    public enum SeqWhy {
        /** The initial sequence number of a SYN. */
        ISN,
        /** SYN,ACK of a simultaneous open: repeats the ISS of our own SYN. */
        ISN_AGAIN,
        /** The first number after our SYN (ISS + 1). */
        AFTER_SYN,
        /** SND.NXT: the next unused number. */
        NEXT,
        /** Our FIN, at SND.NXT; it consumes one number. */
        FIN,
        /** Resent with the original number. */
        RETRANSMISSION,
        /** RST answering an ACK-bearing segment: SEQ = SEG.ACK (§3.10.7.1/2/3). */
        RST_FROM_ACK,
        /** RST from a closed port answering a segment without ACK: SEQ = 0 (§3.10.7.1). */
        RST_ZERO,
        /** RST of an ABORT: SEQ = SND.NXT (§3.10.5). */
        RST_ABORT,
        /** Linux: the SYN,ACK resent at once because the peer's SYN arrived again (tcp_check_req). */
        SYN_ACK_AGAIN,
        /** RFC 5681 §3.2: resent after three duplicate ACKs, before the RTO. */
        FAST_RETRANSMIT,
        /** RFC 9293 §3.8.4 keep-alive probe: SND.NXT - 1, already acknowledged; ackDelta = probe number. */
        KEEPALIVE,
        /** Zero-window probe of the persist timer (§3.8.6.1). */
        WINDOW_PROBE
    }

    /** Why SEG.ACK has its value. */
    public enum AckWhy {
        NONE,
        /** Peer's ISN + 1: the SYN consumed one number. */
        SYN,
        /** Old RCV.NXT + newly received data bytes. */
        DATA,
        /** The peer's FIN consumed one number. */
        FIN,
        /** RCV.NXT, nothing new received. */
        CURRENT,
        /** RST,ACK from a closed port: SEG.SEQ + SEG.LEN of the segment answered. */
        RST_CLOSED,
        /** RFC 5961 challenge ACK: RCV.NXT, sent instead of acting on a suspicious RST or SYN. */
        CHALLENGE,
        /** Duplicate ACK of RCV.NXT for a segment (data or FIN) beyond a gap (RFC 5681 §4.2). */
        DUPLICATE,
        /** Reply to an unacceptable segment (§3.10.7.4 first check): RCV.NXT. */
        UNACCEPTABLE,
        /** TIME_WAIT answer to a retransmitted FIN; the 2MSL timer restarts. */
        TIME_WAIT_REACK,
        /** RCV.NXT again, sent only to announce a reopened window (§3.8.6.2.2); ackDelta = the window. */
        WINDOW_UPDATE
    }

    /** What role the segment plays, so fault rules can pick it ("the final ACK of the handshake"). */
    public enum Purpose { SYN, SYN_ACK, HANDSHAKE_ACK, DATA, ACK, FIN, CLOSE_LAST_ACK, RST, CHALLENGE_ACK }
}
