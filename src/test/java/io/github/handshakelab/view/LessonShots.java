package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.lab.SimLab;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.prefs.Preferences;

/**
 * Presentation-mode screenshots, headless: {@code LessonShots OUTDIR WIDTHxHEIGHT} with Monocle's
 * screen set to the same size ({@code -Dheadless.geometry=1280x800-32}), since full screen takes
 * the screen's size. One English and one Chinese shot per run, on a lesson step with a question.
 */
public final class LessonShots {

    public static void main(String[] args) throws Exception {
        File out = new File(args[0]);
        out.mkdirs();
        String size = args[1];
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        // Each shot closes its stage; the toolkit must outlive them.
        Platform.setImplicitExit(false);
        Throwable[] failure = new Throwable[1];
        for (Locale l : new Locale[]{Locale.ROOT, Locale.SIMPLIFIED_CHINESE}) {
            for (String[] shot : new String[][]{{"lost-final-ack", "4"}, {"four-way-close", "6"}}) {
                CountDownLatch done = new CountDownLatch(1);
                Platform.runLater(() -> {
                    try {
                        shoot(out, size, l, shot[0], Integer.parseInt(shot[1]), done);
                    } catch (Throwable t) {
                        failure[0] = t;
                        done.countDown();
                    }
                });
                done.await();
                if (failure[0] != null) break;
            }
        }
        Platform.exit();
        if (failure[0] != null) {
            failure[0].printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void shoot(File out, String size, Locale locale, String lesson, int step, CountDownLatch done) {
        Settings settings = new Settings(Preferences.userRoot().node("handshakelab-lesson-shots"));
        settings.clear();
        Stage stage = new Stage();
        Session s = new Session(new SimLab(), settings, stage, locale, Theme.LIGHT);
        String[] wh = size.split("x");
        stage.setScene(new Scene(new javafx.scene.layout.Pane(), Double.parseDouble(wh[0]), Double.parseDouble(wh[1])));
        MainController c = Windows.show(stage, s);
        stage.show();
        // the lessons are part of the panes the first frame goes without (as --present builds them)
        c.buildPanes();
        LessonsUi ui = LessonsUi.of(c);
        LessonsUi.animationMs = 0;
        ui.open(Path.of("resources/lessons/" + lesson + ".json"));
        ui.present();
        for (int i = 0; i < step; i++) ui.next();
        // Full screen and the fit settle over a few pulses.
        pulses(6, () -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            File f = new File(out, "present-" + lesson + "-" + size + "-" + (locale.getLanguage().isEmpty() ? "en" : "zh") + ".png");
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", f);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            System.out.println("wrote " + f + " (" + stage.getWidth() + "x" + stage.getHeight() + ", diagram "
                    + Math.round(c.diagram().contentHeight()) + " in " + Math.round(Presentation.drawingHeight(c.diagram())) + " at zoom "
                    + String.format(Locale.ROOT, "%.2f", c.diagram().zoomProperty().get()) + ")");
            stage.close();
            done.countDown();
        });
    }

    private static void pulses(int n, Runnable then) {
        if (n == 0) then.run();
        else Platform.runLater(() -> pulses(n - 1, then));
    }
}
