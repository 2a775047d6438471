package io.github.handshakelab.capture;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;

/**
 * Jazzer fuzz test of the reader, the index and the trace builder together. Under
 * {@code mvn verify} it replays the seeds in
 * src/test/resources/io/github/handshakelab/capture/CaptureFuzzTestsInputs/fuzzCapture/ (the sample
 * captures and malformed fixtures) as a regression test. To fuzz for real (docs/capture.md "Fuzzing"):
 * <pre>JAZZER_FUZZ=1 mvn -ntp test -Dtest=CaptureFuzzTests</pre>
 * runs for {@code maxDuration} (5 minutes); for longer, raise it here or repeat the command: each run
 * goes on from the corpus kept in .cifuzz-corpus/. Findings are written into the inputs directory
 * and then replay in every build.
 */
class CaptureFuzzTests {

    @FuzzTest(maxDuration = "5m")
    void fuzzCapture(byte[] data) {
        try {
            PipelineCheck.run(data);
        } catch (CaptureException expected) {
            // A clear "what and where" error is the correct answer to a broken file.
        } catch (IOException other) {
            throw new AssertionError("only CaptureException may escape", other);
        }
    }
}
