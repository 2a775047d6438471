package io.github.handshakelab.capture;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a recording of the real Linux stack (scripts/record-linux.sh) with the simulator's
 * trace of the same scenario, as the recording's tap saw it: tcpdump runs on the client's
 * interface, in front of the link that delays and drops. So a client segment is seen when it was
 * sent, lost or not, and a server segment when it arrived, and not at all when the link lost it.
 *
 * <p>What must agree: the sequence of segments (who sends, flags, relative seq/ack/len); both
 * sides' state sequences up to the end of the recording (the replay infers states from the
 * segments; the simulation's are truncated where the recording stops, and a state the replay
 * cannot see is listed in {@link #INVISIBLE}); and the time between consecutive segments. A gap
 * that ends in a segment the kernel timed (a retransmission, an ACK, a probe, anything no
 * application call made at that instant) must agree within {@link #KERNEL_TOLERANCE_US} plus
 * {@link #RELATIVE_TOLERANCE} of the gap, plus 1/8 of the timer that sent it or the segment
 * before it ({@link #timerBehind}): this is where the timers are checked (RTO 1 s and
 * 200 ms + RTT, delayed ACK 40 ms, keep-alive 10 s / 5 s). A gap that ends in a segment an
 * application call sent (connect, send, close, shutdown, abort) depends on when a Python program
 * woke up on a loaded machine, so it gets {@link #APPLICATION_TOLERANCE_US}.
 */
final class LinuxComparison {

    /** Timer granularity (jiffies, timer-wheel rounding) and the link's scheduling: 10 ms. */
    static final long KERNEL_TOLERANCE_US = 10_000;
    /** The link's and the receiver's share of a longer gap: 5 %. */
    static final double RELATIVE_TOLERANCE = 0.05;
    /** {@link Seen#ack} of a segment without the ACK flag (a relative ACK may be negative). */
    static final long NO_ACK = Long.MIN_VALUE;

    /**
     * Segments closer than this (3 ms) count as one instant: their order may differ between the two
     * ({@link #inTapOrder}), and PSH counts only on the last data segment of a side ({@link #normalise}).
     */
    static final long BURST_US = 3_000;
    /** An application call's instant: 60 ms. */
    static final long APPLICATION_TOLERANCE_US = 60_000;

    /**
     * States a replay cannot infer from segments seen at the client: a crash of the server host
     * (keep-alive: it sends nothing), and a listener's return to LISTEN after a connection ends
     * (the simulation shows it for a server that listens again).
     */
    static final Set<String> INVISIBLE = Set.of("crash", "listener");

    /**
     * One segment as the client's tap saw it; {@code t} in µs, {@code appTimed} when an application
     * call sent it, {@code timer} the length of the timer that sent it (µs, 0 if none; simulation only).
     */
    record Seen(Side from, String flags, long seq, long ack, int len, long t, boolean appTimed, long timer) {
        Side to() {
            return from.other();
        }

        String label() {
            return (from == Side.CLIENT ? "C>S " : "S>C ") + flags + " seq=" + seq + (ack != NO_ACK ? " ack=" + ack : "") + " len=" + len;
        }

        /** The label without sequence and acknowledgement numbers. */
        String shape() {
            return (from == Side.CLIENT ? "C>S " : "S>C ") + flags + " len=" + len;
        }
    }

    private LinuxComparison() {}

    /** The recorded segments; {@code starts} holds each conversation's start in µs from the first's. */
    static List<Seen> fromCapture(List<Trace> conversations, List<Long> starts) {
        List<Seen> out = new ArrayList<>();
        for (int c = 0; c < conversations.size(); c++) {
            for (TraceEvent.Segment s : conversations.get(c).segments()) {
                out.add(new Seen(s.from(), s.flags().toString(), s.seq(), s.hasAck() ? s.ack() : NO_ACK, s.len(), starts.get(c) + s.sent(), false, 0));
            }
        }
        out.sort((a, b) -> Long.compare(a.t(), b.t())); // conversations interleave (a SYN flood); stable within one
        return normalise(out, BURST_US);
    }

    /**
     * What the two sources may show differently without the stacks behaving differently, made equal:
     * <ul>
     * <li>PSH on a data segment followed by more data from the same side less than
     *     {@code burstUs} later (one burst): Linux sets
     *     PSH where tcp_push()/forced_push() mark it (usually the last segment of a write), the
     *     simulator on every data segment; only the burst's last data segment's PSH is compared.</li>
     * <li>A side that never sends a SYN (a RST from a closed port) has no ISN on the wire, so
     *     relative numbering is a convention (the replay counts from seq - 1, the simulation from
     *     seq): its sequence numbers, and the ACKs of them, count from its first segment's.</li>
     * </ul>
     */
    static List<Seen> normalise(List<Seen> in, long burstUs) {
        long[] base = new long[2];
        boolean[] synless = new boolean[2];
        for (Side side : Side.values()) {
            Seen first = in.stream().filter(x -> x.from() == side).findFirst().orElse(null);
            synless[side.ordinal()] = first != null && in.stream().noneMatch(x -> x.from() == side && x.flags().contains("SYN"));
            if (first != null) base[side.ordinal()] = first.seq();
        }
        List<Seen> fixed = new ArrayList<>();
        for (Seen x : in) {
            long seq = synless[x.from().ordinal()] ? x.seq() - base[x.from().ordinal()] : x.seq();
            long ack = x.ack() != NO_ACK && synless[x.to().ordinal()] ? x.ack() - base[x.to().ordinal()] : x.ack();
            fixed.add(new Seen(x.from(), x.flags(), seq, ack, x.len(), x.t(), x.appTimed(), x.timer()));
        }
        List<Seen> out = new ArrayList<>();
        int i = 0;
        while (i < fixed.size()) {
            int j = i + 1;
            while (j < fixed.size() && fixed.get(j).t() - fixed.get(j - 1).t() < burstUs) j++;
            List<Seen> burst = new ArrayList<>(fixed.subList(i, j));
            for (int k = 0; k < burst.size(); k++) {
                Seen x = burst.get(k);
                boolean moreData = false;
                for (int m = k + 1; m < burst.size(); m++) if (burst.get(m).from() == x.from() && burst.get(m).len() > 0) moreData = true;
                if (x.len() > 0 && moreData) burst.set(k, new Seen(x.from(), x.flags().replace("PSH, ", ""), x.seq(), x.ack(), x.len(), x.t(), x.appTimed(), x.timer()));
            }
            out.addAll(burst);
            i = j;
        }
        return out;
    }

    /**
     * The length of the timer whose expiry sent {@code s} (RTO, keep-alive, persist...), 0 when no
     * timer fired on its side at its instant and it is no retransmission: Linux's timer wheel fires a timeout T up to T/8 late
     * (each wheel level's granularity is at most 1/8 of the timeouts it holds; the first SYN's
     * 1 s RTO was recorded 31 ms late).
     */
    static long timerBehind(Trace sim, TraceEvent.Segment s) {
        long length = 0;
        if (s.retransmission()) {
            // A retransmission without a timer event of its own (a SYN flood's half-open entries):
            // its timer is at most as long as the time since the first copy.
            for (TraceEvent.Segment o : sim.segments()) {
                if (o.from() == s.from() && o.flags().equals(s.flags()) && o.seq() == s.seq() && o.ack() == s.ack() && o.len() == s.len()) {
                    length = s.sent() - o.sent();
                    break;
                }
            }
        }
        for (TraceEvent e : sim.events()) {
            if (e instanceof TraceEvent.Timer f && f.action() == TraceEvent.TimerAction.FIRED && f.endpoint() == s.from() && f.t() == s.sent()) {
                for (TraceEvent e2 : sim.events()) {
                    if (e2 instanceof TraceEvent.Timer set && set.action() == TraceEvent.TimerAction.SET && set.endpoint() == f.endpoint()
                            && set.timer() == f.timer() && set.expires() == f.t() && set.t() <= f.t()) {
                        length = Math.max(length, f.t() - set.t());
                    }
                }
            }
        }
        return length;
    }

    /** The simulation's segments at the client's tap, in the order the tap sees them. */
    static List<Seen> fromSimulation(Trace sim) {
        Set<String> calls = new HashSet<>();
        for (TraceEvent e : sim.events()) {
            if (e instanceof TraceEvent.User u) calls.add(u.endpoint() + "@" + u.t());
        }
        List<Seen> out = new ArrayList<>();
        for (TraceEvent.Segment s : sim.segments()) {
            long t;
            if (s.from() == Side.CLIENT) t = s.sent();
            else if (s.isDropped()) continue; // lost between the server and the tap
            else t = s.arrived();
            boolean app = calls.contains(s.from() + "@" + s.sent());
            out.add(new Seen(s.from(), s.flags().toString(), s.seq(), s.hasAck() ? s.ack() : NO_ACK, s.len(), t, app, timerBehind(sim, s)));
        }
        out.sort((a, b) -> Long.compare(a.t(), b.t())); // stable: ties keep the simulator's order
        return normalise(out, BURST_US);
    }

    /**
     * The simulation's segments in the order of the recording where the two differ only among
     * segments the simulation puts at the same instant (within {@link #BURST_US}): a burst of
     * three segments meets the receiver's three ACKs at one instant in the simulation, while on
     * the wire each ACK follows its segment by microseconds; an ACK the simulation sends "at once"
     * leaves at Linux's next timer tick, after a segment that arrived at the same instant. Order
     * across different instants is kept, so a real reordering is still a difference.
     */
    static List<Seen> inTapOrder(List<Seen> real, List<Seen> model) {
        List<Seen> pending = new ArrayList<>(model), out = new ArrayList<>();
        for (Seen r : real) {
            if (pending.isEmpty()) break;
            long head = pending.get(0).t();
            int pick = 0;
            for (int k = 0; k < pending.size() && pending.get(k).t() - head < BURST_US; k++) {
                if (pending.get(k).label().equals(r.label())) {
                    pick = k;
                    break;
                }
            }
            out.add(pending.remove(pick));
        }
        out.addAll(pending);
        return out;
    }

    /** The simulation's state sequence of {@code side} up to {@code until} µs, without {@link #INVISIBLE} causes. */
    static List<TcpState> simStates(Trace sim, Side side, long until) {
        List<TcpState> out = new ArrayList<>();
        for (TraceEvent.StateChange c : sim.stateChanges(side)) {
            if (c.t() > until) break;
            if (INVISIBLE.contains(c.cause())) continue;
            if (out.isEmpty()) out.add(c.from());
            if (!out.get(out.size() - 1).equals(c.to())) out.add(c.to());
        }
        return withoutListenCall(out);
    }

    static List<TcpState> replayStates(Trace capture, Side side) {
        List<TcpState> out = new ArrayList<>();
        for (TcpState s : capture.stateSequence(side)) if (out.isEmpty() || out.get(out.size() - 1) != s) out.add(s);
        return withoutListenCall(out);
    }

    /** A listen() puts nothing on the wire: the replay starts a listener in LISTEN, the simulation in CLOSED. */
    static List<TcpState> withoutListenCall(List<TcpState> states) {
        if (states.size() >= 2 && states.get(0) == TcpState.CLOSED && states.get(1) == TcpState.LISTEN) return states.subList(1, states.size());
        return states;
    }

    /** Every disagreement, one line each; empty when the recording and the simulation agree. */
    static List<String> compare(Trace capture, Trace sim) {
        return compare(List.of(capture), List.of(0L), 0, sim, Set.of(), true);
    }

    /**
     * As {@link #compare(Trace, Trace)} for a recording of several conversations (a new connection on
     * the same four-tuple is a new conversation to the replay; so is each forged SYN of a flood)
     * starting at {@code starts} µs, whose segments are merged in time order. States are compared
     * for conversation {@code statesOf} (the simulation's client's), up to its last segment; the
     * states of the sides in {@code noStates} are not compared, and without {@code numbers} neither
     * are sequence and acknowledgement numbers (the recording's note says why).
     */
    static List<String> compare(List<Trace> conversations, List<Long> starts, int statesOf, Trace sim, Set<Side> noStates,
                                boolean numbers) {
        List<String> diffs = new ArrayList<>();
        Trace capture = conversations.get(statesOf);
        List<Seen> real = fromCapture(conversations, starts), model = inTapOrder(real, fromSimulation(sim));
        int n = Math.min(real.size(), model.size());
        for (int i = 0; i < n; i++) {
            String r = numbers ? real.get(i).label() : real.get(i).shape(), m = numbers ? model.get(i).label() : model.get(i).shape();
            if (!r.equals(m)) diffs.add("segment " + (i + 1) + ": Linux " + r + ", simulation " + m);
        }
        if (real.size() != model.size()) {
            diffs.add("segments: Linux " + real.size() + ", simulation " + model.size() + " (first extra: "
                    + (real.size() > n ? "Linux " + real.get(n).label() : "simulation " + model.get(n).label()) + ")");
        }
        // Timing is compared whenever the same senders send the same kinds of segment, even where a
        // recording's note explains a difference in the numbers.
        boolean sameShape = real.size() == model.size();
        for (int i = 0; i < n && sameShape; i++) {
            sameShape = real.get(i).from() == model.get(i).from() && real.get(i).flags().equals(model.get(i).flags());
        }
        if (sameShape) {
            for (int i = 1; i < n; i++) {
                long gapReal = real.get(i).t() - real.get(i - 1).t(), gapSim = model.get(i).t() - model.get(i - 1).t();
                boolean app = model.get(i).appTimed();
                long tol = app ? APPLICATION_TOLERANCE_US : KERNEL_TOLERANCE_US + Math.round(RELATIVE_TOLERANCE * gapSim)
                        + (model.get(i).timer() + model.get(i - 1).timer()) / 8;
                if (Math.abs(gapReal - gapSim) > tol) {
                    diffs.add(String.format(java.util.Locale.ROOT,
                            "segment %d (%s) came %.1f ms after the previous one on Linux, %.1f ms in the simulation (tolerance %.1f ms, %s)",
                            i + 1, model.get(i).label(), gapReal / 1000.0, gapSim / 1000.0, tol / 1000.0,
                            app ? "an application call" : "kernel-timed"));
                }
            }
        }
        // The simulation's states up to the moment the last recorded segment reached its receiver.
        List<TraceEvent.Segment> own = capture.segments();
        long lastReal = starts.get(statesOf) + (own.isEmpty() ? 0 : own.get(own.size() - 1).sent());
        int upTo = (int) real.stream().filter(x -> x.t() <= lastReal).count();
        long last = model.isEmpty() ? 0 : model.get(Math.max(0, Math.min(upTo, model.size()) - 1)).t(), end = 0;
        for (TraceEvent.Segment s : sim.segments()) if (s.sent() <= last) end = Math.max(end, s.end());
        for (Side side : Side.values()) {
            if (noStates.contains(side)) continue;
            List<TcpState> r = replayStates(capture, side), m = simStates(sim, side, end);
            if (!r.equals(m)) diffs.add(side + " states: Linux (inferred) " + r + ", simulation " + m);
        }
        return diffs;
    }
}
