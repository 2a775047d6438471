package io.github.handshakelab.bench;

import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Endpoint;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import io.github.handshakelab.view.Playback;
import io.github.handshakelab.view.SequenceDiagram;
import io.github.handshakelab.view.Theme;
import io.github.handshakelab.app.Windows;
import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.capture.Conversation;
import io.github.handshakelab.capture.ConversationIndex;
import io.github.handshakelab.capture.IndexResult;
import io.github.handshakelab.lab.SimLab;
import io.github.handshakelab.view.WindowModel;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Frame time of the sequence diagram on a long trace ({@code -Dframes.segments=N}, default
 * 10,000), headless with software rendering
 * (JMH does not fit JavaFX frames). One frame = move the playhead (playing) or the scroll offset
 * (scrolling), redraw the canvas and render the scene into an image, as a pulse would.
 * First it prints how long the trace takes to be on screen after it is chosen.
 * Run: {@code mvn -q -ntp test-compile exec:exec@frames -Dframes.segments=100000} (prints median and p99 per mode).
 */
public final class FrameBench {

    public static void main(String[] args) throws Exception {
        try {
            bench(args);
        } catch (Throwable e) {
            // an OutOfMemoryError is a result here: say it and end (the FX thread would keep the JVM alive)
            System.out.println("failed: " + e + " (heap peak " + (CaptureBench.peakHeap() >> 20) + " MiB, max "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB)");
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void bench(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int segments = Integer.getInteger("frames.segments", 10_000);
        String capture = System.getProperty("frames.capture", "");
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        SequenceDiagram d = new SequenceDiagram();
        StackPane root = new StackPane(d);
        Scene scene = fx(() -> {
            d.themeProperty().set(Theme.LIGHT);
            Scene sc = new Scene(root, 1000, 800);
            Stage stage = new Stage();
            stage.setScene(sc);
            stage.show();
            root.applyCss();
            root.layout();
            return sc;
        });
        WritableImage img = new WritableImage(1000, 800);
        // The window's model and the diagram wired as DiagramController does: the diagram shows the
        // model's trace, its playhead follows the playback's time, the playback paces along the
        // diagram's spacing; WindowModel.showFile is what the window calls with a chosen trace.
        WindowModel model = fx(() -> {
            WindowModel m = new WindowModel(new SimLab(), Locale.ENGLISH, Windows.bundle(Locale.ENGLISH));
            d.bundleProperty().set(m.bundle());
            d.playheadProperty().bind(m.playheadProperty());
            m.playback().spacingProperty().bind(d.spacingProperty());
            m.traceProperty().addListener((o, a, t) -> d.setTrace(t));
            return m;
        });
        Playback playback = model.playback();
        Trace trace;
        Where before;
        long t0;
        String what;
        if (capture.isEmpty()) {
            trace = bulk(segments);
            what = "segments=" + segments;
            // Choosing a trace: index, layout and pacing run in the background; it is on screen when a frame shows its arrows.
            before = Where.now();
            t0 = System.nanoTime();
        } else {
            // The app's path for a capture (CaptureOpener): the file's conversations are indexed for
            // the table; choosing one reads its segments again and builds its trace, then shows it.
            Path file = Path.of(capture);
            long i0 = System.nanoTime();
            IndexResult idx = ConversationIndex.scan(file, (s, c, p, v) -> { }, null, null);
            long i1 = System.nanoTime();
            int stream = Integer.getInteger("frames.stream", -1);
            if (stream < 0) {
                stream = 0;
                for (Conversation c : idx.conversations()) if (c.packets() > idx.conversations().get(stream).packets()) stream = c.stream();
            }
            System.out.printf(Locale.ROOT, "table      %s: %d conversations indexed in %.2f s, heap peak so far %d MiB (-Xmx%d MiB)%n",
                    file.getFileName(), idx.conversations().size(), (i1 - i0) / 1e9, CaptureBench.peakHeap() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            before = Where.now();
            t0 = System.nanoTime();
            trace = CaptureTraces.load(file, idx, stream, null, null).trace();
            long t2 = System.nanoTime();
            what = "stream " + stream + " (" + trace.events().size() + " events)";
            System.out.printf(Locale.ROOT, "built      %s: trace in %.2f s%n", what, (t2 - t0) / 1e9);
        }
        Trace chosen = trace;
        long blocked = fx(() -> {
            long s0 = CPU.getCurrentThreadCpuTime();
            model.showFile(chosen, null);
            root.layout();
            return CPU.getCurrentThreadCpuTime() - s0;
        });
        while (fx(() -> d.getLayout() == null)) Thread.sleep(1);
        fx(() -> { d.redraw(); scene.snapshot(img); return null; });
        long t1 = System.nanoTime();
        Where spent = Where.now().minus(before);
        while (fx(() -> !playback.pacedProperty().get())) Thread.sleep(1);
        System.gc();
        long retained = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        // The same work again on this thread, timed in CPU time: what it costs on an idle machine.
        long c0 = CPU.getCurrentThreadCpuTime();
        io.github.handshakelab.diagram.TraceIndex again = new io.github.handshakelab.diagram.TraceIndex(trace);
        long c1 = CPU.getCurrentThreadCpuTime();
        if (capture.isEmpty()) new io.github.handshakelab.diagram.DiagramLayout(again, d.getLayout().options());
        long c2 = CPU.getCurrentThreadCpuTime();
        again = null;
        System.out.printf(Locale.ROOT, "on screen  %s after %.0f ms (CPU: FX thread %.1f ms, index %.0f ms, layout %s)%n",
                what, (t1 - t0) / 1e6, blocked / 1e6, (c1 - c0) / 1e6,
                capture.isEmpty() ? String.format(Locale.ROOT, "%.0f ms", (c2 - c1) / 1e6) : "not repeated");
        System.out.println("  " + spent.describe());
        System.out.printf(Locale.ROOT, "  heap: peak %d MiB (sum of the pools' peaks, an upper bound), %d MiB retained with the trace on screen, max %d MiB%n",
                CaptureBench.peakHeap() >> 20, retained >> 20, Runtime.getRuntime().maxMemory() >> 20);
        fx(() -> { run(d, playback, scene, img, trace, frames); return null; });
        Platform.exit();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> task) throws Exception {
        java.util.concurrent.CompletableFuture<T> f = new java.util.concurrent.CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }

    private static void run(SequenceDiagram d, Playback playback, Scene scene, WritableImage img, Trace trace, int frames) {
        long end = playback.endTime();
        // warm-up
        for (int i = 0; i < 200; i++) {
            long t = end / 2 + (i % 2);
            frame(d, scene, img, () -> playback.seek(t));
        }
        double[] play = new double[frames];
        double[] playCpu = cpu = new double[frames];
        cpuAt = 0;
        long step = end / frames;
        for (int i = 0; i < frames; i++) {
            long t = i * step;
            play[i] = frame(d, scene, img, () -> playback.seek(t));
        }
        d.autoScrollProperty().set(false);
        playback.seek(end);
        double[] scroll = new double[frames];
        double[] scrollCpu = cpu = new double[frames];
        cpuAt = 0;
        double h = d.contentHeight();
        for (int i = 0; i < frames; i++) {
            double y = (h - 800) * i / frames;
            scroll[i] = frame(d, scene, img, () -> d.scrollTo(y));
        }
        report("playing  ", play, playCpu);
        report("scrolling", scroll, scrollCpu);
    }

    /**
     * Where the wall time of "on screen" went: CPU of each thread that ran (the FX thread, the
     * index, layout and pacing workers, the renderer), the garbage collector and the JIT compiler.
     */
    private record Where(java.util.Map<String, Long> cpuNs, long gcMs, long jitMs) {
        static Where now() {
            java.util.Map<String, Long> m = new java.util.TreeMap<>();
            for (long id : CPU.getAllThreadIds()) {
                java.lang.management.ThreadInfo ti = CPU.getThreadInfo(id);
                long c = CPU.getThreadCpuTime(id);
                if (ti != null && c > 0) m.merge(ti.getThreadName(), c, Long::sum);
            }
            long gc = 0;
            for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) gc += Math.max(0, b.getCollectionTime());
            var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
            return new Where(m, gc, jit == null ? 0 : jit.getTotalCompilationTime());
        }

        Where minus(Where o) {
            java.util.Map<String, Long> m = new java.util.TreeMap<>();
            cpuNs.forEach((k, v) -> {
                long d = v - o.cpuNs.getOrDefault(k, 0L);
                if (d >= 1_000_000) m.put(k, d);
            });
            return new Where(m, gcMs - o.gcMs, jitMs - o.jitMs);
        }

        String describe() {
            StringBuilder b = new StringBuilder("meanwhile CPU:");
            cpuNs.forEach((k, v) -> b.append(String.format(Locale.ROOT, " %s %.0f ms,", k, v / 1e6)));
            return b.append(String.format(Locale.ROOT, " GC %d ms, JIT compiling %d ms (load average %.2f)", gcMs, jitMs,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())).toString();
        }
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    /** CPU time of the FX thread per frame, the last run: on a loaded machine wall time mostly measures waiting. */
    private static double[] cpu = new double[0];
    private static int cpuAt;

    private static double frame(SequenceDiagram d, Scene scene, WritableImage img, Runnable change) {
        long c0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        change.run();
        scene.snapshot(img);
        if (cpuAt < cpu.length) cpu[cpuAt++] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void report(String name, double[] ms, double[] cpuMs) {
        double[] s = ms.clone(), c = cpuMs.clone();
        Arrays.sort(s);
        Arrays.sort(c);
        System.out.printf(Locale.ROOT, "%s frames=%d median=%.2f ms p99=%.2f ms max=%.2f ms (FX thread CPU median=%.2f ms p99=%.2f ms)%n",
                name, s.length, s[s.length / 2], s[(int) Math.ceil(s.length * 0.99) - 1], s[s.length - 1],
                c[c.length / 2], c[(int) Math.ceil(c.length * 0.99) - 1]);
    }

    /** Alternating data and ACK segments, 30 ms apart, 50 ms flight: a long busy connection. */
    static Trace bulk(int n) {
        Side c = Side.CLIENT, sv = Side.SERVER;
        List<TraceEvent> ev = new ArrayList<>();
        ev.add(new TraceEvent.StateChange(0, sv, TcpState.CLOSED, TcpState.ESTABLISHED, "bench", false));
        ev.add(new TraceEvent.StateChange(0, c, TcpState.CLOSED, TcpState.ESTABLISHED, "bench", false));
        for (int i = 0; i < n; i++) {
            Side from = i % 2 == 0 ? c : sv;
            long t = i * 30_000L;
            ev.add(new TraceEvent.Segment(i + 1, from, t, t + 50_000, TraceEvent.NONE,
                    new TcpFlags(TcpFlags.ACK | (i % 2 == 0 ? TcpFlags.PSH : 0)), 1 + (i / 2) * 100L, 1 + (i / 2) * 100L,
                    i % 2 == 0 ? 100 : 0, 65535, 1001 + (i / 2) * 100L, 5001 + (i / 2) * 100L, i % 50 == 7,
                    List.of(), List.of(), TraceEvent.NONE, List.of(), null));
        }
        return new Trace(Trace.Source.SIMULATION, "bench", null, new Endpoint(c, "Client", "10.0.0.1", 40000),
                new Endpoint(sv, "Server", "10.0.0.2", 80), ev, List.of());
    }
}
