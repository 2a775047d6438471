package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.lab.SimLab;
import io.github.handshakelab.questions.QuestionBank;
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
 * Headless screenshots of the Questions and Sockets tabs (run like scripts/screenshots.sh runs
 * {@link Screenshots}, with the output directory as argument). Not part of the test run.
 */
public final class BankShots {

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "target/shots-bank");
        out.mkdirs();
        Screenshots.run(out, BankShots::shoot);
    }

    private static void shoot(File out) throws Exception {
        Settings settings = new Settings(Preferences.userRoot().node("handshakelab-screenshots-bank"));
        settings.clear();
        Stage stage = new Stage();
        Session s = new Session(new SimLab(), settings, stage, Locale.ROOT, Theme.LIGHT);
        stage.setScene(new Scene(new javafx.scene.layout.Pane(), 1600, 960));
        for (Locale l : new Locale[] {Locale.ROOT, Locale.SIMPLIFIED_CHINESE}) {
            s.locale = l;
            MainController c = Windows.show(stage, s);
            c.buildPanes(); // (the first frame goes without them)
            stage.show();
            c.applyTheme(Theme.LIGHT);
            BankPanes.showMe(c.model(), QuestionBank.byId("why-time-wait-2msl").orElseThrow());
            Stage q = BankPanes.questionsWindow(c);
            QuestionsPane qp = (QuestionsPane) q.getScene().getRoot();
            qp.select("why-time-wait-2msl");
            qp.revealedProperty().set(true);
            String lang = l == Locale.ROOT ? "en" : "zh";
            snap(q, new File(out, "questions-window-" + lang + ".png"));
            snap(stage, new File(out, "questions-shown-" + lang + ".png"));
            q.hide();
        }
        s.locale = Locale.ROOT;
        MainController c = Windows.show(stage, s);
        c.buildPanes(); // (the first frame goes without them)
        c.applyTheme(Theme.LIGHT);
        c.model().loadScenario("syn-flood");
        c.model().setPlayhead(3_250_000);
        Stage sock = BankPanes.socketsWindow(c);
        snap(sock, new File(out, "sockets-syn-flood.png"));
        c.model().loadScenario("lost-final-ack");
        c.model().setPlayhead(1_500_000);
        ((SocketsPane) sock.getScene().getRoot()).netstatToggle().setSelected(true);
        snap(sock, new File(out, "sockets-lost-final-ack-netstat.png"));
        s.locale = Locale.SIMPLIFIED_CHINESE;
        sock.hide();
        c = Windows.show(stage, s);
        c.buildPanes(); // (the first frame goes without them)
        c.model().loadScenario("syn-flood");
        c.model().setPlayhead(120_000);
        Stage sockZh = BankPanes.socketsWindow(c);
        snap(sockZh, new File(out, "sockets-syn-flood-zh.png"));
    }

    private static void snap(Stage stage, File file) throws Exception {
        stage.getScene().getRoot().applyCss();
        stage.getScene().getRoot().layout();
        ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", file);
        System.out.println("wrote " + file);
    }
}
