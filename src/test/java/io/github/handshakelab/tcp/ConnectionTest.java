package io.github.handshakelab.tcp;

import io.github.handshakelab.text.Explanation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.github.handshakelab.tcp.TcpFlags.*;
import static io.github.handshakelab.tcp.TcpState.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * One test per row of the RFC 9293 transition tables (shared/reference/rfc9293-transitions.md),
 * with fixtures per state in the style of smoltcp's socket tests. Numbers follow the RFC's
 * figures: our ISS = 100, the peer's ISS = 300.
 */
class ConnectionTest {

    static final Connection.Config CFG = Connection.Config.defaults();
    static final long ISS = 100, PEER = 300;

    // ---- helpers ------------------------------------------------------------------------------

    static Segment seg(long seq, Long ack, int flags, int len) {
        return new Segment(SeqNumber.of(seq), ack == null ? null : SeqNumber.of(ack),
                new TcpFlags(flags | (ack != null ? ACK : 0)), len, 65535, 0);
    }

    static Segment seg(long seq, Long ack, int flags) {
        return seg(seq, ack, flags, 0);
    }

    /** The RFC's notation, <SEQ=x><ACK=y><CTL=f>, with len appended for data. */
    static String rfc(Segment s) {
        return "<SEQ=" + s.seq() + ">" + (s.ack() != null ? "<ACK=" + s.ack() + ">" : "")
                + "<CTL=" + s.flags().toString().replace(" ", "") + ">" + (s.dataLen() > 0 ? "<LEN=" + s.dataLen() + ">" : "");
    }

    static List<String> sent(List<Effect> fx) {
        List<String> out = new ArrayList<>();
        for (Effect e : fx) if (e instanceof Effect.Send s) out.add(rfc(s.out().segment()));
        return out;
    }

    static List<Outgoing> outs(List<Effect> fx) {
        List<Outgoing> out = new ArrayList<>();
        for (Effect e : fx) if (e instanceof Effect.Send s) out.add(s.out());
        return out;
    }

    static List<String> notices(List<Effect> fx) {
        List<String> out = new ArrayList<>();
        for (Effect e : fx) if (e instanceof Effect.Notice n) out.add(n.text().key());
        return out;
    }

    static List<Effect.TimerChanged> timers(List<Effect> fx) {
        List<Effect.TimerChanged> out = new ArrayList<>();
        for (Effect e : fx) if (e instanceof Effect.TimerChanged t) out.add(t);
        return out;
    }

    static Connection closed() { return new Connection(CFG, ISS); }

    static Connection listen() {
        Connection c = closed();
        c.call(UserCall.LISTEN, 0, 0);
        return c;
    }

    static Connection synSent() {
        Connection c = closed();
        assertEquals(List.of("<SEQ=100><CTL=SYN>"), sent(c.call(UserCall.CONNECT, 0, 0)));
        return c;
    }

    static Connection synRcvdPassive() {
        Connection c = listen();
        assertEquals(List.of("<SEQ=100><ACK=301><CTL=SYN,ACK>"), sent(c.receive(seg(PEER, null, SYN), 0)));
        assertEquals(SYN_RCVD, c.state());
        return c;
    }

    static Connection synRcvdActive() {
        Connection c = synSent();
        assertEquals(List.of("<SEQ=100><ACK=301><CTL=SYN,ACK>"), sent(c.receive(seg(PEER, null, SYN), 0)));
        assertEquals(SYN_RCVD, c.state());
        return c;
    }

    static Connection established() {
        Connection c = synSent();
        assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(c.receive(seg(PEER, 101L, SYN), 0)));
        assertEquals(ESTABLISHED, c.state());
        return c;
    }

    static Connection finWait1() {
        Connection c = established();
        assertEquals(List.of("<SEQ=101><ACK=301><CTL=FIN,ACK>"), sent(c.call(UserCall.CLOSE, 0, 0)));
        assertEquals(FIN_WAIT_1, c.state());
        return c;
    }

    static Connection finWait2() {
        Connection c = finWait1();
        assertEquals(List.of(), sent(c.receive(seg(301, 102L, 0), 0)));
        assertEquals(FIN_WAIT_2, c.state());
        return c;
    }

    static Connection closeWait() {
        Connection c = established();
        assertEquals(List.of("<SEQ=101><ACK=302><CTL=ACK>"), sent(c.receive(seg(301, 101L, FIN), 0)));
        assertEquals(CLOSE_WAIT, c.state());
        return c;
    }

    static Connection lastAck() {
        Connection c = closeWait();
        assertEquals(List.of("<SEQ=101><ACK=302><CTL=FIN,ACK>"), sent(c.call(UserCall.CLOSE, 0, 0)));
        assertEquals(LAST_ACK, c.state());
        return c;
    }

    static Connection closing() {
        Connection c = finWait1();
        assertEquals(List.of("<SEQ=102><ACK=302><CTL=ACK>"), sent(c.receive(seg(301, 101L, FIN), 0)));
        assertEquals(CLOSING, c.state());
        return c;
    }

    static Connection timeWait() {
        Connection c = finWait2();
        assertEquals(List.of("<SEQ=102><ACK=302><CTL=ACK>"), sent(c.receive(seg(301, 102L, FIN), 0)));
        assertEquals(TIME_WAIT, c.state());
        return c;
    }

    // ---- §2 user calls -------------------------------------------------------------------------

    @Nested
    class UserCalls {
        @Test
        void closedRejectsSendCloseAbort() {
            for (UserCall u : List.of(UserCall.SEND, UserCall.CLOSE, UserCall.ABORT)) {
                Connection c = closed();
                List<Effect> fx = c.call(u, 10, 0);
                assertEquals(List.of("tcp.error.notExist"), notices(fx), u.name());
                assertEquals(List.of(), sent(fx));
                assertEquals(CLOSED, c.state());
            }
        }

        @Test
        void listenTurnedActiveSendsSyn() {
            Connection c = listen();
            assertEquals(List.of("<SEQ=100><CTL=SYN>"), sent(c.call(UserCall.CONNECT, 0, 0)));
            assertEquals(SYN_SENT, c.state());
        }

        @Test
        void listenTwiceIsAnError() {
            assertEquals(List.of("tcp.error.exists"), notices(listen().call(UserCall.LISTEN, 0, 0)));
            assertEquals(List.of("tcp.error.exists"), notices(established().call(UserCall.CONNECT, 0, 0)));
        }

        @Test
        void listenCloseAndAbortDeleteTheTcb() {
            for (UserCall u : List.of(UserCall.CLOSE, UserCall.ABORT)) {
                Connection c = listen();
                assertEquals(List.of(), sent(c.call(u, 0, 0)));
                assertEquals(CLOSED, c.state());
            }
            assertEquals(List.of("tcp.error.foreignUnspecified"), notices(listen().call(UserCall.SEND, 5, 0)));
        }

        @Test
        void synSentCloseAndAbortSendNothing() {
            for (UserCall u : List.of(UserCall.CLOSE, UserCall.ABORT)) {
                Connection c = synSent();
                List<Effect> fx = c.call(u, 0, 0);
                assertEquals(List.of(), sent(fx), "no RST from SYN-SENT");
                assertEquals(CLOSED, c.state());
                assertEquals(Effect.Action.CANCELLED, timers(fx).get(0).action());
            }
        }

        @Test
        void synSentQueuesDataUntilEstablished() {
            Connection c = synSent();
            assertEquals(List.of(), sent(c.call(UserCall.SEND, 50, 0)));
            // The queued data rides on the segment that completes the handshake.
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=PSH,ACK><LEN=50>"), sent(c.receive(seg(PEER, 101L, SYN), 0)));
        }

        @Test
        void synRcvdCloseSendsFin() {
            Connection c = synRcvdPassive();
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=FIN,ACK>"), sent(c.call(UserCall.CLOSE, 0, 0)));
            assertEquals(FIN_WAIT_1, c.state());
        }

        @Test
        void synRcvdAbortSendsRst() {
            Connection c = synRcvdPassive();
            assertEquals(List.of("<SEQ=101><CTL=RST>"), sent(c.call(UserCall.ABORT, 0, 0)));
            assertEquals(CLOSED, c.state());
        }

        @Test
        void establishedSendSegmentizes() {
            Connection c = established();
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=PSH,ACK><LEN=1460>", "<SEQ=1561><ACK=301><CTL=PSH,ACK><LEN=40>"),
                    sent(c.call(UserCall.SEND, 1500, 0)));
            assertEquals(1601, c.tcb().sndNxt());
            assertEquals(101, c.tcb().sndUna());
        }

        @Test
        void establishedCloseQueuesFinAfterData() {
            Connection c = established();
            c.call(UserCall.SEND, 10, 0);
            assertEquals(List.of("<SEQ=111><ACK=301><CTL=FIN,ACK>"), sent(c.call(UserCall.CLOSE, 0, 0)));
        }

        @Test
        void establishedAbortSendsRstAtSndNxt() {
            Connection c = established();
            assertEquals(List.of("<SEQ=101><CTL=RST>"), sent(c.call(UserCall.ABORT, 0, 0)));
            assertEquals(CLOSED, c.state());
        }

        @Test
        void closeWaitMaySendAndThenCloses() {
            Connection c = closeWait();
            assertEquals(List.of("<SEQ=101><ACK=302><CTL=PSH,ACK><LEN=5>"), sent(c.call(UserCall.SEND, 5, 0)));
            assertEquals(List.of("<SEQ=106><ACK=302><CTL=FIN,ACK>"), sent(c.call(UserCall.CLOSE, 0, 0)));
            assertEquals(LAST_ACK, c.state());
        }

        @Test
        void closeWaitAbortSendsRst() {
            Connection c = closeWait();
            assertEquals(List.of("<SEQ=101><CTL=RST>"), sent(c.call(UserCall.ABORT, 0, 0)));
        }

        @Test
        void finWaitStatesRefuseSendAndNeverSendASecondFin() {
            for (Connection c : List.of(finWait1(), finWait2())) {
                assertEquals(List.of("tcp.error.closing"), notices(c.call(UserCall.SEND, 5, 0)));
                List<Effect> fx = c.call(UserCall.CLOSE, 0, 0);
                assertEquals(List.of("tcp.error.closing"), notices(fx));
                assertEquals(List.of(), sent(fx));
            }
            Connection c = finWait2();
            assertEquals(List.of("<SEQ=102><CTL=RST>"), sent(c.call(UserCall.ABORT, 0, 0)));
        }

        @Test
        void closingLastAckTimeWaitAbortWithoutRst() {
            for (Connection c : List.of(closing(), lastAck(), timeWait())) {
                assertEquals(List.of("tcp.error.closing"), notices(c.call(UserCall.CLOSE, 0, 0)));
                assertEquals(List.of("tcp.error.closing"), notices(c.call(UserCall.SEND, 1, 0)));
                assertEquals(List.of(), sent(c.call(UserCall.ABORT, 0, 0)));
                assertEquals(CLOSED, c.state());
            }
        }
    }

    // ---- §3 CLOSED, LISTEN, SYN-SENT -----------------------------------------------------------

    @Nested
    class ClosedListenSynSent {
        @Test
        void closedDropsRst() {
            assertEquals(List.of(), sent(closed().receive(seg(5, null, RST), 0)));
        }

        /** Arrivals that change nothing still say why, so the ladder and the diagram can explain them. */
        @Test
        void ignoredArrivalsGiveTheirReason() {
            assertEquals(List.of("tcp.notice.ignored.rstClosed"), notices(closed().receive(seg(5, null, RST), 0)));
            assertEquals(List.of("tcp.notice.ignored.rstListen"), notices(listen().receive(seg(5, 9L, RST), 0)));
            assertEquals(List.of("tcp.notice.ignored.listen"), notices(listen().receive(seg(300, null, FIN), 0)));
            assertEquals(List.of("tcp.notice.ignored.rstSynSent"), notices(synSent().receive(seg(0, 90L, RST), 0)));
            assertEquals(List.of("tcp.notice.ignored.rstNoAck"), notices(synSent().receive(seg(0, null, RST), 0)));
            assertEquals(List.of("tcp.notice.ignored.synSent"), notices(synSent().receive(seg(PEER, 101L, 0), 0)));
            assertEquals(List.of("tcp.notice.ignored.rstOutsideWindow"), notices(established().receive(seg(200, null, RST), 0)));
            assertEquals(List.of("tcp.notice.ignored.noAck"), notices(established().receive(seg(301, null, 0, 10), 0)));
            // Nothing to say about an ordinary answer.
            assertEquals(List.of(), notices(closed().receive(seg(PEER, null, SYN), 0)));
        }

        @Test
        void closedAnswersNoAckWithRstAck() {
            assertEquals(List.of("<SEQ=0><ACK=301><CTL=RST,ACK>"), sent(closed().receive(seg(PEER, null, SYN), 0)));
            // SYN and FIN both count in SEG.LEN.
            assertEquals(List.of("<SEQ=0><ACK=311><CTL=RST,ACK>"), sent(closed().receive(seg(300, null, SYN | FIN, 9), 0)));
        }

        @Test
        void closedAnswersAckWithRstAtSegAck() {
            assertEquals(List.of("<SEQ=777><CTL=RST>"), sent(closed().receive(seg(5, 777L, FIN), 0)));
        }

        @Test
        void listenIgnoresRst() {
            Connection c = listen();
            assertEquals(List.of(), sent(c.receive(seg(5, 9L, RST), 0)));
            assertEquals(LISTEN, c.state());
        }

        @Test
        void listenAnswersAnyAckWithRst() {
            Connection c = listen();
            assertEquals(List.of("<SEQ=55><CTL=RST>"), sent(c.receive(seg(300, 55L, SYN), 0)));
            assertEquals(LISTEN, c.state());
        }

        @Test
        void listenSynGoesToSynRcvdPassive() {
            Connection c = synRcvdPassive();
            assertTrue(c.isPassive());
            assertEquals(new Tcb(SYN_RCVD, 100, 300, 100, 101, 301, 65535, 65535), c.tcb());
        }

        @Test
        void listenDropsOtherSegments() {
            Connection c = listen();
            assertEquals(List.of(), sent(c.receive(seg(300, null, FIN), 0)));
            assertEquals(LISTEN, c.state());
        }

        @Test
        void synSentBadAckGetsRstAndStays() {
            Connection c = synSent();
            assertEquals(List.of("<SEQ=100><CTL=RST>"), sent(c.receive(seg(PEER, 100L, SYN), 0)), "SEG.ACK =< ISS");
            assertEquals(List.of("<SEQ=500><CTL=RST>"), sent(c.receive(seg(PEER, 500L, 0), 0)), "SEG.ACK > SND.NXT");
            assertEquals(SYN_SENT, c.state());
        }

        @Test
        void synSentBadAckWithRstIsDropped() {
            Connection c = synSent();
            assertEquals(List.of(), sent(c.receive(seg(0, 90L, RST), 0)));
            assertEquals(SYN_SENT, c.state());
        }

        @Test
        void synSentRstWithAcceptableAckResets() {
            Connection c = synSent();
            List<Effect> fx = c.receive(seg(0, 101L, RST), 0);
            assertEquals(CLOSED, c.state());
            assertEquals(List.of("tcp.notice.refused"), notices(fx));
        }

        @Test
        void synSentRstWithoutAckIsDropped() {
            Connection c = synSent();
            assertEquals(List.of(), sent(c.receive(seg(0, null, RST), 0)));
            assertEquals(SYN_SENT, c.state());
        }

        @Test
        void synSentSynAckEstablishes() {
            Connection c = established();
            assertEquals(new Tcb(ESTABLISHED, 100, 300, 101, 101, 301, 65535, 65535), c.tcb());
        }

        @Test
        void synSentSynIsSimultaneousOpenWithTheSameIss() {
            Connection c = synRcvdActive();
            assertFalse(c.isPassive());
            // The peer's SYN,ACK repeats its SYN (Fig. 7): it completes the open without another segment.
            assertEquals(List.of(), sent(c.receive(seg(PEER, 101L, SYN), 0)));
            assertEquals(ESTABLISHED, c.state());
        }

        @Test
        void synSentDropsBareAckAndFin() {
            Connection c = synSent();
            assertEquals(List.of(), sent(c.receive(seg(PEER, 101L, 0), 0)));
            assertEquals(List.of(), sent(c.receive(seg(PEER, null, FIN), 0)));
            assertEquals(SYN_SENT, c.state());
        }
    }

    // ---- §4 synchronized states ----------------------------------------------------------------

    @Nested
    class SegmentArrives {
        @Test
        void unacceptableSegmentIsAnsweredWithAck() {
            Connection c = established();
            List<Effect> fx = c.receive(seg(300 + 70000, 101L, 0, 10), 0);
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(fx));
            assertEquals(Outgoing.AckWhy.UNACCEPTABLE, outs(fx).get(0).ackWhy());
            assertEquals(List.of(), sent(c.receive(seg(200, null, RST), 0)), "unacceptable RST: silently dropped");
            assertEquals(ESTABLISHED, c.state());
        }

        @Test
        void rstExactlyAtRcvNxtResets() {
            Connection c = established();
            List<Effect> fx = c.receive(seg(301, null, RST), 0);
            assertEquals(CLOSED, c.state());
            assertEquals(List.of("tcp.notice.reset"), notices(fx));
        }

        @Test
        void rstInWindowButNotExactGetsChallengeAck() {
            Connection c = established();
            List<Effect> fx = c.receive(seg(1000, null, RST), 0);
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(fx));
            assertEquals(Outgoing.Purpose.CHALLENGE_ACK, outs(fx).get(0).purpose());
            assertEquals(ESTABLISHED, c.state());
        }

        @Test
        void synRcvdPassiveRstReturnsToListen() {
            Connection c = synRcvdPassive();
            c.receive(seg(301, null, RST), 0);
            assertEquals(LISTEN, c.state());
        }

        @Test
        void synRcvdActiveRstCloses() {
            Connection c = synRcvdActive();
            List<Effect> fx = c.receive(seg(301, null, RST), 0);
            assertEquals(CLOSED, c.state());
            assertEquals(List.of("tcp.notice.refused"), notices(fx));
        }

        @Test
        void synRcvdPassiveSynReturnsToListen() {
            Connection c = synRcvdPassive();
            assertEquals(List.of(), sent(c.receive(seg(400, null, SYN), 0)));
            assertEquals(LISTEN, c.state());
        }

        @Test
        void synRcvdActiveSynGetsChallengeAck() {
            Connection c = synRcvdActive();
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(c.receive(seg(400, null, SYN), 0)));
            assertEquals(SYN_RCVD, c.state());
        }

        @Test
        void synInSynchronizedStateGetsChallengeAck() {
            for (Connection c : List.of(established(), finWait2(), closeWait(), timeWait())) {
                TcpState before = c.state();
                List<Effect> fx = c.receive(seg(c.tcb().rcvNxt() + 10, null, SYN), 0);
                assertEquals(1, sent(fx).size(), before.name());
                assertEquals(Outgoing.AckWhy.CHALLENGE, outs(fx).get(0).ackWhy());
                assertEquals(before, c.state());
            }
        }

        @Test
        void synRcvdAcceptableAckEstablishes() {
            Connection c = synRcvdPassive();
            assertEquals(List.of(), sent(c.receive(seg(301, 101L, 0), 0)));
            assertEquals(ESTABLISHED, c.state());
        }

        @Test
        void synRcvdUnacceptableAckGetsRst() {
            Connection c = synRcvdPassive();
            assertEquals(List.of("<SEQ=999><CTL=RST>"), sent(c.receive(seg(301, 999L, 0), 0)));
            assertEquals(SYN_RCVD, c.state());
        }

        @Test
        void synRcvdFinWithAckGoesToCloseWait() {
            Connection c = synRcvdPassive();
            assertEquals(List.of("<SEQ=101><ACK=302><CTL=ACK>"), sent(c.receive(seg(301, 101L, FIN), 0)));
            assertEquals(CLOSE_WAIT, c.state());
        }

        @Test
        void segmentWithoutAckIsDropped() {
            Connection c = established();
            assertEquals(List.of(), sent(c.receive(seg(301, null, 0, 10), 0)));
            assertEquals(301, c.tcb().rcvNxt());
        }

        @Test
        void ackOfUnsentDataIsAckedAndDropped() {
            Connection c = established();
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(c.receive(seg(301, 5000L, 0, 10), 0)));
            assertEquals(301, c.tcb().rcvNxt(), "the data of that segment is not taken");
        }

        @Test
        void answersToInvalidBareSegmentsAreThrottledToOnePerHalfSecond() {
            // RFC 5961 §7: two ends that each find the other's bare ACK unacceptable would
            // otherwise answer each other for ever; the limit ends such an ACK storm.
            Connection c = established();
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(c.receive(seg(200, 101L, 0), 1_000_000)));
            List<Effect> quiet = c.receive(seg(200, 101L, 0), 1_499_999);
            assertEquals(List.of(), sent(quiet));
            assertEquals(List.of("tcp.notice.ackThrottled"), notices(quiet));
            assertEquals(List.of(), sent(c.receive(seg(301, 5000L, 0), 1_200_000)), "an ACK of unsent data counts too");
            assertEquals(List.of(), sent(c.receive(seg(1000, null, RST), 1_300_000)), "and a challenge ACK");
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(c.receive(seg(200, 101L, 0, 10), 1_300_000)),
                    "a segment with data is not part of an ACK loop and is always answered");
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(c.receive(seg(200, 101L, 0), 1_500_000)));
        }

        @Test
        void duplicateAckIsIgnored() {
            Connection c = established();
            c.call(UserCall.SEND, 10, 0);
            List<Effect> dup = c.receive(seg(301, 101L, 0), 0);
            assertEquals(List.of(), sent(dup));
            assertEquals(List.of("tcp.notice.ignored.dupAck"), notices(dup), "RFC 5681 duplicate ACK: data outstanding");
            assertEquals(101, c.tcb().sndUna());
            List<Effect> fresh = c.receive(seg(301, 111L, 0), 0);
            assertEquals(List.of(), sent(fresh));
            assertEquals(List.of(), notices(fresh));
            assertEquals(111, c.tcb().sndUna());
            // Nothing outstanding any more: the same ACK again changes nothing, and says so.
            assertEquals(List.of("tcp.notice.ignored.ackNothingNew"), notices(c.receive(seg(301, 111L, 0), 0)));
        }

        @Test
        void dataAdvancesRcvNxtByItsLength() {
            Connection c = established();
            List<Effect> fx = c.receive(seg(301, 101L, PSH, 100), 0);
            assertEquals(List.of("<SEQ=101><ACK=401><CTL=ACK>"), sent(fx));
            assertEquals(100, outs(fx).get(0).ackDelta());
            assertEquals(List.of("tcp.notice.delivered"), notices(fx));
        }

        /**
         * RFC 5681 §4.2 duplicate ACK; the FIN is held (SHLD-31) and acts once the bytes before it
         * arrive (§3.10.7.4 eighth): the gap-filling data gets one cumulative ACK of data and FIN.
         */
        @Test
        void finBeyondAGapIsHeldAndCountsWhenTheGapFills() {
            Connection c = established();
            List<Effect> fx = c.receive(seg(401, 101L, FIN), 0);   // 301..400 missing
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(fx));
            assertEquals(Outgoing.AckWhy.DUPLICATE, outs(fx).get(0).ackWhy());
            assertEquals(List.of("tcp.notice.finAheadOfGap"), notices(fx));
            assertEquals(ESTABLISHED, c.state());
            // The missing bytes arrive: they and the held FIN count at once, no FIN retransmission needed.
            assertEquals(List.of("<SEQ=101><ACK=402><CTL=ACK>"), sent(c.receive(seg(301, 101L, PSH, 100), 1)));
            assertEquals(CLOSE_WAIT, c.state());
        }

        /** SHLD-31: data beyond a gap is held, not dropped; filling the gap delivers both at once. */
        @Test
        void outOfOrderDataIsHeldAndAckedCumulatively() {
            Connection c = established();
            List<Effect> fx = c.receive(seg(401, 101L, PSH, 100), 0);   // 301..400 missing
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(fx));
            assertEquals(List.of("tcp.notice.heldOutOfOrder"), notices(fx));
            fx = c.receive(seg(301, 101L, PSH, 100), 1);
            assertEquals(List.of("<SEQ=101><ACK=501><CTL=ACK>"), sent(fx));
            assertEquals(List.of("tcp.notice.delivered", "tcp.notice.delivered", "tcp.notice.heldDelivered"), notices(fx));
        }

        @Test
        void dataAndFinInOneSegmentAckedOnce() {
            Connection c = established();
            assertEquals(List.of("<SEQ=101><ACK=402><CTL=ACK>"), sent(c.receive(seg(301, 101L, FIN, 100), 0)));
            assertEquals(CLOSE_WAIT, c.state());
        }

        @Test
        void retransmittedOldDataIsUnacceptableAndReAcked() {
            Connection c = established();
            c.receive(seg(301, 101L, PSH, 100), 0);
            assertEquals(List.of("<SEQ=101><ACK=401><CTL=ACK>"), sent(c.receive(seg(301, 101L, PSH, 100), 0)));
            assertEquals(401, c.tcb().rcvNxt());
        }

        @Test
        void finWait1AckOfFinGoesToFinWait2() {
            Connection c = finWait2();
            assertEquals(102, c.tcb().sndUna());
        }

        @Test
        void finWait1FinWithoutAckOfOursIsSimultaneousClose() {
            Connection c = closing();
            assertEquals(302, c.tcb().rcvNxt());
            c.receive(seg(302, 101L, 0), 0);
            assertEquals(CLOSING, c.state(), "an ACK that does not cover our FIN changes nothing");
            List<Effect> fx = c.receive(seg(302, 102L, 0), 0);
            assertEquals(TIME_WAIT, c.state());
            assertEquals(Effect.Action.SET, timers(fx).get(timers(fx).size() - 1).action());
        }

        @Test
        void finWait1FinAckOfOursGoesStraightToTimeWait() {
            Connection c = finWait1();
            List<Effect> fx = c.receive(seg(301, 102L, FIN), 0);
            assertEquals(List.of("<SEQ=102><ACK=302><CTL=ACK>"), sent(fx));
            List<TcpState> path = new ArrayList<>();
            for (Effect e : fx) if (e instanceof Effect.StateChanged s) path.add(s.to());
            assertEquals(List.of(TIME_WAIT), path, "no FIN_WAIT_2 in between");
            assertEquals(Outgoing.Purpose.CLOSE_LAST_ACK, outs(fx).get(0).purpose());
        }

        @Test
        void halfCloseStillReceivesData() {
            for (Connection c : List.of(finWait1(), finWait2())) {
                assertEquals(List.of("<SEQ=102><ACK=351><CTL=ACK>"), sent(c.receive(seg(301, c.tcb().sndUna(), PSH, 50), 0)));
            }
        }

        @Test
        void finWait2FinGoesToTimeWaitWith2Msl() {
            Connection c = finWait2();
            List<Effect> fx = c.receive(seg(301, 102L, FIN), 5_000_000);
            assertEquals(TIME_WAIT, c.state());
            Effect.TimerChanged tw = timers(fx).stream().filter(t -> t.timer() == TimerKind.TIME_WAIT).findFirst().orElseThrow();
            assertEquals(5_000_000 + 2 * CFG.mslUs(), tw.expires());
        }

        /** RFC 9293 has no FIN_WAIT_2 timer: after CLOSE (a half-close) the peer may send for as long as it likes. */
        @Test
        void finWait2HasNoTimerInTheRfcProfile() {
            Connection c = finWait2();
            assertEquals(Long.MAX_VALUE, c.nextTimerDeadline());
            // Data keeps arriving and is acknowledged; nothing times out.
            assertEquals(List.of("<SEQ=102><ACK=401><CTL=ACK>"), sent(c.receive(seg(301, 102L, PSH, 100), 200_000_000)));
            assertEquals(FIN_WAIT_2, c.state());
            assertEquals(Long.MAX_VALUE, c.nextTimerDeadline());
        }

        @Test
        void closeWaitIgnoresRetransmittedFinButAcksIt() {
            Connection c = closeWait();
            assertEquals(List.of("<SEQ=101><ACK=302><CTL=ACK>"), sent(c.receive(seg(301, 101L, FIN), 0)));
            assertEquals(CLOSE_WAIT, c.state());
        }

        @Test
        void closingRetransmittedFinIsAcked() {
            Connection c = closing();
            assertEquals(List.of("<SEQ=102><ACK=302><CTL=ACK>"), sent(c.receive(seg(301, 101L, FIN), 0)));
            assertEquals(CLOSING, c.state());
        }

        @Test
        void closingLastAckTimeWaitCloseOnValidRst() {
            for (Connection c : List.of(closing(), lastAck(), timeWait())) {
                c.receive(seg(302, null, RST), 0);
                assertEquals(CLOSED, c.state());
            }
        }

        @Test
        void lastAckAckOfFinCloses() {
            Connection c = lastAck();
            c.receive(seg(302, 102L, 0), 0);
            assertEquals(CLOSED, c.state());
        }

        @Test
        void lastAckRetransmittedFinIsAcked() {
            Connection c = lastAck();
            assertEquals(List.of("<SEQ=102><ACK=302><CTL=ACK>"), sent(c.receive(seg(301, 101L, FIN), 0)));
            assertEquals(LAST_ACK, c.state());
        }

        @Test
        void timeWaitRetransmittedFinIsReAckedAndRestarts2Msl() {
            Connection c = timeWait();
            List<Effect> fx = c.receive(seg(301, 102L, FIN), 7_000_000);
            assertEquals(List.of("<SEQ=102><ACK=302><CTL=ACK>"), sent(fx));
            assertEquals(Outgoing.AckWhy.TIME_WAIT_REACK, outs(fx).get(0).ackWhy());
            assertEquals(7_000_000 + 2 * CFG.mslUs(), c.nextTimerDeadline());
            c.onTimer(7_000_000 + 2 * CFG.mslUs() - 1);
            assertEquals(TIME_WAIT, c.state(), "not before 2MSL");
            c.onTimer(7_000_000 + 2 * CFG.mslUs());
            assertEquals(CLOSED, c.state());
        }
    }

    // ---- §5 timeouts ---------------------------------------------------------------------------

    @Nested
    class Timeouts {
        @Test
        void synIsRetriedSixTimesWithDoublingThenAborts() {
            Connection c = synSent();
            List<Long> resent = new ArrayList<>();
            long t = c.nextTimerDeadline();
            while (c.state() == SYN_SENT) {
                List<Effect> fx = c.onTimer(t);
                for (Outgoing o : outs(fx)) {
                    assertEquals("<SEQ=100><CTL=SYN>", rfc(o.segment()), "same seq on every retransmission");
                    assertTrue(o.retransmission());
                    resent.add(t);
                }
                t = c.nextTimerDeadline();
            }
            assertEquals(List.of(1_000_000L, 3_000_000L, 7_000_000L, 15_000_000L, 31_000_000L, 63_000_000L), resent);
            assertEquals(CLOSED, c.state());
        }

        @Test
        void synAckIsRetransmittedThenPassiveGivesUpToListen() {
            Connection c = synRcvdPassive();
            int n = 0;
            while (c.state() == SYN_RCVD) {
                for (Outgoing o : outs(c.onTimer(c.nextTimerDeadline()))) {
                    assertEquals("<SEQ=100><ACK=301><CTL=SYN,ACK>", rfc(o.segment()));
                    n++;
                }
            }
            assertEquals(CFG.synAckRetries(), n);
            assertEquals(LISTEN, c.state());
        }

        @Test
        void dataIsRetransmittedWithTheSameSeq() {
            Connection c = established();
            c.call(UserCall.SEND, 100, 0);
            List<Effect> fx = c.onTimer(c.nextTimerDeadline());
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=PSH,ACK><LEN=100>"), sent(fx));
            assertEquals(Outgoing.SeqWhy.RETRANSMISSION, outs(fx).get(0).seqWhy());
            assertEquals(1_000_000 + 2_000_000, c.nextTimerDeadline(), "RTO doubled");
        }

        @Test
        void finIsRetransmittedInFinWait1ClosingAndLastAck() {
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=FIN,ACK>"), sent(finWait1().onTimer(1_000_000)));
            assertEquals(List.of("<SEQ=101><ACK=302><CTL=FIN,ACK>"), sent(closing().onTimer(1_000_000)));
            assertEquals(List.of("<SEQ=101><ACK=302><CTL=FIN,ACK>"), sent(lastAck().onTimer(1_000_000)));
        }

        /** Karn (RFC 6298 §5, MUST-18): the ACK of a retransmitted segment is no RTT sample. */
        @Test
        void backedOffRtoStaysUntilASegmentSentOnceIsAcked() {
            Connection c = established();
            c.call(UserCall.SEND, 100, 0);                    // 101..200, timer due 1 s
            c.call(UserCall.SEND, 50, 500_000);               // 201..250, timer already running
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=PSH,ACK><LEN=100>"), sent(c.onTimer(1_000_000)));
            assertEquals(3_000_000, c.nextTimerDeadline(), "backed off to 2 s");
            // Covers only the retransmitted segment: the timer restarts with the backed-off 2 s, not 1 s.
            List<Effect> fx = c.receive(seg(301, 201L, 0), 1_100_000);
            assertEquals(List.of(new Effect.TimerChanged(TimerKind.RETRANSMISSION, Effect.Action.SET, 3_100_000)), timers(fx));
            // Covers 201..250, sent once: a valid sample, the back-off ends.
            c.receive(seg(301, 251L, 0), 1_200_000);
            assertEquals(Long.MAX_VALUE, c.nextTimerDeadline());
            c.call(UserCall.SEND, 10, 2_000_000);
            assertEquals(3_000_000, c.nextTimerDeadline(), "1 s again");
        }

        /** RFC 6298 (5.7): after a SYN timeout the data phase starts with a 3 s RTO. */
        @Test
        void dataAfterATimedOutSynStartsWithThreeSeconds() {
            Connection c = synSent();
            assertEquals(List.of("<SEQ=100><CTL=SYN>"), sent(c.onTimer(1_000_000)));
            List<Effect> fx = c.receive(seg(PEER, 101L, SYN), 1_100_000);
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(fx));
            assertEquals(List.of(), notices(fx), "nothing to say until a timer uses it");
            assertEquals(List.of("tcp.notice.rtoAfterSynTimeout"), notices(c.call(UserCall.SEND, 100, 1_200_000)));
            assertEquals(4_200_000, c.nextTimerDeadline());
        }

        @Test
        void ackOfEverythingCancelsTheTimer() {
            Connection c = established();
            c.call(UserCall.SEND, 100, 0);
            List<Effect> fx = c.receive(seg(301, 201L, 0), 10);
            assertEquals(Effect.Action.CANCELLED, timers(fx).get(0).action());
            assertEquals(Long.MAX_VALUE, c.nextTimerDeadline());
        }
    }

    // ---- wrap-around ---------------------------------------------------------------------------

    /** Two connections wired back to back, delivering instantly (no loss, no timers). */
    static void pump(Connection a, Connection b, List<Effect> fromA) {
        List<Segment> toB = new ArrayList<>();
        for (Effect e : fromA) if (e instanceof Effect.Send s) toB.add(s.out().segment());
        while (!toB.isEmpty()) {
            List<Segment> toA = new ArrayList<>();
            for (Segment s : toB) for (Effect e : b.receive(s, 0)) if (e instanceof Effect.Send x) toA.add(x.out().segment());
            toB = new ArrayList<>();
            for (Segment s : toA) for (Effect e : a.receive(s, 0)) if (e instanceof Effect.Send x) toB.add(x.out().segment());
        }
    }

    @Test
    void wholeLifecycleWrapsPastZero() {
        long top = 4294967295L, below = 4294967294L;
        Connection client = new Connection(CFG, top), server = new Connection(CFG, below);
        server.call(UserCall.LISTEN, 0, 0);
        pump(client, server, client.call(UserCall.CONNECT, 0, 0));
        assertEquals(ESTABLISHED, client.state());
        assertEquals(ESTABLISHED, server.state());
        assertEquals(0, client.tcb().sndNxt(), "2^32-1 + 1 (SYN) wraps to 0");
        assertEquals(below + 1, server.tcb().sndNxt());
        pump(client, server, client.call(UserCall.SEND, 100, 0));
        assertEquals(100, server.tcb().rcvNxt());
        pump(server, client, server.call(UserCall.SEND, 3, 0));
        assertEquals(2, client.tcb().rcvNxt(), "2^32-2 + 1 + 3 = 2 mod 2^32");
        pump(client, server, client.call(UserCall.CLOSE, 0, 0));
        pump(server, client, server.call(UserCall.CLOSE, 0, 0));
        assertEquals(TIME_WAIT, client.state());
        assertEquals(CLOSED, server.state());
        assertEquals(101, client.tcb().sndNxt(), "100 bytes + FIN after the wrap");
        assertEquals(3, client.tcb().rcvNxt(), "server FIN at 2 consumed");
    }

    @Test
    void noticesAreLocalisable() {
        Explanation e = Explanation.of("tcp.error.closing.client", "FIN_WAIT_1");
        assertTrue(e.english().contains("FIN_WAIT_1"));
    }
}
