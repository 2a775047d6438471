package io.github.handshakelab.sim;

import java.util.SplittableRandom;

/** One way to lose segments in the simulated network. */
public sealed interface DropRule {

    /** Drops the segment with this trace id (1 = the first segment sent). */
    record SegmentId(int id) implements DropRule {
        public SegmentId {
            if (id < 1) throw new IllegalArgumentException("segment numbers start at 1: " + id);
        }
    }

    /** Drops segments by their role (see {@link SegmentKind}). */
    record Matching(SegmentKind kind) implements DropRule {}

    /**
     * Drops each segment with probability {@code p}. The decision for segment #n depends only on
     * (seed, n), so adding another rule never reshuffles the luck of the other segments.
     */
    record Random(double p, long seed) implements DropRule {
        public Random {
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("drop probability must be 0..1: " + p);
        }

        public boolean drops(int segmentId) {
            return new SplittableRandom(seed * 0x9E37_79B9_7F4A_7C15L + segmentId).nextDouble() < p;
        }
    }
}
