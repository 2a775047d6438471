package io.github.handshakelab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The headless commands of DESIGN §5. Usage errors (unknown ids, bad numbers, out-of-range
 * values) print one line naming the problem and the accepted values and exit 2; no stack trace.
 */
@Command(name = "handshake-lab", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = "Teach TCP connection management: simulate, replay captures, render diagrams.",
        subcommands = {ScenariosCommand.class, RenderCommand.class, ConversationsCommand.class, QuizCommand.class,
                QuestionsCommand.class, LessonCommand.class, LiveCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    public static final int USAGE = 2;

    /**
     * The window opens for no arguments or for one existing file; anything else is a command, so
     * a mistyped subcommand gets a one-line error and a suggestion instead of a GUI on a server.
     */
    public static boolean opensWindow(String[] args) {
        if (args.length == 2 && args[0].equals("--present") && presentProblem(args[1]) == null) return true;
        return args.length == 0 || (args.length == 1 && !args[0].startsWith("-") && !isCommand(args[0])
                && Files.isRegularFile(Path.of(args[0])));
    }

    /**
     * A subcommand name wins over a file of that name in the current directory ({@code scenarios}
     * stays the listing). Read from the annotation, not a picocli model, to keep the window's
     * start free of picocli's reflection.
     */
    static boolean isCommand(String word) {
        if (word.equals("help")) return true;
        for (Class<?> c : Cli.class.getAnnotation(Command.class).subcommands()) {
            Command sub = c.getAnnotation(Command.class);
            if (sub == null) continue;
            if (sub.name().equals(word) || java.util.Arrays.asList(sub.aliases()).contains(word)) return true;
        }
        return false;
    }

    @CommandLine.Option(names = "--present", paramLabel = "ID|LESSON",
            description = "open the app in presentation mode on a scenario id or a lesson file")
    String present;

    /** Why {@code --present what} cannot open (neither a lesson file nor a scenario id), or null. */
    public static String presentProblem(String what) {
        if (Files.isRegularFile(Path.of(what))) return null;
        if (io.github.handshakelab.sim.Scenarios.byId(what).isPresent()) return null;
        return "--present: '" + what + "' is neither a lesson file nor a scenario id (ids: "
                + String.join(", ", io.github.handshakelab.sim.Scenarios.ids()) + ")";
    }

    @Override
    public void run() {
        // Only reached when --present could not open a window (see opensWindow).
        if (present != null) throw new UsageException(presentProblem(present));
        CommandLine.usage(this, System.out);
    }

    /**
     * Runs with the process's standard streams, written as UTF-8 whatever the platform default is
     * (under {@code LANG=C} Java's default is ASCII and every '§', '⋯' or Chinese character would
     * become '?'). A failed write to stdout ({@code > /dev/full}, a closed pipe) is reported and
     * makes the exit status non-zero: PrintWriter itself swallows write errors.
     */
    public static int run(String... args) {
        CheckedWriter stdout = new CheckedWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(stdout, true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        int status = run(out, err, args);
        out.flush();
        // System.out is a PrintStream, which swallows errors as well: ask it too.
        if (out.checkError() || System.out.checkError()) {
            err.println("error: cannot write to standard output: " + (stdout.failure != null ? stdout.failure
                    : "the write failed (disk full, or the reading end of the pipe closed)"));
            return status == 0 ? 1 : status;
        }
        return status;
    }

    /** Keeps the first write failure's message, which PrintWriter would otherwise drop. */
    static final class CheckedWriter extends java.io.FilterWriter {
        volatile String failure;

        CheckedWriter(java.io.Writer w) {
            super(w);
        }

        private java.io.IOException keep(java.io.IOException e) {
            if (failure == null) failure = e.getMessage() != null ? e.getMessage() : e.toString();
            return e;
        }

        @Override public void write(int c) throws java.io.IOException {
            try { super.write(c); } catch (java.io.IOException e) { throw keep(e); }
        }

        @Override public void write(char[] b, int off, int len) throws java.io.IOException {
            try { super.write(b, off, len); } catch (java.io.IOException e) { throw keep(e); }
        }

        @Override public void write(String s, int off, int len) throws java.io.IOException {
            try { super.write(s, off, len); } catch (java.io.IOException e) { throw keep(e); }
        }

        @Override public void flush() throws java.io.IOException {
            try { super.flush(); } catch (java.io.IOException e) { throw keep(e); }
        }
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Cli());
        // -h/--help on every command, printed before required options are checked.
        cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true));
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + describe(ex));
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            if (ex instanceof UsageException) {
                err.println("error: " + ex.getMessage());
                return USAGE;
            }
            err.println("error: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors through: one line instead of a stack trace.
            err.println("error: out of memory (" + (e.getMessage() == null ? "heap" : e.getMessage())
                    + "); give Java more with -Xmx, e.g. java -Xmx2g -jar handshake-lab.jar ...");
            return 1;
        }
    }


    private static String describe(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && ex.getCommandLine().getParent() == null
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            String word = u.getUnmatched().get(0);
            java.util.List<String> close = u.getSuggestions();
            return "unknown command or file '" + word + "'"
                    + (close.isEmpty() ? "" : "; did you mean '" + close.get(0) + "'?")
                    + " (commands: " + String.join(", ", ex.getCommandLine().getSubcommands().keySet()) + ")";
        }
        return ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')";
    }

    /** A problem with what the user typed: reported as one line, exit code 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
