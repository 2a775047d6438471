package io.github.handshakelab.sim;

/**
 * Segments a fault rule can pick by role instead of by number. FIRST_* and the two named ACKs
 * match only the first such original segment (so the retransmission that repairs the loss gets
 * through); EVERY_* matches each one, retransmissions included.
 */
public enum SegmentKind {
    /** The client's ACK that completes the three-way handshake. */
    HANDSHAKE_FINAL_ACK,
    /** The ACK of the second FIN: the last segment of the close, sent on entering TIME_WAIT. */
    CLOSE_LAST_ACK,
    EVERY_SYN_ACK,
    FIRST_SYN,
    FIRST_SYN_ACK,
    FIRST_FIN,
    FIRST_DATA,
    FIRST_RST,
    EVERY_SYN,
    EVERY_FIN
}
