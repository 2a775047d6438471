package io.github.handshakelab.trace;

import io.github.handshakelab.text.Explanation;
import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.tcp.UserCall;

import java.util.List;

/**
 * One thing that happened, in the vocabulary of the trace JSON (DESIGN §4). Times are
 * microseconds from the start of the trace; {@link #NONE} stands for JSON null.
 */
public sealed interface TraceEvent {

    long NONE = -1;

    /** When the event starts: a segment's send time, otherwise {@code t}. */
    long time();

    record User(long t, Side endpoint, UserCall call, int bytes) implements TraceEvent {
        public long time() { return t; }
    }

    record StateChange(long t, Side endpoint, TcpState from, TcpState to, String cause, boolean inferred)
            implements TraceEvent {
        public long time() { return t; }
    }

    /**
     * A segment on the wire. {@code seq}/{@code ack} are relative to each direction's ISN (what
     * the diagram shows by default), {@code seqAbs}/{@code ackAbs} as sent. {@code ack} and
     * {@code ackAbs} are NONE without the ACK flag; {@code arrived} is NONE when it was dropped or
     * when a capture cannot know; {@code dropped} is NONE unless it was lost. {@code len} counts
     * payload bytes only (SYN and FIN are in {@code flags}). {@code frame} is the capture's frame
     * number, NONE for a simulation.
     */
    record Segment(int id, Side from, long sent, long arrived, long dropped, TcpFlags flags,
                   long seq, long ack, int len, int window, long seqAbs, long ackAbs,
                   boolean retransmission, List<Explanation> explain, List<String> analysis,
                   long frame, List<String> options, String payloadInfo) implements TraceEvent {

        public long time() { return sent; }

        public Side to() { return from.other(); }

        public boolean isDropped() { return dropped != NONE; }

        public boolean hasAck() { return ack != NONE; }

        /** Sequence space the segment occupies: data plus one for SYN and one for FIN (RFC 9293 §3.4). */
        public long seqSpace() {
            return len + (flags.syn() ? 1 : 0) + (flags.fin() ? 1 : 0);
        }

        /**
         * The arrow label of DESIGN §2: {@code SYN, ACK  seq=0 ack=1}, plus {@code len=100} for
         * data; relative numbers unless {@code absolute}. Shared by the diagram and every exporter.
         */
        public String label(boolean absolute) {
            StringBuilder b = new StringBuilder(flags.toString()).append("  seq=").append(absolute ? seqAbs : seq);
            if (hasAck()) b.append(" ack=").append(absolute ? ackAbs : ack);
            if (len > 0) b.append("  len=").append(len);
            return b.toString();
        }

        /** When the arrow ends on the diagram: arrival, drop, or the send time for a capture. */
        public long end() {
            if (dropped != NONE) return dropped;
            return arrived != NONE ? arrived : sent;
        }
    }

    record Timer(long t, Side endpoint, TimerKind timer, TimerAction action, long expires) implements TraceEvent {
        public long time() { return t; }
    }

    record Note(long t, Explanation text) implements TraceEvent {
        public long time() { return t; }
    }

    enum TimerAction { SET, FIRED, CANCELLED }
}
