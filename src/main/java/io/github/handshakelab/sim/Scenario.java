package io.github.handshakelab.sim;

import io.github.handshakelab.trace.Side;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A reproducible experiment: parameters, user calls at fixed times, user calls triggered by the
 * connection reaching a state ({@link TriggeredCall}), drop rules, and extras that
 * plain user calls cannot express (an application that closes on end-of-stream, segments
 * injected by the network such as an old duplicate SYN or a spoofed SYN flood).
 */
public record Scenario(String id, SimParams params, List<ScheduledCall> calls, List<TriggeredCall> triggered,
                       FaultPlan faults, Extras extras) {

    public Scenario {
        calls = calls.stream().sorted(Comparator.comparingLong(ScheduledCall::t)).toList();
        // Order matters: triggers that fire at the same instant run in list order.
        triggered = List.copyOf(triggered);
    }

    public Scenario(String id, SimParams params, List<ScheduledCall> calls, FaultPlan faults, Extras extras) {
        this(id, params, calls, List.of(), faults, extras);
    }

    public Scenario(String id, SimParams params, List<ScheduledCall> calls, FaultPlan faults) {
        this(id, params, calls, List.of(), faults, Extras.NONE);
    }

    public Scenario withFault(DropRule r) { return new Scenario(id, params, calls, triggered, faults.with(r), extras); }

    public Scenario withFaults(FaultPlan f) { return new Scenario(id, params, calls, triggered, f, extras); }

    public Scenario withCall(ScheduledCall c) {
        List<ScheduledCall> l = new ArrayList<>(calls);
        l.add(c);
        return new Scenario(id, params, l, triggered, faults, extras);
    }

    public Scenario withCall(TriggeredCall c) {
        List<TriggeredCall> l = new ArrayList<>(triggered);
        l.add(c);
        return new Scenario(id, params, calls, l, faults, extras);
    }

    public Scenario withParams(SimParams p) { return new Scenario(id, p, calls, triggered, faults, extras); }

    public Scenario withExtras(Extras e) { return new Scenario(id, params, calls, triggered, faults, e); }

    /**
     * @param closeOnFin sides whose application closes as soon as it reads the peer's FIN
     * @param noRead     sides whose application never reads: received data stays queued
     * @param listeners  sides whose application keeps its listening socket: a passive connection
     *                   that ends returns to LISTEN
     */
    public record Extras(Set<Side> closeOnFin, List<Injection> injections, Set<Side> noRead, Set<Side> listeners) {
        public static final Extras NONE = new Extras(Set.of(), List.of());

        public Extras {
            closeOnFin = Set.copyOf(closeOnFin);
            injections = List.copyOf(injections);
            noRead = Set.copyOf(noRead);
            listeners = Set.copyOf(listeners);
        }

        public Extras(Set<Side> closeOnFin, List<Injection> injections, Set<Side> noRead) {
            this(closeOnFin, injections, noRead, Set.of());
        }

        public Extras(Set<Side> closeOnFin, List<Injection> injections) {
            this(closeOnFin, injections, Set.of(), Set.of());
        }
    }

    /**
     * What plain user calls cannot express: segments the network produces on its own, and
     * application or host behaviour (a TLS exchange, a keep-alive socket option, a crash).
     */
    public sealed interface Injection {
        /** SO_KEEPALIVE on {@code side} with TCP_KEEPIDLE, TCP_KEEPINTVL (µs) and TCP_KEEPCNT. */
        record KeepAlive(Side side, long idleUs, long intervalUs, int probes) implements Injection {}

        /**
         * The network duplicates the first data segment of {@code from} and delivers the copy
         * {@code extraUs} after the original (a copy stuck in a router queue or on a second path).
         */
        record DelayedDuplicate(Side from, long extraUs) implements Injection {}

        /** {@code side} starts every incarnation with the same ISN (no ISN clock, e.g. after a reboot). */
        record SameIsn(Side side) implements Injection {}

        /** At {@code t} the application of {@code side} reads what it has received, and from then on reads at once. */
        record ReadAt(Side side, long t) implements Injection {}

        /** At {@code t} the host of {@code side} goes down: its TCB is gone and nothing reaches it any more. */
        record Crash(Side side, long t) implements Injection {}

        /**
         * An old duplicate SYN of an earlier connection (RFC 9293 §3.5 Fig. 9), appearing at the
         * client side at {@code t} with sequence number client ISN + {@code seqOffset}.
         */
        record OldDuplicateSyn(long t, long seqOffset) implements Injection {}

        /**
         * The TLS handshake of {@code flights} over the connection once it is open: each flight is
         * written 1 ms after the previous one has fully arrived; after the last one the client closes.
         */
        record Tls(TlsFlights flights) implements Injection {}

        /** {@code count} SYNs with forged source addresses 198.51.100.x, one every {@code intervalUs}. */
        record SynFlood(long start, int count, long intervalUs) implements Injection {
            public SynFlood {
                if (count < 0) throw new IllegalArgumentException("flood size must not be negative: " + count);
            }
        }
    }
}
