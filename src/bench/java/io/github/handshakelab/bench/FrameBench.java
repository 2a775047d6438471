package io.github.handshakelab.bench;

import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Endpoint;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import io.github.handshakelab.view.SequenceDiagram;
import io.github.handshakelab.view.Theme;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Frame time of the sequence diagram on a 10,000-segment trace, headless with software rendering
 * (JMH does not fit JavaFX frames). One frame = move the playhead (playing) or the scroll offset
 * (scrolling), redraw the canvas and render the scene into an image, as a pulse would.
 * Run: {@code mvn -q -ntp test-compile exec:exec@frames} (prints median and p99 per mode).
 */
public final class FrameBench {

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                run(frames);
            } finally {
                done.countDown();
            }
        });
        done.await();
        Platform.exit();
    }

    private static void run(int frames) {
        Trace trace = bulk(10_000);
        SequenceDiagram d = new SequenceDiagram();
        d.themeProperty().set(Theme.LIGHT);
        d.setTrace(trace);
        StackPane root = new StackPane(d);
        Scene scene = new Scene(root, 1000, 800);
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        root.applyCss();
        root.layout();
        WritableImage img = new WritableImage(1000, 800);
        long end = trace.endTime();
        // warm-up
        for (int i = 0; i < 200; i++) frame(d, scene, img, () -> d.playheadProperty().set(end / 2));
        double[] play = new double[frames];
        long step = end / frames;
        for (int i = 0; i < frames; i++) {
            long t = i * step;
            play[i] = frame(d, scene, img, () -> d.playheadProperty().set(t));
        }
        d.autoScrollProperty().set(false);
        d.playheadProperty().set(end);
        double[] scroll = new double[frames];
        double h = d.contentHeight();
        for (int i = 0; i < frames; i++) {
            double y = (h - 800) * i / frames;
            scroll[i] = frame(d, scene, img, () -> d.scrollTo(y));
        }
        report("playing  ", play);
        report("scrolling", scroll);
        stage.close();
    }

    private static double frame(SequenceDiagram d, Scene scene, WritableImage img, Runnable change) {
        long t0 = System.nanoTime();
        change.run();
        scene.snapshot(img);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void report(String name, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s frames=%d median=%.2f ms p99=%.2f ms max=%.2f ms%n", name, s.length,
                s[s.length / 2], s[(int) Math.ceil(s.length * 0.99) - 1], s[s.length - 1]);
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
