package io.github.handshakelab.view;

import io.github.handshakelab.cli.ScenarioOptions;
import io.github.handshakelab.questions.Question;
import io.github.handshakelab.questions.QuestionBank;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.sockets.SocketTable;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The Questions and Sockets panes on their own, headless. */
@ExtendWith(ApplicationExtension.class)
class BankPanesTest {

    private QuestionsPane questions;
    private SocketsPane sockets;
    private final List<Question> shown = new ArrayList<>();

    @Start
    void start(Stage stage) {
        questions = new QuestionsPane(Locale.ROOT, new Random(3));
        questions.setOnShowMe(shown::add);
        sockets = new SocketsPane(Locale.ROOT);
        stage.setScene(new Scene(new HBox(questions, sockets), 1200, 800));
        stage.show();
    }

    @Test
    void searchAndTopicFilterTheList(FxRobot robot) {
        assertEquals(QuestionBank.all().size(), questions.list().getItems().size());
        robot.clickOn("#questionSearch").write("challenge ACK");
        assertTrue(questions.list().getItems().stream().anyMatch(q -> q.id().equals("rst-in-each-state")));
        assertTrue(questions.list().getItems().size() < QuestionBank.all().size());
        robot.interact(() -> {
            questions.searchField().clear();
            questions.topicBox().getSelectionModel().select("time-wait");
        });
        assertFalse(questions.list().getItems().isEmpty());
        assertTrue(questions.list().getItems().stream().allMatch(q -> q.topic().equals("time-wait")));
        assertEquals("TIME_WAIT", robot.lookup("#questionTopicLabel").queryAs(Label.class).getText());
        robot.interact(() -> questions.searchField().setText("no-such-words-at-all"));
        assertTrue(questions.list().getItems().isEmpty());
        assertTrue(robot.lookup("#showMe").queryButton().isDisabled());
    }

    @Test
    void drillHidesTheAnswerUntilRevealed(FxRobot robot) {
        robot.clickOn("#drillButton");
        Question q = questions.selected();
        assertNotNull(q);
        assertTrue(robot.lookup("#drillHint").query().isVisible());
        assertFalse(robot.lookup("#answerBox").query().isVisible(), "answer hidden while the learner answers aloud");
        assertEquals(q.question().en(), robot.lookup("#questionText").queryAs(Label.class).getText());
        robot.clickOn("#revealAnswer");
        assertTrue(robot.lookup("#answerBox").query().isVisible());
        assertEquals(q.answer().en(), robot.lookup("#questionAnswer").queryAs(Label.class).getText());
        robot.clickOn("#drillButton");
        assertNotEquals(q, questions.selected(), "the next drill question is another one");
        assertFalse(questions.revealedProperty().get());
    }

    @Test
    void showMeHandsTheSelectedQuestionToTheWindow(FxRobot robot) {
        robot.interact(() -> questions.select("lost-final-ack"));
        robot.clickOn("#showMe");
        assertEquals(List.of("lost-final-ack"), shown.stream().map(Question::id).toList());
    }

    @Test
    void socketsPaneListsTheHalfOpenRowsDuringASynFlood(FxRobot robot) {
        Trace t = Simulator.run(ScenarioOptions.parse("syn-flood", List.of()));
        robot.interact(() -> {
            sockets.setTrace(t, () -> 4);
            sockets.setTime(120_000);
        });
        assertEquals(4, sockets.rows().stream().filter(r -> r.host() == Side.SERVER && r.state() == TcpState.SYN_RCVD).count());
        String server = sockets.tableText(Side.SERVER);
        assertEquals(4, server.lines().filter(l -> l.startsWith("SYN-RECV")).count(), server);
        assertTrue(server.contains("198.51.100.4:40000"), server);
        assertTrue(server.lines().anyMatch(l -> l.matches("LISTEN +0 +4 +0\\.0\\.0\\.0:80 +0\\.0\\.0\\.0:\\*")), server);
        robot.clickOn("#netstatToggle");
        assertEquals(4, sockets.tableText(Side.SERVER).lines().filter(l -> l.endsWith("SYN_RECV")).count());
        assertEquals(SocketTable.lines(SocketTable.of(sockets.rows(), Side.SERVER), true),
                sockets.tableText(Side.SERVER).lines().toList());
        robot.interact(() -> sockets.setTime(63_085_000));
        assertEquals(0, sockets.rows().stream().filter(r -> r.state() == TcpState.SYN_RCVD).count());
    }
}
