package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.lab.Lab;
import io.github.handshakelab.lab.SimLab;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.File;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.prefs.Preferences;

/**
 * Regenerates the screenshots headless (scripts/screenshots.sh): loads scenarios, puts the
 * playhead at a telling moment and snapshots the scene.
 */
public final class Screenshots {

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "screenshots");
        out.mkdirs();
        run(out, Screenshots::shoot);
    }

    /** What a screenshot program takes: the output directory. */
    interface Shooter { void shoot(File out) throws Exception; }

    /** Starts JavaFX, runs {@code shooter} on its thread and exits: 0 when done, 1 with the stack trace when it failed. */
    static void run(File out, Shooter shooter) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        CountDownLatch done = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        Platform.runLater(() -> {
            try {
                shooter.shoot(out);
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                done.countDown();
            }
        });
        done.await();
        Platform.exit();
        if (failure[0] != null) {
            failure[0].printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static Lab lab() {
        return new SimLab();
    }

    private static void shoot(File out) throws Exception {
        Settings settings = new Settings(Preferences.userRoot().node("handshakelab-screenshots"));
        settings.clear();
        Stage stage = new Stage();
        Session s = new Session(lab(), settings, stage, Locale.ROOT, Theme.LIGHT);
        stage.setScene(new Scene(new javafx.scene.layout.Pane(), 1600, 960));
        MainController c = io.github.handshakelab.app.Windows.show(stage, s);
        c.buildPanes(); // (the first frame goes without them)
        stage.show();
        shot(c, s, stage, "three-way-handshake", 150_000, Theme.LIGHT, Locale.ROOT, null, new File(out, "handshake.png"));
        shot(c, s, stage, "simultaneous-close", -1, Theme.LIGHT, Locale.ROOT, "CLOSING", new File(out, "simultaneous-close-closing.png"));
        shot(c, s, stage, "lost-final-ack", -2, Theme.LIGHT, Locale.ROOT, "TIME_WAIT_RESTART", new File(out, "lost-final-ack-time-wait.png"));
        shot(c, s, stage, "lost-final-ack", -2, Theme.DARK, Locale.ROOT, "TIME_WAIT_RESTART", new File(out, "dark-theme.png"));
        shot(c, s, stage, "data-transfer", -4, Theme.LIGHT, Locale.ROOT, "DATA", new File(out, "data-transfer.png"));
        shot(c, s, stage, "four-way-close", -3, Theme.PROJECTOR, Locale.ROOT, null, new File(out, "projector-theme.png"));
        shot(c, s, stage, "lost-final-ack", -2, Theme.LIGHT, Locale.SIMPLIFIED_CHINESE, "TIME_WAIT_RESTART", new File(out, "chinese-ui.png"));
        // arithmetic panel on the lost final ACK; the SYN flood gauge
        s.locale = Locale.ROOT;
        c = Windows.show(stage, s);
        c.buildPanes(); // (the first frame goes without them)
        c.applyTheme(Theme.LIGHT);
        if (load(c, s, "lost-final-ack")) {
            c.playback().seek(0);
            for (var seg : c.playback().getTrace().segments()) if (seg.retransmission()) { c.playback().seek(seg.sent()); break; }
            c.diagramPane().selectCurrent();
            c.sideTabs().getSelectionModel().select(1);
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            save(stage.getScene().snapshot(null), new File(out, "arithmetic-panel.png"));
        }
        if (load(c, s, "syn-flood")) {
            c.sideTabs().getSelectionModel().select(0);
            c.playback().seek(c.playback().endTime() / 3);
            c.diagramPane().selectCurrent();
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            save(stage.getScene().snapshot(null), new File(out, "syn-flood-gauge.png"));
        }
        // a real capture from resources/captures: capture-point column, inferred states, TLS names
        java.nio.file.Path tlsFile = java.nio.file.Path.of("resources/captures/tls-handshake.pcap.gz");
        Trace tls = io.github.handshakelab.capture.CaptureTraces.load(tlsFile, null);
        TraceEvent.Segment hello = tls.segments().stream()
                .filter(x -> x.payloadInfo() != null && x.payloadInfo().contains("ServerHello")).findFirst().orElseThrow();
        c.showOpened(tlsFile, tls);
        c.model().setPlayhead(hello.sent());
        c.root().applyCss();
        c.root().layout();
        c.diagramPane().selectCurrent();
        save(stage.getScene().snapshot(null), new File(out, "capture-replay.png"));
        // the state-machine panel
        s.locale = Locale.ROOT;
        c = Windows.show(stage, s);
        c.buildPanes(); // (the first frame goes without them)
        c.applyTheme(Theme.LIGHT);
        if (!load(c, s, "simultaneous-close")) load(c, s, "lost-final-ack");
        seekToState(c, "CLOSING");
        c.sideTabs().getSelectionModel().select(2);
        stage.getScene().getRoot().applyCss();
        stage.getScene().getRoot().layout();
        save(c.stateMachine().snapshot(null, null), new File(out, "state-machine.png"));
        // the most common projector, 1280x800, in the projector theme: English and Chinese, each side tab
        stage.setScene(new Scene(new javafx.scene.layout.Pane(), 1280, 800));
        for (Locale l : new Locale[]{Locale.ROOT, Locale.SIMPLIFIED_CHINESE}) {
            String lang = l.getLanguage().isEmpty() ? "en" : "zh";
            shot(c, s, stage, "lost-final-ack", -2, Theme.PROJECTOR, l, "TIME_WAIT_RESTART",
                    new File(out, "projector-1280x800-" + lang + ".png"));
            c = Windows.controller(stage);
            c.sideTabs().getSelectionModel().select(2);
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            save(stage.getScene().snapshot(null), new File(out, "projector-1280x800-" + lang + "-states.png"));
            c.sideTabs().getSelectionModel().select(3);
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            save(stage.getScene().snapshot(null), new File(out, "projector-1280x800-" + lang + "-faults.png"));
        }
    }

    private static void shot(MainController c0, Session s, Stage stage, String scenario, long time, Theme theme, Locale locale,
                             String mode, File file) throws Exception {
        s.locale = locale;
        s.trace = null;
        MainController c = Windows.show(stage, s);
        c.buildPanes(); // (the first frame goes without them)
        c.applyTheme(theme);
        if (!load(c, s, scenario)) { System.out.println("skipped " + file + ": no scenario " + scenario); return; }
        if (time >= 0) c.playback().seek(time);
        else if ("CLOSING".equals(mode)) seekToState(c, "CLOSING");
        else if ("DATA".equals(mode)) {
            // the server's 200 bytes in flight, the client's 100 already acknowledged
            var data = c.playback().getTrace().segments().stream().filter(x -> x.len() > 0).toList();
            var last = data.get(data.size() - 1);
            c.playback().seek((last.sent() + last.arrived()) / 2);
        }
        else if ("TIME_WAIT_RESTART".equals(mode)) {
            // just after the re-ACK of the retransmitted FIN: TIME_WAIT restarted
            long t = 0;
            for (var e : c.playback().getTrace().segments()) if (e.retransmission()) t = e.end() + 60_000;
            c.playback().seek(t);
        } else c.playback().seek(c.playback().endTime() / 8);
        c.diagramPane().selectCurrent();
        stage.getScene().getRoot().applyCss();
        stage.getScene().getRoot().layout();
        save(stage.getScene().snapshot(null), file);
        System.out.println("wrote " + file);
    }

    static void seekToState(MainController c, String state) {
        for (long t : c.playback().stops()) {
            c.playback().seek(t);
            if (c.playback().clientStateProperty().get().name().equals(state)
                    || c.playback().serverStateProperty().get().name().equals(state)) {
                return;
            }
        }
    }

    static boolean load(MainController c, Session s, String id) {
        for (Lab.ScenarioInfo i : c.scenarios().list().getItems()) {
            if (i.id().equals(id)) {
                c.root().applyCss();
                c.root().layout();
                c.scenarios().list().getSelectionModel().select(i);
                c.scenarios().list().scrollTo(Math.max(0, c.scenarios().list().getItems().indexOf(i) - 1));
                return true;
            }
        }
        return false;
    }

    private static void save(WritableImage img, File f) throws Exception {
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", f);
    }
}
