package io.github.handshakelab.sim;

/** One direction of the path: a constant one-way delay (no reordering, so arrival order = send order). */
public record Link(long delayUs) {
    public Link {
        if (delayUs < 0) throw new IllegalArgumentException("delay must not be negative: " + delayUs);
    }

    public long arrival(long sentUs) {
        return sentUs + delayUs;
    }
}
