package io.github.handshakelab.cli;

import io.github.handshakelab.export.DiagramExport;
import io.github.handshakelab.export.SequenceText;
import io.github.handshakelab.sim.DropRule;
import io.github.handshakelab.sim.Scenario;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.SegmentKind;
import io.github.handshakelab.sim.SimParams;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--scenario", paramLabel = "ID", description = "built-in scenario id (see 'scenarios')")
    String scenario;

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

    @Option(names = "--drop", paramLabel = "N", description = "lose segment number N (repeatable)")
    List<String> drops = new ArrayList<>();

    @Option(names = "--drop-prob", paramLabel = "P", description = "lose each segment with probability P (0..1)")
    String dropProb;

    @Option(names = "--seed", paramLabel = "S", description = "seed for ISNs and random loss")
    String seed;

    @Option(names = "--lose-final-ack", description = "lose the last ACK of the close")
    boolean loseFinalAck;

    @Option(names = "--lose-handshake-ack", description = "lose the ACK that completes the handshake")
    boolean loseHandshakeAck;

    @Option(names = "--isn-client", paramLabel = "N", description = "client ISN, 0..4294967295")
    String isnClient;

    @Option(names = "--isn-server", paramLabel = "N", description = "server ISN, 0..4294967295")
    String isnServer;

    @Option(names = "--delay-ms", paramLabel = "N", description = "one-way delay in ms (default 50)")
    String delayMs;

    @Option(names = "--msl-s", paramLabel = "N", description = "MSL in seconds (default 30; TIME_WAIT = 2MSL)")
    String mslS;

    @Option(names = "--syn-cookies", description = "the listener answers with SYN cookies when its backlog is full")
    boolean synCookies;

    @Option(names = "--backlog", paramLabel = "N", description = "listen backlog (half-open connections)")
    String backlog;

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
        Trace trace;
        int status = 0;
        if (capture != null) {
            if (scenario != null) throw new Cli.UsageException("use either --scenario or --capture, not both");
            io.github.handshakelab.capture.CaptureTraces.Loaded loaded = fromCapture();
            trace = loaded.trace();
            // A file cut short still renders what was read, but scripts must be able to tell.
            if (loaded.index().stoppedEarly()) status = 1;
        } else {
            if (scenario == null) throw new Cli.UsageException("missing --scenario ID (or --capture FILE)");
            if (stream != null) throw new Cli.UsageException("--stream only applies to --capture");
            Scenario sc = buildScenario();
            Simulator.Outcome run = Simulator.runWithReport(sc);
            trace = run.trace();
            warnUnused(sc, run);
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

    Scenario buildScenario() {
        Scenario s = Scenarios.byId(scenario).orElseThrow(() -> new Cli.UsageException(
                "unknown scenario '" + scenario + "'; valid ids: " + String.join(", ", Scenarios.ids())));
        SimParams p = s.params();
        try {
            if (seed != null) p = p.withSeed(number("--seed", seed, Long.MIN_VALUE, Long.MAX_VALUE));
            if (isnClient != null) p = p.withIsnClient(number("--isn-client", isnClient, 0, SimParams.MAX_U32));
            if (isnServer != null) p = p.withIsnServer(number("--isn-server", isnServer, 0, SimParams.MAX_U32));
            if (delayMs != null) p = p.withDelayUs(number("--delay-ms", delayMs, 0, 60_000) * 1000);
            if (mslS != null) p = p.withMslUs(number("--msl-s", mslS, 0, 3600) * 1_000_000);
            if (backlog != null) p = p.withBacklog((int) number("--backlog", backlog, 1, 65535));
            if (synCookies) p = p.withSynCookies(true);
        } catch (Cli.UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(e.getMessage());
        }
        s = s.withParams(p);
        for (String d : drops) s = s.withFault(new DropRule.SegmentId((int) number("--drop", d, 1, Integer.MAX_VALUE)));
        if (loseFinalAck) s = s.withFault(new DropRule.Matching(SegmentKind.CLOSE_LAST_ACK));
        if (loseHandshakeAck) s = s.withFault(new DropRule.Matching(SegmentKind.HANDSHAKE_FINAL_ACK));
        if (dropProb != null) {
            double prob;
            try {
                prob = Double.parseDouble(dropProb);
            } catch (NumberFormatException e) {
                throw new Cli.UsageException("--drop-prob: '" + dropProb + "' is not a number; use a value from 0 to 1");
            }
            if (!(prob >= 0 && prob <= 1)) throw new Cli.UsageException("--drop-prob: " + dropProb + " is out of range; use a value from 0 to 1");
            s = s.withFault(new DropRule.Random(prob, p.seed()));
        }
        return s;
    }

    /**
     * One stderr line per fault or load option that changed nothing, so that a typo such as
     * {@code --drop 99} is not mistaken for "the loss did not matter". The run still succeeds.
     */
    private void warnUnused(Scenario sc, Simulator.Outcome run) {
        PrintWriter err = spec.commandLine().getErr();
        int segments = run.trace().segments().size();
        for (DropRule r : run.unmatched()) {
            if (r instanceof DropRule.SegmentId i) {
                err.println("warning: --drop " + i.id() + " matched no segment (this trace has " + segments + ")");
            } else if (r instanceof DropRule.Matching m && m.kind() == SegmentKind.CLOSE_LAST_ACK && loseFinalAck) {
                err.println("warning: --lose-final-ack matched no segment (no side sent the last ACK of a close"
                        + " on entering TIME_WAIT in scenario " + scenario + ")");
            } else if (r instanceof DropRule.Matching m && m.kind() == SegmentKind.HANDSHAKE_FINAL_ACK && loseHandshakeAck) {
                err.println("warning: --lose-handshake-ack matched no segment (no ACK completed a three-way handshake"
                        + " in scenario " + scenario + ")");
            }
        }
        // The backlog is only ever full under a SYN flood; elsewhere one SYN at a time arrives.
        boolean flood = sc.extras().injections().stream().anyMatch(i -> i instanceof Scenario.Injection.SynFlood);
        if (!flood) {
            if (synCookies) err.println("warning: --syn-cookies has no effect: scenario " + scenario
                    + " never fills the listen backlog (only syn-flood does)");
            if (backlog != null) err.println("warning: --backlog " + backlog.trim() + " has no effect: scenario " + scenario
                    + " never fills the listen backlog (only syn-flood does)");
        }
        err.flush();
    }

    static long number(String option, String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new Cli.UsageException(option + ": '" + text + "' is not a whole number (" + min + ".." + max + ")");
        }
        if (v < min || v > max) throw new Cli.UsageException(option + ": " + v + " is out of range " + min + ".." + max);
        return v;
    }

    static Locale locale(String lang) {
        return switch (lang) {
            case "en" -> Locale.ROOT;
            case "zh", "zh_CN", "zh-CN" -> Locale.SIMPLIFIED_CHINESE;
            default -> throw new Cli.UsageException("unknown --lang '" + lang + "'; use en or zh");
        };
    }
}
