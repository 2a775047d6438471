package io.github.handshakelab.sim;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.trace.Side;

import java.util.Set;

/**
 * A user call tied to the connection's progress instead of the clock: it happens {@code delayUs}
 * after every side in {@code watch} has reached {@code state} (the first time each does). A
 * script written this way survives losses and long delays: "CLOSE 200 ms after ESTABLISHED" still
 * closes an open connection when the SYN had to be retransmitted, where a fixed time would close
 * in SYN_SENT and silently discard the queued data (RFC 9293 §3.10.4).
 *
 * <p>Watching both sides gives one instant for two calls (simultaneous close), so a race stays a
 * race after an early loss. Calls at absolute times remain {@link ScheduledCall}s.
 */
public record TriggeredCall(Set<Side> watch, TcpState state, long delayUs, Side side, UserCall call, int bytes) {
    public TriggeredCall {
        watch = Set.copyOf(watch);
        if (watch.isEmpty()) throw new IllegalArgumentException("a trigger watches at least one side");
        if (delayUs < 0) throw new IllegalArgumentException("trigger delay must not be negative: " + delayUs);
        if (bytes < 0) throw new IllegalArgumentException("byte count must not be negative: " + bytes);
    }

    /** {@code side} calls {@code call} {@code delayUs} after it reaches {@code state} itself. */
    public static TriggeredCall after(Side side, TcpState state, long delayUs, UserCall call, int bytes) {
        return new TriggeredCall(Set.of(side), state, delayUs, side, call, bytes);
    }

    public static TriggeredCall after(Side side, TcpState state, long delayUs, UserCall call) {
        return after(side, state, delayUs, call, 0);
    }
}
