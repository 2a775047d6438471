package io.github.handshakelab.cli;

import io.github.handshakelab.lesson.Lesson;
import io.github.handshakelab.lesson.LessonReader;
import io.github.handshakelab.lesson.Times;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lesson check FILE}: validates a lesson file (DESIGN §6.3). */
@Command(name = "lesson", description = "Work with lesson files (a scenario or capture with captioned steps).",
        subcommands = LessonCommand.Check.class)
public final class LessonCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new Cli.UsageException("missing subcommand; use 'lesson check FILE'");
    }

    /** Reads and checks a lesson with the one option parser of the command line. */
    public static LessonReader.Result read(Path file) {
        return LessonReader.read(file, ScenarioOptions::parse);
    }

    @Command(name = "check", description = "Check a lesson file: its JSON, its source, and every step against the trace.",
            footer = {"", "Exit status: 0 the lesson is valid (one summary line on standard output);"
                    + " 2 it is not: one 'FILE:LINE:COL: problem' line per mistake on standard error."})
    static final class Check implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the lesson (.json)")
        Path file;

        @Override
        public Integer call() {
            LessonReader.Result r = read(file);
            if (!r.ok()) {
                PrintWriter err = spec.commandLine().getErr();
                r.messages().forEach(err::println);
                err.flush();
                return Cli.USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(summary(r));
            out.flush();
            return 0;
        }
    }

    /** "FILE: OK: "Four-way close", scenario four-way-close, 7 steps from 100ms to 60.55s (trace ends at 60.55s)". */
    static String summary(LessonReader.Result r) {
        Lesson l = r.lesson();
        String source = l.source() instanceof Lesson.Source.Simulation s
                ? "scenario " + s.scenario() + (s.options().isEmpty() ? "" : " " + String.join(" ", s.options()))
                : "capture " + ((Lesson.Source.Capture) l.source()).path()
                        + (((Lesson.Source.Capture) l.source()).stream() == null ? "" : " stream " + ((Lesson.Source.Capture) l.source()).stream());
        int n = l.steps().size();
        return r.file() + ": OK: \"" + l.title().en() + "\", " + source + ", " + n + (n == 1 ? " step" : " steps")
                + " from " + Times.format(l.steps().get(0).at()) + " to " + Times.format(l.steps().get(n - 1).at())
                + " (trace ends at " + Times.format(r.trace().endTime()) + ")";
    }
}
