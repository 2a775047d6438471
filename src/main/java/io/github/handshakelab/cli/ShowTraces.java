package io.github.handshakelab.cli;

import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.questions.Question;
import io.github.handshakelab.sim.Scenario;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.trace.Trace;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the trace a question's "Show me" opens, exactly as {@code render} would: the scenario's
 * option list goes through the one shared parser ({@link ScenarioOptions#parse}), a capture through
 * {@link CaptureTraces}. In {@code cli}, beside that parser, so that {@code questions} (plain data)
 * does not depend on {@code cli} and the packages stay free of cycles.
 */
public final class ShowTraces {

    private ShowTraces() {}

    /** The scenario with the question's options applied (so the app can also re-simulate it with more faults). */
    public static Scenario scenario(Question.ScenarioShow show) {
        return ScenarioOptions.parse(show.scenario(), show.options());
    }

    public static Trace trace(Question.Show show) throws IOException {
        if (show instanceof Question.ScenarioShow s) return Simulator.run(scenario(s));
        Question.CaptureShow c = (Question.CaptureShow) show;
        return CaptureTraces.load(capturePath(c), c.stream());
    }

    /**
     * A capture path is relative to the project root: the working directory when run with Maven,
     * otherwise the directory above the jar's ({@code target/handshake-lab.jar} -> the project).
     * Falls back to the path as given, so the error names it.
     */
    public static Path capturePath(Question.CaptureShow show) {
        Path rel = Path.of(show.capture());
        if (Files.isRegularFile(rel)) return rel;
        try {
            Path code = Path.of(ShowTraces.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(rel);
                if (Files.isRegularFile(candidate)) return candidate;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No usable code source (e.g. a custom class loader): keep the relative path.
        }
        return rel;
    }
}
