package io.github.handshakelab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Set;

/**
 * The headless commands of DESIGN §5. Usage errors (unknown ids, bad numbers, out-of-range
 * values) print one line naming the problem and the accepted values and exit 2; no stack trace.
 */
@Command(name = "handshake-lab", mixinStandardHelpOptions = true, version = "Handshake Lab 0.1",
        description = "Teach TCP connection management: simulate, replay captures, render diagrams.",
        subcommands = {ScenariosCommand.class, RenderCommand.class})
public final class Cli implements Runnable {

    public static final int USAGE = 2;

    private static final Set<String> SUBCOMMANDS = Set.of("scenarios", "render", "conversations", "help");

    public static boolean isSubcommand(String arg) {
        return SUBCOMMANDS.contains(arg);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
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

    /** A problem with what the user typed: reported as one line, exit code 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
