package io.github.handshakelab.lab;

import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;

import java.util.List;

/**
 * The interactive session behind the window: a scenario, its parameters and the faults and calls
 * the user added, re-simulated deterministically after every change (the past stays, the future
 * changes). Every method returns the new trace. Kept as an interface so the window does not
 * depend on how the simulator is driven.
 */
public interface Lab {

    /** A library entry; title, summary and lesson are looked up per locale from the tcp bundle. */
    record ScenarioInfo(String id) {
        public String key(String part) { return "scenario." + id + "." + part; }
    }

    /**
     * The editable parameters (UI units: ms and s). {@code isnClient}/{@code isnServer} null = random
     * from the seed. {@code profile}: RFC 9293 or Linux defaults where they differ (as {@code --profile}).
     */
    record Params(long delayMs, long rtoMs, long mslS, Long isnClient, Long isnServer, long seed, boolean synCookies,
                  int backlog, io.github.handshakelab.tcp.Profile profile) {

        public Params withSeed(long s) {
            return new Params(delayMs, rtoMs, mslS, isnClient, isnServer, s, synCookies, backlog, profile);
        }
    }

    List<ScenarioInfo> scenarios();

    /** Loads a scenario with its own defaults and no added faults. */
    Trace load(String id);

    /**
     * Replaces the current scenario by {@code next}, a library scenario with options applied (an
     * interview question's "Show me", a lesson): undo returns to the previous one, reset to the
     * library defaults of {@code next}'s id.
     */
    Trace apply(io.github.handshakelab.sim.Scenario next);

    /** The current scenario id, or null when a capture or file is shown. */
    String current();

    Trace dropSegment(int id);

    Trace loseFinalAck(boolean on);

    Trace loseHandshakeAck(boolean on);

    boolean losesFinalAck();

    boolean losesHandshakeAck();

    /** Adds a user call at time {@code t} (e.g. "client closes now" at the playhead). */
    Trace call(long t, Side side, UserCall call, int bytes);

    /** The same call on both sides at once (simultaneous close), undone as one step. */
    Trace callBoth(long t, UserCall call);

    Params params();

    Trace params(Params p);

    /** Undoes the last added fault, call or parameter change; null when there is nothing to undo. */
    Trace undo();

    boolean canUndo();

    /** Back to the scenario as the library defines it. */
    Trace resetFaults();
}
