package io.github.handshakelab.view;

import io.github.handshakelab.cli.ShowTraces;
import io.github.handshakelab.questions.Question;
import io.github.handshakelab.sockets.SocketTable;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Trace;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Adds the interview questions and the socket table to a main window, and carries out a question's
 * "Show me": open its scenario with its options (or its capture and stream), put the playhead at
 * {@code at} and select that moment's segment.
 *
 * <p>Both are windows of their own beside the main window (View &gt; Interview questions,
 * Shortcut+I; View &gt; Sockets, Shortcut+K), not side tabs: the side column must show every tab
 * header on a 1280x800 projector and has no room for more, the answers need room, and a learner
 * reads the question (or watches the two hosts' tables, like two terminals) while the main window
 * plays.
 */
public final class BankPanes {

    /** Per main stage, which of the two windows were open when its window was rebuilt (language switch). */
    private static final Map<Window, boolean[]> REOPEN = new WeakHashMap<>();

    private BankPanes() {}

    static void install(MainController c) {
        Locale locale = c.model().locale();
        Stage[] windows = new Stage[2];
        MenuItem questions = new MenuItem(Messages.get(locale, "questions.menu"));
        questions.setId("questionsMenuItem");
        questions.setAccelerator(KeyCombination.valueOf("Shortcut+I"));
        questions.setOnAction(e -> windows[0] = front(windows[0], () -> questionsWindow(c)));
        MenuItem sockets = new MenuItem(Messages.get(locale, "sockets.menu"));
        sockets.setId("socketsMenuItem");
        sockets.setAccelerator(KeyCombination.valueOf("Shortcut+K"));
        sockets.setOnAction(e -> windows[1] = front(windows[1], () -> socketsWindow(c)));
        Menu view = c.menuBar().getMenus().stream().filter(x -> "viewMenu".equals(x.getId())).findFirst().orElse(null);
        if (view != null) view.getItems().addAll(new SeparatorMenuItem(), questions, sockets);
        Window main = c.session().stage;
        c.onDispose(() -> {
            if (main != null) REOPEN.put(main, new boolean[] {showing(windows[0]), showing(windows[1])});
            for (Stage w : windows) if (w != null) w.hide();
        });
        boolean[] reopen = main == null ? null : REOPEN.remove(main);
        if (reopen != null && reopen[0]) windows[0] = questionsWindow(c);
        if (reopen != null && reopen[1]) windows[1] = socketsWindow(c);
    }

    private static boolean showing(Stage s) {
        return s != null && s.isShowing();
    }

    private static Stage front(Stage existing, java.util.function.Supplier<Stage> open) {
        if (existing == null) return open.get();
        existing.show();
        existing.toFront();
        return existing;
    }

    /** The questions window of main window {@code c}: the pane, with "Show me" acting on {@code c}. */
    static Stage questionsWindow(MainController c) {
        WindowModel m = c.model();
        QuestionsPane pane = new QuestionsPane(m.locale());
        pane.setOnShowMe(q -> showMe(m, q));
        return window(c, pane, Messages.get(m.locale(), "questions.pane.title"), 560, 760);
    }

    /** The sockets window of main window {@code c}: the table at its playhead. */
    static Stage socketsWindow(MainController c) {
        WindowModel m = c.model();
        SocketsPane pane = new SocketsPane(m.locale());
        pane.setTrace(m.getTrace(), () -> backlog(m));
        pane.setTime(m.getPlayhead());
        // The model lives exactly as long as the main window, which closes this one on dispose.
        m.traceProperty().addListener((o, a, t) -> pane.setTrace(t, () -> backlog(m)));
        m.labRevisionProperty().addListener(o -> pane.setTrace(m.getTrace(), () -> backlog(m)));
        m.playheadProperty().addListener((o, a, t) -> pane.setTime(t.longValue()));
        return window(c, pane, Messages.get(m.locale(), "sockets.pane.title"), 620, 420);
    }

    private static Stage window(MainController c, javafx.scene.layout.Region pane, String title, double w, double h) {
        Scene scene = new Scene(pane, w, h);
        // Same theme and font as the main window (the CJK family for Chinese).
        scene.getStylesheets().setAll(c.root().getStylesheets());
        pane.getStyleClass().addAll(c.root().getStyleClass());
        pane.setStyle(c.root().getStyle());
        Stage stage = new Stage();
        if (c.session().stage != null) stage.initOwner(c.session().stage);
        stage.setTitle(title);
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    /** The listener's backlog: the simulation's parameter, or Linux's default for a capture. */
    static int backlog(WindowModel m) {
        return m.scenarioProperty().get() != null ? m.lab().params().backlog() : SocketTable.DEFAULT_BACKLOG;
    }

    /**
     * Opens what the question shows. A scenario goes through the lab (so its faults and parameters
     * appear in the Faults pane and can be undone); a capture is read as File > Open would.
     *
     * @return false when it could not be opened (the status line says why)
     */
    public static boolean showMe(WindowModel m, Question q) {
        Question.Show show = q.show();
        if (show instanceof Question.ScenarioShow s) {
            m.loadScenario(s.scenario());
            if (!s.options().isEmpty()) {
                if (!m.change(() -> m.lab().apply(ShowTraces.scenario(s)), "status.questionShown", q.id())) return false;
            } else {
                m.status("status.questionShown", q.id());
            }
        } else if (show instanceof Question.CaptureShow cs) {
            Trace t;
            try {
                t = ShowTraces.trace(cs);
            } catch (IOException | RuntimeException e) {
                m.status("status.error", Messages.format(m.locale(), "questions.pane.captureMissing", cs.capture())
                        + " (" + e.getMessage() + ")");
                return false;
            }
            m.showFile(t, ShowTraces.capturePath(cs));
            m.status("status.questionShown", q.id());
        }
        m.setPlayhead(show.at());
        m.select(show.segment());
        return true;
    }
}
