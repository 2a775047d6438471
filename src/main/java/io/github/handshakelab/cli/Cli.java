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
                QuestionsCommand.class, LessonCommand.class, CommandLine.HelpCommand.class})
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

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
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
        return cl.execute(args);
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
