package io.github.handshakelab.tcp;

/** The 11 connection states of RFC 9293 §3.3.2, spelled as the trace JSON spells them. */
public enum TcpState {
    CLOSED, LISTEN, SYN_SENT, SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING,
    LAST_ACK, TIME_WAIT
}
