package io.github.handshakelab.view;

import io.github.handshakelab.cli.ShowTraces;
import io.github.handshakelab.questions.Question;
import io.github.handshakelab.sockets.SocketTable;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Trace;

import java.io.IOException;
import java.util.Locale;

/**
 * Installs the interview Questions pane and the Sockets pane as side tabs of a main window, and
 * carries out a question's "Show me": open its scenario with its options (or its capture and
 * stream), put the playhead at {@code at} and select that moment's segment.
 */
public final class BankPanes {

    private BankPanes() {}

    static void install(MainController c) {
        WindowModel m = c.model();
        Locale locale = m.locale();
        QuestionsPane questions = new QuestionsPane(locale);
        questions.setOnShowMe(q -> showMe(m, q));
        c.addSideTab("questionsTab", Messages.get(locale, "questions.pane.title"), questions);

        SocketsPane sockets = new SocketsPane(locale);
        sockets.setTrace(m.getTrace(), () -> backlog(m));
        sockets.setTime(m.getPlayhead());
        m.traceProperty().addListener((o, a, t) -> sockets.setTrace(t, () -> backlog(m)));
        m.labRevisionProperty().addListener(o -> sockets.setTrace(m.getTrace(), () -> backlog(m)));
        m.playheadProperty().addListener((o, a, t) -> sockets.setTime(t.longValue()));
        c.addSideTab("socketsTab", Messages.get(locale, "sockets.pane.title"), sockets);
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
