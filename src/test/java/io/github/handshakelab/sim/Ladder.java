package io.github.handshakelab.sim;

import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.util.List;

/** A compact, reviewable form of a trace's segments for exact-exchange assertions. */
final class Ladder {
    private Ladder() {}

    /** "C SYN 0 - 0" = client sends SYN, relative seq 0, no ack, 0 data bytes; then LOST / RTX marks. */
    static String seg(TraceEvent.Segment s) {
        String f = String.join(",", s.flags().names());
        return (s.from() == Side.CLIENT ? "C " : "S ") + f + " " + s.seq() + " " + (s.hasAck() ? Long.toString(s.ack()) : "-")
                + " " + s.len() + (s.retransmission() ? " RTX" : "") + (s.isDropped() ? " LOST" : "");
    }

    static List<String> of(Trace t) {
        return t.segments().stream().map(Ladder::seg).toList();
    }
}
