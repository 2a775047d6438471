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
 * {@code render (--scenario ID [fault and parameter options] | --capture FILE [--stream N] | --lesson FILE)
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

    @Option(names = "--lesson", paramLabel = "FILE", description = "render the scenario or capture of a lesson file (with its options)")
    Path lesson;

    @Option(names = "--stream", paramLabel = "N", description = "TCP conversation of the capture (default: the first)")
    String stream;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "png, gif (the animation), svg, puml (PlantUML), mermaid, txt (a ladder), json (DESIGN §4) or sockets (ss -tan at --at T)")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
    Path out;

    @Option(names = "--lang", defaultValue = "en", description = "en or zh, for the txt explanations")
    String lang;

    // --- gif (DESIGN §6.3) ---
    @Option(names = "--fps", paramLabel = "N", description = "gif: frames per second, 1 to 50 (default 12)")
    String fps;

    @Option(names = "--speed", paramLabel = "X", description = "gif: playback speed as in the app, 0.1 to 16 (default 1)")
    String speed;

    @Option(names = "--scale", paramLabel = "N", description = "gif: pixel density, 1 to 3 (default 1; 2 for a sharp projector)")
    String scale;

    @Option(names = "--at", paramLabel = "T", description = "with --format sockets: the instant (250ms, 2s, 1.5s or microseconds)")
    String at;

    @Option(names = "--netstat", description = "with --format sockets: netstat -tan's layout and state names (SYN_RECV, ESTABLISHED)")
    boolean netstat;

    @Override
    public Integer call() throws IOException {
        Locale locale = locale(lang);
        switch (format) {
            case "txt", "json", "puml", "mermaid", "svg" -> { }
            case "sockets" -> {
                if (at == null) throw new Cli.UsageException("--format sockets needs --at T (e.g. 250ms, 2s, 1.5s or microseconds)");
            }
            case "png", "gif" -> {
                if (out == null) throw new Cli.UsageException("--format " + format + " writes an image: add --out FILE." + format);
            }
            default -> throw new Cli.UsageException("unknown --format '" + format + "'; use png, gif, svg, puml, mermaid, txt, json or sockets");
        }
        if (!format.equals("gif") && (fps != null || speed != null || scale != null)) {
            throw new Cli.UsageException("--fps, --speed and --scale apply to --format gif only");
        }
        if (!format.equals("sockets") && (at != null || netstat)) {
            throw new Cli.UsageException((at != null ? "--at" : "--netstat") + " only applies to --format sockets");
        }
        io.github.handshakelab.export.GifExport.Options gif = format.equals("gif") ? gifOptions(locale) : null;
        long atUs = at == null ? 0 : TimeArg.parse("--at", at);
        int backlog = io.github.handshakelab.sockets.SocketTable.DEFAULT_BACKLOG;
        if (out != null) OutFile.refuseInput(out, capture, "--capture");
        if (out != null) OutFile.check(out); // before the work: a wrong --out fails at once
        Trace trace;
        io.github.handshakelab.capture.IndexResult stopped = null;
        if (lesson != null) {
            if (capture != null || sim.scenario != null) throw new Cli.UsageException("use one of --scenario, --capture and --lesson");
            if (stream != null) throw new Cli.UsageException("--stream only applies to --capture (a lesson names its own stream)");
            if (!sim.simulationOnlyOptionsGiven().isEmpty()) throw new Cli.UsageException(String.join(", ", sim.simulationOnlyOptionsGiven())
                    + ": a lesson carries its own options (edit its \"options\" list)");
            var read = LessonCommand.read(lesson);
            if (!read.ok()) {
                PrintWriter err = spec.commandLine().getErr();
                read.messages().forEach(err::println);
                err.flush();
                return Cli.USAGE;
            }
            trace = read.trace();
        } else if (capture != null) {
            if (sim.scenario != null) throw new Cli.UsageException("use either --scenario or --capture, not both");
            // A capture is what happened: faults and parameters cannot change it, so say so instead of ignoring them.
            java.util.List<String> simOnly = sim.simulationOnlyOptionsGiven();
            if (!simOnly.isEmpty()) throw new Cli.UsageException(String.join(", ", simOnly)
                    + (simOnly.size() == 1 ? " does" : " do") + " not apply to a capture (simulation only)");
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
            if (sim.scenario == null) throw new Cli.UsageException("missing --scenario ID (or --capture FILE, or --lesson FILE)");
            if (stream != null) throw new Cli.UsageException("--stream only applies to --capture");
            Scenario sc = sim.build();
            backlog = sc.params().backlog();
            Simulator.Outcome run = Simulator.runWithReport(sc);
            trace = run.trace();
            sim.warnUnused(sc, run, spec.commandLine().getErr());
        }
        if (gif != null) {
            try (var o = new java.io.BufferedOutputStream(Files.newOutputStream(out))) {
                io.github.handshakelab.export.GifExport.write(trace, gif, o, null);
            }
            return finish(stopped);
        }
        if (format.equals("png")) {
            png(trace, locale);
            return finish(stopped);
        }
        String text = switch (format) {
            case "svg" -> DiagramExport.svg(trace, locale, false);
            case "json" -> TraceJson.write(trace);
            case "sockets" -> io.github.handshakelab.sockets.SocketTable.render(trace, atUs, backlog, netstat);
            case "puml" -> SequenceText.render(trace, SequenceText.Dialect.PLANTUML, false, locale);
            case "mermaid" -> SequenceText.render(trace, SequenceText.Dialect.MERMAID, false, locale);
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
        return prepareCapture(capture, stream, spec.commandLine().getErr());
    }

    /**
     * {@code --capture FILE [--stream N]} as every command reads it (render, quiz): warnings on
     * {@code err}, a note naming the stream chosen when there are several, a stream out of range
     * as a usage error (exit 2).
     */
    static io.github.handshakelab.capture.CaptureTraces.Prepared prepareCapture(Path capture, String stream, PrintWriter err) throws IOException {
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

    private io.github.handshakelab.export.GifExport.Options gifOptions(Locale locale) {
        var d = io.github.handshakelab.export.GifExport.Options.defaults();
        int f = fps == null ? d.fps() : (int) number("--fps", fps, 1, 50);
        double sp = speed == null ? d.speed() : decimal("--speed", speed, 0.1, 16);
        double sc = scale == null ? d.scale() : decimal("--scale", scale, 1, 3);
        return d.with(f, sp, sc).withLook(false, d.palette(), locale);
    }

    static double decimal(String option, String text, double min, double max) {
        double v;
        try {
            v = Double.parseDouble(text.endsWith("x") ? text.substring(0, text.length() - 1) : text);
        } catch (NumberFormatException e) {
            throw new Cli.UsageException(option + ": '" + text + "' is not a number (" + min + ".." + max + ")");
        }
        if (!(v >= min && v <= max)) throw new Cli.UsageException(option + ": " + text + " is out of range " + min + ".." + max);
        return v;
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
