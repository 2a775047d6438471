package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.lab.SimLab;
import io.github.handshakelab.quiz.Field;
import io.github.handshakelab.quiz.Question;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.File;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.prefs.Preferences;

/**
 * Headless screenshots of Predict mode, a right and a wrong answer, in English and Chinese (for
 * the notes; not committed): {@code scripts/screenshots.sh}'s command line with this class and an
 * output directory.
 */
public final class PredictShots {

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "target/shots-quiz");
        out.mkdirs();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Throwable[] failure = new Throwable[1];
        for (Locale l : new Locale[]{Locale.ROOT, Locale.SIMPLIFIED_CHINESE}) {
            Object[] window = new Object[2];
            // Two steps: what the window queues when Predict turns on (fitting the side tabs) runs in between.
            step(() -> { Object[] w = open(l); window[0] = w[0]; window[1] = w[1]; }, failure);
            step(() -> shoot(out, l, (Stage) window[0], (MainController) window[1]), failure);
        }
        Platform.exit();
        if (failure[0] != null) {
            failure[0].printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    interface Step { void run() throws Exception; }

    private static void step(Step s, Throwable[] failure) throws InterruptedException {
        if (failure[0] != null) return;
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                s.run();
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                done.countDown();
            }
        });
        done.await();
    }

    private static Object[] open(Locale locale) {
        Settings settings = new Settings(Preferences.userRoot().node("handshakelab-screenshots-quiz"));
        settings.clear();
        Stage stage = new Stage();
        Session s = new Session(new SimLab(), settings, stage, locale, Theme.LIGHT);
        stage.setScene(new Scene(new javafx.scene.layout.Pane(), 1600, 960));
        MainController c = Windows.show(stage, s);
        c.buildPanes(); // (the first frame goes without them)
        stage.show();
        c.model().loadScenario("four-way-close");
        PredictPane.of(c).setOn(true);
        return new Object[]{stage, c};
    }

    private static void shoot(File out, Locale locale, Stage stage, MainController c) throws Exception {
        PredictPane p = PredictPane.of(c);
        stage.getScene().getRoot().applyCss();
        stage.getScene().getRoot().layout();
        String tag = locale == Locale.ROOT ? "en" : "zh";
        // Q1 and Q2 right: the segments are drawn, question 3 waits where the handshake ACK leaves.
        for (int i = 0; i < 2; i++) {
            Question q = p.current();
            for (Field f : p.quiz().fields()) p.check(f, q.answer().get(f), true);
            p.finishAnimation();
        }
        Question q3 = p.current();
        javafx.scene.Parent r = (javafx.scene.Parent) p.root();
        ((javafx.scene.control.ToggleButton) r.lookup("#predictFromClient")).setSelected(true);
        ((javafx.scene.control.CheckBox) r.lookup("#predictFlag-ACK")).setSelected(true);
        ((javafx.scene.control.Button) r.lookup("#predictFlagsOk")).fire();
        type(r, "#predictSeq", Long.toString(q3.seq()));
        save(stage, new File(out, "predict-right-" + tag + ".png"));
        // Q3's ack wrong by one: expected, rule and arithmetic.
        type(r, "#predictAck", Long.toString(q3.ack() - 1));
        save(stage, new File(out, "predict-wrong-" + tag + ".png"));
        stage.close();
    }

    private static void type(javafx.scene.Parent r, String id, String text) {
        javafx.scene.control.TextField f = (javafx.scene.control.TextField) r.lookup(id);
        f.setText(text);
        f.fireEvent(new javafx.event.ActionEvent());
    }

    private static void save(Stage stage, File f) throws Exception {
        stage.getScene().getRoot().applyCss();
        stage.getScene().getRoot().layout();
        ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", f);
        System.out.println("wrote " + f);
    }
}
