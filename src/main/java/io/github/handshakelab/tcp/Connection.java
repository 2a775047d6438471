package io.github.handshakelab.tcp;

import io.github.handshakelab.tcp.Outgoing.AckWhy;
import io.github.handshakelab.tcp.Outgoing.Purpose;
import io.github.handshakelab.tcp.Outgoing.SeqWhy;
import io.github.handshakelab.text.Explanation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * One endpoint's RFC 9293 connection state machine (a TCB plus its timers). Every entry point
 * takes the time explicitly and returns what it did as an ordered list of {@link Effect}s; no
 * clock is read, so the simulator can replay it byte for byte. Each event is one {@code switch}
 * over the state with the RFC rule beside each case (the layout of smoltcp's socket/tcp.rs).
 * {@link Profile#LINUX} changes the rules where Linux 6.x differs; each such place names the
 * sysctl or kernel function it follows.
 *
 * <p>Modelled: RTT measurement and the RTO of RFC 6298 (SRTT/RTTVAR, Karn, back-off), out-of-order
 * data and a FIN beyond a gap held for later (SHLD-31) with duplicate ACKs, fast retransmit on the
 * third duplicate ACK (RFC 5681 §3.2), the receive window (an application that does not read
 * shrinks it; a zero window is probed by the persist timer, §3.8.6.1), keep-alive (§3.8.4).
 * Simplifications, each because the simulated network never needs more: no congestion window
 * (the sender sends what the peer's window allows), no urgent data, no security compartments.
 */
public final class Connection {

    /**
     * @param synRetries    SYN retransmissions before giving up (§3.8.3 R2 for SYN)
     * @param synAckRetries SYN,ACK retransmissions in SYN_RCVD (Linux tcp_synack_retries = 5)
     * @param dataRetries   retransmissions of data or FIN before the connection is dropped (R2)
     * @param maxRtoUs      the back-off ceiling: 120 s as Linux (TCP_RTO_MAX); RFC 6298 (2.5) asks for at least 60 s
     * @param finWait2Us    Linux tcp_fin_timeout: how long FIN_WAIT_2 waits for the peer's FIN
     * @param closeOnFin    the application calls CLOSE as soon as it reads the end of the stream,
     *                      so the ACK of the peer's FIN carries our FIN (three-segment close)
     * @param appReads      the application reads received data at once; when false it never reads,
     *                      so received bytes stay queued and the advertised window shrinks
     * @param keepAliveUs   idle time before the first keep-alive probe, or 0 for no keep-alive
     *                      (RFC 9293 §3.8.4 MUST-26: off by default)
     */
    public record Config(long initialRtoUs, int synRetries, int synAckRetries, int dataRetries, long maxRtoUs,
                         long mslUs, int window, int mss, long finWait2Us, boolean closeOnFin, Profile profile,
                         boolean appReads, long keepAliveUs) {
        public static Config defaults() {
            return new Config(1_000_000, 6, 5, 8, 120_000_000, 30_000_000, 65535, 1460, 60_000_000, false,
                    Profile.RFC, true, 0);
        }

        public Config withCloseOnFin(boolean b) {
            return new Config(initialRtoUs, synRetries, synAckRetries, dataRetries, maxRtoUs, mslUs, window, mss,
                    finWait2Us, b, profile, appReads, keepAliveUs);
        }

        public Config withProfile(Profile p) {
            return new Config(initialRtoUs, synRetries, synAckRetries, dataRetries, maxRtoUs, mslUs, window, mss,
                    finWait2Us, closeOnFin, p, appReads, keepAliveUs);
        }

        public Config withAppReads(boolean b) {
            return new Config(initialRtoUs, synRetries, synAckRetries, dataRetries, maxRtoUs, mslUs, window, mss,
                    finWait2Us, closeOnFin, profile, b, keepAliveUs);
        }

        public Config withKeepAliveUs(long us) {
            return new Config(initialRtoUs, synRetries, synAckRetries, dataRetries, maxRtoUs, mslUs, window, mss,
                    finWait2Us, closeOnFin, profile, appReads, us);
        }
    }

    // Linux 6.x constants (include/net/tcp.h), used only by Profile.LINUX.
    /** TCP_TIMEWAIT_LEN: TIME_WAIT lasts 60 s whatever the MSL (tcp_time_wait). */
    public static final long LINUX_TIME_WAIT_US = 60_000_000;
    /** TCP_RTO_MIN: 200 ms floor of the RTT-derived RTO (tcp_set_rto / tcp_rtt_estimator). */
    public static final long LINUX_RTO_MIN_US = 200_000;
    /** TCP_DELACK_MIN (HZ/25): a delayed ACK leaves 40 ms after the segment it acknowledges. */
    public static final long LINUX_DELACK_US = 40_000;
    /** TCP_TIMEOUT_MIN: 2 jiffies, 8 ms with the usual HZ=250 (the recording machine's). */
    public static final long LINUX_TIMEOUT_MIN_US = 8_000;
    /** TCP_MAX_QUICKACKS: the first 16 ACKs of received data go out at once (tcp_incr_quickack). */
    public static final int LINUX_QUICKACKS = 16;
    /** tcp_keepalive_probes (9) and tcp_keepalive_intvl (75 s); tcp_keepalive_time is 7200 s. */
    public static final int KEEPALIVE_PROBES = 9;
    public static final long KEEPALIVE_INTVL_US = 75_000_000;

    /**
     * An entry of the retransmission queue (§3.7): what a segment occupied, to resend it
     * unchanged, and whether it was ever resent (Karn: its ACK then says nothing about the RTT).
     */
    private record Unacked(SeqNumber seq, int dataLen, boolean syn, boolean fin, long sentAt, boolean resent) {
        Unacked(SeqNumber seq, int dataLen, boolean syn, boolean fin, long sentAt) {
            this(seq, dataLen, syn, fin, sentAt, false);
        }

        SeqNumber end() { return seq.plus(dataLen + (syn ? 1 : 0) + (fin ? 1 : 0)); }
    }

    /** RFC 6298 (5.7): the RTO for data after a handshake whose SYN timed out. */
    private static final long RTO_AFTER_SYN_TIMEOUT_US = 3_000_000;

    private static final long NEVER = Long.MAX_VALUE;
    /** RFC 5961 §7 ACK throttling; Linux's net.ipv4.tcp_invalid_ratelimit default. */
    private static final long INVALID_ACK_INTERVAL_US = 500_000;

    private final Config cfg;
    /** Chooses the ISS for each new incarnation from the time (§3.4.1 clock-driven ISN). */
    private final LongUnaryOperator isnClock;

    private TcpState state = TcpState.CLOSED;
    private boolean passive;
    private SeqNumber iss = SeqNumber.ZERO, irs;
    private SeqNumber sndUna = SeqNumber.ZERO, sndNxt = SeqNumber.ZERO, rcvNxt = SeqNumber.ZERO;
    private SeqNumber sndWl1 = SeqNumber.ZERO, sndWl2 = SeqNumber.ZERO;
    private int sndWnd;
    private int pendingData;        // SENDs not yet segmentized
    private boolean closePending;   // CLOSE accepted, FIN not yet sent
    private boolean finSent;
    private SeqNumber finSeq;
    private final Deque<Unacked> rtxQueue = new ArrayDeque<>();
    private long rtxDeadline = NEVER, rto;
    /** RFC 6298 §2 estimators in µs; srtt < 0 until the first RTT sample of this incarnation. */
    private long srtt = -1, rttvar;
    private int rtxCount;
    /** The RTO is the 3 s of RFC 6298 (5.7); the first timer armed with it says why. */
    private boolean explainRto;
    /** Which of our segments timed out in the handshake: "SYN" or "SYN,ACK" (for that note). */
    private String rtoAfter = "SYN";
    private long timeWaitDeadline = NEVER, finWait2Deadline = NEVER;
    /** The application keeps a listening socket: when a passive connection ends, LISTEN again. */
    private boolean keepListening;
    /** The ISS of the next incarnation when a rule fixes it (Linux TIME_WAIT reuse). */
    private SeqNumber isnOverride;
    /** Linux: close() gave the socket up (SOCK_DEAD): no more reads, FIN_WAIT_2 is timed, data gets RST. */
    private boolean orphaned;
    /** Received bytes the application has not read (only when it does not read: Config.appReads). */
    private int unread;
    /** The application started reading ({@link #read}): from then on it reads at once. */
    private boolean readsNow;
    /** Segments beyond RCV.NXT held for later (SHLD-31), by start: end and whether a FIN follows. */
    private final List<long[]> held = new ArrayList<>();
    /** Bytes received since our last ACK (Linux acknowledges at once once this passes one MSS). */
    private int rcvUnacked;
    /** RFC 5681 §3.2: duplicate ACKs counted towards fast retransmit. */
    private int dupAcks;
    /** Linux delayed ACK: when the owed ACK leaves unless something else carries it first. */
    private long ackDeadline = NEVER;
    private int quickAcks = LINUX_QUICKACKS;
    /**
     * Linux: when data last arrived (icsk_ack.lrcvtime), NEVER before the first; until then the
     * delayed-ACK timeout (icsk_ack.ato) is 0, set to TCP_ATO_MIN by tcp_event_data_recv().
     */
    private long lastDataAt = NEVER;
    /** Linux pingpong (interactive) mode: this side answers data with data, so its ACKs wait for the answer. */
    private boolean pingpong;
    /** Persist timer (§3.8.6.1) while the peer's window is zero and data waits; its back-off. */
    private long persistDeadline = NEVER, persistBackoff;
    /** Keep-alive (§3.8.4): next probe time, probes sent without an answer. */
    private long keepAliveDeadline = NEVER;
    private int keepAliveProbes, keepCount;
    private long keepIdleUs, keepIntvlUs;
    /** When the current event happened (for timers armed inside setState). */
    private long lastEventAt;
    /** When this side last answered an invalid segment with an ACK (RFC 5961 §7), NEVER before. */
    private long lastInvalidAckAt = NEVER;

    // Per-event scratch: the ACK we owe the peer, merged into any segment we send anyway.
    private AckWhy owedAck = null;
    private int owedDelta;
    private List<Effect> fx = new ArrayList<>();

    public Connection(Config cfg, LongUnaryOperator isnClock) {
        this.cfg = cfg;
        this.isnClock = isnClock;
        this.rto = cfg.initialRtoUs();
    }

    /** A connection whose every incarnation uses {@code iss} (tests, fixtures). */
    public Connection(Config cfg, long iss) {
        this(cfg, t -> iss);
    }

    public TcpState state() { return state; }

    /** Retransmissions of the segment now at the head of the queue (Linux: a request's num_timeout). */
    public int retransmissions() { return rtxCount; }

    /**
     * The application behind a passive open keeps its listening socket (a server): when this
     * connection ends, the TCB goes back to LISTEN for the next SYN of the same four-tuple.
     */
    public Connection keepListening(boolean b) {
        keepListening = b;
        return this;
    }

    public boolean isPassive() { return passive; }

    public Tcb tcb() {
        return new Tcb(state, iss.unsigned(), irs == null ? -1 : irs.unsigned(), sndUna.unsigned(),
                sndNxt.unsigned(), rcvNxt.unsigned(), sndWnd, rcvWnd());
    }

    public Profile profile() { return cfg.profile(); }

    private boolean linux() { return cfg.profile() == Profile.LINUX; }

    /** RCV.WND: the configured window less what the application has not read yet. */
    private int rcvWnd() {
        return Math.max(0, cfg.window() - unread);
    }

    /** The earliest pending timer, or {@link Long#MAX_VALUE}. */
    public long nextTimerDeadline() {
        long d = Math.min(rtxDeadline, Math.min(timeWaitDeadline, finWait2Deadline));
        return Math.min(d, Math.min(ackDeadline, Math.min(persistDeadline, keepAliveDeadline)));
    }

    // ------------------------------------------------------------------------------------------
    // User calls, RFC 9293 §3.10.1 - §3.10.5

    public List<Effect> call(UserCall call, int bytes, long now) {
        begin();
        lastEventAt = now;
        switch (call) {
            case LISTEN -> {
                // §3.10.1 OPEN (passive): only from CLOSED; elsewhere the connection already exists.
                if (state == TcpState.CLOSED) {
                    passive = true;
                    setState(TcpState.LISTEN, "LISTEN");
                } else error("error.exists");
            }
            case CONNECT -> {
                // §3.10.1 OPEN (active): CLOSED selects an ISS and sends SYN; LISTEN turns active.
                if (state == TcpState.CLOSED || state == TcpState.LISTEN) {
                    passive = false;
                    startIncarnation(now);
                    setState(TcpState.SYN_SENT, "CONNECT");
                    sendSyn(now, false);
                } else error("error.exists");
            }
            case SEND -> {
                switch (state) {
                    case CLOSED -> error("error.notExist");
                    // §3.10.2: a LISTEN without a foreign socket cannot send.
                    case LISTEN -> error("error.foreignUnspecified");
                    // Queued until ESTABLISHED (§3.10.2).
                    case SYN_SENT, SYN_RCVD -> pendingData += bytes;
                    case ESTABLISHED, CLOSE_WAIT -> {
                        pendingData += bytes;
                        flush(now);
                    }
                    default -> error("error.closing");
                }
            }
            case CLOSE, SHUTDOWN -> {
                // bytes > 0: the application wrote them just before closing, so they are still in
                // the send buffer when the CLOSE comes and the FIN can ride on the last of them.
                if (bytes > 0 && (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT)) pendingData += bytes;
                if (call == UserCall.CLOSE && linux() && closeLinux(now)) break;
                switch (state) {
                    case CLOSED -> error("error.notExist");
                    // §3.10.4: LISTEN and SYN-SENT delete the TCB; no segment is sent.
                    case LISTEN, SYN_SENT -> toClosed("CLOSE");
                    case SYN_RCVD -> {
                        // If nothing is pending, send FIN now; otherwise it waits for ESTABLISHED.
                        closePending = true;
                        if (pendingData == 0) {
                            setState(TcpState.FIN_WAIT_1, "CLOSE");
                            flush(now);
                        }
                    }
                    // §3.10.4: the FIN goes after all queued data; the state changes at once.
                    case ESTABLISHED -> {
                        closePending = true;
                        setState(TcpState.FIN_WAIT_1, "CLOSE");
                        flush(now);
                    }
                    case CLOSE_WAIT -> {
                        closePending = true;
                        setState(TcpState.LAST_ACK, "CLOSE");
                        flush(now);
                    }
                    // A second FIN must never be emitted; the RFC's answer is this error.
                    default -> {
                        if (call == UserCall.CLOSE && linux() && orphaned) break;
                        error("error.closing");
                    }
                }
            }
            case ABORT -> {
                switch (state) {
                    case CLOSED -> error("error.notExist");
                    case LISTEN, SYN_SENT, CLOSING, LAST_ACK, TIME_WAIT -> toClosed("ABORT");
                    // §3.10.5: synchronized (and SYN-RECEIVED) connections tell the peer with RST.
                    default -> {
                        sendAbortRst();
                        toClosed("ABORT");
                    }
                }
            }
        }
        return end();
    }

    /**
     * RFC 9293 §3.10.5 sends {@code <SEQ=SND.NXT><CTL=RST>}; Linux's tcp_send_active_reset sends
     * RST,ACK with ACK = RCV.NXT (the peer accepts it on the sequence number alone either way).
     */
    private void sendAbortRst() {
        if (linux()) {
            emit(new Segment(sndNxt, rcvNxt, TcpFlags.of(TcpFlags.RST, TcpFlags.ACK), 0, rcvWnd(), 0),
                    SeqWhy.RST_ABORT, AckWhy.CURRENT, 0, Purpose.RST);
        } else {
            emit(new Segment(sndNxt, null, TcpFlags.of(TcpFlags.RST), 0, rcvWnd(), 0),
                    SeqWhy.RST_ABORT, AckWhy.NONE, 0, Purpose.RST);
        }
    }

    /**
     * Linux close() (tcp_close), where it differs from RFC 9293's CLOSE: the socket is orphaned;
     * with unread received data it is aborted with RST instead of FIN (RFC 2525 §2.17, RFC 9293
     * SHLD-3, Linux counts it as TCPAbortOnClose); in FIN_WAIT_2 after an earlier shutdown() the
     * tcp_fin_timeout timer starts now. Returns true when it handled the call completely.
     */
    private boolean closeLinux(long now) {
        boolean synced = switch (state) {
            case SYN_RCVD, ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, FIN_WAIT_2 -> true;
            default -> false;
        };
        if (!synced) return false;
        orphaned = true;
        if (unread > 0 || !held.isEmpty()) {
            notice("notice.linux.closeUnread", unread);
            sendAbortRst();
            toClosed("CLOSE");
            return true;
        }
        if (state == TcpState.FIN_WAIT_1 || state == TcpState.FIN_WAIT_2) {
            notice("notice.linux.orphaned");
            if (state == TcpState.FIN_WAIT_2 && finWait2Deadline == NEVER) restartFinWait2(now);
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------
    // SEGMENT ARRIVES, RFC 9293 §3.10.7

    public List<Effect> receive(Segment seg, long now) {
        begin();
        lastEventAt = now;
        // Anything from the peer proves it alive: keep-alive starts its idle time again.
        if (state == TcpState.ESTABLISHED && keepAliveDeadline != NEVER) {
            keepAliveDeadline = now + keepIdleUs;
            keepAliveProbes = 0;
            timer(TimerKind.KEEPALIVE, Effect.Action.SET, keepAliveDeadline);
        }
        TcpFlags f = seg.flags();
        switch (state) {
            case CLOSED -> {
                // §3.10.7.1: everything but a RST is answered with a RST built from the segment.
                if (!f.rst()) rstForNoConnection(seg);
                else notice("notice.ignored.rstClosed");
            }
            case LISTEN -> listenArrives(seg, now);
            case SYN_SENT -> synSentArrives(seg, now);
            default -> synchronizedArrives(seg, now);
        }
        return end();
    }

    private void listenArrives(Segment seg, long now) {
        TcpFlags f = seg.flags();
        switch (state) {
            case LISTEN -> {
                // §3.10.7.2 first: RST ignored; second: any ACK is bad here -> <SEQ=SEG.ACK><RST>.
                if (f.rst()) {
                    notice("notice.ignored.rstListen");
                    break;
                }
                if (f.ack()) {
                    emit(new Segment(seg.ack(), null, TcpFlags.of(TcpFlags.RST), 0, rcvWnd(), 0),
                            SeqWhy.RST_FROM_ACK, AckWhy.NONE, 0, Purpose.RST);
                    break;
                }
                // Third: SYN -> SYN-RECEIVED, remembering the passive open (MUST-11).
                if (f.syn()) {
                    startIncarnation(now);
                    irs = seg.seq();
                    rcvNxt = seg.seq().plus(1);
                    sndWnd = seg.window();
                    sndWl1 = seg.seq();
                    setState(TcpState.SYN_RCVD, "SYN");
                    sendSyn(now, true);
                } else {
                    // Fourth: anything else is dropped.
                    notice("notice.ignored.listen");
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void synSentArrives(Segment seg, long now) {
        TcpFlags f = seg.flags();
        // §3.10.7.3 first: an ACK must acknowledge our SYN (ISS < SEG.ACK =< SND.NXT).
        boolean ackOk = false;
        if (f.ack()) {
            if (seg.ack().le(iss) || seg.ack().gt(sndNxt)) {
                if (!f.rst()) emit(new Segment(seg.ack(), null, TcpFlags.of(TcpFlags.RST), 0, rcvWnd(), 0),
                        SeqWhy.RST_FROM_ACK, AckWhy.NONE, 0, Purpose.RST);
                else notice("notice.ignored.rstSynSent");
                if (linux() && !f.rst() && rtxCount == 0 && rtxDeadline != NEVER) {
                    // tcp_rcv_synsent_state_process(): "Previous FIN/ACK or RST/ACK might be
                    // ignored": the peer may hold a stale connection, so before any retransmission
                    // the SYN's timer is cut to TCP_TIMEOUT_MIN (2 jiffies, 8 ms at HZ=250) and the
                    // SYN goes again at once (recorded: resources/captures/linux/old-duplicate-syn.pcap).
                    notice("notice.linux.synAgainSoon", seconds(LINUX_TIMEOUT_MIN_US));
                    cancelRtx();
                    rtxDeadline = now + LINUX_TIMEOUT_MIN_US;
                    timer(TimerKind.RETRANSMISSION, Effect.Action.SET, rtxDeadline);
                }
                return;
            }
            ackOk = sndUna.lt(seg.ack()) && seg.ack().le(sndNxt);
        }
        // Second: a RST counts only with an acceptable ACK; otherwise it may be forged or old.
        if (f.rst()) {
            if (ackOk) {
                notice("notice.refused");
                toClosed("RST");
            } else {
                notice("notice.ignored.rstNoAck");
            }
            return;
        }
        // Fourth: SYN.
        if (f.syn()) {
            irs = seg.seq();
            rcvNxt = seg.seq().plus(1);
            sndWnd = seg.window();
            sndWl1 = seg.seq();
            sndWl2 = f.ack() ? seg.ack() : sndWl2;
            if (ackOk) {
                sndUna = seg.ack();
                dropAcked(now);
            }
            if (sndUna.gt(iss)) {
                setState(TcpState.ESTABLISHED, f.toString());
                owe(AckWhy.SYN, 0);
                flush(now);
                sendOwedAck(Purpose.HANDSHAKE_ACK, SeqWhy.AFTER_SYN);
            } else {
                // Simultaneous open (Fig. 7): SYN,ACK with the same ISS, SYN not consumed twice.
                setState(TcpState.SYN_RCVD, "SYN");
                emit(new Segment(iss, rcvNxt, TcpFlags.of(TcpFlags.SYN, TcpFlags.ACK), 0, cfg.window(), cfg.mss()),
                        SeqWhy.ISN_AGAIN, AckWhy.SYN, 0, Purpose.SYN_ACK);
                armRtxIfIdle(now);
            }
            return;
        }
        // Fifth: neither SYN nor RST: drop (a FIN is never processed in SYN-SENT, eighth step).
        notice("notice.ignored.synSent");
    }

    private void synchronizedArrives(Segment seg, long now) {
        boolean repeatedSyn = false;
        if (state == TcpState.SYN_RCVD && !passive && seg.flags().syn() && seg.flags().ack()
                && irs != null && seg.seq().equals(irs)) {
            // Simultaneous open (Fig. 7 line 6): the peer's SYN,ACK repeats a SYN we already
            // counted. Strictly it fails the sequence check (App. A.2 lists this gap); trimming
            // the old SYN, as §3.10.7.4 trims everything before RCV.NXT, leaves the ACK to act on.
            seg = new Segment(seg.seq().plus(1), seg.ack(), seg.flags().without(TcpFlags.SYN), seg.dataLen(),
                    seg.window(), 0);
            // Linux acts on the ACK too (tcp_validate_incoming lets this SYN,ACK pass in SYN_RECV),
            // but the SYN it repeats lies below RCV.NXT, so tcp_data_queue() treats it as a
            // retransmission and acknowledges it at once (with a D-SACK): each side sends one more
            // ACK, six segments in all (recorded: resources/captures/linux/simultaneous-open.pcap).
            repeatedSyn = linux();
        }
        TcpFlags f = seg.flags();
        if (linux() && keepListening && state == TcpState.TIME_WAIT && f.syn() && !f.ack() && !f.rst()
                && seg.seq().gt(rcvNxt)) {
            // Linux tcp_timewait_state_process -> TCP_TW_SYN: a SYN above the old RCV.NXT may open
            // a new incarnation (RFC 9293 MAY-2, RFC 1122 §4.2.2.13). The time-wait socket is
            // dropped, the listener takes the SYN, and the new ISN is the old SND.NXT + 65537 so
            // that it lies above every number the old connection used (tcp_v4_rcv, tcp_tw_isn).
            SeqNumber newIss = sndNxt.plus(65535 + 2);
            if (newIss.equals(SeqNumber.ZERO)) newIss = newIss.plus(1);
            notice("notice.linux.twReuse", seconds(timeWaitDeadline - now));
            timer(TimerKind.TIME_WAIT, Effect.Action.CANCELLED, timeWaitDeadline);
            timeWaitDeadline = NEVER;
            setState(TcpState.CLOSED, "SYN");
            setState(TcpState.LISTEN, "listener");
            isnOverride = newIss;
            listenArrives(seg, now);
            return;
        }
        if (linux() && state == TcpState.SYN_RCVD && passive && f.syn() && !f.ack() && !f.rst() && irs != null
                && seg.seq().equals(irs)) {
            // Linux tcp_check_req: a retransmitted SYN (same ISN) means our SYN,ACK may be lost, so
            // it is answered with the SYN,ACK again (inet_rtx_syn_ack), where RFC 9293's first
            // check finds the SYN below RCV.NXT and answers with a bare ACK.
            emit(new Segment(iss, rcvNxt, TcpFlags.of(TcpFlags.SYN, TcpFlags.ACK), 0, rcvWnd(), cfg.mss()),
                    SeqWhy.SYN_ACK_AGAIN, AckWhy.SYN, 0, Purpose.SYN_ACK, true);
            // "Reset timer after retransmitting SYNACK" (tcp_check_req, mod_timer_pending): the
            // SYN,ACK timer starts again from this answer, with the current timeout.
            if (rtxDeadline != NEVER) {
                cancelRtx();
                armRtxIfIdle(now);
            }
            return;
        }
        // First: sequence check (Table 6).
        if (!acceptable(seg)) {
            if (!f.rst()) {
                if (state == TcpState.TIME_WAIT && f.fin()) {
                    // §3.10.7.4 fifth/eighth: the only thing that can arrive is a retransmitted
                    // FIN; acknowledge it and restart the 2MSL timeout.
                    sendAck(AckWhy.TIME_WAIT_REACK, Purpose.ACK);
                    startTimeWait(now);
                } else {
                    answerInvalid(seg, AckWhy.UNACCEPTABLE, Purpose.ACK, now);
                }
            } else {
                // §3.10.7.4 first: an unacceptable RST is dropped without an answer.
                notice("notice.ignored.rstOutsideWindow");
            }
            return;
        }
        // Second: RST with RFC 5961 §3.2: exact -> reset, in window -> challenge ACK (outside
        // the window was already dropped by the first check).
        if (f.rst()) {
            if (!seg.seq().equals(rcvNxt)) {
                answerInvalid(seg, AckWhy.CHALLENGE, Purpose.CHALLENGE_ACK, now);
                return;
            }
            switch (state) {
                case SYN_RCVD -> {
                    if (passive && !closePending) {
                        // Fig. 5 note 1: back to LISTEN, the user is not told. (After a CLOSE
                        // the user no longer wants to listen, so that case closes instead.)
                        cancelRtx();
                        rtxQueue.clear();
                        pendingData = 0;
                        closePending = false;
                        irs = null;
                        setState(TcpState.LISTEN, "RST");
                    } else {
                        notice("notice.refused");
                        toClosed("RST");
                    }
                }
                case CLOSING, LAST_ACK, TIME_WAIT -> toClosed("RST");
                default -> {
                    notice("notice.reset");
                    toClosed("RST");
                }
            }
            return;
        }
        // Fourth: SYN. Passive SYN-RECEIVED forgets the attempt; synchronized states send a
        // challenge ACK (RFC 5961 §4) instead of the old RFC 793 reset.
        if (f.syn()) {
            if (state == TcpState.SYN_RCVD && passive && linux()) {
                // Linux tcp_check_req: an in-window SYN that is not a retransmission of the one
                // being answered ends the embryonic connection with a reset (embryonic_reset ->
                // tcp_v4_send_reset: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, the segment has no
                // ACK) and drops the request; RFC 9293 only returns to LISTEN, silently.
                notice("notice.linux.embryonicReset");
                rstForNoConnection(seg);
                cancelRtx();
                rtxQueue.clear();
                irs = null;
                setState(TcpState.LISTEN, "SYN");
                return;
            }
            if (state == TcpState.SYN_RCVD && passive) {
                cancelRtx();
                rtxQueue.clear();
                irs = null;
                setState(TcpState.LISTEN, "SYN");
            } else {
                answerInvalid(seg, AckWhy.CHALLENGE, Purpose.CHALLENGE_ACK, now);
            }
            return;
        }
        // Fifth: ACK. Without it the segment is dropped.
        if (!f.ack()) {
            notice("notice.ignored.noAck");
            return;
        }
        SeqNumber a = seg.ack();
        boolean ourFinAckedWithTheirFin = false;
        switch (state) {
            case SYN_RCVD -> {
                if (sndUna.lt(a) && a.le(sndNxt)) {
                    sndWnd = seg.window();
                    sndWl1 = seg.seq();
                    sndWl2 = a;
                    sndUna = a;
                    dropAcked(now);
                    setState(TcpState.ESTABLISHED, "ACK");
                    if (repeatedSyn) {
                        notice("notice.linux.repeatedSynAck");
                        sendAck(AckWhy.CURRENT, Purpose.ACK);
                    }
                    if (closePending) setState(TcpState.FIN_WAIT_1, "CLOSE");
                } else {
                    // §3.5.2 (2): an unacceptable ACK in a non-synchronized state gets a RST.
                    emit(new Segment(a, null, TcpFlags.of(TcpFlags.RST), 0, rcvWnd(), 0),
                            SeqWhy.RST_FROM_ACK, AckWhy.NONE, 0, Purpose.RST);
                    return;
                }
            }
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK -> {
                if (a.gt(sndNxt)) {
                    if (linux()) {
                        // Linux 6.x tcp_ack(): SKB_DROP_REASON_TCP_ACK_UNSENT_DATA, dropped unanswered.
                        notice("notice.linux.ackOfUnsentDropped", a.minus(iss), sndNxt.minus(iss));
                    } else {
                        // §3.10.7.4 fifth: an ACK of something never sent: ACK and drop.
                        answerInvalid(seg, AckWhy.CURRENT, Purpose.ACK, now);
                    }
                    return;
                }
                if (sndUna.lt(a)) {
                    sndUna = a;
                    dupAcks = 0;
                    dropAcked(now);
                } else if (seg.dataLen() == 0 && !f.fin() && seg.window() == sndWnd) {
                    // A bare ACK that moves nothing: say so, or the arrival looks lost. With data
                    // outstanding it is an RFC 5681 §2 duplicate ACK; the third one triggers fast
                    // retransmit of the first unacknowledged segment (§3.2), without waiting for the RTO.
                    if (pendingData > 0 && seg.window() == 0) notice("notice.windowStillZero", pendingData);
                    else if (sndUna.equals(sndNxt) || rtxQueue.isEmpty()) notice("notice.ignored.ackNothingNew");
                    else {
                        dupAcks++;
                        if (dupAcks == 3) {
                            notice("notice.fastRetransmit", dupAcks);
                            fastRetransmit(now);
                        } else notice("notice.ignored.dupAck", dupAcks);
                    }
                }
                if (sndWl1.lt(seg.seq()) || (sndWl1.equals(seg.seq()) && sndWl2.le(a))) {
                    sndWnd = seg.window();
                    sndWl1 = seg.seq();
                    sndWl2 = a;
                }
                if (sndWnd > 0 && persistDeadline != NEVER) {
                    persistDeadline = NEVER;
                    notice("notice.windowOpened", sndWnd);
                }
                boolean finAcked = finSent && a.ge(finSeq.plus(1));
                if (state == TcpState.FIN_WAIT_1 && finAcked && f.fin()) {
                    // FIN and the ACK of our FIN together: decided at the eighth step (TIME-WAIT).
                    ourFinAckedWithTheirFin = true;
                } else if (state == TcpState.FIN_WAIT_1 && finAcked) {
                    setState(TcpState.FIN_WAIT_2, "ACK");
                    armFinWait2IfOrphaned(now);
                } else if (state == TcpState.CLOSING && finAcked) {
                    setState(TcpState.TIME_WAIT, "ACK");
                    startTimeWait(now);
                } else if (state == TcpState.LAST_ACK && finAcked) {
                    toClosed("ACK");
                    return;
                }
            }
            default -> { }
        }
        // Seventh: segment text, delivered only in ESTABLISHED, FIN-WAIT-1 and FIN-WAIT-2.
        SeqNumber dataEnd = seg.seq().plus(seg.dataLen());
        boolean receiving = state == TcpState.ESTABLISHED || state == TcpState.FIN_WAIT_1 || state == TcpState.FIN_WAIT_2;
        boolean finNow = f.fin() && dataEnd.equals(rcvNxt);
        boolean ackAtOnce = false;
        if (receiving && (seg.dataLen() > 0 || f.fin())) {
            if (linux() && orphaned && seg.dataLen() > 0 && dataEnd.gt(rcvNxt)) {
                // Linux tcp_rcv_state_process (FIN_WAIT1/2 with RCV_SHUTDOWN): new data for a socket
                // the application closed cannot be delivered, so the connection is reset
                // (TCPAbortOnData); tcp_v4_send_reset answers the segment with <SEQ=SEG.ACK><RST>.
                notice("notice.linux.dataAfterClose", seg.dataLen());
                emit(new Segment(a, null, TcpFlags.of(TcpFlags.RST), 0, 0, 0), SeqWhy.RST_FROM_ACK, AckWhy.NONE, 0,
                        Purpose.RST);
                toClosed("RST");
                return;
            }
            if (seg.seq().le(rcvNxt)) {
                if (dataEnd.gt(rcvNxt)) {
                    int fresh = dataEnd.minus(rcvNxt);
                    rcvNxt = dataEnd;
                    deliver(fresh);
                }
                finNow = f.fin() && dataEnd.equals(rcvNxt);
                // SHLD-31: segments held beyond the old RCV.NXT may now follow on; RFC 5681 §4.2
                // wants an immediate ACK for a segment that fills (part of) a gap.
                if (!held.isEmpty()) {
                    ackAtOnce = true;
                    finNow |= pullHeld();
                }
            } else {
                // Beyond a gap: hold it for later (SHLD-31) and tell the sender at once with a
                // duplicate ACK of RCV.NXT (RFC 5681 §4.2): the third one triggers its fast retransmit.
                held.add(new long[] {seg.seq().unsigned(), dataEnd.unsigned(), f.fin() ? 1 : 0});
                owe(AckWhy.DUPLICATE, 0);
                ackAtOnce = true;
                notice(f.fin() ? "notice.finAheadOfGap" : "notice.heldOutOfOrder", seg.dataLen(), rcvNxt.minus(irs) );
                finNow = false;
            }
        }
        // Eighth: FIN, only when everything before it has arrived (the FIN is at SEG.SEQ + data).
        if (finNow) {
            rcvNxt = rcvNxt.plus(1);
            owe(AckWhy.FIN, 0);
            notice("notice.peerClosing");
            switch (state) {
                case SYN_RCVD, ESTABLISHED -> {
                    setState(TcpState.CLOSE_WAIT, "FIN");
                    if (cfg.closeOnFin()) {
                        closePending = true;
                        notice("notice.autoClose");
                        setState(TcpState.LAST_ACK, "CLOSE");
                    }
                }
                case FIN_WAIT_1 -> {
                    // Linux tcp_fin sends this ACK at once (tcp_send_ack), as the RFC does.
                    ackAtOnce = true;
                    if (ourFinAckedWithTheirFin) {
                        // Fig. 5 note 2: FIN,ACK acknowledging our FIN goes straight to TIME-WAIT.
                        ourFinAckedWithTheirFin = false;
                        setState(TcpState.TIME_WAIT, "FIN, ACK");
                        startTimeWait(now);
                    } else {
                        // Our FIN not yet acknowledged: simultaneous close (Fig. 13).
                        setState(TcpState.CLOSING, "FIN");
                    }
                }
                case FIN_WAIT_2 -> {
                    ackAtOnce = true;
                    cancelFinWait2();
                    setState(TcpState.TIME_WAIT, "FIN");
                    startTimeWait(now);
                }
                case TIME_WAIT -> startTimeWait(now);
                default -> { }
            }
        }
        if (ourFinAckedWithTheirFin) {
            // Their FIN was not in order after all: only our FIN's ACK counts.
            setState(TcpState.FIN_WAIT_2, "ACK");
            armFinWait2IfOrphaned(now);
        }
        flush(now);
        if (owedAck != null) {
            boolean last = owedAck == AckWhy.FIN && (state == TcpState.TIME_WAIT || state == TcpState.CLOSING);
            if (linux() && !ackAtOnce && delayAck()) {
                // Linux __tcp_ack_snd_check -> tcp_send_delayed_ack: the ACK waits for data or a
                // FIN to ride on, at most the delayed-ACK timeout. (RFC 9293 SHLD-19 allows a delay
                // below 0.5 s; the rfc profile acknowledges at once, DESIGN §3.)
                if (ackDeadline == NEVER) ackDeadline = now + LINUX_DELACK_US;
            } else {
                sendOwedAck(last ? Purpose.CLOSE_LAST_ACK : Purpose.ACK, SeqWhy.NEXT);
            }
        }
    }

    /**
     * Linux's choice between an immediate and a delayed ACK (__tcp_ack_snd_check): at once when
     * more than one full segment is unacknowledged; delayed in pingpong mode (this side answered
     * data with data within the delayed-ACK timeout, tcp_event_data_sent); otherwise at once in
     * quick-ack mode (the first {@value #LINUX_QUICKACKS} ACKs of data, tcp_incr_quickack). A FIN
     * that moves ESTABLISHED to CLOSE_WAIT enters pingpong mode (tcp_fin), so its ACK is delayed,
     * but only once data has arrived: before that the delayed-ACK timeout (icsk_ack.ato) is still
     * 0 and tcp_send_delayed_ack() lets the ACK go at the next tick (recorded on Linux 6.18:
     * resources/captures/linux/four-way-close.pcap, the FIN's ACK 2 ms after the FIN).
     */
    private boolean delayAck() {
        if (owedAck == AckWhy.FIN) return state == TcpState.CLOSE_WAIT && lastDataAt != NEVER;
        if (owedAck != AckWhy.DATA) return false;
        if (rcvUnacked > cfg.mss()) return false;
        if (pingpong) return true;
        if (quickAcks > 0) {
            quickAcks--;
            return false;
        }
        return true;
    }

    /** Moves held segments that now start at or before RCV.NXT into the stream; true if a held FIN is next. */
    private boolean pullHeld() {
        boolean fin = false;
        for (boolean found = true; found; ) {
            found = false;
            for (int i = 0; i < held.size(); i++) {
                long[] h = held.get(i);
                SeqNumber start = SeqNumber.of(h[0]), end = SeqNumber.of(h[1]);
                if (start.gt(rcvNxt)) continue;
                held.remove(i);
                if (end.gt(rcvNxt)) {
                    int fresh = end.minus(rcvNxt);
                    rcvNxt = end;
                    deliver(fresh);
                    notice("notice.heldDelivered", fresh);
                }
                if (h[2] == 1 && end.equals(rcvNxt)) fin = true;
                found = true;
                break;
            }
        }
        return fin;
    }

    /** Received bytes reach the application, or wait in the buffer when it does not read. */
    private void deliver(int fresh) {
        rcvUnacked += fresh;
        lastDataAt = lastEventAt;
        owe(AckWhy.DATA, fresh);
        if (cfg.appReads() || readsNow) notice("notice.delivered", fresh);
        else {
            unread += fresh;
            notice("notice.queuedUnread", fresh, unread, rcvWnd());
        }
    }

    /** RFC 9293 §3.4 Table 6, with the zero-window allowance for ACK/RST of §3.10.7.4. */
    private boolean acceptable(Segment seg) {
        int len = seg.seqLen();
        int wnd = rcvWnd();
        SeqNumber s = seg.seq();
        if (len == 0) {
            return wnd == 0 ? s.equals(rcvNxt) : rcvNxt.le(s) && s.lt(rcvNxt.plus(wnd));
        }
        if (wnd == 0) return false;
        SeqNumber last = s.plus(len - 1);
        return (rcvNxt.le(s) && s.lt(rcvNxt.plus(wnd))) || (rcvNxt.le(last) && last.lt(rcvNxt.plus(wnd)));
    }

    // ------------------------------------------------------------------------------------------
    // Timeouts, RFC 9293 §3.10.8

    public List<Effect> onTimer(long now) {
        begin();
        lastEventAt = now;
        if (persistDeadline <= now) {
            persistProbe(now);
        } else if (keepAliveDeadline <= now && rtxDeadline > now && ackDeadline > now) {
            keepAliveTimeout(now);
        } else if (ackDeadline <= now) {
            ackDeadline = NEVER;
            // tcp_delack_timer_handler(): the delayed ACK found no reply to ride on, so the
            // socket leaves pingpong mode.
            pingpong = false;
            if (owedAck != null) {
                notice("notice.linux.delayedAck", seconds(LINUX_DELACK_US));
                boolean last = owedAck == AckWhy.FIN && (state == TcpState.TIME_WAIT || state == TcpState.CLOSING);
                sendOwedAck(last ? Purpose.CLOSE_LAST_ACK : Purpose.ACK, SeqWhy.NEXT);
            }
        } else if (timeWaitDeadline <= now) {
            timeWaitDeadline = NEVER;
            timer(TimerKind.TIME_WAIT, Effect.Action.FIRED, now);
            toClosed("TIME_WAIT");
        } else if (finWait2Deadline <= now) {
            finWait2Deadline = NEVER;
            timer(TimerKind.FIN_WAIT_2, Effect.Action.FIRED, now);
            notice("notice.finWait2Timeout", seconds(cfg.finWait2Us()));
            toClosed("FIN_WAIT_2");
        } else if (rtxDeadline <= now) {
            rtxDeadline = NEVER;
            timer(TimerKind.RETRANSMISSION, Effect.Action.FIRED, now);
            // A SYN_RCVD reached by a simultaneous open is an active open: Linux's tcp_write_timeout
            // applies tcp_syn_retries to a full socket in SYN_SENT or SYN_RECV; tcp_synack_retries
            // is for the listener's request socks only.
            int limit = switch (state) {
                case SYN_SENT -> cfg.synRetries();
                case SYN_RCVD -> passive ? cfg.synAckRetries() : cfg.synRetries();
                default -> cfg.dataRetries();
            };
            if (rtxCount >= limit || rtxQueue.isEmpty()) {
                // §3.8.3 R2: give up. A passive half-open connection returns to LISTEN.
                // The retry counts are Linux's (tcp_syn_retries, tcp_synack_retries): for a SYN they
                // give up sooner than the 3 minutes of MUST-23, and the note says so.
                String which = state == TcpState.SYN_SENT ? "notice.timedOut.syn"
                        : state == TcpState.SYN_RCVD ? (passive ? "notice.timedOut.synAck" : "notice.timedOut.synAckActive")
                        : "notice.timedOut.data";
                Unacked head = rtxQueue.peekFirst();
                long since = head == null ? now : head.sentAt();
                rtxQueue.clear();
                notice(which, rtxCount, seconds(now - since));
                if (state == TcpState.SYN_RCVD && passive && !closePending) {
                    irs = null;
                    setState(TcpState.LISTEN, "RETRANSMISSION");
                } else {
                    toClosed("RETRANSMISSION");
                }
            } else {
                rtxCount++;
                // RFC 6298 (5.5): back off, then (5.6) restart the timer.
                rto = Math.min(rto * 2, cfg.maxRtoUs());
                retransmitHead(now);
                rtxDeadline = now + rto;
                timer(TimerKind.RETRANSMISSION, Effect.Action.SET, rtxDeadline);
            }
        }
        return end();
    }

    /**
     * RFC 5681 §3.2 step 2: resend the first unacknowledged segment now. The retransmission timer
     * keeps running (RFC 6298 restarts it only on new ACKs), and Karn's rule applies to the resent
     * segment as to any other.
     */
    private void fastRetransmit(long now) {
        Unacked u = rtxQueue.removeFirst();
        rtxQueue.addFirst(new Unacked(u.seq(), u.dataLen(), u.syn(), u.fin(), u.sentAt(), true));
        int fl = TcpFlags.ACK | (u.fin() ? TcpFlags.FIN : 0) | (u.dataLen() > 0 ? TcpFlags.PSH : 0);
        Segment s = new Segment(u.seq(), rcvNxt, new TcpFlags(fl), u.dataLen(), rcvWnd(), 0);
        afterAckSent();
        fx.add(new Effect.Send(new Outgoing(s, SeqWhy.FAST_RETRANSMIT, AckWhy.CURRENT, 0, true, 0, rto,
                u.fin() ? Purpose.FIN : Purpose.DATA)));
    }

    private void retransmitHead(long now) {
        Unacked u = rtxQueue.removeFirst();
        rtxQueue.addFirst(new Unacked(u.seq(), u.dataLen(), u.syn(), u.fin(), u.sentAt(), true));
        int fl = (u.syn() ? TcpFlags.SYN : 0) | (u.fin() ? TcpFlags.FIN : 0);
        // Every segment after our SYN carries an ACK; only SYN-SENT has nothing to acknowledge.
        boolean withAck = state != TcpState.SYN_SENT;
        if (withAck) fl |= TcpFlags.ACK;
        if (u.dataLen() > 0) fl |= TcpFlags.PSH;
        Segment s = new Segment(u.seq(), withAck ? rcvNxt : null, new TcpFlags(fl), u.dataLen(), rcvWnd(),
                u.syn() ? cfg.mss() : 0);
        if (withAck) afterAckSent();
        Purpose p = u.syn() ? (withAck ? Purpose.SYN_ACK : Purpose.SYN) : u.fin() ? Purpose.FIN : Purpose.DATA;
        AckWhy aw = !withAck ? AckWhy.NONE : u.syn() ? AckWhy.SYN : AckWhy.CURRENT;
        fx.add(new Effect.Send(new Outgoing(s, SeqWhy.RETRANSMISSION, aw, 0, true, rtxCount, rto, p)));
    }

    // ------------------------------------------------------------------------------------------
    // Sending

    private void startIncarnation(long now) {
        iss = isnOverride != null ? isnOverride : SeqNumber.of(isnClock.applyAsLong(now));
        isnOverride = null;
        sndUna = iss;
        sndNxt = iss;
        finSent = false;
        finSeq = null;
        rto = cfg.initialRtoUs();
        srtt = -1;
        rtxCount = 0;
        explainRto = false;
        orphaned = false;
        unread = 0;
        held.clear();
        dupAcks = 0;
        rcvUnacked = 0;
        quickAcks = LINUX_QUICKACKS;
        ackDeadline = NEVER;
        lastDataAt = NEVER;
        pingpong = false;
        lastInvalidAckAt = NEVER;
    }

    private void sendSyn(long now, boolean withAck) {
        Segment s = withAck
                ? new Segment(iss, rcvNxt, TcpFlags.of(TcpFlags.SYN, TcpFlags.ACK), 0, cfg.window(), cfg.mss())
                : new Segment(iss, null, TcpFlags.of(TcpFlags.SYN), 0, cfg.window(), cfg.mss());
        sndNxt = iss.plus(1);
        rtxQueue.addLast(new Unacked(iss, 0, true, false, now));
        emit(s, SeqWhy.ISN, withAck ? AckWhy.SYN : AckWhy.NONE, 0, withAck ? Purpose.SYN_ACK : Purpose.SYN);
        armRtxIfIdle(now);
    }

    /** Sends queued data within the peer's window, then the FIN once all data is out. */
    private void flush(long now) {
        // CLOSING too: a CLOSE issued in SYN_RCVD behind queued SENDs reaches FIN_WAIT_1 on the
        // handshake ACK, and a FIN in that same segment moves on to CLOSING before anything left;
        // §3.10.4 still owes the peer those SENDs and then the FIN.
        boolean canSend = switch (state) {
            case ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK -> true;
            default -> false;
        };
        if (!canSend) return;
        flushData(now);
        // §3.8.6.1: data waits and the peer's window is zero with nothing in flight: only the
        // persist timer's probes can learn when it opens (an ACK that opens it may be lost).
        if (pendingData > 0 && sndWnd == 0 && rtxQueue.isEmpty() && persistDeadline == NEVER) {
            persistBackoff = Math.max(rto, linux() ? LINUX_RTO_MIN_US : rto);
            persistDeadline = now + persistBackoff;
            notice("notice.zeroWindow", pendingData, seconds(persistBackoff));
        }
        flushFin(now);
    }

    private void flushData(long now) {
        while (pendingData > 0) {
            int inFlight = sndNxt.minus(sndUna);
            int room = sndWnd - inFlight;
            int n = Math.min(Math.min(pendingData, cfg.mss()), room);
            if (n <= 0) break;
            AckWhy aw = owedAck != null ? owedAck : AckWhy.CURRENT;
            int delta = owedAck != null ? owedDelta : 0;
            owedAck = null;
            // §3.10.4: the FIN goes after all queued data; with the CLOSE already made it rides on
            // the last data segment (Linux tcp_send_fin sets FIN on the tail of the write queue).
            boolean fin = closePending && !finSent && pendingData == n;
            Segment s = new Segment(sndNxt, rcvNxt, fin ? TcpFlags.of(TcpFlags.FIN, TcpFlags.ACK, TcpFlags.PSH)
                    : TcpFlags.of(TcpFlags.ACK, TcpFlags.PSH), n, rcvWnd(), 0);
            rtxQueue.addLast(new Unacked(sndNxt, n, false, fin, now));
            sndNxt = sndNxt.plus(n);
            pendingData -= n;
            if (fin) {
                finSeq = sndNxt;
                finSent = true;
                closePending = false;
                sndNxt = sndNxt.plus(1);
            }
            // Linux tcp_event_data_sent(): data sent within the delayed-ACK timeout (ato) of the
            // last data received is a reply, which puts the socket in pingpong mode
            // (inet_csk_inc_pingpong_cnt, net.ipv4.tcp_pingpong_thresh = 1).
            if (linux() && lastDataAt != NEVER && now < lastDataAt + LINUX_DELACK_US) pingpong = true;
            emit(s, SeqWhy.NEXT, aw, delta, fin ? Purpose.FIN : Purpose.DATA);
            armRtxIfIdle(now);
        }
    }

    private void flushFin(long now) {
        if (closePending && !finSent && pendingData == 0) {
            AckWhy aw = owedAck != null ? owedAck : AckWhy.CURRENT;
            int delta = owedAck != null ? owedDelta : 0;
            owedAck = null;
            Segment s = new Segment(sndNxt, rcvNxt, TcpFlags.of(TcpFlags.FIN, TcpFlags.ACK), 0, rcvWnd(), 0);
            finSeq = sndNxt;
            finSent = true;
            closePending = false;
            rtxQueue.addLast(new Unacked(sndNxt, 0, false, true, now));
            sndNxt = sndNxt.plus(1);
            emit(s, SeqWhy.FIN, aw, delta, Purpose.FIN);
            armRtxIfIdle(now);
        }
    }

    private void owe(AckWhy why, int delta) {
        if (owedAck == AckWhy.DATA && why == AckWhy.FIN) {
            // Data and FIN in one segment: one ACK covers both; keep the byte count.
            owedAck = AckWhy.FIN;
            return;
        }
        owedAck = why;
        owedDelta = delta;
    }

    private void sendOwedAck(Purpose p, SeqWhy sw) {
        if (owedAck == null) return;
        emit(new Segment(sndNxt, rcvNxt, TcpFlags.of(TcpFlags.ACK), 0, rcvWnd(), 0), sw, owedAck, owedDelta, p);
        owedAck = null;
    }

    /**
     * The ACK that answers an invalid segment, throttled as RFC 5961 §7 asks (Linux
     * tcp_oow_rate_limited, tcp_invalid_ratelimit = 500 ms): two ends that each find the other's
     * bare ACK unacceptable would otherwise answer each other for ever (an ACK storm, e.g. after
     * an old duplicate was accepted). Segments with data or a FIN are not part of such a loop and
     * are always answered; challenge ACKs always count (tcp_send_challenge_ack).
     */
    private void answerInvalid(Segment seg, AckWhy why, Purpose p, long now) {
        boolean loopable = p == Purpose.CHALLENGE_ACK || seg.seqLen() == 0 || seg.flags().syn();
        if (loopable && lastInvalidAckAt != NEVER && now - lastInvalidAckAt < INVALID_ACK_INTERVAL_US) {
            notice("notice.ackThrottled", seconds(now - lastInvalidAckAt));
            return;
        }
        if (loopable) lastInvalidAckAt = now;
        sendAck(why, p);
    }

    private void sendAck(AckWhy why, Purpose p) {
        emit(new Segment(sndNxt, rcvNxt, TcpFlags.of(TcpFlags.ACK), 0, rcvWnd(), 0), SeqWhy.NEXT, why, 0, p);
    }

    /** §3.10.7.1: the two RST formulas of a port without a connection. */
    private void rstForNoConnection(Segment seg) {
        if (seg.flags().ack()) {
            emit(new Segment(seg.ack(), null, TcpFlags.of(TcpFlags.RST), 0, 0, 0),
                    SeqWhy.RST_FROM_ACK, AckWhy.NONE, 0, Purpose.RST);
        } else {
            emit(new Segment(SeqNumber.ZERO, seg.end(), TcpFlags.of(TcpFlags.RST, TcpFlags.ACK), 0, 0, 0),
                    SeqWhy.RST_ZERO, AckWhy.RST_CLOSED, seg.seqLen(), Purpose.RST);
        }
    }

    /**
     * SYN-cookie completion (RFC 4987 §3.6): the listener kept no state for the SYN, so the ACK
     * that returns its cookie rebuilds the connection. The listening socket itself stays in LISTEN;
     * this object is the new connection, created in SYN_RCVD as if the SYN had just arrived (Linux
     * cookie_v4_check -> tcp_get_cookie_sock makes the child socket in SYN_RECV) and moved to
     * ESTABLISHED by that same ACK: two edges of RFC 9293's diagram, never LISTEN -> ESTABLISHED.
     */
    public List<Effect> acceptCookie(Segment ack, SeqNumber cookieIss, int peerWindow, long now) {
        begin();
        passive = true;
        setState(TcpState.SYN_RCVD, "SYN cookie");
        iss = cookieIss;
        irs = ack.seq().plus(-1);
        rcvNxt = ack.seq();
        sndUna = ack.ack();
        sndNxt = ack.ack();
        sndWnd = peerWindow;
        sndWl1 = ack.seq();
        sndWl2 = ack.ack();
        setState(TcpState.ESTABLISHED, "ACK");
        return end();
    }

    private void emit(Segment s, SeqWhy sw, AckWhy aw, int delta, Purpose p) {
        emit(s, sw, aw, delta, p, false);
    }

    private void emit(Segment s, SeqWhy sw, AckWhy aw, int delta, Purpose p, boolean retransmission) {
        if (s.flags().ack() && s.ack().equals(rcvNxt)) afterAckSent();
        fx.add(new Effect.Send(new Outgoing(s, sw, aw, delta, retransmission, 0, 0, p)));
    }

    /** Any segment carrying ACK = RCV.NXT acknowledges everything: no ACK is owed or delayed any more. */
    private void afterAckSent() {
        rcvUnacked = 0;
        ackDeadline = NEVER;
    }

    // ------------------------------------------------------------------------------------------
    // Bookkeeping

    private void dropAcked(long now) {
        boolean removed = false, sentOnce = false, synResent = false;
        long sample = -1;
        while (!rtxQueue.isEmpty() && rtxQueue.peekFirst().end().le(sndUna)) {
            Unacked u = rtxQueue.removeFirst();
            removed = true;
            if (!u.resent()) {
                sentOnce = true;
                sample = now - u.sentAt();
            } else if (u.syn()) {
                synResent = true;
                rtoAfter = state == TcpState.SYN_RCVD ? "SYN,ACK" : "SYN";
            }
        }
        if (!removed) return;
        // New data acknowledged: RFC 6298 (5.3) restarts the timer. Karn's algorithm (RFC 6298
        // §5, RFC 9293 MUST-18): an ACK of a retransmitted segment gives no RTT sample, so the
        // backed-off RTO stays until a segment sent only once is acknowledged; that sample
        // (with a 100 ms RTT, RFC 6298 (2.4) rounds it up to the 1 s minimum) ends the back-off.
        // RFC 6298 (5.7): if the SYN timed out, data starts with a 3 s RTO.
        if (sentOnce) {
            boolean first = srtt < 0;
            rto = measuredRto(sample);
            // The first sample is where the profiles part: say so once per connection.
            if (first && linux() && rto < cfg.initialRtoUs()) notice("notice.linux.rto", seconds(rto), seconds(sample));
            explainRto = false;
        }
        else if (synResent && cfg.initialRtoUs() < RTO_AFTER_SYN_TIMEOUT_US) {
            rto = RTO_AFTER_SYN_TIMEOUT_US;
            explainRto = true;
        }
        rtxCount = 0;
        if (rtxQueue.isEmpty()) cancelRtx();
        else {
            rtxDeadline = now + rto;
            timer(TimerKind.RETRANSMISSION, Effect.Action.SET, rtxDeadline);
        }
    }

    /**
     * RFC 6298 (2.2)/(2.3): SRTT and RTTVAR from a sample R of a segment sent once, RTO = SRTT +
     * 4·RTTVAR, rounded up to the configured initial RTO (1 s by (2.4)) and capped at the maximum.
     * On a 100 ms path this stays 1 s; on a slow path (delay 600 ms) it grows past the RTT, so
     * data is not resent before its ACK can arrive.
     */
    private long measuredRto(long r) {
        if (srtt < 0) {
            srtt = r;
            rttvar = r / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
            srtt = (7 * srtt + r) / 8;
        }
        // Linux (tcp_rtt_estimator / tcp_set_rto): RTO = SRTT + max(4·RTTVAR, TCP_RTO_MIN), so a
        // 100 ms path gets 300 ms; RFC 6298 (2.4) rounds up to 1 s.
        if (linux()) return Math.min(cfg.maxRtoUs(), srtt + Math.max(4 * rttvar, LINUX_RTO_MIN_US));
        return Math.min(cfg.maxRtoUs(), Math.max(cfg.initialRtoUs(), srtt + 4 * rttvar));
    }

    private void armRtxIfIdle(long now) {
        // RFC 6298 (5.1): start the timer only if it is not already running.
        if (rtxDeadline == NEVER && !rtxQueue.isEmpty()) {
            // Said where the 3 s first shows, not at the handshake, where it changes nothing yet.
            if (explainRto) notice("notice.rtoAfterSynTimeout", seconds(rto), rtoAfter);
            explainRto = false;
            rtxDeadline = now + rto;
            timer(TimerKind.RETRANSMISSION, Effect.Action.SET, rtxDeadline);
        }
    }

    private void cancelRtx() {
        if (rtxDeadline != NEVER) {
            timer(TimerKind.RETRANSMISSION, Effect.Action.CANCELLED, rtxDeadline);
            rtxDeadline = NEVER;
        }
    }

    private void cancelFinWait2() {
        if (finWait2Deadline != NEVER) {
            timer(TimerKind.FIN_WAIT_2, Effect.Action.CANCELLED, finWait2Deadline);
            finWait2Deadline = NEVER;
        }
    }

    /**
     * RFC 9293 has no FIN_WAIT_2 timer: the peer may send for as long as it likes after our FIN.
     * Linux times FIN_WAIT_2 (tcp_fin_timeout, 60 s) only for a socket the application closed
     * (SOCK_DEAD in tcp_rcv_state_process), never after shutdown(SHUT_WR).
     */
    private void armFinWait2IfOrphaned(long now) {
        if (linux() && orphaned) restartFinWait2(now);
    }

    private void restartFinWait2(long now) {
        finWait2Deadline = now + cfg.finWait2Us();
        timer(TimerKind.FIN_WAIT_2, Effect.Action.SET, finWait2Deadline);
    }

    /** MUST-13: TIME-WAIT lasts 2MSL; a retransmitted FIN restarts it (§3.10.7.4 fifth). */
    private void startTimeWait(long now) {
        cancelRtx();
        rtxQueue.clear();
        // Linux: a fixed TCP_TIMEWAIT_LEN (60 s) whatever the MSL (tcp_time_wait, inet_twsk_schedule).
        timeWaitDeadline = now + (linux() ? LINUX_TIME_WAIT_US : 2 * cfg.mslUs());
        if (linux() && state == TcpState.TIME_WAIT && timeWaitDeadline - now != 2 * cfg.mslUs()) {
            notice("notice.linux.timeWait", seconds(LINUX_TIME_WAIT_US), seconds(2 * cfg.mslUs()));
        }
        timer(TimerKind.TIME_WAIT, Effect.Action.SET, timeWaitDeadline);
    }

    private void toClosed(String cause) {
        TcpState was = state;
        cancelRtx();
        cancelFinWait2();
        if (timeWaitDeadline != NEVER) {
            timer(TimerKind.TIME_WAIT, Effect.Action.CANCELLED, timeWaitDeadline);
            timeWaitDeadline = NEVER;
        }
        rtxQueue.clear();
        pendingData = 0;
        closePending = false;
        ackDeadline = NEVER;
        owedAck = null;
        held.clear();
        setState(TcpState.CLOSED, cause);
        if (keepListening && passive && was != TcpState.LISTEN) {
            irs = null;
            orphaned = false;
            unread = 0;
            setState(TcpState.LISTEN, "listener");
        }
    }

    private void setState(TcpState to, String cause) {
        if (to == state) return;
        fx.add(new Effect.StateChanged(state, to, cause));
        state = to;
        // Keep-alive runs only while the connection is open and idle (RFC 9293 §3.8.4).
        if (to == TcpState.ESTABLISHED && keepIdleUs > 0) restartKeepAlive(lastEventAt);
        else if (to != TcpState.ESTABLISHED && keepAliveDeadline != NEVER) {
            timer(TimerKind.KEEPALIVE, Effect.Action.CANCELLED, keepAliveDeadline);
            keepAliveDeadline = NEVER;
        }
    }

    private void restartKeepAlive(long now) {
        keepAliveProbes = 0;
        keepAliveDeadline = now + keepIdleUs;
        timer(TimerKind.KEEPALIVE, Effect.Action.SET, keepAliveDeadline);
    }

    /**
     * Turns keep-alive on (SO_KEEPALIVE with TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT): after
     * {@code idleUs} without a segment from the peer, a probe every {@code intervalUs}; after
     * {@code probes} unanswered probes the connection is given up. RFC 9293 §3.8.4 makes
     * keep-alive optional (MAY-5) and off by default (MUST-26), with at least two hours of idle
     * time (MUST-25); Linux's defaults are 7200 s, 75 s and 9 (tcp_keepalive_*).
     */
    public Connection keepAlive(long idleUs, long intervalUs, int probes) {
        keepIdleUs = idleUs;
        keepIntvlUs = intervalUs;
        keepCount = probes;
        return this;
    }

    /**
     * Zero-window probe (§3.8.6.1, MUST-36; SHLD-29/30: first after an RTO, then backing off).
     * RFC 9293: one octet of new data at SND.NXT, which a closed window refuses and answers with
     * an ACK; Linux (tcp_send_probe0 -> tcp_xmit_probe_skb): no data at SND.UNA - 1, an old number
     * that must be answered with an ACK. Either answer carries the current window.
     */
    private void persistProbe(long now) {
        persistDeadline = NEVER;
        if (pendingData == 0 || sndWnd > 0) return;
        Segment s = linux()
                ? new Segment(sndUna.plus(-1), rcvNxt, TcpFlags.of(TcpFlags.ACK), 0, rcvWnd(), 0)
                : new Segment(sndNxt, rcvNxt, TcpFlags.of(TcpFlags.ACK, TcpFlags.PSH), 1, rcvWnd(), 0);
        emit(s, SeqWhy.WINDOW_PROBE, AckWhy.CURRENT, 0, Purpose.ACK);
        persistBackoff = Math.min(persistBackoff * 2, cfg.maxRtoUs());
        persistDeadline = now + persistBackoff;
    }

    /**
     * The application reads everything received so far, and from now on reads at once. A window
     * that was closed (or under one MSS) reopens, and the receiver says so at once with a window
     * update (§3.8.6.2.2), or the sender would learn it only from its next probe.
     */
    public List<Effect> read(long now) {
        begin();
        lastEventAt = now;
        int before = rcvWnd();
        int n = unread;
        unread = 0;
        readsNow = true;
        notice("notice.appRead", n, rcvWnd());
        boolean synced = state == TcpState.ESTABLISHED || state == TcpState.FIN_WAIT_1 || state == TcpState.FIN_WAIT_2;
        if (synced && before < Math.min(cfg.mss(), cfg.window() / 2) && rcvWnd() > before) {
            emit(new Segment(sndNxt, rcvNxt, TcpFlags.of(TcpFlags.ACK), 0, rcvWnd(), 0), SeqWhy.NEXT,
                    AckWhy.WINDOW_UPDATE, rcvWnd(), Purpose.ACK);
        }
        return end();
    }

    /** A keep-alive probe: SEG.SEQ = SND.NXT - 1, no data, so the peer must answer with an ACK. */
    private void keepAliveTimeout(long now) {
        timer(TimerKind.KEEPALIVE, Effect.Action.FIRED, now);
        keepAliveDeadline = NEVER;
        if (keepAliveProbes >= keepCount) {
            notice(linux() ? "notice.keepAlive.gaveUpLinux" : "notice.keepAlive.gaveUp", keepAliveProbes);
            // Linux tcp_keepalive_timer: tcp_send_active_reset, then tcp_write_err (ETIMEDOUT).
            // RFC 9293 names no segment for it: the connection is deleted like a user timeout.
            if (linux()) sendAbortRst();
            toClosed("KEEPALIVE");
            return;
        }
        keepAliveProbes++;
        emit(new Segment(sndNxt.plus(-1), rcvNxt, TcpFlags.of(TcpFlags.ACK), 0, rcvWnd(), 0),
                SeqWhy.KEEPALIVE, AckWhy.CURRENT, keepAliveProbes, Purpose.ACK);
        keepAliveDeadline = now + keepIntvlUs;
        timer(TimerKind.KEEPALIVE, Effect.Action.SET, keepAliveDeadline);
    }

    private void timer(TimerKind k, Effect.Action a, long expires) {
        fx.add(new Effect.TimerChanged(k, a, expires));
    }

    /** Seconds for a notice: "127" or "0.35". */
    private static String seconds(long us) {
        return java.math.BigDecimal.valueOf(us, 6).stripTrailingZeros().toPlainString();
    }

    private void error(String key) {
        fx.add(new Effect.Notice(Explanation.of("tcp." + key, state.name())));
    }

    private void notice(String key, Object... args) {
        fx.add(new Effect.Notice(Explanation.of("tcp." + key, args)));
    }

    private void begin() {
        fx = new ArrayList<>();
        // A delayed ACK (Linux) stays owed across events until it is sent or carried by data/FIN.
        if (ackDeadline == NEVER) owedAck = null;
    }

    private List<Effect> end() {
        List<Effect> out = fx;
        fx = new ArrayList<>();
        return out;
    }
}
