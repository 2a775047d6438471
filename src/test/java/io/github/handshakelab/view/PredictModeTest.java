package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.lab.SimLab;
import io.github.handshakelab.quiz.Field;
import io.github.handshakelab.quiz.Level;
import io.github.handshakelab.quiz.Question;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.*;

/** Predict mode on the real window, headless: right and wrong answers, the score, and no future on screen. */
@ExtendWith(ApplicationExtension.class)
class PredictModeTest {

    private Stage stage;
    private Settings settings;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        settings = new Settings(Preferences.userRoot().node("handshakelab-test-predict"));
        settings.clear();
        try {
            settings.child("quiz").clear();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Session s = new Session(new SimLab(), settings, stage, Locale.ROOT, Theme.LIGHT);
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.Pane(), 1400, 900));
        Windows.show(stage, s);
        stage.show();
    }

    private MainController c() {
        return Windows.controller(stage);
    }

    private PredictPane pane() {
        return PredictPane.of(c());
    }

    private void begin(FxRobot robot, String scenario) {
        robot.interact(() -> c().model().loadScenario(scenario));
        assertTrue(c().sideTabs().getTabs().stream().noneMatch(t -> "predictTab".equals(t.getId())), "no Predict tab until asked");
        robot.clickOn("#predictBarToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pane().isPredicting());
        assertEquals("predictTab", c().sideTabs().getSelectionModel().getSelectedItem().getId(), "the Predict tab opens");
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** Nothing at or after the question's segment is anywhere the views read from. */
    private void assertNoFuture(Question q) {
        WindowModel m = c().model();
        Trace shown = m.getTrace();
        assertTrue(m.hideFutureProperty().get(), "the view model's hide-the-future flag is on");
        assertSame(shown, c().diagram().getTrace(), "the diagram draws the trace the model holds");
        List<Integer> ids = shown.segments().stream().map(TraceEvent.Segment::id).toList();
        assertTrue(ids.stream().allMatch(id -> id < q.segment().id()), "no segment from #" + q.segment().id() + " on: " + ids);
        for (TraceEvent e : shown.events()) assertTrue(e.time() <= q.segment().sent(), "nothing starts later: " + e);
        for (long stop : m.playback().stops()) assertTrue(stop <= q.segment().sent() || isArrival(shown, stop), "timeline tick " + stop);
        assertTrue(shown.tcbs().stream().allMatch(t -> t.t() < q.segment().sent()), "no TCB that counts the segment");
        assertEquals(q.segment().sent(), m.getPlayhead());
    }

    /** A tick beyond the send time may only be the arrival of a segment already answered. */
    private static boolean isArrival(Trace t, long stop) {
        return t.segments().stream().anyMatch(s -> s.end() == stop);
    }

    private void answerRight(FxRobot robot, Question q) {
        robot.interact(() -> {
            for (Field f : pane().quiz().fields()) pane().check(f, q.answer().get(f), true);
        });
    }

    @Test
    void rightAndWrongPredictionsGetFeedbackAndAScoreWhileTheFutureStaysHidden(FxRobot robot) {
        begin(robot, "four-way-close");
        Question q1 = pane().current();
        assertEquals(1, q1.n());
        assertNoFuture(q1);
        assertTrue(c().diagram().getTrace().segments().isEmpty());
        assertTrue(text(robot, "#predictQuestion").contains("Segment #1 is sent at 0.000 s"), text(robot, "#predictQuestion"));
        assertTrue(c().model().absoluteProperty().get(), "absolute numbers by default");
        long isn = q1.seq();

        // Q1 right, through the controls: who, flags, numbers, states.
        robot.clickOn("#predictFromClient");
        assertEquals("✓ right", text(robot, "#predictResult-from"));
        robot.clickOn("#predictFlag-SYN");
        robot.clickOn("#predictFlagsOk");
        assertEquals("✓ right", text(robot, "#predictResult-flags"));
        robot.interact(() -> {
            robot.lookup("#predictSeq").queryAs(TextField.class).setText(Long.toString(isn));
            robot.lookup("#predictSeq").queryAs(TextField.class).fireEvent(new javafx.event.ActionEvent());
            robot.lookup("#predictAck").queryAs(TextField.class).setText("-");
            robot.lookup("#predictAck").queryAs(TextField.class).fireEvent(new javafx.event.ActionEvent());
            robot.lookup("#predictLen").queryAs(TextField.class).setText("0");
            robot.lookup("#predictLen").queryAs(TextField.class).fireEvent(new javafx.event.ActionEvent());
            robot.lookup("#predictClientState").<TcpState>queryComboBox().setValue(TcpState.SYN_SENT);
        });
        assertEquals("✓ right", text(robot, "#predictResult-seq"));
        assertEquals("✓ right", text(robot, "#predictResult-ack"));
        assertEquals(1, pane().current().n(), "one field still open");
        robot.interact(() -> robot.lookup("#predictServerState").<TcpState>queryComboBox().setValue(TcpState.SYN_RCVD));

        // All seven in: the segment is shown, the next question waits where segment #2 leaves.
        Question q2 = pane().current();
        assertEquals(2, q2.n());
        assertEquals("This attempt: 7 / 7 · best – · last –", text(robot, "#predictScore").replaceAll(" · seed \\d+$", ""));
        assertTrue(text(robot, "#predictScore").matches(".* · seed \\d+"), text(robot, "#predictScore"));
        robot.interact(() -> pane().finishAnimation());
        assertNoFuture(q2);
        assertEquals(List.of(1), c().diagram().getTrace().segments().stream().map(TraceEvent.Segment::id).toList());
        assertEquals(TcpState.SYN_SENT, c().model().state(Side.CLIENT), "no future state on the badges");
        assertEquals(TcpState.SYN_RCVD, c().model().state(Side.SERVER));

        // Q2 wrong on ack: the client's ISN instead of ISN + 1.
        robot.interact(() -> {
            robot.lookup("#predictAck").queryAs(TextField.class).setText(Long.toString(isn));
            robot.lookup("#predictAck").queryAs(TextField.class).fireEvent(new javafx.event.ActionEvent());
        });
        String wrong = text(robot, "#predictResult-ack");
        assertTrue(wrong.startsWith("✗ expected " + (isn + 1) + ". Off by one"), wrong);
        assertTrue(wrong.contains("ack = " + (isn + 1) + " = client ISN " + isn + " + 1 (a SYN consumes one sequence number)"), wrong);
        assertNoFuture(q2);
        robot.interact(() -> {
            for (Field f : pane().quiz().fields()) if (f != Field.ACK) pane().check(f, q2.answer().get(f), true);
        });
        assertEquals(3, pane().current().n());
        assertTrue(text(robot, "#predictScore").startsWith("This attempt: 13 / 14"), text(robot, "#predictScore"));
        assertTrue(robot.lookup("#predictLast").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).anyMatch(l -> l.startsWith("✗ ack: you said " + isn + ", expected " + (isn + 1) + ".")));
        robot.interact(() -> pane().finishAnimation());
        assertNoFuture(pane().current());

        // Predicting off: the whole trace again, the tab goes.
        robot.clickOn("#predictToggle");
        assertFalse(c().model().hideFutureProperty().get());
        assertTrue(c().sideTabs().getTabs().stream().noneMatch(t -> "predictTab".equals(t.getId())));
        assertEquals(7, c().model().getTrace().segments().size());
    }

    @Test
    void aFinishedAttemptIsScoredPerLevelKeptAndShownAsProgress(FxRobot robot) {
        begin(robot, "three-way-handshake");
        robot.interact(() -> robot.lookup("#predictLevel").<Level>queryComboBox().setValue(Level.FLAGS_AND_STATES));
        assertEquals(List.of(Field.FROM, Field.FLAGS, Field.STATE_CLIENT, Field.STATE_SERVER), pane().quiz().fields());
        assertFalse(robot.lookup("#predictSeq").query().isVisible(), "no numbers at this level");
        long seed1 = pane().quiz().seed();
        answerRight(robot, pane().current());
        answerRight(robot, pane().current());
        Question last = pane().current();
        robot.interact(() -> {
            pane().check(Field.FROM, last.from(), true);
            pane().check(Field.FLAGS, last.flags(), true);
            pane().check(Field.STATE_CLIENT, TcpState.SYN_SENT, true); // wrong
            pane().check(Field.STATE_SERVER, last.state(Side.SERVER), true);
            c().model().playback().pause();
        });
        assertNull(pane().current());
        assertEquals("Done: 11 of 12 fields right. Start a new attempt for new ISNs, or pick another scenario.", text(robot, "#predictQuestion"));
        QuizScores scores = QuizScores.of(settings);
        assertEquals(new QuizScores.Score(11, 12), scores.last("three-way-handshake", Level.FLAGS_AND_STATES));
        assertEquals(new QuizScores.Score(11, 12), scores.best("three-way-handshake", Level.FLAGS_AND_STATES));
        assertFalse(scores.mastered("three-way-handshake"), "mastery is at full numbers");
        assertEquals(3, c().model().getTrace().segments().size(), "the whole exchange once done");

        // A new attempt: new seed (so new ISNs), all right at full numbers: best and last move, mastered.
        robot.interact(() -> robot.lookup("#predictLevel").<Level>queryComboBox().setValue(Level.FULL));
        robot.clickOn("#predictAgain");
        assertNotEquals(seed1, pane().quiz().seed());
        for (int i = 0; i < 3; i++) answerRight(robot, pane().current());
        robot.interact(() -> c().model().playback().pause());
        assertEquals(new QuizScores.Score(21, 21), scores.best("three-way-handshake", Level.FULL));
        assertTrue(scores.mastered("three-way-handshake"));
        @SuppressWarnings("unchecked")
        TableView<String> table = robot.lookup("#predictProgress").queryAs(TableView.class);
        int row = table.getItems().indexOf("three-way-handshake");
        assertEquals("Three-way handshake", table.getColumns().get(0).getCellData(row));
        assertEquals("best 11/12, last 11/12", table.getColumns().get(1).getCellData(row));
        assertEquals("best 21/21, last 21/21", table.getColumns().get(2).getCellData(row));
        assertEquals("✓", table.getColumns().get(3).getCellData(row));
        assertEquals("", table.getColumns().get(3).getCellData(table.getItems().indexOf("lost-syn")));
    }

    @Test
    void aLostSegmentIsFollowedByItsRetransmissionAfterTheRto(FxRobot robot) {
        begin(robot, "lost-syn");
        Question q1 = pane().current();
        assertTrue(q1.lost());
        assertTrue(text(robot, "#predictQuestion").contains("is lost on the way"));
        answerRight(robot, q1);
        robot.interact(() -> pane().finishAnimation());
        Question q2 = pane().current();
        assertEquals(1_000_000, q2.segment().sent());
        assertNoFuture(q2);
        // The RTO has fired by now, and only now: its bracket is part of the past.
        assertTrue(c().model().getTrace().events().stream().anyMatch(e -> e instanceof TraceEvent.Timer t
                && t.action() == TraceEvent.TimerAction.FIRED));
        robot.interact(() -> pane().check(Field.FROM, Side.SERVER, true));
        assertTrue(text(robot, "#predictResult-from").contains("client sends it: its retransmission timer fired"),
                text(robot, "#predictResult-from"));
    }

    @Test
    void aCaptureIsPredictedWithItsInferredStates(FxRobot robot) throws Exception {
        Path file = Path.of("resources/captures/handshake-data-close.pcap");
        Trace t = CaptureTraces.load(file, null);
        robot.interact(() -> c().model().showFile(t, file));
        robot.clickOn("#predictBarToggle");
        assertTrue(pane().quiz().capture());
        assertNull(pane().quiz().seed(), "a capture keeps its own numbers");
        answerRight(robot, pane().current());
        robot.interact(() -> pane().finishAnimation());
        Question synAck = pane().current();
        assertNoFuture(synAck);
        robot.interact(() -> pane().check(Field.ACK, synAck.ack() - 1, true));
        String why = text(robot, "#predictResult-ack");
        assertTrue(why.startsWith("✗ expected " + synAck.ack() + "."), why);
        robot.interact(() -> pane().check(Field.STATE_SERVER, TcpState.LISTEN, true));
        assertTrue(text(robot, "#predictResult-states-server").contains("inferred"), text(robot, "#predictResult-states-server"));
    }

    @Test
    void aLanguageSwitchKeepsTheAttemptWhereItWas(FxRobot robot) {
        begin(robot, "four-way-close");
        long seed = pane().quiz().seed();
        answerRight(robot, pane().current());
        robot.interact(() -> pane().finishAnimation());
        robot.interact(() -> {
            Session s = c().session();
            s.locale = Locale.SIMPLIFIED_CHINESE;
            s.rebuild.run();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pane().isPredicting());
        assertEquals(seed, pane().quiz().seed(), "same attempt, same ISNs");
        assertEquals(2, pane().current().n());
        assertEquals(7, pane().score());
        assertNoFuture(pane().current());
        assertTrue(text(robot, "#predictQuestion").startsWith("第 2 题，共 7 题"), text(robot, "#predictQuestion"));
        robot.interact(() -> pane().check(Field.FROM, Side.CLIENT, true));
        assertTrue(text(robot, "#predictResult-from").startsWith("✗ 应为 服务器。"), text(robot, "#predictResult-from"));
    }
}
