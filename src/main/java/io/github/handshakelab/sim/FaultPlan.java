package io.github.handshakelab.sim;

import java.util.ArrayList;
import java.util.List;

/** The drop rules of one run; a segment is lost when any rule matches it. */
public record FaultPlan(List<DropRule> rules) {

    public static final FaultPlan NONE = new FaultPlan(List.of());

    public FaultPlan {
        rules = List.copyOf(rules);
    }

    public static FaultPlan of(DropRule... rules) {
        return new FaultPlan(List.of(rules));
    }

    public FaultPlan with(DropRule r) {
        List<DropRule> l = new ArrayList<>(rules);
        l.add(r);
        return new FaultPlan(l);
    }

    /** Undo for the UI: the plan without its most recent rule. */
    public FaultPlan withoutLast() {
        return rules.isEmpty() ? this : new FaultPlan(rules.subList(0, rules.size() - 1));
    }
}
