package io.github.handshakelab.tcp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.handshakelab.tcp.ConnectionTest.*;
import static io.github.handshakelab.tcp.TcpFlags.*;
import static io.github.handshakelab.tcp.TcpState.*;
import static org.junit.jupiter.api.Assertions.*;

/** Each place where the Linux profile departs from RFC 9293, against the same event in the rfc profile. */
class LinuxProfileTest {

    static final Connection.Config LINUX = Connection.Config.defaults().withProfile(Profile.LINUX);

    static Connection linux() { return new Connection(LINUX, ISS); }

    static Connection established(Connection c) {
        c.call(UserCall.CONNECT, 0, 0);
        assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(c.receive(seg(PEER, 101L, SYN), 100_000)));
        return c;
    }

    /**
     * tcp_fin enters pingpong mode: once data has arrived, the ACK of the FIN waits 40 ms
     * (TCP_DELACK_MIN), then leaves alone.
     */
    @Test
    void ackOfFinIsDelayed40msAfterData() {
        Connection c = established(linux());
        assertEquals(List.of("<SEQ=101><ACK=311><CTL=ACK>"), sent(c.receive(seg(301, 101L, ACK, 10), 500_000)));
        List<Effect> fx = c.receive(seg(311, 101L, FIN), 1_000_000);
        assertEquals(List.of(), sent(fx));
        assertEquals(CLOSE_WAIT, c.state());
        assertEquals(1_040_000, c.nextTimerDeadline());
        fx = c.onTimer(1_040_000);
        assertEquals(List.of("<SEQ=101><ACK=312><CTL=ACK>"), sent(fx));
        assertEquals(List.of("tcp.notice.linux.delayedAck"), notices(fx));
        // The rfc profile acknowledges at once.
        assertEquals(List.of("<SEQ=101><ACK=302><CTL=ACK>"), sent(established(closed()).receive(seg(301, 101L, FIN), 1_000_000)));
    }

    /**
     * Linux 6.x tcp_ack(): an ACK of data never sent is dropped unanswered
     * (SKB_DROP_REASON_TCP_ACK_UNSENT_DATA), data and all; RFC 9293 §3.10.7.4 answers it.
     */
    @Test
    void ackOfUnsentDataIsDroppedWithoutAnAnswer() {
        Connection c = established(linux());
        List<Effect> fx = c.receive(seg(301, 5000L, ACK, 10), 1_000_000);
        assertEquals(List.of(), sent(fx));
        assertEquals(List.of("tcp.notice.linux.ackOfUnsentDropped"), notices(fx));
        assertEquals(301, c.tcb().rcvNxt(), "the data of that segment is not taken");
        assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(established(closed()).receive(seg(301, 5000L, ACK, 10), 1_000_000)));
    }

    /**
     * Before any data the delayed-ACK timeout (icsk_ack.ato) is still 0, so tcp_send_delayed_ack()
     * lets the ACK of a FIN go at the next tick: at once (recorded on Linux 6.18,
     * resources/captures/linux/four-way-close.pcap: 2 ms).
     */
    @Test
    void ackOfFinBeforeAnyDataLeavesAtOnce() {
        Connection c = established(linux());
        assertEquals(List.of("<SEQ=101><ACK=302><CTL=ACK>"), sent(c.receive(seg(301, 101L, FIN), 1_000_000)));
        assertEquals(CLOSE_WAIT, c.state());
    }

    /**
     * tcp_event_data_sent: data sent within 40 ms of data received puts the socket in pingpong mode,
     * so the ACK of the next data waits for the reply, which carries it; when the delayed-ACK timer
     * fires without a reply, the socket leaves pingpong mode and quick-acks again.
     */
    @Test
    void aReplyWithin40msMakesLaterAcksWait() {
        Connection c = established(linux());
        assertEquals(List.of("<SEQ=101><ACK=311><CTL=ACK>"), sent(c.receive(seg(301, 101L, ACK, 10), 500_000)));
        assertEquals(List.of("<SEQ=101><ACK=311><CTL=PSH,ACK><LEN=20>"), sent(c.call(UserCall.SEND, 20, 501_000)));
        assertEquals(List.of(), sent(c.receive(seg(311, 121L, ACK, 10), 600_000)));
        assertEquals(640_000, c.nextTimerDeadline());
        assertEquals(List.of("<SEQ=121><ACK=321><CTL=ACK>"), sent(c.onTimer(640_000)));
        // Out of pingpong mode: the next data is acknowledged at once.
        assertEquals(List.of("<SEQ=121><ACK=331><CTL=ACK>"), sent(c.receive(seg(321, 121L, ACK, 10), 900_000)));
    }

    /** A CLOSE within the delay: the FIN carries the owed ACK, nothing else is sent. */
    @Test
    void delayedAckRidesOnTheFin() {
        Connection c = established(linux());
        c.receive(seg(301, 101L, FIN), 1_000_000);
        assertEquals(List.of("<SEQ=101><ACK=302><CTL=FIN,ACK>"), sent(c.call(UserCall.CLOSE, 0, 1_020_000)));
        assertEquals(LAST_ACK, c.state());
        assertTrue(c.nextTimerDeadline() > 1_040_000, "no delayed ACK left");
    }

    /** Quick-ack: the first data segments are acknowledged at once (tcp_incr_quickack). */
    @Test
    void firstDataIsQuickAcked() {
        Connection c = established(linux());
        assertEquals(List.of("<SEQ=101><ACK=401><CTL=ACK>"), sent(c.receive(seg(301, 101L, PSH, 100), 1_000_000)));
    }

    /** tcp_check_req: a retransmitted SYN in SYN_RCVD gets the SYN,ACK again; the RFC answers with an ACK. */
    @Test
    void retransmittedSynGetsTheSynAckAgain() {
        Connection c = linux();
        c.call(UserCall.LISTEN, 0, 0);
        c.receive(seg(PEER, null, SYN), 0);
        List<Effect> fx = c.receive(seg(PEER, null, SYN), 1_000_000);
        assertEquals(List.of("<SEQ=100><ACK=301><CTL=SYN,ACK>"), sent(fx));
        assertTrue(outs(fx).get(0).retransmission());
        assertEquals(Outgoing.SeqWhy.SYN_ACK_AGAIN, outs(fx).get(0).seqWhy());
        assertEquals(List.of("<SEQ=101><ACK=301><CTL=ACK>"), sent(synRcvdPassive().receive(seg(PEER, null, SYN), 1_000_000)));
    }

    /**
     * tcp_check_req ("Reset timer after retransmitting SYNACK"): the answer to a retransmitted SYN
     * restarts the SYN,ACK timer, so the timer does not send a second copy right after it
     * (recorded: resources/captures/linux/lost-syn-ack.pcap has one SYN,ACK after the lost one).
     */
    @Test
    void theAnswerToARetransmittedSynRestartsTheSynAckTimer() {
        Connection c = linux();
        c.call(UserCall.LISTEN, 0, 0);
        c.receive(seg(PEER, null, SYN), 0);
        assertEquals(1_000_000, c.nextTimerDeadline());
        assertEquals(List.of("<SEQ=100><ACK=301><CTL=SYN,ACK>"), sent(c.receive(seg(PEER, null, SYN), 990_000)));
        assertEquals(1_990_000, c.nextTimerDeadline());
    }

    /**
     * tcp_rcv_synsent_state_process ("Previous FIN/ACK or RST/ACK might be ignored"): an ACK that
     * acknowledges nothing of ours gets a RST, and before any retransmission the SYN's timer is cut
     * to TCP_TIMEOUT_MIN, so the SYN goes again at once; the rfc profile keeps its 1 s timer.
     */
    @Test
    void aBadAckInSynSentBringsTheSynAgainAtOnce() {
        Connection c = linux();
        c.call(UserCall.CONNECT, 0, 0);
        assertEquals(List.of("<SEQ=555><CTL=RST>"), sent(c.receive(seg(PEER, 555L, SYN), 100_000)));
        assertEquals(100_000 + Connection.LINUX_TIMEOUT_MIN_US, c.nextTimerDeadline());
        assertEquals(List.of("<SEQ=100><CTL=SYN>"), sent(c.onTimer(108_000)));
        Connection r = closed();
        r.call(UserCall.CONNECT, 0, 0);
        assertEquals(List.of("<SEQ=555><CTL=RST>"), sent(r.receive(seg(PEER, 555L, SYN), 100_000)));
        assertEquals(1_000_000, r.nextTimerDeadline());
    }

    /** tcp_send_active_reset: RST,ACK; RFC 9293 §3.10.5: a bare RST. */
    @Test
    void abortSendsRstAck() {
        assertEquals(List.of("<SEQ=101><ACK=301><CTL=RST,ACK>"), sent(established(linux()).call(UserCall.ABORT, 0, 1)));
        assertEquals(List.of("<SEQ=101><CTL=RST>"), sent(established(closed()).call(UserCall.ABORT, 0, 1)));
    }

    /** TCP_TIMEWAIT_LEN: 60 s whatever the MSL. */
    @Test
    void timeWaitIsSixtySecondsWhateverTheMsl() {
        Connection.Config shortMsl = new Connection.Config(1_000_000, 6, 5, 8, 120_000_000, 5_000_000, 65535, 1460,
                60_000_000, false, Profile.LINUX, true, 0);
        Connection c = established(new Connection(shortMsl, ISS));
        c.call(UserCall.CLOSE, 0, 200_000);
        c.receive(seg(301, 102L, FIN), 300_000);   // FIN,ACK acknowledging ours
        assertEquals(TIME_WAIT, c.state());
        assertEquals(300_000 + 60_000_000, c.nextTimerDeadline());
        Connection r = established(new Connection(shortMsl.withProfile(Profile.RFC), ISS));
        r.call(UserCall.CLOSE, 0, 200_000);
        r.receive(seg(301, 102L, FIN), 300_000);
        assertEquals(300_000 + 10_000_000, r.nextTimerDeadline(), "rfc: 2MSL");
    }

    /** tcp_fin_timeout only after close(); shutdown() waits in FIN_WAIT_2 as RFC 9293 does. */
    @Test
    void finWait2TimerOnlyForAClosedSocket() {
        Connection closed = established(linux());
        closed.call(UserCall.CLOSE, 0, 200_000);
        List<Effect> fx = closed.receive(seg(301, 102L, 0), 300_000);
        assertEquals(FIN_WAIT_2, closed.state());
        assertEquals(List.of(TimerKind.RETRANSMISSION, TimerKind.FIN_WAIT_2), timers(fx).stream().map(Effect.TimerChanged::timer).toList());
        assertEquals(60_300_000, closed.nextTimerDeadline());
        closed.onTimer(60_300_000);
        assertEquals(CLOSED, closed.state());

        Connection shut = established(linux());
        shut.call(UserCall.SHUTDOWN, 0, 200_000);
        shut.receive(seg(301, 102L, 0), 300_000);
        assertEquals(FIN_WAIT_2, shut.state());
        assertEquals(Long.MAX_VALUE, shut.nextTimerDeadline());
        // Data keeps arriving after shutdown() and is delivered.
        assertEquals(List.of("<SEQ=102><ACK=401><CTL=ACK>"), sent(shut.receive(seg(301, 102L, PSH, 100), 90_000_000)));
        // close() now, in FIN_WAIT_2: from here the socket is orphaned and timed.
        fx = shut.call(UserCall.CLOSE, 0, 91_000_000);
        assertEquals(List.of("tcp.notice.linux.orphaned"), notices(fx));
        assertEquals(151_000_000, shut.nextTimerDeadline());
    }

    /** Data for a closed (orphaned) socket: RST (TCPAbortOnData); after shutdown() it is delivered. */
    @Test
    void dataAfterCloseIsAnsweredWithRst() {
        Connection c = established(linux());
        c.call(UserCall.CLOSE, 0, 200_000);
        c.receive(seg(301, 102L, 0), 300_000);
        List<Effect> fx = c.receive(seg(301, 102L, PSH, 100), 400_000);
        assertEquals(List.of("<SEQ=102><CTL=RST>"), sent(fx));
        assertEquals(CLOSED, c.state());
        assertEquals(List.of("tcp.notice.linux.dataAfterClose"), notices(fx));
    }

    /** close() with unread data: RST,ACK instead of FIN (tcp_close, RFC 2525 §2.17). */
    @Test
    void closeWithUnreadDataResets() {
        Connection c = established(new Connection(LINUX.withAppReads(false), ISS));
        c.receive(seg(301, 101L, PSH, 100), 1_000_000);
        assertEquals(65435, c.tcb().rcvWnd());
        List<Effect> fx = c.call(UserCall.CLOSE, 0, 1_100_000);
        assertEquals(List.of("<SEQ=101><ACK=401><CTL=RST,ACK>"), sent(fx));
        assertEquals(CLOSED, c.state());
        // The rfc profile's CLOSE is a half-close: FIN, the data stays for the application.
        Connection r = established(new Connection(CFG.withAppReads(false), ISS));
        r.receive(seg(301, 101L, PSH, 100), 1_000_000);
        assertEquals(List.of("<SEQ=101><ACK=401><CTL=FIN,ACK>"), sent(r.call(UserCall.CLOSE, 0, 1_100_000)));
    }

    /** RTO = SRTT + max(4·RTTVAR, 200 ms): 300 ms after a 100 ms sample; RFC 6298 rounds up to 1 s. */
    @Test
    void rtoAfterA100msSample() {
        Connection c = established(linux());   // SYN at 0, SYN,ACK at 100 ms: sample 100 ms
        c.call(UserCall.SEND, 10, 200_000);
        assertEquals(500_000, c.nextTimerDeadline());
        Connection r = established(closed());
        r.call(UserCall.SEND, 10, 200_000);
        assertEquals(1_200_000, r.nextTimerDeadline());
    }

    /** RFC 5681 §3.2 in both profiles: the third duplicate ACK resends the first unacknowledged segment. */
    @Test
    void fastRetransmitOnTheThirdDuplicateAck() {
        for (Connection c : List.of(established(linux()), established(closed()))) {
            c.call(UserCall.SEND, 4 * 1460, 200_000);
            assertTrue(sent(c.receive(seg(301, 101L, 0), 300_000)).isEmpty());
            assertTrue(sent(c.receive(seg(301, 101L, 0), 301_000)).isEmpty());
            List<Effect> fx = c.receive(seg(301, 101L, 0), 302_000);
            assertEquals(List.of("<SEQ=101><ACK=301><CTL=PSH,ACK><LEN=1460>"), sent(fx));
            assertEquals(Outgoing.SeqWhy.FAST_RETRANSMIT, outs(fx).get(0).seqWhy());
            assertTrue(notices(fx).contains("tcp.notice.fastRetransmit"));
        }
    }
}
