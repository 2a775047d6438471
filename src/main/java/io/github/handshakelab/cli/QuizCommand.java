package io.github.handshakelab.cli;

import io.github.handshakelab.quiz.AnswersFile;
import io.github.handshakelab.quiz.Field;
import io.github.handshakelab.quiz.Grader;
import io.github.handshakelab.quiz.Level;
import io.github.handshakelab.quiz.Numbers;
import io.github.handshakelab.quiz.Parse;
import io.github.handshakelab.quiz.Question;
import io.github.handshakelab.quiz.Quiz;
import io.github.handshakelab.quiz.QuizHtml;
import io.github.handshakelab.quiz.QuizJson;
import io.github.handshakelab.quiz.QuizText;
import io.github.handshakelab.sim.Scenario;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.text.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code quiz} (DESIGN §6.1): a worksheet (txt, json, html), the grading of an answers file, or,
 * with neither, a quiz in the terminal. Without {@code --seed} a fresh seed is drawn, so every run
 * is a new exercise, and printed so that the answers can be graded against the same one.
 */
@Command(name = "quiz", description = "Predict each segment of a scenario or of a captured conversation: a worksheet, grading, or a quiz in the terminal.",
        footer = {"", "Without --format and --grade the quiz runs in the terminal, one question at a time.",
                "On a capture (--capture FILE [--stream N]) the states asked are inferred from the segments seen, as the app",
                "shows them (ESTABLISHED?); fault, parameter and seed options do not apply.",
                "Exit status: 0 done (whatever the score); 1 the capture's reading stopped early (the worksheet covers what was read);",
                "2 bad usage or a bad answers file (FILE:LINE:COL: problem)."})
public final class QuizCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ScenarioOptions sim;

    @Option(names = "--capture", paramLabel = "FILE", description = "a pcap/pcapng file: quiz on one of its TCP conversations")
    Path capture;

    @Option(names = "--stream", paramLabel = "N", description = "the capture's TCP conversation (default: the first that starts with a SYN)")
    String stream;

    @Option(names = "--numbers", paramLabel = "absolute|relative", description = "absolute (default; ISNs from the seed) or relative to each ISN")
    String numbers = "absolute";

    @Option(names = "--level", paramLabel = "full|states", description = "full (default): every field; states: who sends, flags and states only")
    String level = "full";

    @Option(names = "--format", paramLabel = "FORMAT", description = "worksheet: txt, json or html; grade report: txt or json")
    String format;

    @Option(names = "--answer-key", description = "add the answers (json: \"answer\" per question; html: a separate page)")
    boolean answerKey;

    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
    Path out;

    @Option(names = "--grade", paramLabel = "ANSWERS.json", description = "grade this answers file and print a report per field")
    Path grade;

    @Option(names = "--lang", defaultValue = "en", description = "en or zh")
    String lang;

    private static final Set<String> NOT_REPEATED = Set.of("--scenario", "--seed");

    @Override
    public Integer call() throws IOException {
        Locale locale = RenderCommand.locale(lang);
        Numbers nums;
        Level lvl;
        try {
            nums = Numbers.ofId(numbers);
            lvl = Level.ofId(level);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException("--" + (e.getMessage().contains("numbers") ? "numbers" : "level") + ": " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        if (capture != null) {
            if (sim.scenario != null) throw new Cli.UsageException("use either --scenario or --capture, not both");
            // A capture is what happened: faults, parameters and seeds cannot change it (as render --capture says).
            List<String> simOnly = sim.simulationOnlyOptionsGiven();
            if (!simOnly.isEmpty()) throw new Cli.UsageException(String.join(", ", simOnly)
                    + (simOnly.size() == 1 ? " does" : " do") + " not apply to a capture (simulation only)");
            if (out != null) OutFile.refuseInput(out, capture, "--capture");
            captured = RenderCommand.prepareCapture(capture, stream, err);
        } else {
            if (sim.scenario == null) throw new Cli.UsageException("missing --scenario ID (or --capture FILE)");
            if (stream != null) throw new Cli.UsageException("--stream only applies to --capture");
        }
        if (grade != null) {
            if (answerKey) throw new Cli.UsageException("--answer-key makes a worksheet; it does not go with --grade");
            String f = format == null ? "txt" : format;
            if (!f.equals("txt") && !f.equals("json")) throw new Cli.UsageException("unknown --format '" + f + "' for --grade; use txt or json");
            AnswersFile.Answers answers;
            try (Reader r = Files.newBufferedReader(grade, StandardCharsets.UTF_8)) {
                answers = AnswersFile.read(r, nums);
            } catch (NoSuchFileException e) {
                throw new Cli.UsageException("cannot read " + grade + ": no such file");
            } catch (java.nio.charset.MalformedInputException e) {
                throw new Cli.UsageException(grade + ":1:1: not UTF-8 text");
            } catch (AnswersFile.Problem p) {
                err.println(p.describe(grade.toString()));
                err.flush();
                return Cli.USAGE;
            }
            if (captured != null) {
                if (answers.scenario() != null) throw new Cli.UsageException(grade + " answers scenario " + answers.scenario() + ", not a capture");
                String name = capture.getFileName().toString();
                if (answers.capture() != null && !Path.of(answers.capture()).getFileName().toString().equals(name)) {
                    throw new Cli.UsageException(grade + " answers capture " + answers.capture() + ", not " + name);
                }
                int st = captured.conversation().stream();
                if (answers.stream() != null && answers.stream() != st) {
                    throw new Cli.UsageException(grade + " answers stream " + answers.stream() + " of " + name + "; add --stream " + answers.stream());
                }
            } else if (answers.capture() != null) {
                throw new Cli.UsageException(grade + " answers capture " + answers.capture() + "; add --capture " + answers.capture());
            } else if (answers.scenario() != null && !answers.scenario().equals(sim.scenario)) {
                throw new Cli.UsageException(grade + " answers scenario " + answers.scenario() + ", not " + sim.scenario);
            }
            if (answers.numbers() != null && !answers.numbers().equals(nums.id())) {
                throw new Cli.UsageException(grade + " uses " + answers.numbers() + " numbers; add --numbers " + answers.numbers());
            }
            if (captured != null) {
                // no seed: a capture's numbers are what was captured
            } else if (sim.seed == null) {
                if (answers.seed() == null) {
                    throw new Cli.UsageException("--grade needs the exercise's seed: add --seed S (the worksheet prints it)");
                }
                sim.seed = Long.toString(answers.seed());
            } else if (answers.seed() != null && answers.seed() != ScenarioOptions.number("--seed", sim.seed, Long.MIN_VALUE, Long.MAX_VALUE)) {
                throw new Cli.UsageException(grade + " answers the exercise with seed " + answers.seed() + ", not --seed " + sim.seed.trim());
            }
            Quiz quiz = build(nums, lvl, err);
            try {
                answers.checkAgainst(quiz);
            } catch (AnswersFile.Problem p) {
                err.println(p.describe(grade.toString()));
                err.flush();
                return Cli.USAGE;
            }
            Grader.Report report = Grader.grade(quiz, answers.answers(), locale);
            emit(f.equals("json") ? QuizJson.report(report) : QuizText.report(report, locale));
            return finish();
        }
        boolean worksheet = format != null || out != null || answerKey;
        if (sim.seed == null && captured == null) sim.seed = Long.toString(ThreadLocalRandom.current().nextLong(1, 1_000_000));
        Quiz quiz = build(nums, lvl, err);
        if (!worksheet) {
            int r = interactive(quiz, locale);
            return r != 0 ? r : finish();
        }
        String f = format == null ? "txt" : format;
        String text = switch (f) {
            case "txt" -> QuizText.worksheet(quiz, locale, answerKey, regrade(quiz));
            case "json" -> QuizJson.worksheet(quiz, locale, answerKey);
            case "html" -> QuizHtml.worksheet(quiz, locale, answerKey, regrade(quiz));
            default -> throw new Cli.UsageException("unknown --format '" + f + "'; use txt, json or html");
        };
        emit(text);
        return finish();
    }

    /** The capture read with --capture, or null for a scenario. */
    private io.github.handshakelab.capture.CaptureTraces.Prepared captured;

    /** 0, or 1 with the error line when the capture's reading stopped early (as render --capture). */
    private int finish() {
        if (captured == null || !captured.index().stoppedEarly()) return 0;
        PrintWriter err = spec.commandLine().getErr();
        err.println(ConversationsCommand.stoppedLine(captured.index()));
        err.flush();
        return 1;
    }

    private Quiz build(Numbers nums, Level lvl, PrintWriter err) {
        if (captured != null) {
            // The regrade command names the stream, so the same conversation is asked again even if the file has several.
            return Quiz.of(captured.trace(), nums, lvl, null, List.of("--stream", Integer.toString(captured.conversation().stream())));
        }
        Scenario sc = sim.build();
        Simulator.Outcome run = Simulator.runWithReport(sc);
        sim.warnUnused(sc, run, err);
        return Quiz.of(run.trace(), nums, lvl, sc.params().seed(), scenarioOptions());
    }

    /** The fault and parameter options as given (not --scenario, not --seed): with the seed they make the same trace. */
    private List<String> scenarioOptions() {
        List<String> opts = new ArrayList<>();
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        if (pr == null) return opts;
        Set<CommandLine.Model.OptionSpec> mine = new java.util.HashSet<>(spec.mixins().get("sim").options());
        for (CommandLine.Model.OptionSpec o : pr.matchedOptions()) {
            if (!mine.contains(o) || NOT_REPEATED.contains(o.longestName())) continue;
            if (o.arity().max() == 0) {
                opts.add(o.longestName());
            } else {
                for (String v : o.originalStringValues()) {
                    opts.add(o.longestName());
                    opts.add(v);
                }
            }
        }
        return opts;
    }

    private String regrade(Quiz quiz) {
        List<String> cmd = new ArrayList<>(List.of("handshake-lab", "quiz"));
        if (captured != null) {
            cmd.addAll(List.of("--capture", capture.toString()));
            cmd.addAll(quiz.options());
        } else {
            cmd.addAll(List.of("--scenario", sim.scenario));
            cmd.addAll(quiz.options());
            cmd.add("--seed");
            cmd.add(Long.toString(quiz.seed()));
        }
        if (quiz.numbers() != Numbers.ABSOLUTE) cmd.addAll(List.of("--numbers", quiz.numbers().id()));
        if (quiz.level() != Level.FULL) cmd.addAll(List.of("--level", quiz.level().id));
        cmd.addAll(List.of("--grade", "ANSWERS.json"));
        return String.join(" ", cmd);
    }

    private void emit(String text) throws IOException {
        if (out != null) {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        } else {
            PrintWriter w = spec.commandLine().getOut();
            w.print(text);
            w.flush();
        }
    }

    /** One question at a time on the terminal; each field is checked as soon as it is typed. */
    private int interactive(Quiz quiz, Locale locale) throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        w.println("# " + Messages.format(locale, "quiz.sheet.title", quiz.title(locale)));
        w.println("# " + Messages.format(locale, "quiz.sheet.header", quiz.seed() == null ? "-" : Long.toString(quiz.seed()),
                Messages.format(locale, "quiz.numbers." + quiz.numbers().id()), String.valueOf(quiz.questions().size()), String.valueOf(quiz.fields().size())));
        w.println("# " + Messages.format(locale, "quiz.term.intro"));
        int score = 0, total = 0, done = 0;
        outer:
        for (Question q : quiz.questions()) {
            w.println();
            w.println(Messages.format(locale, "quiz.sheet.q", String.valueOf(q.n())) + Quiz.sep(locale) + q.prompt(locale, quiz.level(), quiz.capture()));
            for (Field f : quiz.fields()) {
                Object given;
                while (true) {
                    w.print(Messages.format(locale, "quiz.term.ask." + f.json) + " ");
                    w.flush();
                    String line = in.readLine();
                    if (line == null || line.strip().equalsIgnoreCase("quit") || line.strip().equalsIgnoreCase("q")) {
                        w.println();
                        break outer;
                    }
                    try {
                        given = parse(f, line, quiz.numbers());
                        break;
                    } catch (IllegalArgumentException e) {
                        w.println(Messages.format(locale, "quiz.term.retry", e.getMessage()));
                    }
                }
                Grader.Item it = Grader.check(quiz, q, f, true, given, locale);
                total++;
                if (it.correct()) {
                    score++;
                    w.println("  " + Messages.format(locale, "quiz.term.right"));
                } else {
                    w.println("  " + Messages.format(locale, "quiz.term.wrong", Grader.show(f, it.expected(), locale), it.why()));
                }
            }
            done++;
            w.println(Messages.format(locale, "quiz.term.shown", String.valueOf(q.segment().id()), QuizText.keyLine(quiz, q, locale)));
        }
        if (done < quiz.questions().size()) {
            w.println(Messages.format(locale, "quiz.term.stopped", String.valueOf(done), String.valueOf(quiz.questions().size())));
        }
        w.println(Messages.format(locale, "quiz.report.score", String.valueOf(score), String.valueOf(total)));
        w.flush();
        return 0;
    }

    static Object parse(Field f, String line, Numbers numbers) {
        if (line.isBlank()) throw new IllegalArgumentException("an empty answer");
        return switch (f) {
            case FROM -> Parse.side(line);
            case FLAGS -> Parse.flags(line);
            case SEQ -> Parse.number(line, false, numbers);
            case ACK -> Parse.number(line, true, numbers);
            case LEN -> Parse.length(line);
            case STATE_CLIENT, STATE_SERVER -> Parse.state(line);
        };
    }
}
