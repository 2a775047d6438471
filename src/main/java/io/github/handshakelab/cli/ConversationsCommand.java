package io.github.handshakelab.cli;

import io.github.handshakelab.capture.CaptureWarning;
import io.github.handshakelab.capture.Conversation;
import io.github.handshakelab.capture.ConversationIndex;
import io.github.handshakelab.capture.ConversationsJson;
import io.github.handshakelab.capture.IndexResult;
import io.github.handshakelab.text.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code conversations FILE [--format txt|json]}: every TCP conversation of a capture (DESIGN §4, §5). */
@Command(name = "conversations", mixinStandardHelpOptions = true,
        description = "List the TCP conversations of a pcap or pcapng file (gzip allowed).",
        footer = {"", "Exit status: 0 done (malformed packets that were skipped are listed as warnings);"
                + " 1 the file could not be read, or its reading stopped early at a truncated or corrupt record"
                + " (the conversations read so far are still listed, and the warning says where); 2 bad usage."})
public final class ConversationsCommand implements Callable<Integer> {

    public enum Format { txt, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "capture file (pcap, pcapng, optionally gzip-compressed)")
    Path file;

    @Option(names = "--format", defaultValue = "txt", description = "txt or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() throws Exception {
        IndexResult r = ConversationIndex.index(file); // IOException: one line on stderr, exit 1 (Cli)
        PrintWriter out = spec.commandLine().getOut();
        // Written as it goes: a million conversations must not be held a second time as one string.
        if (format == Format.json) {
            ConversationsJson.write(r, out);
        } else {
            text(r, Locale.ROOT, out);
        }
        out.flush();
        if (r.stoppedEarly()) {
            // The listing is incomplete: say so on stderr too, so that a script does not miss it.
            PrintWriter err = spec.commandLine().getErr();
            err.println(stoppedLine(r));
            err.flush();
            return 1;
        }
        return 0;
    }

    /**
     * The one {@code error:} line of a capture whose reading stopped early (shared with
     * {@code render --capture}). The stop is always the last warning: the reader keeps it even
     * past {@link io.github.handshakelab.capture.CaptureReader#MAX_WARNINGS}.
     */
    static String stoppedLine(IndexResult r) {
        return "error: " + r.file() + ": reading stopped early; the output covers only the packets before "
                + r.warnings().get(r.warnings().size() - 1);
    }

    /** "2023-11-14T22:13:20.123456Z"; a time beyond what Instant holds is printed in microseconds. */
    static String instant(long micros) {
        try {
            return Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS).toString();
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return micros + " µs";
        }
    }

    static String text(IndexResult r, Locale locale) {
        java.io.StringWriter w = new java.io.StringWriter();
        PrintWriter p = new PrintWriter(w);
        text(r, locale, p);
        p.flush();
        return w.toString();
    }

    static void text(IndexResult r, Locale locale, PrintWriter s) {
        s.append(Messages.format(locale, "capture.cli.summary", r.file(), r.format(), r.packets(), r.tcpPackets(),
                r.conversations().size())).append('\n');
        if (!r.conversations().isEmpty()) {
            String fmt = "%-6s  %-22s  %-22s  %7s  %10s  %-27s  %12s  %-9s  %-6s%n";
            s.append(String.format(Locale.ROOT, fmt, Messages.get(locale, "capture.col.stream"),
                    Messages.get(locale, "capture.col.client"), Messages.get(locale, "capture.col.server"),
                    Messages.get(locale, "capture.col.packets"), Messages.get(locale, "capture.col.bytes"),
                    Messages.get(locale, "capture.col.start"), Messages.get(locale, "capture.col.duration"),
                    Messages.get(locale, "capture.col.opened"), Messages.get(locale, "capture.col.closed")));
            for (Conversation c : r.conversations()) {
                s.append(String.format(Locale.ROOT, fmt, c.stream(), c.client() + (c.clientGuessed() ? " ?" : ""),
                        c.server(), c.packets(), c.bytes(), instant(c.start()),
                        String.format(Locale.ROOT, "%.6f s", c.duration() / 1e6), c.opened(), c.closed()));
            }
        }
        if (!r.warnings().isEmpty()) {
            s.append(Messages.format(locale, "capture.cli.warnings", r.warnings().size() + r.droppedWarnings())).append('\n');
            for (CaptureWarning w : r.warnings()) s.append("  ").append(String.valueOf(w)).append('\n');
        }
    }
}
