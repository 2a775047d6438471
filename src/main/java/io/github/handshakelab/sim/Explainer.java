package io.github.handshakelab.sim;

import io.github.handshakelab.tcp.Outgoing;
import io.github.handshakelab.tcp.Segment;
import io.github.handshakelab.text.Explanation;
import io.github.handshakelab.trace.Side;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the reason a connection gave for its numbers into sentences with the numbers the diagram
 * shows: relative to the sender's ISN for seq and to the receiver's ISN for ack (as Wireshark).
 * Keys live in i18n/tcp*.properties; side-specific keys end in ".client" / ".server".
 */
final class Explainer {

    /** The back-off ceiling of every profile (Linux TCP_RTO_MAX; RFC 6298 (2.5) asks for at least 60 s). */
    static final long MAX_RTO_US = io.github.handshakelab.tcp.Connection.Config.defaults().maxRtoUs();

    private Explainer() {}

    /**
     * @param seqRel   SEG.SEQ relative to the sender's ISN
     * @param ackRel   SEG.ACK relative to the receiver's ISN (ignored without ACK)
     * @param finRel   relative seq of the sender's own earlier FIN, or null
     */
    static List<Explanation> explain(Outgoing o, Side from, long seqRel, long ackRel, Long finRel) {
        Segment s = o.segment();
        List<Explanation> out = new ArrayList<>(3);
        String self = from.id();
        switch (o.seqWhy()) {
            case ISN -> out.add(Explanation.of("tcp.explain.seq.isn." + self, seqRel, s.seq().unsigned()));
            case ISN_AGAIN -> out.add(Explanation.of("tcp.explain.seq.isnAgain." + self, seqRel, s.seq().unsigned()));
            case AFTER_SYN -> out.add(Explanation.of("tcp.explain.seq.afterSyn", seqRel, seqRel - 1));
            case NEXT -> out.add(next(seqRel, finRel));
            case FIN -> out.add(Explanation.of("tcp.explain.seq.fin", seqRel, seqRel + 1));
            // At the back-off ceiling the RTO stops doubling: say so rather than "doubles to 120 s".
            case RETRANSMISSION -> out.add(Explanation.of(o.rtoUs() >= MAX_RTO_US ? "tcp.explain.seq.retransmissionCeiling"
                    : "tcp.explain.seq.retransmission", seqRel, o.attempt(), seconds(o.rtoUs())));
            case SYN_ACK_AGAIN -> out.add(Explanation.of("tcp.explain.seq.synAckAgain", seqRel, s.seq().unsigned()));
            case FAST_RETRANSMIT -> out.add(Explanation.of("tcp.explain.seq.fastRetransmit", seqRel));
            case KEEPALIVE -> out.add(Explanation.of("tcp.explain.seq.keepAlive", seqRel, seqRel + 1, o.ackDelta()));
            case WINDOW_PROBE -> out.add(Explanation.of(s.dataLen() > 0 ? "tcp.explain.seq.windowProbe"
                    : "tcp.explain.seq.windowProbeLinux", seqRel));
            case RST_FROM_ACK -> out.add(Explanation.of("tcp.explain.seq.rstFromAck", seqRel, s.seq().unsigned()));
            case RST_ZERO -> out.add(Explanation.of("tcp.explain.seq.rstZero", seqRel));
            case RST_ABORT -> out.add(Explanation.of(s.flags().ack() ? "tcp.explain.seq.rstAbortLinux"
                    : "tcp.explain.seq.rstAbort", seqRel));
        }
        if (s.flags().ack()) {
            switch (o.ackWhy()) {
                case NONE, CURRENT -> out.add(Explanation.of("tcp.explain.ack.current", ackRel));
                // Relative numbers count from the peer's current ISN; any other SYN answered is an
                // old duplicate (Fig. 9), which the answering side cannot tell from a real one.
                case SYN -> out.add(Explanation.of((ackRel == 1 ? "tcp.explain.ack.syn." : "tcp.explain.ack.synOld.") + self,
                        ackRel, ackRel - 1));
                case DATA -> out.add(Explanation.of("tcp.explain.ack.data", ackRel, ackRel - o.ackDelta(), o.ackDelta(),
                        ackRel - 1));
                case FIN -> out.add(Explanation.of("tcp.explain.ack.fin", ackRel, ackRel - 1));
                case RST_CLOSED -> out.add(Explanation.of("tcp.explain.ack.rstClosed", ackRel, ackRel - o.ackDelta(),
                        o.ackDelta()));
                case CHALLENGE -> out.add(Explanation.of("tcp.explain.ack.challenge", ackRel));
                case DUPLICATE -> out.add(Explanation.of("tcp.explain.ack.duplicate", ackRel));
                case UNACCEPTABLE -> out.add(Explanation.of("tcp.explain.ack.unacceptable", ackRel));
                case TIME_WAIT_REACK -> out.add(Explanation.of("tcp.explain.ack.timeWait", ackRel));
                case WINDOW_UPDATE -> out.add(Explanation.of("tcp.explain.ack.windowUpdate", ackRel, o.ackDelta()));
            }
        }
        if (s.dataLen() > 0) {
            out.add(Explanation.of("tcp.explain.len", s.dataLen(), seqRel, seqRel + s.dataLen() - 1, seqRel + s.dataLen()));
        }
        if (s.dataLen() > 0 && s.flags().fin()) {
            out.add(Explanation.of("tcp.explain.finOnData", seqRel + s.dataLen(), seqRel + s.dataLen() + 1));
        }
        return out;
    }

    private static Explanation next(long rel, Long finRel) {
        boolean afterFin = finRel != null && rel > finRel;
        long bytes = rel - 1 - (afterFin ? 1 : 0);
        if (bytes < 0) return Explanation.of("tcp.explain.seq.sndNxt", rel);
        if (afterFin) return Explanation.of("tcp.explain.seq.nextAfterFin", rel, bytes);
        if (bytes == 0) return Explanation.of("tcp.explain.seq.afterSyn", rel, rel - 1);
        return Explanation.of("tcp.explain.seq.next", rel, bytes);
    }

    static String seconds(long us) {
        return us % 1_000_000 == 0 ? Long.toString(us / 1_000_000)
                : java.math.BigDecimal.valueOf(us, 6).stripTrailingZeros().toPlainString();
    }
}
