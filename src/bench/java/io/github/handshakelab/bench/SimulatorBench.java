package io.github.handshakelab.bench;

import io.github.handshakelab.sim.DropRule;
import io.github.handshakelab.sim.Scenario;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.trace.Trace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The UI re-simulates on every interaction (drop #N, close now, parameter change), so a whole
 * scenario must take well under a frame: target median < 1 ms; a 10,000-SYN flood < 100 ms.
 * Run: {@code mvn -q -ntp test-compile exec:exec@bench -Dbench=SimulatorBench}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SimulatorBench {

    @State(Scope.Benchmark)
    public static class Builtin {
        @Param({"three-way-handshake", "four-way-close", "server-closes-first", "three-segment-close", "data-transfer",
                "half-close-with-data", "simultaneous-open", "simultaneous-close", "lost-syn", "lost-syn-ack",
                "lost-handshake-ack", "lost-final-ack", "connect-to-closed-port", "reset-mid-connection",
                "old-duplicate-syn", "syn-flood"})
        public String scenario;
        Scenario s;

        @Setup
        public void setup() {
            // One extra drop rule, as the UI adds when the user clicks a segment.
            s = Scenarios.byId(scenario).orElseThrow().withFault(new DropRule.SegmentId(4));
        }
    }

    @State(Scope.Benchmark)
    public static class Flood {
        @Param({"false", "true"})
        public boolean cookies;
        Scenario s;

        @Setup
        public void setup() {
            s = Scenarios.synFlood(10_000, cookies);
        }
    }

    @Benchmark
    public Trace resimulateBuiltin(Builtin b) {
        return Simulator.run(b.s);
    }

    @Benchmark
    public Trace synFlood10k(Flood f) {
        return Simulator.run(f.s);
    }
}
