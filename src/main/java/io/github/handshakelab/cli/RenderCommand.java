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

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "png, gif (the animation), svg, puml (PlantUML), mermaid, txt (a ladder) or json (DESIGN §4)")
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

    @Override
    public Integer call() throws IOException {
        Locale locale = locale(lang);
        switch (format) {
            case "txt", "json", "puml", "mermaid", "svg" -> { }
            case "png", "gif" -> {
                if (out == null) throw new Cli.UsageException("--format " + format + " writes an image: add --out FILE." + format);
            }
            default -> throw new Cli.UsageException("unknown --format '" + format + "'; use png, gif, svg, puml, mermaid, txt or json");
        }
        if (!format.equals("gif") && (fps != null || speed != null || scale != null)) {
            throw new Cli.UsageException("--fps, --speed and --scale apply to --format gif only");
        }
        io.github.handshakelab.export.GifExport.Options gif = format.equals("gif") ? gifOptions(locale) : null;
        Trace trace;
        int status = 0;
        if (capture != null) {
            if (sim.scenario != null) throw new Cli.UsageException("use either --scenario or --capture, not both");
            io.github.handshakelab.capture.CaptureTraces.Loaded loaded = fromCapture();
            trace = loaded.trace();
            // A file cut short still renders what was read, but scripts must be able to tell.
            if (loaded.index().stoppedEarly()) status = 1;
        } else {
            if (sim.scenario == null) throw new Cli.UsageException("missing --scenario ID (or --capture FILE)");
            if (stream != null) throw new Cli.UsageException("--stream only applies to --capture");
            Scenario sc = sim.build();
            Simulator.Outcome run = Simulator.runWithReport(sc);
            trace = run.trace();
            sim.warnUnused(sc, run, spec.commandLine().getErr());
        }
        if (gif != null) {
            try (var o = new java.io.BufferedOutputStream(Files.newOutputStream(out))) {
                io.github.handshakelab.export.GifExport.write(trace, gif, o, null);
            }
            return status;
        }
        if (format.equals("png")) {
            Files.write(out, DiagramExport.png(trace, locale, false));
            return status;
        }
        String text = switch (format) {
            case "svg" -> DiagramExport.svg(trace, locale, false);
            case "json" -> TraceJson.write(trace);
            case "puml" -> SequenceText.render(trace, SequenceText.Dialect.PLANTUML, false);
            case "mermaid" -> SequenceText.render(trace, SequenceText.Dialect.MERMAID, false);
            default -> TextLadder.render(trace, locale);
        };
        if (out != null) {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        } else {
            PrintWriter w = spec.commandLine().getOut();
            w.print(text);
            w.flush();
        }
        return status;
    }

    /**
     * Capture replay. Every reader warning goes to stderr so that damage is never silent; the
     * trace carries them as notes as well.
     */
    private io.github.handshakelab.capture.CaptureTraces.Loaded fromCapture() throws IOException {
        Integer streamNo = stream == null ? null : (int) number("--stream", stream, 0, Integer.MAX_VALUE);
        // The IOException carries the reader's one-line message; Cli prints it as "error: ...".
        var loaded = io.github.handshakelab.capture.CaptureTraces.loadDetailed(capture, streamNo, null, null);
        var index = loaded.index();
        PrintWriter err = spec.commandLine().getErr();
        for (var w : index.warnings()) err.println("warning: " + index.file() + ": " + w);
        if (index.droppedWarnings() > 0) {
            err.println("warning: " + index.file() + ": " + index.droppedWarnings() + " more warning(s) not shown");
        }
        int n = index.conversations().size();
        if (streamNo == null && n > 1) {
            var segs = loaded.trace().segments();
            boolean synFirst = !segs.isEmpty() && segs.get(0).flags().syn(); // as CaptureTraces picks it
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
