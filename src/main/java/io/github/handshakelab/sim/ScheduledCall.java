package io.github.handshakelab.sim;

import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.trace.Side;

/** A user call at virtual time {@code t} (µs); {@code bytes} only matters for SEND. */
public record ScheduledCall(long t, Side side, UserCall call, int bytes) {
    public ScheduledCall {
        if (t < 0) throw new IllegalArgumentException("call time must not be negative: " + t);
        if (bytes < 0) throw new IllegalArgumentException("byte count must not be negative: " + bytes);
    }

    public static ScheduledCall at(long t, Side side, UserCall call) {
        return new ScheduledCall(t, side, call, 0);
    }
}
