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
        if (format == Format.json) {
            out.print(ConversationsJson.write(r));
        } else {
            out.print(text(r, Locale.ROOT));
        }
        out.flush();
        if (r.stoppedEarly()) {
            // The listing is incomplete: say so on stderr too, so that a script does not miss it.
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + r.file() + ": reading stopped early; the list above covers only the packets before "
                    + r.warnings().get(r.warnings().size() - 1));
            err.flush();
            return 1;
        }
        return 0;
    }

    static String text(IndexResult r, Locale locale) {
        StringBuilder s = new StringBuilder();
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
                        c.server(), c.packets(), c.bytes(), Instant.EPOCH.plusNanos(c.start() * 1000),
                        String.format(Locale.ROOT, "%.6f s", c.duration() / 1e6), c.opened(), c.closed()));
            }
        }
        if (!r.warnings().isEmpty()) {
            s.append(Messages.format(locale, "capture.cli.warnings", r.warnings().size() + r.droppedWarnings())).append('\n');
            for (CaptureWarning w : r.warnings()) s.append("  ").append(w).append('\n');
        }
        return s.toString();
    }
}
