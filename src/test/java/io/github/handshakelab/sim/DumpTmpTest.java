package io.github.handshakelab.sim;
import org.junit.jupiter.api.Test;
class DumpTmpTest {
    @Test void dump() {
        for (Scenario s : Scenarios.all()) {
            Scenario l = s.withParams(s.params().withProfile(io.github.handshakelab.tcp.Profile.RFC));
            var t = Simulator.run(l);
            StringBuilder b = new StringBuilder("== " + s.id() + "\n");
            for (var seg : t.segments()) b.append(String.format("%9.3f %s%n", seg.sent() / 1e6, Ladder.seg(seg)));
            b.append("C ").append(t.stateSequence(io.github.handshakelab.trace.Side.CLIENT)).append("\nS ").append(t.stateSequence(io.github.handshakelab.trace.Side.SERVER)).append("\n");
            System.out.print(b);
        }
    }
}
