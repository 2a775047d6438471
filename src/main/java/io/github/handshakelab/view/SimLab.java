package io.github.handshakelab.view;

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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@link Lab} on the deterministic simulator: every change builds a new {@link Scenario} from the
 * previous one and runs it again. Because the simulator is deterministic and a fault or a call at
 * time t cannot influence anything before t, the past on screen stays and only the future changes.
 */
public final class SimLab implements Lab {

    private Scenario base;
    private Scenario scenario;
    private final Deque<Scenario> history = new ArrayDeque<>();

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
            return null;
        }
        base = Scenarios.byId(id).orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + id + "'"));
        scenario = base;
        return run();
    }

    @Override
    public String current() {
        return scenario == null ? null : scenario.id();
    }

    private Trace run() {
        return Simulator.run(scenario);
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
        return change(scenario.withCall(new ScheduledCall(t, side, call, bytes)));
    }

    @Override
    public Trace callBoth(long t, UserCall call) {
        return change(scenario.withCall(new ScheduledCall(t, Side.CLIENT, call, 0))
                .withCall(new ScheduledCall(t, Side.SERVER, call, 0)));
    }

    @Override
    public Params params() {
        SimParams p = scenario == null ? SimParams.defaults() : scenario.params();
        return new Params(p.delayUs() / 1000, p.initialRtoUs() / 1000, p.mslUs() / 1_000_000, p.isnClient(), p.isnServer(),
                p.seed(), p.synCookies(), p.backlog());
    }

    @Override
    public Trace params(Params v) {
        SimParams p = scenario.params().withDelayUs(v.delayMs() * 1000).withInitialRtoUs(v.rtoMs() * 1000)
                .withMslUs(v.mslS() * 1_000_000).withIsnClient(v.isnClient()).withIsnServer(v.isnServer())
                .withSeed(v.seed()).withSynCookies(v.synCookies()).withBacklog(v.backlog());
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
