package io.github.handshakelab.view.capture;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.capture.LiveCapture;
import io.github.handshakelab.lab.SimLab;
import io.github.handshakelab.view.MainController;
import io.github.handshakelab.view.Session;
import io.github.handshakelab.view.Settings;
import io.github.handshakelab.view.Theme;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.File;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

/**
 * A real capture on the loopback interface, by hand (needs libpcap and root or the capability;
 * not a test): opens File > Capture live, captures {@code tcp port PORT} on lo while python's
 * http.server answers one curl, and writes screenshots of the window and the dialog (not committed).
 * {@code scripts/screenshots.sh}'s command line with this class, an output directory and a port.
 */
public final class LiveShots {

    static <T> T fx(Callable<T> c) throws Exception {
        FutureTask<T> t = new FutureTask<>(c);
        Platform.runLater(t);
        return t.get(90, TimeUnit.SECONDS);
    }

    static void until(Callable<Boolean> c) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!fx(c)) {
            if (System.nanoTime() > end) throw new IllegalStateException("timed out");
            Thread.sleep(50);
        }
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "target/shots-liveui");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 18093;
        Locale locale = args.length > 2 && args[2].equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
        String tag = locale == Locale.ROOT ? "en" : "zh";
        out.mkdirs();
        Platform.startup(() -> {});
        Stage[] st = new Stage[1];
        MainController c = fx(() -> {
            Settings settings = new Settings(Preferences.userRoot().node("handshakelab-screenshots-live"));
            settings.clear();
            Stage stage = new Stage();
            st[0] = stage;
            Session s = new Session(new SimLab(), settings, stage, locale, Theme.LIGHT);
            stage.setScene(new Scene(new javafx.scene.layout.Pane(), 1500, 900));
            MainController m = Windows.show(stage, s);
            stage.show();
            return m;
        });
        LiveCaptureDialog d = fx(() -> {
            c.menuBar().getMenus().forEach(m -> m.getItems().forEach(mi -> {
                if ("captureLiveItem".equals(mi.getId())) mi.fire();
            }));
            return LiveCaptureDialog.showing(st[0]);
        });
        @SuppressWarnings("unchecked")
        ComboBox<LiveCapture.Interface> box = fx(() -> (ComboBox<LiveCapture.Interface>) d.stage().getScene().lookup("#ifaceBox"));
        Button start = fx(() -> (Button) d.stage().getScene().lookup("#startButton"));
        until(() -> !box.getItems().isEmpty() || d.stage().getScene().lookup("#liveProblem").isVisible());
        fx(() -> {
            box.getItems().stream().filter(i -> i.name().equals("lo")).findFirst().ifPresent(box::setValue);
            ((TextField) d.stage().getScene().lookup("#filterField")).setText("tcp port " + port);
            return null;
        });
        until(() -> !start.isDisabled());
        fx(() -> {
            start.fire();
            return null;
        });
        until(d::capturing);
        Process server = new ProcessBuilder("python3", "-m", "http.server", Integer.toString(port), "--bind", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(new File(out, "server.log")).start();
        try {
            Thread.sleep(1500);
            Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "http://127.0.0.1:" + port + "/").inheritIO().start();
            curl.waitFor();
            Thread.sleep(1500);
            shot(st[0], new File(out, "live-window-" + tag + ".png"));
            shot(d.stage(), new File(out, "live-dialog-capturing-" + tag + ".png"));
            fx(() -> {
                ((Button) d.stage().getScene().lookup("#stopButton")).fire();
                return null;
            });
            until(() -> !d.capturing());
            shot(d.stage(), new File(out, "live-dialog-stopped-" + tag + ".png"));
            System.out.println("rows: " + fx(() -> d.rows().toString()));
        } finally {
            server.destroy();
        }
        Platform.exit();
        System.exit(0);
    }

    static void shot(Stage stage, File f) throws Exception {
        fx(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", f);
            return null;
        });
        System.out.println("wrote " + f);
    }
}
