package io.github.handshakelab.bench;

import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.capture.ConversationIndex;
import io.github.handshakelab.trace.Trace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Indexing and one-stream trace building on a generated 64 MiB pcap (8,000 conversations), in a
 * JVM limited to 256 MiB of heap. The 1 GiB side-by-side run against tshark is
 * scripts/bench-capture.sh (CaptureBench). Run:
 * {@code mvn -q -ntp test-compile exec:exec@bench -Dbench=ConversationIndexBench}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@State(Scope.Benchmark)
public class ConversationIndexBench {

    private Path file;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        file = Files.createTempFile("handshake-lab-bench", ".pcap");
        CaptureBench.generate(file, 64, 8_000);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public int index() throws IOException {
        return ConversationIndex.index(file).conversations().size();
    }

    @Benchmark
    public Trace traceOfTheLastStream() throws IOException {
        return CaptureTraces.load(file, 7_999);
    }
}
