package io.github.handshakelab.tcp;

/**
 * A snapshot of the transmission control block variables of RFC 9293 §3.3.1 that the arithmetic
 * panel shows. Sequence variables are unsigned 32-bit values; {@code irs} is -1 until a SYN was
 * received.
 */
public record Tcb(TcpState state, long iss, long irs, long sndUna, long sndNxt, long rcvNxt,
                  int sndWnd, int rcvWnd) {
    public boolean hasIrs() { return irs >= 0; }

    // Written out: the simulator compares the TCBs after every event, and the generated equals of
    // eight components is linked (invokedynamic, ObjectMethods) at its first use, some 20 ms of
    // generated code while the window starts (issue 12). RecordEqualityTest checks every component.
    @Override
    public boolean equals(Object o) {
        return o instanceof Tcb t && state == t.state && iss == t.iss && irs == t.irs && sndUna == t.sndUna
                && sndNxt == t.sndNxt && rcvNxt == t.rcvNxt && sndWnd == t.sndWnd && rcvWnd == t.rcvWnd;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(state, iss, irs, sndUna, sndNxt, rcvNxt, sndWnd, rcvWnd);
    }
}
