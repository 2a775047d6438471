package io.github.handshakelab.cli;

import io.github.handshakelab.capture.Conversation;
import io.github.handshakelab.capture.LiveCapture;
import io.github.handshakelab.capture.LiveSession;
import io.github.handshakelab.capture.PacketSource;
import io.github.handshakelab.capture.PcapngWriter;
import io.github.handshakelab.capture.RawPacket;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import io.github.handshakelab.trace.TraceJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@code live --interface IF [--filter BPF] [--write FILE.pcapng] [--until-closed] [--duration S]
 * [--format txt|json]} and {@code live --list} (DESIGN §6.4): the connection being made, drawn
 * as a ladder while it happens. Packets go through the same decoder, index and trace builder as
 * a file ({@link LiveSession}); states are inferred from what has arrived so far.
 */
@Command(name = "live", description = "Capture TCP live (libpcap/Npcap) and print each segment as it arrives.",
        footer = {"", "txt prints each segment as a ladder line as it arrives; json prints the trace of each conversation"
                + " (the trace JSON of render, one document per conversation) when the capture ends.",
                "The capture ends with --duration, with --until-closed (when the first conversation that opened with a SYN"
                        + " has closed), or with Ctrl-C.",
                "Exit status: 0 done; 1 the capture failed while running or --write failed; 2 bad usage, or live capture"
                        + " is not possible here (libpcap/Npcap missing, no permission: the message says what to do)."})
public final class LiveCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = {"-i", "--interface"}, paramLabel = "IF", description = "interface to capture on (see --list), e.g. lo")
    String iface;

    @Option(names = "--list", description = "list the interfaces with their addresses")
    boolean list;

    @Option(names = "--filter", paramLabel = "BPF", description = "capture filter in libpcap's syntax, e.g. 'tcp port 8080'")
    String filter;

    @Option(names = "--write", paramLabel = "FILE.pcapng", description = "also save every captured packet as pcapng")
    Path write;

    @Option(names = "--until-closed", description = "stop when the first conversation that opened with a SYN has closed")
    boolean untilClosed;

    @Option(names = "--duration", paramLabel = "S", description = "stop after S seconds (also 500ms, 2s)")
    String duration;

    @Option(names = "--format", defaultValue = "txt", paramLabel = "FORMAT", description = "txt (a ladder as it happens) or json (the traces at the end)")
    String format;

    @Option(names = "--lang", defaultValue = "en", description = "en or zh")
    String lang;

    @Option(names = "--snaplen", defaultValue = "262144", paramLabel = "BYTES", description = "bytes kept of each packet (default: ${DEFAULT-VALUE})")
    String snaplen;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Locale locale = RenderCommand.locale(lang);
        if (!format.equals("txt") && !format.equals("json")) throw new Cli.UsageException("unknown --format '" + format + "'; use txt or json");
        try {
            if (list) {
                if (iface != null) throw new Cli.UsageException("use either --list or --interface, not both");
                for (LiveCapture.Interface i : LiveCapture.list()) {
                    out.println(i.name() + (i.loopback() ? " (loopback)" : "") + (i.up() ? "" : " (down)")
                            + (i.addresses().isEmpty() ? "" : "  " + String.join(", ", i.addresses()))
                            + (i.description() == null ? "" : "  " + i.description()));
                }
                out.flush();
                return 0;
            }
            if (iface == null) throw new Cli.UsageException("missing --interface IF (see 'live --list')");
            long limitUs = duration == null ? -1 : seconds(duration);
            int snap = (int) RenderCommand.number("--snaplen", snaplen, 68, RawPacket.MAX_CAPLEN);
            String bad = LiveCapture.checkFilter(filter, 1);
            if (bad != null) throw new Cli.UsageException("bad --filter '" + filter + "': " + bad);
            if (write != null) OutFile.check(write);
            try (PacketSource src = LiveCapture.open(iface, filter, snap)) {
                err.println("note: capturing on " + iface + (filter == null ? "" : " (filter: " + filter + ")")
                        + (duration == null && !untilClosed ? "; Ctrl-C stops" : ""));
                err.flush();
                Stopper stop = new Stopper();
                Thread hook = new Thread(stop::requestAndWait, "live-capture-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    return run(src, new Settings(format.equals("json"), untilClosed, limitUs, write, snap, locale), out, err,
                            () -> System.nanoTime() / 1000, stop);
                } finally {
                    stop.done();
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException e) {
                        // already shutting down (Ctrl-C): the hook is running
                    }
                }
            }
        } catch (LiveCapture.Unavailable e) {
            throw new Cli.UsageException(e.getMessage());
        }
    }

    /**
     * Duration in microseconds: plain seconds ("10", "1.5": {@code --duration S}) or any time form
     * of {@link TimeArg} with its unit ("500ms", "2s", "250000us").
     */
    static long seconds(String text) {
        String t = text == null ? "" : text.trim();
        long us;
        try {
            us = TimeArg.parse("--duration", t.matches("\\d+(\\.\\d+)?") ? t + "s" : t);
        } catch (Cli.UsageException e) {
            us = 0;
        }
        if (us <= 0 || us > 31_536_000_000_000L) {
            throw new Cli.UsageException("bad --duration '" + text + "'; use seconds greater than 0, e.g. 10, 1.5, 500ms or 2s");
        }
        return us;
    }

    /** What a capture run does, apart from where the packets come from. */
    record Settings(boolean json, boolean untilClosed, long limitUs, Path write, int snaplen, Locale locale) {}

    /** Ctrl-C: asks the capture loop to end, and waits (briefly) until it has printed and saved. */
    static final class Stopper implements BooleanSupplier {
        private volatile boolean requested;
        private final CountDownLatch finished = new CountDownLatch(1);

        @Override
        public boolean getAsBoolean() {
            return requested;
        }

        void requestAndWait() {
            requested = true;
            try {
                finished.await(3, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void done() {
            finished.countDown();
        }
    }

    /**
     * The capture loop, for any packet source (the tests use a scripted one): packets are
     * indexed as they arrive, written to --write, and in txt printed per stream as ladder lines
     * at most 50 ms after they arrive.
     */
    static int run(PacketSource src, Settings s, PrintWriter out, PrintWriter err, LongSupplier clockUs, BooleanSupplier stop)
            throws IOException {
        LiveSession session = new LiveSession(src.name());
        PcapngWriter w = null;
        if (s.write() != null) {
            try {
                w = new PcapngWriter(s.write(), src.linkType(), s.snaplen(), src.name());
            } catch (IOException e) {
                throw OutFile.failure(s.write(), e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        Ladder ladder = s.json() ? null : new Ladder(out, s.locale(), session);
        RawPacket p = new RawPacket();
        Set<Integer> dirty = new LinkedHashSet<>();
        long start = clockUs.getAsLong(), lastFlush = start, lastPacket = start;
        boolean tailShown = true, heldShown = true;
        String why = "the source ended";
        try {
            while (true) {
                if (stop.getAsBoolean()) {
                    why = "stopped";
                    break;
                }
                long now = clockUs.getAsLong();
                if (s.limitUs() > 0 && now - start >= s.limitUs()) {
                    why = "--duration reached";
                    break;
                }
                PacketSource.Poll r = src.next(p);
                if (r == PacketSource.Poll.END) break;
                now = clockUs.getAsLong();
                if (r == PacketSource.Poll.PACKET) {
                    if (w != null) w.write(p);
                    int stream = session.offer(p);
                    if (stream >= 0) dirty.add(stream);
                    lastPacket = now;
                    tailShown = false;
                    heldShown = false;
                }
                if (!dirty.isEmpty() && (r == PacketSource.Poll.IDLE || now - lastFlush >= 50_000 || small(session, dirty))) {
                    if (ladder != null) ladder.print(dirty, false);
                    if (s.untilClosed() && firstClosed(session)) {
                        why = "the first conversation closed";
                        break;
                    }
                    dirty.clear();
                    lastFlush = now;
                }
                if (r == PacketSource.Poll.IDLE) {
                    // Each stream's newest segment waits for the next one (which may show it crossed a FIN
                    // or a reset) and a SYN for its answer (which shows whether the server listened);
                    // after a quiet spell they are printed as they stand.
                    if (ladder != null && !tailShown && now - lastPacket >= 300_000) {
                        ladder.print(ladder.streams(), true);
                        tailShown = true;
                    }
                    if (ladder != null && !heldShown && now - lastPacket >= 1_000_000) {
                        ladder.idle();
                        heldShown = true;
                    }
                    if (w != null) w.flush();
                }
            }
        } finally {
            if (w != null) w.close();
        }
        if (ladder != null) {
            ladder.print(ladder.streams(dirty), true);
            ladder.end();
        } else {
            for (int i = 0; i < session.streams(); i++) out.print(TraceJson.write(session.trace(i)));
        }
        out.flush();
        err.println("note: " + why + ": " + session.frames() + " packet(s), " + session.streams() + " TCP conversation(s)"
                + (s.write() != null ? "; saved to " + s.write() : ""));
        err.flush();
        return 0;
    }

    /** Rebuilding a short trace per packet is cheap: print at once. */
    private static boolean small(LiveSession session, Set<Integer> dirty) {
        for (int st : dirty) if (session.conversation(st).packets() > 2000) return false;
        return true;
    }

    /** Whether the first conversation that opened with a SYN has closed on both sides (FIN or RST). */
    static boolean firstClosed(LiveSession session) {
        for (int i = 0; i < session.streams(); i++) {
            if (!session.startsWithSyn(i)) continue;
            Trace t = session.trace(i);
            for (Side side : Side.values()) {
                List<TcpState> seq = t.stateSequence(side);
                TcpState last = seq.isEmpty() ? TcpState.CLOSED : seq.get(seq.size() - 1);
                if (last != TcpState.CLOSED && last != TcpState.TIME_WAIT && last != TcpState.LISTEN) return false;
            }
            return t.stateSequence(Side.CLIENT).size() > 1; // it did open
        }
        return false;
    }

    /**
     * The ladder of each stream, printed as it grows. Each print rebuilds the stream's trace
     * from the segments so far and writes what follows the last segment already printed (and
     * the lines printed after it), so states inferred from later segments apply from there on.
     */
    static final class Ladder {
        private final PrintWriter out;
        private final Locale locale;
        private final LiveSession session;
        private final List<TextLadder.Writer> writers = new ArrayList<>();
        private final List<int[]> fed = new ArrayList<>(); // per stream: last segment id printed, lines after it
        private int lastStream = -1;

        Ladder(PrintWriter out, Locale locale, LiveSession session) {
            this.out = out;
            this.locale = locale;
            this.session = session;
        }

        /** The streams printed so far, and {@code more}. */
        Set<Integer> streams(Set<Integer> more) {
            Set<Integer> all = new LinkedHashSet<>();
            for (int i = 0; i < writers.size(); i++) all.add(i);
            all.addAll(more);
            return all;
        }

        Set<Integer> streams() {
            return streams(Set.of());
        }

        /**
         * Prints what is new in {@code streams}; without {@code tail}, each stream's newest segment
         * (and what follows it) waits for the next segment, whose arrival may change what is inferred.
         */
        void print(Set<Integer> streams, boolean tail) {
            for (int st : streams) {
                while (writers.size() <= st) {
                    int n = writers.size();
                    Conversation c = session.conversation(n);
                    Trace header = new Trace(Trace.Source.CAPTURE, null, session.name() + ", stream " + n + ": " + c.client()
                            + " → " + c.server(), new io.github.handshakelab.trace.Endpoint(Side.CLIENT, c.client(), c.clientAddress(),
                            c.clientPort()), new io.github.handshakelab.trace.Endpoint(Side.SERVER, c.server(), c.serverAddress(),
                            c.serverPort()), List.of(), List.of());
                    if (n > 0 || lastStream >= 0) out.println();
                    writers.add(new TextLadder.Writer(out, header, locale));
                    fed.add(new int[] {0, 0});
                    lastStream = n;
                }
                List<TraceEvent> ev = session.trace(st).events();
                int[] f = fed.get(st);
                int from = 0;
                if (f[0] > 0) {
                    for (int i = ev.size() - 1; i >= 0; i--) {
                        if (ev.get(i) instanceof TraceEvent.Segment seg && seg.id() == f[0]) {
                            from = i + 1 + f[1];
                            break;
                        }
                    }
                } else {
                    from = f[1];
                }
                TextLadder.Writer w = writers.get(st);
                int limit = ev.size();
                if (!tail) {
                    for (int i = ev.size() - 1; i >= from; i--) {
                        if (ev.get(i) instanceof TraceEvent.Segment) {
                            limit = i;
                            break;
                        }
                    }
                }
                for (int i = from; i < limit; i++) {
                    if (st != lastStream) { // lines of several streams interleave: say whose come next
                        out.println("# " + session.name() + ", stream " + st);
                        lastStream = st;
                    }
                    TraceEvent e = ev.get(i);
                    w.event(e);
                    if (e instanceof TraceEvent.Segment seg) {
                        f[0] = seg.id();
                        f[1] = 0;
                    } else {
                        f[1]++;
                    }
                }
            }
            out.flush();
        }

        /** Nothing arrived for a while: a segment held back for its answer prints now. */
        void idle() {
            boolean any = false;
            for (TextLadder.Writer w : writers) any |= w.flushHeld();
            if (any) out.flush();
        }

        void end() {
            for (TextLadder.Writer w : writers) w.end(List.of());
            out.flush();
        }
    }
}
