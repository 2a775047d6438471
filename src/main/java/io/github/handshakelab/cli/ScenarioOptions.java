package io.github.handshakelab.cli;

import io.github.handshakelab.sim.DropRule;
import io.github.handshakelab.sim.Scenario;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.SegmentKind;
import io.github.handshakelab.sim.SimParams;
import io.github.handshakelab.sim.Simulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario, fault and parameter options shared by every command that simulates ({@code render},
 * {@code quiz}, lessons, the interview bank's "show me"): one parser, so that an option list stored
 * in a file means exactly what it means on the command line. Numbers are read as text and checked
 * here so that every bad value gets one line naming the option, the value and the accepted range.
 */
public final class ScenarioOptions {

    @Option(names = "--scenario", paramLabel = "ID", description = "built-in scenario id (see 'scenarios')")
    public String scenario;

    @Option(names = "--drop", paramLabel = "N", description = "lose segment number N (repeatable)")
    List<String> drops = new ArrayList<>();

    @Option(names = "--drop-prob", paramLabel = "P", description = "lose each segment with probability P (0..1)")
    String dropProb;

    @Option(names = "--seed", paramLabel = "S", description = "seed for ISNs and random loss")
    String seed;

    @Option(names = "--lose-final-ack", description = "lose the last ACK of the close")
    boolean loseFinalAck;

    @Option(names = "--lose-handshake-ack", description = "lose the ACK that completes the handshake")
    boolean loseHandshakeAck;

    @Option(names = "--isn-client", paramLabel = "N", description = "client ISN, 0..4294967295")
    String isnClient;

    @Option(names = "--isn-server", paramLabel = "N", description = "server ISN, 0..4294967295")
    String isnServer;

    @Option(names = "--delay-ms", paramLabel = "N", description = "one-way delay in ms (default 50)")
    String delayMs;

    @Option(names = "--msl-s", paramLabel = "N", description = "MSL in seconds (default 30; TIME_WAIT = 2MSL)")
    String mslS;

    @Option(names = "--syn-cookies", description = "the listener answers with SYN cookies when its backlog is full")
    boolean synCookies;

    @Option(names = "--backlog", paramLabel = "N", description = "listen backlog (half-open connections)")
    String backlog;

    @Option(names = "--profile", paramLabel = "P", description = "rfc (RFC 9293, the default) or linux (Linux 6.x defaults where they differ)")
    String profile;

    @Option(names = "--call", paramLabel = "SIDE:ACTION@WHEN", description = {
            "a user call added to the scenario (repeatable). SIDE: client | server. ACTION: close | shutdown"
            + " (shutdown(SHUT_WR): send FIN, keep receiving) | send=N (N bytes) | abort | listen | connect."
            + " WHEN: a time T (250ms, 2s, 1.5s or plain microseconds) or after:STATE[+T] (T after SIDE first"
            + " reaches STATE, e.g. after:ESTABLISHED+200ms).",
            "Example: --call client:close@250ms --call server:send=100@after:ESTABLISHED"})
    List<String> calls = new ArrayList<>();

    /** The accepted forms of --call, repeated in every error about one. */
    static final String CALL_FORMS = "use SIDE:ACTION@WHEN with SIDE client|server, ACTION close|shutdown|send=N|abort|listen|connect,"
            + " WHEN a time (250ms, 2s, 1.5s, plain microseconds) or after:STATE[+T]";

    /** True when any fault or parameter option was given (they do not apply to a capture). */
    public List<String> simulationOnlyOptionsGiven() {
        List<String> given = new ArrayList<>();
        if (!drops.isEmpty()) given.add("--drop");
        if (dropProb != null) given.add("--drop-prob");
        if (seed != null) given.add("--seed");
        if (loseFinalAck) given.add("--lose-final-ack");
        if (loseHandshakeAck) given.add("--lose-handshake-ack");
        if (isnClient != null) given.add("--isn-client");
        if (isnServer != null) given.add("--isn-server");
        if (delayMs != null) given.add("--delay-ms");
        if (mslS != null) given.add("--msl-s");
        if (synCookies) given.add("--syn-cookies");
        if (backlog != null) given.add("--backlog");
        if (profile != null) given.add("--profile");
        if (!calls.isEmpty()) given.add("--call");
        return given;
    }

    /** The scenario with every option applied; a bad value is a {@link Cli.UsageException}. */
    public Scenario build() {
        if (scenario == null) throw new Cli.UsageException("missing --scenario ID");
        Scenario s = Scenarios.byId(scenario).orElseThrow(() -> new Cli.UsageException(
                "unknown scenario '" + scenario + "'; valid ids: " + String.join(", ", Scenarios.ids())));
        SimParams p = s.params();
        try {
            if (seed != null) p = p.withSeed(number("--seed", seed, Long.MIN_VALUE, Long.MAX_VALUE));
            if (isnClient != null) p = p.withIsnClient(number("--isn-client", isnClient, 0, SimParams.MAX_U32));
            if (isnServer != null) p = p.withIsnServer(number("--isn-server", isnServer, 0, SimParams.MAX_U32));
            if (delayMs != null) p = p.withDelayUs(number("--delay-ms", delayMs, 0, 60_000) * 1000);
            if (mslS != null) p = p.withMslUs(number("--msl-s", mslS, 0, 3600) * 1_000_000);
            if (backlog != null) p = p.withBacklog((int) number("--backlog", backlog, 1, 65535));
            if (synCookies) p = p.withSynCookies(true);
            if (profile != null) p = p.withProfile(profile(profile));
        } catch (Cli.UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(e.getMessage());
        }
        s = s.withParams(p);
        for (String c : calls) s = withCall(s, c);
        for (String d : drops) s = s.withFault(new DropRule.SegmentId((int) number("--drop", d, 1, Integer.MAX_VALUE)));
        if (loseFinalAck) s = s.withFault(new DropRule.Matching(SegmentKind.CLOSE_LAST_ACK));
        if (loseHandshakeAck) s = s.withFault(new DropRule.Matching(SegmentKind.HANDSHAKE_FINAL_ACK));
        if (dropProb != null) {
            double prob;
            try {
                prob = Double.parseDouble(dropProb);
            } catch (NumberFormatException e) {
                throw new Cli.UsageException("--drop-prob: '" + dropProb + "' is not a number; use a value from 0 to 1");
            }
            if (!(prob >= 0 && prob <= 1)) throw new Cli.UsageException("--drop-prob: " + dropProb + " is out of range; use a value from 0 to 1");
            s = s.withFault(new DropRule.Random(prob, p.seed()));
        }
        return s;
    }

    /**
     * One stderr line per fault or load option that changed nothing, so that a typo such as
     * {@code --drop 99} is not mistaken for "the loss did not matter". The run still succeeds.
     */
    public void warnUnused(Scenario sc, Simulator.Outcome run, PrintWriter err) {
        int segments = run.trace().segments().size();
        for (DropRule r : run.unmatched()) {
            if (r instanceof DropRule.SegmentId i) {
                err.println("warning: --drop " + i.id() + " matched no segment (this trace has " + segments + ")");
            } else if (r instanceof DropRule.Matching m && m.kind() == SegmentKind.CLOSE_LAST_ACK && loseFinalAck) {
                err.println("warning: --lose-final-ack matched no segment (no side sent the last ACK of a close"
                        + " on entering TIME_WAIT in scenario " + scenario + ")");
            } else if (r instanceof DropRule.Matching m && m.kind() == SegmentKind.HANDSHAKE_FINAL_ACK && loseHandshakeAck) {
                err.println("warning: --lose-handshake-ack matched no segment (no ACK completed a three-way handshake"
                        + " in scenario " + scenario + ")");
            }
        }
        // The backlog is only ever full under a SYN flood; elsewhere one SYN at a time arrives.
        boolean flood = sc.extras().injections().stream().anyMatch(i -> i instanceof Scenario.Injection.SynFlood);
        if (!flood) {
            if (synCookies) err.println("warning: --syn-cookies has no effect: scenario " + scenario
                    + " never fills the listen backlog (only syn-flood does)");
            if (backlog != null) err.println("warning: --backlog " + backlog.trim() + " has no effect: scenario " + scenario
                    + " never fills the listen backlog (only syn-flood does)");
        }
        err.flush();
    }

    /**
     * Parses an option list kept in a file (a lesson, an interview question's "show me") exactly as
     * the command line would; {@code --scenario ID} is prepended when {@code scenarioId} is not null.
     *
     * @throws Cli.UsageException naming the bad option
     */
    public static Scenario parse(String scenarioId, List<String> options) {
        return parse(scenarioId, options, null);
    }

    /**
     * As {@link #parse(String, List)}; when {@code warnings} is not null it also gets the lines of
     * {@link #warnUnused} (an option that changes nothing is a mistake in a file that is checked).
     */
    public static Scenario parse(String scenarioId, List<String> options, PrintWriter warnings) {
        Holder h = new Holder();
        List<String> args = new ArrayList<>();
        if (scenarioId != null) {
            args.add("--scenario");
            args.add(scenarioId);
        }
        args.addAll(options);
        try {
            new CommandLine(h).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new Cli.UsageException(e.getMessage());
        }
        Scenario s = h.options.build();
        if (warnings != null) h.options.warnUnused(s, Simulator.runWithReport(s), warnings);
        return s;
    }

    @Command(name = "options")
    private static final class Holder {
        @Mixin ScenarioOptions options;
    }

    static io.github.handshakelab.tcp.Profile profile(String text) {
        try {
            return io.github.handshakelab.tcp.Profile.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException("--profile: " + e.getMessage());
        }
    }

    /** Adds one {@code --call SIDE:ACTION@WHEN} to the scenario (grammar in {@link #CALL_FORMS}). */
    static Scenario withCall(Scenario s, String spec) {
        String bad = "--call '" + spec + "': ";
        int colon = spec.indexOf(':'), at = spec.indexOf('@');
        if (colon < 0 || at < colon) throw new Cli.UsageException(bad + CALL_FORMS);
        io.github.handshakelab.trace.Side side = switch (spec.substring(0, colon).trim()) {
            case "client" -> io.github.handshakelab.trace.Side.CLIENT;
            case "server" -> io.github.handshakelab.trace.Side.SERVER;
            default -> throw new Cli.UsageException(bad + "unknown side '" + spec.substring(0, colon) + "'; " + CALL_FORMS);
        };
        String action = spec.substring(colon + 1, at).trim(), when = spec.substring(at + 1).trim();
        int bytes = 0;
        io.github.handshakelab.tcp.UserCall call;
        if (action.startsWith("send=")) {
            call = io.github.handshakelab.tcp.UserCall.SEND;
            bytes = (int) number("--call send", action.substring(5), 1, 100_000_000);
        } else {
            call = switch (action) {
                case "close" -> io.github.handshakelab.tcp.UserCall.CLOSE;
                case "shutdown" -> io.github.handshakelab.tcp.UserCall.SHUTDOWN;
                case "abort" -> io.github.handshakelab.tcp.UserCall.ABORT;
                case "listen" -> io.github.handshakelab.tcp.UserCall.LISTEN;
                case "connect" -> io.github.handshakelab.tcp.UserCall.CONNECT;
                default -> throw new Cli.UsageException(bad + "unknown action '" + action + "'; " + CALL_FORMS);
            };
        }
        if (when.startsWith("after:")) {
            String rest = when.substring(6);
            long delay = 0;
            int plus = rest.indexOf('+');
            if (plus >= 0) {
                delay = TimeArg.parse("--call", rest.substring(plus + 1));
                rest = rest.substring(0, plus);
            }
            io.github.handshakelab.tcp.TcpState state;
            try {
                state = io.github.handshakelab.tcp.TcpState.valueOf(rest.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new Cli.UsageException(bad + "unknown state '" + rest + "'; use one of "
                        + java.util.Arrays.toString(io.github.handshakelab.tcp.TcpState.values()) + "; " + CALL_FORMS);
            }
            return s.withCall(io.github.handshakelab.sim.TriggeredCall.after(side, state, delay, call, bytes));
        }
        if (when.isEmpty()) throw new Cli.UsageException(bad + CALL_FORMS);
        return s.withCall(new io.github.handshakelab.sim.ScheduledCall(TimeArg.parse("--call", when), side, call, bytes));
    }

    /**
     * The options that turn the library scenario {@code s.id()} into {@code s}: the inverse of
     * {@link #parse(String, List)}, for saving what the app shows (File > Save as lesson). What no
     * option expresses (calls added at the playhead, the initial RTO) is described in {@code unsaved}.
     */
    public static List<String> options(Scenario s, List<String> unsaved) {
        Scenario base = Scenarios.byId(s.id()).orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + s.id() + "'"));
        List<String> out = new ArrayList<>();
        SimParams p = s.params(), b = base.params();
        if (p.seed() != b.seed()) { out.add("--seed"); out.add(Long.toString(p.seed())); }
        if (!java.util.Objects.equals(p.isnClient(), b.isnClient()) && p.isnClient() != null) { out.add("--isn-client"); out.add(p.isnClient().toString()); }
        if (!java.util.Objects.equals(p.isnServer(), b.isnServer()) && p.isnServer() != null) { out.add("--isn-server"); out.add(p.isnServer().toString()); }
        if (p.delayUs() != b.delayUs()) {
            if (p.delayUs() % 1000 == 0) { out.add("--delay-ms"); out.add(Long.toString(p.delayUs() / 1000)); }
            else unsaved.add("one-way delay " + p.delayUs() + " µs (--delay-ms takes whole milliseconds)");
        }
        if (p.mslUs() != b.mslUs()) {
            if (p.mslUs() % 1_000_000 == 0) { out.add("--msl-s"); out.add(Long.toString(p.mslUs() / 1_000_000)); }
            else unsaved.add("MSL " + p.mslUs() + " µs (--msl-s takes whole seconds)");
        }
        if (p.synCookies() && !b.synCookies()) out.add("--syn-cookies");
        if (p.backlog() != b.backlog()) { out.add("--backlog"); out.add(Integer.toString(p.backlog())); }
        if (p.initialRtoUs() != b.initialRtoUs()) unsaved.add("initial RTO " + p.initialRtoUs() / 1000 + " ms (no option sets it)");
        if (!p.synCookies() && b.synCookies()) unsaved.add("SYN cookies off (the scenario turns them on)");
        if ((p.isnClient() == null) != (b.isnClient() == null) && p.isnClient() == null) unsaved.add("client ISN from the seed");
        if ((p.isnServer() == null) != (b.isnServer() == null) && p.isnServer() == null) unsaved.add("server ISN from the seed");
        List<DropRule> added = new ArrayList<>(s.faults().rules());
        for (DropRule r : base.faults().rules()) added.remove(r);
        for (DropRule r : added) {
            if (r instanceof DropRule.SegmentId i) { out.add("--drop"); out.add(Integer.toString(i.id())); }
            else if (r.equals(new DropRule.Matching(SegmentKind.CLOSE_LAST_ACK))) out.add("--lose-final-ack");
            else if (r.equals(new DropRule.Matching(SegmentKind.HANDSHAKE_FINAL_ACK))) out.add("--lose-handshake-ack");
            else if (r instanceof DropRule.Random x && x.seed() == p.seed()) { out.add("--drop-prob"); out.add(Double.toString(x.p())); }
            else unsaved.add("fault " + r);
        }
        if (!s.faults().rules().containsAll(base.faults().rules())) unsaved.add("a fault of the scenario was removed");
        if (!s.calls().equals(base.calls()) || !s.triggered().equals(base.triggered()) || !s.extras().equals(base.extras())) {
            unsaved.add("calls added at the playhead (close, send, reset now)");
        }
        return out;
    }

    public static long number(String option, String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new Cli.UsageException(option + ": '" + text + "' is not a whole number (" + min + ".." + max + ")");
        }
        if (v < min || v > max) throw new Cli.UsageException(option + ": " + v + " is out of range " + min + ".." + max);
        return v;
    }
}
