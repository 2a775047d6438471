package io.github.handshakelab.sim;

import io.github.handshakelab.sim.Scenario.Extras;
import io.github.handshakelab.sim.Scenario.Injection;
import io.github.handshakelab.trace.Side;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.github.handshakelab.tcp.UserCall.ABORT;
import static io.github.handshakelab.tcp.UserCall.CLOSE;
import static io.github.handshakelab.tcp.UserCall.CONNECT;
import static io.github.handshakelab.tcp.UserCall.LISTEN;
import static io.github.handshakelab.tcp.UserCall.SEND;
import static io.github.handshakelab.trace.Side.CLIENT;
import static io.github.handshakelab.trace.Side.SERVER;

/**
 * The built-in library (DESIGN §3). Times are chosen so that each step has finished (one-way
 * delay 50 ms) before the next user action, which keeps each diagram about one idea. Titles,
 * summaries and lessons are in i18n/tcp*.properties under {@code scenario.<id>.*}.
 */
public final class Scenarios {

    private static final long MS = 1_000;

    private static final Map<String, Scenario> ALL = new LinkedHashMap<>();

    static {
        add(base("three-way-handshake"));
        add(close(base("four-way-close"), CLIENT, 300, SERVER, 500));
        add(close(base("server-closes-first"), SERVER, 300, CLIENT, 500));
        add(base("three-segment-close").withCall(ScheduledCall.at(300 * MS, CLIENT, CLOSE))
                .withExtras(new Extras(Set.of(SERVER), List.of())));
        add(close(base("data-transfer")
                .withCall(new ScheduledCall(300 * MS, CLIENT, SEND, 100))
                .withCall(new ScheduledCall(500 * MS, SERVER, SEND, 200)), CLIENT, 700, SERVER, 900));
        add(base("half-close-with-data")
                .withCall(ScheduledCall.at(300 * MS, CLIENT, CLOSE))
                .withCall(new ScheduledCall(500 * MS, SERVER, SEND, 100))
                .withCall(new ScheduledCall(700 * MS, SERVER, SEND, 50))
                .withCall(ScheduledCall.at(900 * MS, SERVER, CLOSE)));
        add(new Scenario("simultaneous-open", SimParams.defaults(), List.of(
                ScheduledCall.at(0, CLIENT, CONNECT), ScheduledCall.at(0, SERVER, CONNECT)), FaultPlan.NONE));
        add(close(base("simultaneous-close"), CLIENT, 300, SERVER, 300));
        add(base("lost-syn").withFault(new DropRule.Matching(SegmentKind.FIRST_SYN)));
        add(base("lost-syn-ack").withFault(new DropRule.Matching(SegmentKind.FIRST_SYN_ACK)));
        add(base("lost-handshake-ack").withFault(new DropRule.Matching(SegmentKind.HANDSHAKE_FINAL_ACK)));
        add(close(base("lost-final-ack"), CLIENT, 300, SERVER, 500)
                .withFault(new DropRule.Matching(SegmentKind.CLOSE_LAST_ACK)));
        add(new Scenario("connect-to-closed-port", SimParams.defaults(),
                List.of(ScheduledCall.at(0, CLIENT, CONNECT)), FaultPlan.NONE));
        add(base("reset-mid-connection")
                .withCall(new ScheduledCall(300 * MS, CLIENT, SEND, 100))
                .withCall(ScheduledCall.at(500 * MS, CLIENT, ABORT)));
        add(new Scenario("old-duplicate-syn", SimParams.defaults(), List.of(
                ScheduledCall.at(0, SERVER, LISTEN), ScheduledCall.at(60 * MS, CLIENT, CONNECT)), FaultPlan.NONE,
                new Extras(Set.of(), List.of(new Injection.OldDuplicateSyn(0, -10)))));
        add(synFlood(6, false));
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

    private static Scenario base(String id) {
        return new Scenario(id, SimParams.defaults(), List.of(
                ScheduledCall.at(0, SERVER, LISTEN), ScheduledCall.at(0, CLIENT, CONNECT)), FaultPlan.NONE);
    }

    private static Scenario close(Scenario s, Side first, long t1, Side second, long t2) {
        return s.withCall(ScheduledCall.at(t1 * MS, first, CLOSE)).withCall(ScheduledCall.at(t2 * MS, second, CLOSE));
    }

    private static void add(Scenario s) {
        ALL.put(s.id(), s);
    }
}
