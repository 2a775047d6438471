package io.github.handshakelab.view;

import io.github.handshakelab.diagram.TraceFixtures;
import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;

import java.util.List;

/** A Lab over hand-built traces, to drive the window without the simulator. */
public final class FixtureLab implements Lab {
    private String current;

    @Override public List<ScenarioInfo> scenarios() {
        return List.of(new ScenarioInfo("lost-final-ack"), new ScenarioInfo("three-way-handshake"));
    }
    @Override public Trace load(String id) {
        current = id;
        if (id == null) return null;
        return id.equals("lost-final-ack") ? TraceFixtures.lostFinalAck() : TraceFixtures.handshakeThenIdle();
    }
    @Override public String current() { return current; }
    @Override public Trace dropSegment(int id) { return load(current); }
    @Override public Trace loseFinalAck(boolean on) { return load(current); }
    @Override public Trace loseHandshakeAck(boolean on) { return load(current); }
    @Override public boolean losesFinalAck() { return "lost-final-ack".equals(current); }
    @Override public boolean losesHandshakeAck() { return false; }
    @Override public Trace call(long t, Side side, UserCall call, int bytes) { return load(current); }
    @Override public Trace callBoth(long t, UserCall call) { return load(current); }
    @Override public Params params() { return new Params(50, 1000, 30, 1000L, 5000L, 1, false, 8); }
    @Override public Trace params(Params p) { return load(current); }
    @Override public Trace undo() { return null; }
    @Override public boolean canUndo() { return false; }
    @Override public Trace resetFaults() { return load(current); }
}
