package io.github.handshakelab.tcp;

/**
 * A snapshot of the transmission control block variables of RFC 9293 §3.3.1 that the arithmetic
 * panel shows. Sequence variables are unsigned 32-bit values; {@code irs} is -1 until a SYN was
 * received.
 */
public record Tcb(TcpState state, long iss, long irs, long sndUna, long sndNxt, long rcvNxt,
                  int sndWnd, int rcvWnd) {
    public boolean hasIrs() { return irs >= 0; }
}
