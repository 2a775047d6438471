package io.github.handshakelab.sim;

import io.github.handshakelab.sim.Scenario.Extras;
import io.github.handshakelab.sim.Scenario.Injection;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.trace.Side;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.github.handshakelab.tcp.TcpState.CLOSE_WAIT;
import static io.github.handshakelab.tcp.TcpState.ESTABLISHED;
import static io.github.handshakelab.tcp.UserCall.ABORT;
import static io.github.handshakelab.tcp.UserCall.CLOSE;
import static io.github.handshakelab.tcp.UserCall.CONNECT;
import static io.github.handshakelab.tcp.UserCall.LISTEN;
import static io.github.handshakelab.tcp.UserCall.SEND;
import static io.github.handshakelab.tcp.UserCall.SHUTDOWN;
import static io.github.handshakelab.trace.Side.CLIENT;
import static io.github.handshakelab.trace.Side.SERVER;

/**
 * The built-in library (DESIGN §3). Scripted calls follow the connection ("CLOSE 200 ms after
 * ESTABLISHED"), not the clock, so a lost or slow segment delays the script instead of breaking
 * it; absolute times remain only where the lesson is a race. The delays are chosen so that, with
 * the default 50 ms one-way delay, each step has finished before the next user action, which
 * keeps each diagram about one idea. Titles,
 * summaries and lessons are in i18n/tcp*.properties under {@code scenario.<id>.*}.
 */
public final class Scenarios {

    private static final long MS = 1_000;

    private static final Map<String, Scenario> ALL = new LinkedHashMap<>();

    static {
        add(base("three-way-handshake"));
        add(base("four-way-close")
                .withCall(after(CLIENT, ESTABLISHED, 200, CLOSE))
                .withCall(after(SERVER, CLOSE_WAIT, 150, CLOSE)));
        add(base("server-closes-first")
                .withCall(after(SERVER, ESTABLISHED, 150, CLOSE))
                .withCall(after(CLIENT, CLOSE_WAIT, 150, CLOSE)));
        add(base("three-segment-close").withCall(after(CLIENT, ESTABLISHED, 200, CLOSE))
                .withExtras(new Extras(Set.of(SERVER), List.of())));
        add(base("data-transfer")
                .withCall(after(CLIENT, ESTABLISHED, 200, SEND, 100))
                .withCall(after(SERVER, ESTABLISHED, 350, SEND, 200))
                .withCall(after(CLIENT, ESTABLISHED, 600, CLOSE))
                .withCall(after(SERVER, CLOSE_WAIT, 150, CLOSE)));
        // shutdown(SHUT_WR), RFC 9293's CLOSE: the client keeps reading in both profiles.
        add(base("half-close-with-data")
                .withCall(after(CLIENT, ESTABLISHED, 200, SHUTDOWN))
                .withCall(after(SERVER, CLOSE_WAIT, 150, SEND, 100))
                .withCall(after(SERVER, CLOSE_WAIT, 350, SEND, 50))
                .withCall(after(SERVER, CLOSE_WAIT, 550, CLOSE)));
        // A true race: both SYNs leave at the same instant, so absolute times.
        add(new Scenario("simultaneous-open", SimParams.defaults(), List.of(
                ScheduledCall.at(0, CLIENT, CONNECT), ScheduledCall.at(0, SERVER, CONNECT)), FaultPlan.NONE));
        // Both FINs at one instant, counted from when both ends are open (a lost SYN delays both).
        add(base("simultaneous-close")
                .withCall(new TriggeredCall(Set.of(CLIENT, SERVER), ESTABLISHED, 150 * MS, CLIENT, CLOSE, 0))
                .withCall(new TriggeredCall(Set.of(CLIENT, SERVER), ESTABLISHED, 150 * MS, SERVER, CLOSE, 0)));
        add(base("lost-syn").withFault(new DropRule.Matching(SegmentKind.FIRST_SYN)));
        add(base("lost-syn-ack").withFault(new DropRule.Matching(SegmentKind.FIRST_SYN_ACK)));
        add(base("lost-handshake-ack").withFault(new DropRule.Matching(SegmentKind.HANDSHAKE_FINAL_ACK)));
        add(base("lost-final-ack")
                .withCall(after(CLIENT, ESTABLISHED, 200, CLOSE))
                .withCall(after(SERVER, CLOSE_WAIT, 150, CLOSE))
                .withFault(new DropRule.Matching(SegmentKind.CLOSE_LAST_ACK)));
        add(new Scenario("connect-to-closed-port", SimParams.defaults(),
                List.of(ScheduledCall.at(0, CLIENT, CONNECT)), FaultPlan.NONE));
        add(base("reset-mid-connection")
                .withCall(after(CLIENT, ESTABLISHED, 200, SEND, 100))
                .withCall(after(CLIENT, ESTABLISHED, 400, ABORT)));
        // The old SYN must win the race against the real one: absolute times.
        add(new Scenario("old-duplicate-syn", SimParams.defaults(), List.of(
                ScheduledCall.at(0, SERVER, LISTEN), ScheduledCall.at(60 * MS, CLIENT, CONNECT)), FaultPlan.NONE,
                new Extras(Set.of(), List.of(new Injection.OldDuplicateSyn(0, -10)))));
        add(synFlood(6, false));
        // --- issue #10: the lessons where RFC 9293 and Linux part ways, and TLS over TCP.
        // The server's application never reads; it closes with 100 bytes unread.
        add(base("close-with-unread-data")
                .withCall(after(CLIENT, ESTABLISHED, 200, SEND, 100))
                .withCall(after(SERVER, ESTABLISHED, 400, CLOSE))
                .withCall(after(CLIENT, CLOSE_WAIT, 150, CLOSE))
                .withExtras(new Extras(Set.of(), List.of(), Set.of(SERVER))));
        // half-close-with-data with close() instead of shutdown(): the same in RFC 9293, a RST on Linux.
        add(base("shutdown-vs-close")
                .withCall(after(CLIENT, ESTABLISHED, 200, CLOSE))
                .withCall(after(SERVER, CLOSE_WAIT, 150, SEND, 100))
                .withCall(after(SERVER, CLOSE_WAIT, 550, CLOSE)));
        // write(100) then close() at once: the FIN rides on the data segment.
        add(base("data-on-fin")
                .withCall(after(CLIENT, ESTABLISHED, 200, CLOSE, 100))
                .withCall(after(SERVER, CLOSE_WAIT, 150, CLOSE)));
        // The server closes first and sits in TIME_WAIT; 1 s after its close the client opens
        // again from the same port (same four-tuple). The server's application still listens.
        add(base("syn-in-time-wait")
                .withCall(after(SERVER, ESTABLISHED, 150, CLOSE))
                .withCall(after(CLIENT, CLOSE_WAIT, 150, CLOSE))
                .withCall(after(CLIENT, TcpState.CLOSED, 1000, CONNECT))
                .withExtras(new Extras(Set.of(), List.of(), Set.of(), Set.of(SERVER))));
        // Why 2MSL: MSL cut to 1 s (TIME_WAIT 2 s), a client without an ISN clock reconnects from
        // the same port at once, and a copy of its first data, 3 s late, lands in the new connection.
        add(base("time-wait-reasons").withParams(SimParams.defaults().withMslUs(1_000 * MS))
                .withCall(after(CLIENT, ESTABLISHED, 200, SEND, 100))
                .withCall(after(CLIENT, ESTABLISHED, 400, CLOSE))
                .withCall(after(SERVER, CLOSE_WAIT, 150, CLOSE))
                .withCall(after(CLIENT, TcpState.CLOSED, 100, CONNECT))
                // The new connection sends its own 100 bytes just before the old copy's ACK comes
                // back (a race, so an absolute time); it stays open at the end.
                .withCall(new ScheduledCall(3_340 * MS, CLIENT, SEND, 100))
                .withExtras(new Extras(Set.of(), List.of(new Injection.DelayedDuplicate(CLIENT, 3_000 * MS),
                        new Injection.SameIsn(CLIENT)), Set.of(), Set.of(SERVER))));
        // SO_KEEPALIVE with TCP_KEEPIDLE 10 s, TCP_KEEPINTVL 5 s, TCP_KEEPCNT 3 on the client (the
        // defaults, 2 h / 75 s / 9, would make a 2-hour diagram); the server host crashes at 25 s.
        add(base("keep-alive").withExtras(new Extras(Set.of(), List.of(
                new Injection.KeepAlive(CLIENT, 10_000 * MS, 5_000 * MS, 3), new Injection.Crash(SERVER, 25_000 * MS)))));
        // A 4000-byte window and a server that reads only at 5 s: the client's 6000 bytes stop at a
        // zero window, the persist timer probes it, the server's window update lets the rest go.
        add(base("zero-window-probe").withParams(SimParams.defaults().withWindow(4000))
                .withCall(after(CLIENT, ESTABLISHED, 200, SEND, 6000))
                .withCall(after(CLIENT, ESTABLISHED, 6000, CLOSE))
                .withCall(after(SERVER, CLOSE_WAIT, 150, CLOSE))
                .withExtras(new Extras(Set.of(), List.of(new Injection.ReadAt(SERVER, 5_000 * MS)), Set.of(SERVER))));
        add(tls("tls12-handshake", TlsFlights.TLS12));
        add(tls("tls13-handshake", TlsFlights.TLS13));
    }

    private Scenarios() {}

    public static List<Scenario> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<Scenario> byId(String id) {
        return Optional.ofNullable(ALL.get(id));
    }

    public static List<String> ids() {
        return new ArrayList<>(ALL.keySet());
    }

    /**
     * The SYN flood: {@code spoofed} forged SYNs, one every 10 ms from t = 0, against a listener
     * with a backlog of 4; the real client connects at 200 ms. Without cookies its SYN is dropped
     * until the half-open entries expire; with cookies it connects at once.
     */
    public static Scenario synFlood(int spoofed, boolean cookies) {
        return new Scenario("syn-flood", SimParams.defaults().withBacklog(4).withSynCookies(cookies), List.of(
                ScheduledCall.at(0, SERVER, LISTEN), ScheduledCall.at(200 * MS, CLIENT, CONNECT)), FaultPlan.NONE,
                new Extras(Set.of(), List.of(new Injection.SynFlood(0, spoofed, 10 * MS))));
    }

    /**
     * TCP handshake, then the TLS flights as data: each side sends its next flight 1 ms after the
     * previous one arrived (processing time), the client's first request byte goes with its last
     * flight's successor, and the client closes after the response.
     */
    private static Scenario tls(String id, TlsFlights flights) {
        return base(id).withCall(after(SERVER, CLOSE_WAIT, 150, CLOSE))
                .withExtras(new Extras(Set.of(), List.of(new Injection.Tls(flights))));
    }

    private static Scenario base(String id) {
        return new Scenario(id, SimParams.defaults(), List.of(
                ScheduledCall.at(0, SERVER, LISTEN), ScheduledCall.at(0, CLIENT, CONNECT)), FaultPlan.NONE);
    }

    /** {@code side} calls {@code call} {@code ms} after it first reaches {@code state}. */
    private static TriggeredCall after(Side side, TcpState state, long ms, UserCall call) {
        return TriggeredCall.after(side, state, ms * MS, call);
    }

    private static TriggeredCall after(Side side, TcpState state, long ms, UserCall call, int bytes) {
        return TriggeredCall.after(side, state, ms * MS, call, bytes);
    }

    private static void add(Scenario s) {
        ALL.put(s.id(), s);
    }
}
