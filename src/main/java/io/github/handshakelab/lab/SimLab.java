package io.github.handshakelab.lab;

import io.github.handshakelab.sim.DropRule;
import io.github.handshakelab.sim.FaultPlan;
import io.github.handshakelab.sim.Scenario;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.ScheduledCall;
import io.github.handshakelab.sim.SegmentKind;
import io.github.handshakelab.sim.SimParams;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import io.github.handshakelab.sim.TriggeredCall;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@link Lab} on the deterministic simulator (plain Java, no JavaFX: the window binds to it): every change builds a new {@link Scenario} from the
 * previous one and runs it again. Because the simulator is deterministic and a fault or a call at
 * time t cannot influence anything before t, the past on screen stays and only the future changes.
 */
public final class SimLab implements Lab {

    private Scenario base;
    private Scenario scenario;
    private final Deque<Scenario> history = new ArrayDeque<>();
    /** The trace of {@link #scenario}, to tell which of the script's calls already happened. */
    private Trace last;

    @Override
    public List<ScenarioInfo> scenarios() {
        List<ScenarioInfo> out = new ArrayList<>();
        for (Scenario s : Scenarios.all()) out.add(new ScenarioInfo(s.id()));
        return out;
    }

    @Override
    public Trace load(String id) {
        history.clear();
        if (id == null) {
            base = scenario = null;
            last = null;
            return null;
        }
        base = Scenarios.byId(id).orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + id + "'"));
        scenario = base;
        return run();
    }

    /**
     * Loads a scenario built elsewhere (a lesson's scenario with its options): it becomes the base
     * that Reset faults returns to, as a library scenario is.
     */
    public Trace load(Scenario s) {
        history.clear();
        base = scenario = s;
        return run();
    }

    /** The scenario on screen with every fault, call and parameter applied, or null. */
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public Trace apply(Scenario next) {
        if (base == null || !base.id().equals(next.id())) {
            history.clear();
            base = Scenarios.byId(next.id()).orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + next.id() + "'"));
            scenario = base;
        }
        return change(next);
    }

    @Override
    public String current() {
        return scenario == null ? null : scenario.id();
    }

    private Trace run() {
        last = Simulator.run(scenario);
        return last;
    }

    private Trace change(Scenario next) {
        history.push(scenario);
        scenario = next;
        return run();
    }

    @Override
    public Trace dropSegment(int id) {
        return change(scenario.withFault(new DropRule.SegmentId(id)));
    }

    @Override
    public Trace loseFinalAck(boolean on) {
        return toggle(new DropRule.Matching(SegmentKind.CLOSE_LAST_ACK), on);
    }

    @Override
    public Trace loseHandshakeAck(boolean on) {
        return toggle(new DropRule.Matching(SegmentKind.HANDSHAKE_FINAL_ACK), on);
    }

    private Trace toggle(DropRule rule, boolean on) {
        if (on == scenario.faults().rules().contains(rule)) return run();
        if (on) return change(scenario.withFault(rule));
        List<DropRule> rules = new ArrayList<>(scenario.faults().rules());
        rules.removeIf(rule::equals);
        return change(scenario.withFaults(new FaultPlan(rules)));
    }

    @Override
    public boolean losesFinalAck() {
        return scenario != null && scenario.faults().rules().contains(new DropRule.Matching(SegmentKind.CLOSE_LAST_ACK));
    }

    @Override
    public boolean losesHandshakeAck() {
        return scenario != null && scenario.faults().rules().contains(new DropRule.Matching(SegmentKind.HANDSHAKE_FINAL_ACK));
    }

    @Override
    public Trace call(long t, Side side, UserCall call, int bytes) {
        return change(replacingScript(scenario, t, side, call).withCall(new ScheduledCall(t, side, call, bytes)));
    }

    @Override
    public Trace callBoth(long t, UserCall call) {
        Scenario s = replacingScript(replacingScript(scenario, t, Side.CLIENT, call), t, Side.SERVER, call);
        return change(s.withCall(new ScheduledCall(t, Side.CLIENT, call, 0))
                .withCall(new ScheduledCall(t, Side.SERVER, call, 0)));
    }

    /**
     * A CLOSE the user adds replaces the script's own CLOSE of that side that has not happened
     * yet (a later scheduled CLOSE, a CLOSE triggered by a state, an application that closes on
     * the peer's FIN). Otherwise the script's CLOSE would fire on a closing connection and end in
     * "error: connection closing" (RFC 9293 §3.10.4), which the user never asked for. If the
     * side has closed already, the user's call stays an error: that is what TCP says.
     */
    private Scenario replacingScript(Scenario s, long t, Side side, UserCall call) {
        if (call != UserCall.CLOSE || last == null) return s;
        boolean closed = last.events().stream().anyMatch(e -> e instanceof TraceEvent.User u
                && u.endpoint() == side && u.call() == UserCall.CLOSE && u.t() <= t);
        if (closed) return s;
        List<ScheduledCall> calls = s.calls().stream()
                .filter(c -> !(c.side() == side && c.call() == UserCall.CLOSE && c.t() >= t)).toList();
        List<TriggeredCall> triggered = s.triggered().stream()
                .filter(c -> !(c.side() == side && c.call() == UserCall.CLOSE)).toList();
        Set<Side> onFin = EnumSet.noneOf(Side.class);
        onFin.addAll(s.extras().closeOnFin());
        onFin.remove(side);
        return new Scenario(s.id(), s.params(), calls, triggered, s.faults(),
                new Scenario.Extras(onFin, s.extras().injections()));
    }

    @Override
    public Params params() {
        SimParams p = scenario == null ? SimParams.defaults() : scenario.params();
        return new Params(p.delayUs() / 1000, p.initialRtoUs() / 1000, p.mslUs() / 1_000_000, p.isnClient(), p.isnServer(),
                p.seed(), p.synCookies(), p.backlog(), p.profile());
    }

    @Override
    public Trace params(Params v) {
        SimParams p = scenario.params().withDelayUs(v.delayMs() * 1000).withInitialRtoUs(v.rtoMs() * 1000)
                .withMslUs(v.mslS() * 1_000_000).withIsnClient(v.isnClient()).withIsnServer(v.isnServer())
                .withSeed(v.seed()).withSynCookies(v.synCookies()).withBacklog(v.backlog())
                .withProfile(v.profile() == null ? scenario.params().profile() : v.profile());
        // Apply without a change is no step to undo (and must not lose what the scenario set).
        if (p.equals(scenario.params())) return last != null ? last : run();
        return change(scenario.withParams(p));
    }

    @Override
    public Trace undo() {
        if (history.isEmpty()) return null;
        scenario = history.pop();
        return run();
    }

    @Override
    public boolean canUndo() {
        return !history.isEmpty();
    }

    @Override
    public Trace resetFaults() {
        history.push(scenario);
        scenario = base;
        return run();
    }
}
