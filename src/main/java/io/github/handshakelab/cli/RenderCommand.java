package io.github.handshakelab.cli;

import io.github.handshakelab.export.DiagramExport;
import io.github.handshakelab.export.SequenceText;
import io.github.handshakelab.sim.Scenario;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code render (--scenario ID [fault and parameter options] | --capture FILE [--stream N])
 * --format txt|json [--out FILE]}. Numbers are read as text and checked here so that every bad
 * value gets one line naming the option, the value and the accepted range.
 */
@Command(name = "render", description = "Simulate a scenario (or replay a capture) and render the trace.",
        footer = {"", "Exit status: 0 done; 1 the capture could not be read (nothing rendered) or its reading stopped early"
                + " at a truncated or corrupt record (what was read is rendered, with a note where it stops);"
                + " 2 bad usage. Each problem in a capture is printed on stderr as"
                + " 'warning: FILE: offset N, packet K: ...'; a malformed packet that is only skipped leaves the exit status 0."})
public final class RenderCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ScenarioOptions sim;

    @Option(names = "--capture", paramLabel = "FILE", description = "pcap/pcapng file to replay")
    Path capture;

    @Option(names = "--stream", paramLabel = "N", description = "TCP conversation of the capture (default: the first)")
    String stream;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "png, svg, puml (PlantUML), mermaid, txt (a ladder) or json (DESIGN §4)")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
    Path out;

    @Option(names = "--lang", defaultValue = "en", description = "en or zh, for the txt explanations")
    String lang;

    @Override
    public Integer call() throws IOException {
        Locale locale = locale(lang);
        switch (format) {
            case "txt", "json", "puml", "mermaid", "svg" -> { }
            case "png" -> {
                if (out == null) throw new Cli.UsageException("--format png writes an image: add --out FILE.png");
            }
            default -> throw new Cli.UsageException("unknown --format '" + format + "'; use png, svg, puml, mermaid, txt or json");
        }
        if (out != null) OutFile.refuseInput(out, capture, "--capture");
        if (out != null) OutFile.check(out); // before the work: a wrong --out fails at once
        Trace trace;
        int status = 0;
        io.github.handshakelab.capture.IndexResult stopped = null;
        if (capture != null) {
            if (sim.scenario != null) throw new Cli.UsageException("use either --scenario or --capture, not both");
            io.github.handshakelab.capture.CaptureTraces.Prepared prepared = fromCapture();
            // A file cut short still renders what was read, but scripts must be able to tell.
            if (prepared.index().stoppedEarly()) stopped = prepared.index();
            if (format.equals("txt") || format.equals("json")) {
                // Streamed: a conversation of a million segments is never held as a Trace or a string.
                write(w -> {
                    if (format.equals("json")) {
                        TraceJson.Writer j = new TraceJson.Writer(w, prepared.header());
                        prepared.emit(j::event);
                        j.end(java.util.List.of());
                    } else {
                        TextLadder.Writer t = new TextLadder.Writer(w, prepared.header(), locale);
                        prepared.emit(t::event);
                        t.end(java.util.List.of());
                    }
                });
                return finish(stopped);
            }
            trace = prepared.trace();
        } else {
            if (sim.scenario == null) throw new Cli.UsageException("missing --scenario ID (or --capture FILE)");
            if (stream != null) throw new Cli.UsageException("--stream only applies to --capture");
            Scenario sc = sim.build();
            Simulator.Outcome run = Simulator.runWithReport(sc);
            trace = run.trace();
            sim.warnUnused(sc, run, spec.commandLine().getErr());
        }
        if (format.equals("png")) {
            png(trace, locale);
            return finish(stopped);
        }
        String text = switch (format) {
            case "svg" -> DiagramExport.svg(trace, locale, false);
            case "json" -> TraceJson.write(trace);
            case "puml" -> SequenceText.render(trace, SequenceText.Dialect.PLANTUML, false);
            case "mermaid" -> SequenceText.render(trace, SequenceText.Dialect.MERMAID, false);
            default -> TextLadder.render(trace, locale);
        };
        write(w -> w.write(text));
        return finish(stopped);
    }

    /** Exit status 1 with the same {@code error:} line as {@code conversations} when the reading stopped early. */
    private int finish(io.github.handshakelab.capture.IndexResult stopped) {
        if (stopped == null) return 0;
        PrintWriter err = spec.commandLine().getErr();
        err.println(ConversationsCommand.stoppedLine(stopped));
        err.flush();
        return 1;
    }

    /** Writes text. */
    @FunctionalInterface
    private interface Text {
        void write(java.io.Writer w) throws IOException;
    }

    /** To {@code --out} (errors naming the file and the reason) or to standard output, as UTF-8. */
    private void write(Text content) throws IOException {
        if (out != null) {
            OutFile.write(out, o -> {
                java.io.Writer w = new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8);
                content.write(w);
                w.flush();
            });
            return;
        }
        PrintWriter w = spec.commandLine().getOut();
        content.write(w);
        w.flush();
    }

    /**
     * PNG: one image when it fits in {@link DiagramExport#MAX_PAGE_PX} pixels, else pages
     * FILE-01.png, FILE-02.png ... (said on stderr). Running out of memory is one clear line.
     */
    private void png(Trace trace, Locale locale) throws IOException {
        String name = out.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        try {
            DiagramExport.pngPages(trace, locale, false, (page, pages, png) -> {
                Path target = out;
                if (pages > 1) {
                    String n = String.valueOf(page);
                    while (n.length() < String.valueOf(pages).length()) n = "0" + n;
                    target = out.resolveSibling(stem + "-" + n + ".png");
                    if (page == 1) {
                        PrintWriter err = spec.commandLine().getErr();
                        err.println("note: the diagram is taller than one image of " + DiagramExport.MAX_PAGE_PX
                                + " pixels: written as " + pages + " pages, " + out.resolveSibling(stem + "-" + n + ".png")
                                + " to " + out.resolveSibling(stem + "-" + pages + ".png") + " (--format svg gives one file)");
                        err.flush();
                    }
                }
                OutFile.write(target, o -> o.write(png));
            });
        } catch (OutOfMemoryError e) {
            throw new IOException("out of memory drawing the PNG of " + trace.segments().size()
                    + " segments; give Java more memory (java -Xmx2g -jar ...) or use --format svg");
        }
    }

    /**
     * Capture replay. Every reader warning goes to stderr so that damage is never silent; the
     * trace carries them as notes as well.
     */
    private io.github.handshakelab.capture.CaptureTraces.Prepared fromCapture() throws IOException {
        Integer streamNo = stream == null ? null : (int) number("--stream", stream, 0, Integer.MAX_VALUE);
        io.github.handshakelab.capture.CaptureTraces.Prepared loaded;
        try {
            // The IOException carries the reader's one-line message; Cli prints it as "error: ...".
            loaded = io.github.handshakelab.capture.CaptureTraces.prepare(capture, streamNo, null, null);
        } catch (io.github.handshakelab.capture.NoSuchStreamException e) {
            throw new Cli.UsageException("--stream " + e.stream() + " is out of range: " + capture.getFileName() + " has "
                    + (e.count() == 1 ? "one TCP stream, 0" : e.count() + " TCP streams, 0 to " + (e.count() - 1)));
        }
        var index = loaded.index();
        PrintWriter err = spec.commandLine().getErr();
        for (var w : index.warnings()) err.println("warning: " + index.file() + ": " + w);
        if (index.droppedWarnings() > 0) {
            err.println("warning: " + index.file() + ": " + index.droppedWarnings() + " more warning(s) not shown");
        }
        int n = index.conversations().size();
        if (streamNo == null && n > 1) {
            boolean synFirst = loaded.builder().startsWithSyn(); // as CaptureTraces picks it
            err.println("note: " + index.file() + " has " + n + " TCP streams (0 to " + (n - 1) + "); showing stream "
                    + loaded.conversation().stream() + (synFirst ? " (the first that starts with a SYN)" : " (none starts with a SYN)")
                    + "; choose one with --stream N");
        }
        err.flush();
        return loaded;
    }

    static long number(String option, String text, long min, long max) {
        return ScenarioOptions.number(option, text, min, max);
    }

    static Locale locale(String lang) {
        return switch (lang) {
            case "en" -> Locale.ROOT;
            case "zh", "zh_CN", "zh-CN" -> Locale.SIMPLIFIED_CHINESE;
            default -> throw new Cli.UsageException("unknown --lang '" + lang + "'; use en or zh");
        };
    }
}
