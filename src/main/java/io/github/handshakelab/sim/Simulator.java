package io.github.handshakelab.sim;

import io.github.handshakelab.tcp.Connection;
import io.github.handshakelab.tcp.Effect;
import io.github.handshakelab.tcp.Outgoing;
import io.github.handshakelab.tcp.Segment;
import io.github.handshakelab.tcp.SeqNumber;
import io.github.handshakelab.tcp.Tcb;
import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.trace.Endpoint;
import io.github.handshakelab.text.Explanation;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Discrete-event simulation of two endpoints over a lossy link, on a virtual clock in
 * microseconds. Events at the same instant run in the order they were scheduled, and every random
 * choice comes from the seed, so the same scenario always yields the same trace. Drop decisions
 * depend only on segments sent before, so dropping segment #N leaves everything before it as is.
 */
public final class Simulator {

    /** Hard stop of virtual time: far beyond every timer chain (SYN back-off, R2, TIME-WAIT). */
    public static final long HORIZON_US = 4L * 3600 * 1_000_000;

    /**
     * Hard stop of size: a trace this long is no longer a lesson, and a loop nobody foresaw (like
     * the ACK storm RFC 5961 §7 throttling now prevents) must end in a note, not fill the heap.
     */
    public static final int MAX_SEGMENTS = 100_000;

    public static final Endpoint CLIENT = new Endpoint(Side.CLIENT, "Client", "10.0.0.1", 40000);
    public static final Endpoint SERVER = new Endpoint(Side.SERVER, "Server", "10.0.0.2", 80);

    /** Linux tcp_synack_retries: how often a half-open connection resends its SYN,ACK. */
    public static final int SYN_ACK_RETRIES = 5;

    private Simulator() {}

    public static Trace run(Scenario s) {
        return new Run(s).go();
    }

    /**
     * A run plus the drop rules that never took effect: a segment number beyond the trace, or a
     * role no segment played (the CLI warns about options that changed nothing).
     * {@link DropRule.Random} is never listed: losing nothing is one of its outcomes.
     */
    public record Outcome(Trace trace, List<DropRule> unmatched) {
        public Outcome {
            unmatched = List.copyOf(unmatched);
        }
    }

    public static Outcome runWithReport(Scenario s) {
        Run r = new Run(s);
        Trace t = r.go();
        List<DropRule> none = new ArrayList<>();
        for (DropRule rule : s.faults().rules()) {
            if (!(rule instanceof DropRule.Random) && !r.matched.contains(rule)) none.add(rule);
        }
        return new Outcome(t, none);
    }

    private static final int CALL = 0, ARRIVE = 1, WAKE = 2, INJECT = 3;

    /** The time an endpoint takes to answer a TLS flight it has read. */
    private static final long TLS_THINK_US = 1_000;

    private record Ev(long t, long order, int kind, Object payload) {}

    /** A segment in flight: {@code spoof} names the forged peer when it is not the real client. */
    private record Wire(Segment seg, Side to, String spoof, int id) {}

    private static final class Run {
        final Scenario sc;
        final SimParams p;
        final Link link;
        final PriorityQueue<Ev> queue = new PriorityQueue<>((a, b) ->
                a.t != b.t ? Long.compare(a.t, b.t) : Long.compare(a.order, b.order));
        long order;
        final List<TraceEvent> events = new ArrayList<>();
        final List<Trace.TcbSample> tcbs = new ArrayList<>();
        final List<Trace.Gauge> gauges = new ArrayList<>();
        final EnumMap<Side, Connection> conn = new EnumMap<>(Side.class);
        final EnumMap<Side, Tcb> lastTcb = new EnumMap<>(Side.class);
        final Map<Object, Long> wakeAt = new HashMap<>();
        final long[] isnBase = new long[2];
        // Relative-number bases: a side's ISN once it sent a SYN; per forged peer as well.
        final Map<Object, SeqNumber> base = new HashMap<>();
        final Map<Side, Long> finRel = new EnumMap<>(Side.class);
        int segIds;
        final Map<SegmentKind, Integer> seen = new EnumMap<>(SegmentKind.class);
        final Set<DropRule> matched = new HashSet<>();
        // syn-flood: the listener's half-open entries for forged peers, and the SYN cookies sent.
        final boolean flood;
        final Map<String, Connection> halfOpen = new LinkedHashMap<>();
        final Set<Long> cookies = new HashSet<>();
        int lastGauge = -1;
        long now;
        // Scripted calls waiting for their trigger, and the states each side has entered so far.
        final List<TriggeredCall> waiting;
        final EnumMap<Side, Set<TcpState>> reached = new EnumMap<>(Side.class);

        // TLS over the connection (tls12/tls13-handshake): the flights, the next one to write,
        // bytes written and delivered per side, and each side's records by stream offset.
        final TlsFlights tls;
        int nextFlight;
        final long[] written = new long[2], received = new long[2];
        final EnumMap<Side, List<Object[]>> records = new EnumMap<>(Side.class);
        long synSent = -1, requestAt = -1;

        Run(Scenario sc) {
            this.sc = sc;
            this.p = sc.params();
            this.link = new Link(p.delayUs());
            SplittableRandom r = new SplittableRandom(p.seed());
            long c = r.nextLong() >>> 32, sv = r.nextLong() >>> 32;
            isnBase[0] = p.isnClient() != null ? p.isnClient() : c;
            isnBase[1] = p.isnServer() != null ? p.isnServer() : sv;
            for (Side side : Side.values()) {
                Connection.Config cfg = config(sc.extras().closeOnFin().contains(side))
                        .withAppReads(!sc.extras().noRead().contains(side));
                long first = isnBase[side.ordinal()];
                boolean same = sc.extras().injections().stream().anyMatch(i -> i instanceof Scenario.Injection.SameIsn x
                        && x.side() == side);
                conn.put(side, new Connection(cfg, same ? t -> first : isnClock(first))
                        .keepListening(sc.extras().listeners().contains(side)));
                for (Scenario.Injection i : sc.extras().injections()) {
                    if (i instanceof Scenario.Injection.KeepAlive k && k.side() == side) {
                        conn.get(side).keepAlive(k.idleUs(), k.intervalUs(), k.probes());
                    }
                }
            }
            this.flood = sc.extras().injections().stream().anyMatch(i -> i instanceof Scenario.Injection.SynFlood);
            this.waiting = new ArrayList<>(sc.triggered());
            this.tls = sc.extras().injections().stream().filter(i -> i instanceof Scenario.Injection.Tls)
                    .map(i -> ((Scenario.Injection.Tls) i).flights()).findFirst().orElse(null);
            for (Side side : Side.values()) records.put(side, new ArrayList<>());
            for (Side side : Side.values()) reached.put(side, java.util.EnumSet.noneOf(TcpState.class));
        }

        Connection.Config config(boolean closeOnFin) {
            Connection.Config d = Connection.Config.defaults();
            return new Connection.Config(p.initialRtoUs(), p.synRetries(), SYN_ACK_RETRIES, d.dataRetries(),
                    d.maxRtoUs(), p.mslUs(), p.window(), d.mss(), d.finWait2Us(), closeOnFin, p.profile(), true, 0);
        }

        /**
         * RFC 9293 §3.4.1: the ISN comes from a clock ticking every 4 µs. The first incarnation
         * uses the configured (or seed-derived) value exactly; later ones (a passive side that
         * went back to LISTEN and accepts again) read the clock, so they differ.
         */
        static java.util.function.LongUnaryOperator isnClock(long first) {
            int[] n = {0};
            return t -> n[0]++ == 0 ? first : (first + t / 4 + 64_000L * n[0]) & SimParams.MAX_U32;
        }

        void push(long t, int kind, Object payload) {
            queue.add(new Ev(t, order++, kind, payload));
        }

        Trace go() {
            for (Side side : Side.values()) sampleTcb(side);
            for (ScheduledCall c : sc.calls()) push(c.t(), CALL, c);
            for (Scenario.Injection i : sc.extras().injections()) {
                if (i instanceof Scenario.Injection.OldDuplicateSyn o) push(o.t(), INJECT, o);
                else if (i instanceof Scenario.Injection.Crash c) push(c.t(), INJECT, c);
                else if (i instanceof Scenario.Injection.ReadAt r) push(r.t(), INJECT, r);
                else if (i instanceof Scenario.Injection.SynFlood f) {
                    for (int k = 0; k < f.count(); k++) push(f.start() + k * f.intervalUs(), INJECT, new SpoofedSyn(k));
                }
            }
            if (flood) gauge();
            while (!queue.isEmpty()) {
                Ev e = queue.poll();
                if (e.t > HORIZON_US) break;
                now = e.t;
                if (segIds >= MAX_SEGMENTS) {
                    note("tcp.note.segmentLimit", MAX_SEGMENTS);
                    break;
                }
                switch (e.kind) {
                    case CALL -> call((ScheduledCall) e.payload);
                    case ARRIVE -> arrive((Wire) e.payload);
                    case WAKE -> wake(e.payload, e.t);
                    case INJECT -> inject(e.payload);
                    default -> throw new IllegalStateException();
                }
            }
            halfOpenAtEnd();
            return new Trace(Trace.Source.SIMULATION, sc.id(), null, CLIENT, SERVER, events, tcbs, gauges, p.profile().id());
        }

        /**
         * RFC 9293 §3.5.1: one end still has a synchronized connection the other end has
         * forgotten (a lost RST, a handshake the listener gave up on). Neither ESTABLISHED nor
         * CLOSE_WAIT runs a timer and nothing more is sent, so the run ends like this; say why.
         */
        void halfOpenAtEnd() {
            // At the end of what the trace shows, not at a superseded timer wake-up after it.
            long end = 0;
            for (TraceEvent e : events) {
                end = Math.max(end, e.time());
                if (e instanceof TraceEvent.Segment s) end = Math.max(end, s.end());
            }
            for (Side side : Side.values()) {
                TcpState mine = conn.get(side).state(), theirs = conn.get(side.other()).state();
                boolean open = mine == TcpState.ESTABLISHED || mine == TcpState.CLOSE_WAIT;
                boolean gone = theirs == TcpState.CLOSED || theirs == TcpState.LISTEN;
                if (open && gone) events.add(new TraceEvent.Note(end, Explanation.of("tcp.note.halfOpen." + side.id(),
                        mine.name(), theirs.name())));
                // RFC 9293 gives FIN_WAIT_2 no timer: a peer that vanished leaves this side waiting.
                if (mine == TcpState.FIN_WAIT_2 && gone) events.add(new TraceEvent.Note(end,
                        Explanation.of("tcp.note.finWait2Forever." + side.id(), theirs.name())));
            }
        }

        record SpoofedSyn(int k) {}

        void call(ScheduledCall c) {
            // The v1 schema knows CLOSE, not SHUTDOWN: record shutdown(SHUT_WR) as CLOSE and say which.
            UserCall shown = c.call() == UserCall.SHUTDOWN ? UserCall.CLOSE : c.call();
            // CLOSE with bytes: the application's last write right before close(); both calls are shown.
            if ((shown == UserCall.CLOSE) && c.bytes() > 0) events.add(new TraceEvent.User(now, c.side(), UserCall.SEND, c.bytes()));
            events.add(new TraceEvent.User(now, c.side(), shown, c.call() == UserCall.SEND ? c.bytes() : 0));
            if (c.call() == UserCall.SHUTDOWN) note("tcp.note.shutdown." + c.side().id());
            if (tls != null && c.side() == Side.CLIENT && c.call() == UserCall.SEND && now == requestAt) {
                // Round trips by flights: the TCP handshake, then one per TLS request/answer pair.
                int tlsRtts = tls == TlsFlights.TLS12 ? 2 : 1;
                note("tcp.note.tls.request", Explainer.seconds(now - synSent), 1 + tlsRtts, tlsRtts,
                        tls == TlsFlights.TLS12 ? "1.2" : "1.3");
            }
            else if (c.call() == UserCall.CLOSE && p.profile() == io.github.handshakelab.tcp.Profile.LINUX
                    && (conn.get(c.side()).state() == TcpState.ESTABLISHED || conn.get(c.side()).state() == TcpState.SYN_RCVD)) {
                note("tcp.note.linuxClose." + c.side().id());
            }
            apply(c.side(), conn.get(c.side()).call(c.call(), c.bytes(), now));
        }

        boolean cookiesOn() {
            // Linux: tcp_syncookies = 1 by default, i.e. cookies once the SYN queue overflows.
            return p.synCookies() || p.profile() == io.github.handshakelab.tcp.Profile.LINUX;
        }

        /** Ids of RST segments in flight whose explanation is completed when they arrive. */
        final Map<Integer, Integer> segIndex = new HashMap<>();

        /**
         * A RST's explanation is written when it leaves, but whether the receiver obeys it depends
         * on what has arrived there by then (RFC 5961 §3.2), so the outcome is added on arrival:
         * the explanation then never contradicts what follows.
         */
        void rstArrived(Wire w, Side to, long rcvNxtBefore, TcpState before, List<Effect> fx) {
            Integer idx = segIndex.get(w.id);
            if (idx == null) return;
            TraceEvent.Segment ev = (TraceEvent.Segment) events.get(idx);
            boolean challenged = fx.stream().anyMatch(e -> e instanceof Effect.Send s
                    && s.out().ackWhy() == Outgoing.AckWhy.CHALLENGE);
            TcpState after = conn.get(to).state();
            Explanation x;
            SeqNumber b = base.get(w.to.other());
            long expected = b == null ? rcvNxtBefore : SeqNumber.of(rcvNxtBefore).minus(b);
            if (challenged) x = Explanation.of("tcp.explain.rst.challenged." + to.id(), ev.seq(), expected);
            else if (after != before) x = Explanation.of((before == TcpState.SYN_SENT ? "tcp.explain.rst.acceptedSynSent."
                    : "tcp.explain.rst.accepted.") + to.id(), before.name(), after.name());
            else x = Explanation.of("tcp.explain.rst.ignored." + to.id(), before.name());
            List<Explanation> l = new ArrayList<>(ev.explain());
            l.add(x);
            events.set(idx, new TraceEvent.Segment(ev.id(), ev.from(), ev.sent(), ev.arrived(), ev.dropped(), ev.flags(),
                    ev.seq(), ev.ack(), ev.len(), ev.window(), ev.seqAbs(), ev.ackAbs(), ev.retransmission(), l,
                    ev.analysis(), ev.frame(), ev.options(), ev.payloadInfo()));
        }

        void arrive(Wire w) {
            if (w.spoof == null && w.seg.flags().rst() && !(flood && w.to == Side.SERVER)) {
                Connection c = conn.get(w.to);
                long rcvNxt = c.tcb().rcvNxt();
                TcpState before = c.state();
                List<Effect> fx = c.receive(w.seg, now);
                rstArrived(w, w.to, rcvNxt, before, fx);
                apply(w.to, fx);
                return;
            }
            if (w.to == Side.CLIENT) {
                // Segments addressed to a forged source reach nobody: the spoofed host does not exist.
                if (w.spoof != null) return;
                apply(Side.CLIENT, conn.get(Side.CLIENT).receive(w.seg, now));
                return;
            }
            if (w.spoof != null) {
                spoofedArrives(w);
                return;
            }
            Connection server = conn.get(Side.SERVER);
            TcpFlags f = w.seg.flags();
            if (flood && server.state() == TcpState.LISTEN) {
                if (f.syn() && !f.ack() && !f.rst() && backlogFull()) {
                    if (cookiesOn()) sendCookie(w.seg, null);
                    else note("tcp.note.backlogFull", halfOpenCount(), capacity());
                    return;
                }
                if (cookiesOn() && f.ack() && !f.syn() && !f.rst() && cookies.contains(w.seg.ack().plus(-1).unsigned())) {
                    note("tcp.note.cookieAccepted");
                    base.put(Side.SERVER, w.seg.ack().plus(-1));
                    apply(Side.SERVER, server.acceptCookie(w.seg, w.seg.ack().plus(-1), w.seg.window(), now));
                    return;
                }
            }
            apply(Side.SERVER, server.receive(w.seg, now));
        }

        void spoofedArrives(Wire w) {
            Connection entry = halfOpen.get(w.spoof);
            if (entry == null) {
                if (!w.seg.flags().syn()) return;
                if (backlogFull()) {
                    if (cookiesOn()) sendCookie(w.seg, w.spoof);
                    else note("tcp.note.backlogFullSpoofed", w.spoof, halfOpenCount(), capacity());
                    return;
                }
                entry = new Connection(config(false), isnClock((isnBase[1] + 0x1000_0000L * (halfOpen.size() + 1)
                        + now) & SimParams.MAX_U32));
                entry.call(UserCall.LISTEN, 0, now);
                halfOpen.put(w.spoof, entry);
            }
            applySpoofed(w.spoof, entry, entry.receive(w.seg, now));
        }

        void applySpoofed(String addr, Connection entry, List<Effect> fx) {
            for (Effect e : fx) {
                if (e instanceof Effect.Send s) {
                    if (s.out().segment().flags().syn()) base.put("srv:" + addr, SeqNumber.of(entry.tcb().iss()));
                    transmit(Side.SERVER, s.out(), addr);
                }
            }
            if (entry.state() != TcpState.SYN_RCVD) {
                // Timed out (back in LISTEN) or reset: the half-open entry leaves the backlog.
                halfOpen.remove(addr);
                wakeAt.remove(addr);
                note("tcp.note.halfOpenExpired", addr);
            } else {
                schedule(addr, entry);
            }
            gauge();
        }

        /** RFC 4987 §3.6: answer from a cookie, keep no state; the ISN encodes the connection. */
        void sendCookie(Segment syn, String spoof) {
            long cookie = new SplittableRandom(p.seed() ^ syn.seq().unsigned() * 31 ^ (spoof == null ? 7 : spoof.hashCode()))
                    .nextLong() >>> 32;
            if (cookies.isEmpty()) {
                note(p.profile() == io.github.handshakelab.tcp.Profile.LINUX ? "tcp.note.cookieFirst.linux"
                        : "tcp.note.cookieFirst.rfc", p.backlog());
            }
            cookies.add(cookie);
            SeqNumber iss = SeqNumber.of(cookie);
            if (spoof == null) base.put(Side.SERVER, iss);
            else base.put("srv:" + spoof, iss);
            Segment s = new Segment(iss, syn.seq().plus(1), TcpFlags.of(TcpFlags.SYN, TcpFlags.ACK), 0, p.window(), 1460);
            transmit(Side.SERVER, new Outgoing(s, Outgoing.SeqWhy.ISN, Outgoing.AckWhy.SYN, 0, false, 0, 0,
                    Outgoing.Purpose.SYN_ACK), spoof, "syn-cookie");
        }

        void wake(Object key, long t) {
            Long at = wakeAt.get(key);
            if (at == null || at != t) return;  // superseded by a later re-arm
            wakeAt.remove(key);
            if (key instanceof Side side) {
                Connection c = conn.get(side);
                if (c.nextTimerDeadline() <= now) apply(side, c.onTimer(now));
                else schedule(side, c);
            } else {
                String addr = (String) key;
                Connection entry = halfOpen.get(addr);
                if (entry != null && pruned(entry)) {
                    halfOpen.remove(addr);
                    note("tcp.note.halfOpenPruned", addr, entry.retransmissions(), halfOpenCount() + 1, capacity() - 1);
                    gauge();
                } else if (entry != null) {
                    applySpoofed(addr, entry, entry.onTimer(now));
                }
            }
        }

        final Set<Side> duplicated = new HashSet<>();

        /** The network's delayed copy of a side's first data segment (Injection.DelayedDuplicate). */
        void duplicateLater(Side from, Outgoing o, Segment s, long seqRel, long ackRel, List<Explanation> explain, long arrival) {
            for (Scenario.Injection i : sc.extras().injections()) {
                if (!(i instanceof Scenario.Injection.DelayedDuplicate d) || d.from() != from || !duplicated.add(from)) continue;
                int id = ++segIds;
                // The copy is a segment of its own: --drop N and random loss apply to it too.
                boolean drop = false;
                for (DropRule r : sc.faults().rules()) {
                    if ((r instanceof DropRule.SegmentId x && x.id() == id) || (r instanceof DropRule.Random rnd && rnd.drops(id))) {
                        drop = true;
                        matched.add(r);
                    }
                }
                List<Explanation> l = new ArrayList<>(explain);
                l.add(Explanation.of("tcp.explain.delayedDuplicate", Explainer.seconds(d.extraUs())));
                events.add(new TraceEvent.Segment(id, from, now, drop ? TraceEvent.NONE : arrival + d.extraUs(),
                        drop ? now + p.delayUs() / 2 : TraceEvent.NONE, s.flags(), seqRel, ackRel,
                        s.dataLen(), s.window(), s.seq().unsigned(), s.flags().ack() ? s.ack().unsigned() : TraceEvent.NONE,
                        false, l, List.of(), TraceEvent.NONE, List.of("delayed-duplicate"), null));
                if (!drop) push(arrival + d.extraUs(), ARRIVE, new Wire(s, from.other(), null, id));
            }
        }

        /** Hosts that crashed: segments towards them are lost. */
        final Set<Side> down = new HashSet<>();

        void inject(Object o) {
            if (o instanceof Scenario.Injection.ReadAt r) {
                apply(r.side(), conn.get(r.side()).read(now));
                return;
            }
            if (o instanceof Scenario.Injection.Crash c) {
                Connection gone = conn.get(c.side());
                note("tcp.note.crash." + c.side().id(), gone.state().name());
                if (gone.state() != TcpState.CLOSED) {
                    events.add(new TraceEvent.StateChange(now, c.side(), gone.state(), TcpState.CLOSED, "crash", false));
                }
                // A fresh CLOSED TCB that is never used again: the old one's timers die with the host.
                conn.put(c.side(), new Connection(config(false), t -> 0));
                down.add(c.side());
                wakeAt.remove(c.side());
                sampleTcb(c.side());
                return;
            }
            if (o instanceof Scenario.Injection.OldDuplicateSyn d) {
                SeqNumber seq = SeqNumber.of(isnBase[0]).plus(d.seqOffset());
                // Count the client's numbers from its (coming) ISN, so the old SYN shows as "before" it.
                base.putIfAbsent(Side.CLIENT, SeqNumber.of(isnBase[0]));
                Segment s = new Segment(seq, null, TcpFlags.of(TcpFlags.SYN), 0, p.window(), 1460);
                transmit(Side.CLIENT, new Outgoing(s, Outgoing.SeqWhy.ISN, Outgoing.AckWhy.NONE, 0, false, 0, 0,
                        Outgoing.Purpose.SYN), null, "old-duplicate");
            } else if (o instanceof SpoofedSyn f) {
                String addr = "198.51.100." + (1 + f.k() % 254) + (f.k() >= 254 ? ":" + (1024 + f.k() / 254) : "");
                SeqNumber seq = SeqNumber.of(new SplittableRandom(p.seed() + 1000 + f.k()).nextLong() >>> 32);
                base.put("cli:" + addr, seq);
                Segment s = new Segment(seq, null, TcpFlags.of(TcpFlags.SYN), 0, p.window(), 1460);
                transmit(Side.CLIENT, new Outgoing(s, Outgoing.SeqWhy.ISN, Outgoing.AckWhy.NONE, 0, false, 0, 0,
                        Outgoing.Purpose.SYN), addr);
            }
        }

        void apply(Side side, List<Effect> fx) {
            for (Effect e : fx) {
                if (e instanceof Effect.Send s) {
                    if (s.out().seqWhy() == Outgoing.SeqWhy.ISN || s.out().seqWhy() == Outgoing.SeqWhy.ISN_AGAIN) {
                        base.put(side, s.out().segment().seq());
                        finRel.remove(side);
                    }
                    transmit(side, s.out(), null);
                } else if (e instanceof Effect.StateChanged c) {
                    events.add(new TraceEvent.StateChange(now, side, c.from(), c.to(), c.cause(), false));
                    if (reached.get(side).add(c.to())) trigger();
                    if (tls != null && side == Side.CLIENT && c.to() == TcpState.ESTABLISHED && nextFlight == 0) tlsNext();
                } else if (e instanceof Effect.TimerChanged t) {
                    TraceEvent.TimerAction a = TraceEvent.TimerAction.valueOf(t.action().name());
                    events.add(new TraceEvent.Timer(now, side, t.timer(), a, t.expires()));
                } else if (e instanceof Effect.Notice n) {
                    Explanation x = n.text();
                    if (tls != null && x.key().equals("tcp.notice.delivered")) tlsReceived(side, Long.parseLong(x.args().get(0)));
                    if (x.key().equals("tcp.notice.autoClose")) events.add(new TraceEvent.User(now, side, UserCall.CLOSE, 0));
                    List<String> args = new ArrayList<>(x.args());
                    events.add(new TraceEvent.Note(now, new Explanation(x.key() + "." + side.id(), args)));
                }
            }
            sampleTcb(side);
            schedule(side, conn.get(side));
            if (flood && side == Side.SERVER) gauge();
        }

        /** Schedules, in script order, every waiting call whose sides have all reached its state. */
        void trigger() {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                TriggeredCall tc = it.next();
                if (tc.watch().stream().allMatch(w -> reached.get(w).contains(tc.state()))) {
                    it.remove();
                    push(now + tc.delayUs(), CALL, new ScheduledCall(now + tc.delayUs(), tc.side(), tc.call(), tc.bytes()));
                }
            }
        }

        /** Writes the next TLS flight 1 ms from now (processing time), noting its records' offsets. */
        void tlsNext() {
            TlsFlights.Flight f = tls.flights().get(nextFlight++);
            int i = f.from().ordinal();
            for (TlsFlights.Record r : f.records()) {
                records.get(f.from()).add(new Object[] {written[i], r.name()});
                written[i] += r.bytes();
            }
            long at = now + TLS_THINK_US;
            push(at, CALL, new ScheduledCall(at, f.from(), UserCall.SEND, f.bytes()));
            boolean request = f.from() == Side.CLIENT && f.records().stream().anyMatch(r -> r.name().contains("Application Data"));
            if (request) requestAt = at;
        }

        void tlsReceived(Side side, long bytes) {
            received[side.ordinal()] += bytes;
            if (received[side.ordinal()] < written[side.other().ordinal()]) return;
            if (nextFlight < tls.flights().size()) {
                if (tls.flights().get(nextFlight).from() == side) tlsNext();
            } else if (side == Side.CLIENT && nextFlight == tls.flights().size()) {
                nextFlight++;   // the response is in: the client closes
                long at = now + TLS_THINK_US;
                push(at, CALL, new ScheduledCall(at, Side.CLIENT, UserCall.CLOSE, 0));
            }
        }

        /** The TLS records starting in a data segment, named as the capture replay names them. */
        String tlsInfo(Side from, long seqRel, int len) {
            List<String> parts = new ArrayList<>();
            for (Object[] r : records.get(from)) {
                long off = (Long) r[0];
                if (off < seqRel - 1 || off >= seqRel - 1 + len) continue;
                String name = (String) r[1], hs = "TLS Handshake: ";
                String last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
                if (last != null && last.startsWith(hs) && name.startsWith(hs)) {
                    parts.set(parts.size() - 1, last + ", " + name.substring(hs.length()));
                } else parts.add(name);
            }
            return parts.isEmpty() ? null : String.join("; ", parts);
        }

        void schedule(Object key, Connection c) {
            long d = c.nextTimerDeadline();
            if (d == Long.MAX_VALUE) {
                wakeAt.remove(key);
                return;
            }
            Long at = wakeAt.get(key);
            if (at != null && at == d) return;
            wakeAt.put(key, d);
            push(d, WAKE, key);
        }

        void sampleTcb(Side side) {
            Tcb t = conn.get(side).tcb();
            if (!t.equals(lastTcb.get(side))) {
                lastTcb.put(side, t);
                tcbs.add(new Trace.TcbSample(now, side, t));
            }
        }

        /**
         * Linux's reqsk_timer_handler(): while the SYN queue is more than half full (qlen * 2 >
         * max(8, backlog)), "half of the room is reserved for young embryos": each time the count
         * of requests whose SYN,ACK was never retransmitted (young), doubled, does not exceed the
         * queue length, a request gets one retry fewer, down to 2; an old request past that limit
         * is dropped when its timer fires (recorded: resources/captures/linux/syn-flood.pcap, one
         * of the five forged requests stops after 2 retransmissions).
         */
        boolean pruned(Connection entry) {
            if (p.profile() != io.github.handshakelab.tcp.Profile.LINUX || entry.nextTimerDeadline() > now) return false;
            int qlen = halfOpenCount();
            if (qlen * 2 <= Math.max(8, p.backlog())) return false;
            int young = 0;
            for (Connection c : halfOpen.values()) if (c.retransmissions() == 0) young++;
            young <<= 1;
            int max = SYN_ACK_RETRIES;
            while (max > 2 && qlen >= young) {
                max--;
                young <<= 1;
            }
            return entry.retransmissions() >= max;
        }

        int halfOpenCount() {
            return halfOpen.size() + (conn.get(Side.SERVER).state() == TcpState.SYN_RCVD ? 1 : 0);
        }

        boolean backlogFull() {
            return halfOpenCount() >= capacity();
        }

        /**
         * Half-open requests the listener holds. Linux's inet_csk_reqsk_queue_is_full() compares
         * the queue length with {@code >} sk_max_ack_backlog, so listen(4) keeps 5 (recorded on
         * Linux 6.18: resources/captures/linux/syn-flood.pcap, five forged SYNs retransmitted).
         */
        int capacity() {
            return p.profile() == io.github.handshakelab.tcp.Profile.LINUX ? p.backlog() + 1 : p.backlog();
        }

        void gauge() {
            int v = halfOpenCount();
            if (v != lastGauge) {
                lastGauge = v;
                gauges.add(new Trace.Gauge(now, Trace.GAUGE_HALF_OPEN, v, capacity()));
            }
        }

        void note(String key, Object... args) {
            events.add(new TraceEvent.Note(now, Explanation.of(key, args)));
        }

        void transmit(Side from, Outgoing o, String spoof) {
            transmit(from, o, spoof, null);
        }

        /** Numbers the segment, applies the fault plan, records it, and puts it on the link. */
        void transmit(Side from, Outgoing o, String spoof, String mark) {
            int id = ++segIds;
            Segment s = o.segment();
            boolean drop = dropped(id, o, s) || (spoof == null && down.contains(from.other()));
            // Bases: the real endpoints, or the forged peer and the listener's entry for it.
            Object seqKey = spoof == null ? from : (from == Side.CLIENT ? "cli:" : "srv:") + spoof;
            Object ackKey = spoof == null ? from.other() : (from == Side.CLIENT ? "srv:" : "cli:") + spoof;
            SeqNumber sb = base.get(seqKey);
            boolean noIsn = false;
            if (sb == null) {
                // No SYN from this side (e.g. a RST from a closed port): count from this segment.
                sb = s.seq();
                base.put(seqKey, sb);
                noIsn = spoof == null;
            }
            long seqRel = s.seq().minus(sb);
            long ackRel = TraceEvent.NONE, ackAbs = TraceEvent.NONE;
            if (s.flags().ack()) {
                SeqNumber ab = base.get(ackKey);
                ackAbs = s.ack().unsigned();
                ackRel = ab == null ? ackAbs : s.ack().minus(ab);
            }
            if (o.seqWhy() == Outgoing.SeqWhy.FIN && spoof == null) finRel.put(from, seqRel);
            List<Explanation> explain;
            List<String> options = new ArrayList<>(2);
            String info = null;
            if (s.mss() > 0) options.add("MSS=" + s.mss());
            if (s.flags().syn() && !s.flags().ack() && from == Side.CLIENT && spoof == null && synSent < 0) synSent = now;
            if (tls != null && s.dataLen() > 0 && spoof == null) info = tlsInfo(from, seqRel, s.dataLen());
            if (spoof != null && from == Side.CLIENT) {
                options.add("spoofed-src=" + spoof);
                // Addresses only: prose here would not follow --lang (the explanation says it in words).
                info = spoof + " → " + SERVER.address() + ":" + SERVER.port();
                explain = List.of(Explanation.of("tcp.explain.seq.spoofed", seqRel, spoof, s.seq().unsigned()));
            } else if (spoof != null) {
                options.add("spoofed-dst=" + spoof);
                info = SERVER.address() + ":" + SERVER.port() + " → " + spoof;
                explain = new ArrayList<>(Explainer.explain(o, from, seqRel, ackRel, null));
                explain.set(explain.size() - 1, Explanation.of("tcp.explain.ack.spoofed", ackRel, spoof));
            } else if ("old-duplicate".equals(mark)) {
                options.add("old-duplicate");
                explain = List.of(Explanation.of("tcp.explain.seq.oldDuplicate", seqRel, s.seq().unsigned()));
            } else {
                explain = Explainer.explain(o, from, seqRel, ackRel, finRel.get(from) != null
                        && o.seqWhy() != Outgoing.SeqWhy.FIN ? finRel.get(from) : null);
            }
            if ("syn-cookie".equals(mark)) {
                options.add("syn-cookie");
                List<Explanation> l = new ArrayList<>(explain);
                l.set(0, Explanation.of("tcp.explain.seq.cookie", seqRel, s.seq().unsigned()));
                explain = l;
            }
            if (noIsn) {
                List<Explanation> l = new ArrayList<>(explain);
                l.add(Explanation.of("tcp.explain.seq.noIsn", s.seq().unsigned()));
                explain = l;
            }
            long arrival = link.arrival(now);
            if (s.flags().rst() && spoof == null) segIndex.put(id, events.size());
            events.add(new TraceEvent.Segment(id, from, now, drop ? TraceEvent.NONE : arrival,
                    drop ? now + p.delayUs() / 2 : TraceEvent.NONE, s.flags(), seqRel, ackRel, s.dataLen(), s.window(),
                    s.seq().unsigned(), ackAbs, o.retransmission(), explain, List.of(), TraceEvent.NONE, options, info));
            if (!drop) push(arrival, ARRIVE, new Wire(s, from.other(), spoof, id));
            if (s.dataLen() > 0 && spoof == null && !o.retransmission()) duplicateLater(from, o, s, seqRel, ackRel, explain, arrival);
        }

        boolean dropped(int id, Outgoing o, Segment s) {
            List<SegmentKind> kinds = kinds(o, s);
            boolean drop = false;
            for (DropRule r : sc.faults().rules()) {
                boolean hit = false;
                if (r instanceof DropRule.SegmentId i && i.id() == id) hit = true;
                else if (r instanceof DropRule.Random rnd && rnd.drops(id)) hit = true;
                else if (r instanceof DropRule.Matching m && kinds.contains(m.kind())) {
                    boolean first = switch (m.kind()) {
                        case EVERY_SYN_ACK, EVERY_SYN, EVERY_FIN -> false;
                        default -> true;
                    };
                    if (!first || seen.getOrDefault(m.kind(), 0) == 0) hit = true;
                }
                if (hit) {
                    drop = true;
                    matched.add(r);
                }
            }
            for (SegmentKind k : kinds) seen.merge(k, 1, Integer::sum);
            return drop;
        }

        static List<SegmentKind> kinds(Outgoing o, Segment s) {
            List<SegmentKind> k = new ArrayList<>(2);
            TcpFlags f = s.flags();
            boolean orig = !o.retransmission();
            switch (o.purpose()) {
                case HANDSHAKE_ACK -> k.add(SegmentKind.HANDSHAKE_FINAL_ACK);
                case CLOSE_LAST_ACK -> k.add(SegmentKind.CLOSE_LAST_ACK);
                default -> { }
            }
            if (f.syn() && f.ack()) {
                k.add(SegmentKind.EVERY_SYN_ACK);
                if (orig) k.add(SegmentKind.FIRST_SYN_ACK);
            } else if (f.syn()) {
                k.add(SegmentKind.EVERY_SYN);
                if (orig) k.add(SegmentKind.FIRST_SYN);
            }
            if (f.fin()) {
                k.add(SegmentKind.EVERY_FIN);
                if (orig) k.add(SegmentKind.FIRST_FIN);
            }
            if (s.dataLen() > 0 && orig) k.add(SegmentKind.FIRST_DATA);
            if (f.rst()) k.add(SegmentKind.FIRST_RST);
            return k;
        }
    }
}
