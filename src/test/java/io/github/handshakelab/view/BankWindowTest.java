package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/** The Questions and Sockets windows of the real main window: "Show me" and the socket table at the playhead. */
@ExtendWith(ApplicationExtension.class)
class BankWindowTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        TestWindow.open(stage, "handshakelab-test-bank");
    }

    private MainController c() {
        return Windows.controller(stage);
    }

    private void showMe(FxRobot robot, String questionId) {
        // View > Interview questions (Shortcut+I) opens the questions window; a second time brings it to the front.
        robot.interact(() -> findItem("questionsMenuItem").fire());
        robot.interact(() -> findItem("questionsMenuItem").fire());
        assertEquals(1, robot.lookup("#questionsPane").queryAll().size(), "one questions window");
        robot.interact(() -> robot.lookup("#questionsPane").queryAs(QuestionsPane.class).select(questionId));
        robot.clickOn("#showMe");
    }

    private javafx.scene.control.MenuItem findItem(String id) {
        for (javafx.scene.control.Menu m : c().menuBar().getMenus()) {
            for (javafx.scene.control.MenuItem i : m.getItems()) if (id.equals(i.getId())) return i;
        }
        throw new AssertionError("no menu item " + id);
    }

    @Test
    void theQuestionsWindowFollowsALanguageSwitch(FxRobot robot) {
        robot.interact(() -> findItem("questionsMenuItem").fire());
        robot.interact(() -> {
            c().session().locale = Locale.SIMPLIFIED_CHINESE;
            c().session().rebuild.run();
        });
        QuestionsPane pane = robot.lookup("#questionsPane").queryAs(QuestionsPane.class);
        assertEquals(1, robot.lookup("#questionsPane").queryAll().size(), "the old window closed, a new one opened");
        assertEquals("随机抽题", robot.lookup("#drillButton").queryButton().getText());
        assertTrue(pane.selected().question().zh().endsWith("？"));
    }

    @Test
    void showMeOpensTheScenarioWithItsOptionsAtTheMomentWithItsSegmentSelected(FxRobot robot) {
        showMe(robot, "sequence-walkthrough");
        WindowModel m = c().model();
        assertEquals("data-transfer", m.scenarioProperty().get());
        assertEquals(950_000, m.getPlayhead());
        assertEquals(11, m.getSelection().id());
        assertEquals("ACK  seq=1102 ack=5202", m.getSelection().label(true));
        // The question's parameters are the lab's: the Faults pane shows them, undo and reset work on them.
        assertFalse(robot.lookup("#isnRandom").queryAs(CheckBox.class).isSelected());
        assertEquals("1000", robot.lookup("#isnClientField").queryAs(TextField.class).getText());
        assertEquals("5000", robot.lookup("#isnServerField").queryAs(TextField.class).getText());
        assertTrue(m.statusProperty().get().contains("sequence-walkthrough"), m.statusProperty().get());
        assertTrue(m.lab().canUndo());
    }

    @Test
    void showMeAppliesFaultsAndParameters(FxRobot robot) {
        showMe(robot, "syn-cookies");
        WindowModel m = c().model();
        assertEquals("syn-flood", m.scenarioProperty().get());
        assertTrue(robot.lookup("#synCookies").queryAs(CheckBox.class).isSelected());
        assertEquals(350_000, m.getPlayhead());
        assertEquals(15, m.getSelection().id());
        assertEquals(TcpState.ESTABLISHED, m.state(Side.SERVER), "the returning cookie created the connection");

        showMe(robot, "connect-timeout");
        assertEquals("three-way-handshake", c().model().scenarioProperty().get());
        assertEquals(7, c().model().getTrace().segments().stream().filter(s -> s.isDropped()).count(), "all seven SYNs lost");
        assertEquals(63_000_000, c().model().getPlayhead());
        assertEquals(7, c().model().getSelection().id());

        showMe(robot, "lost-final-ack");
        assertEquals("lost-final-ack", c().model().scenarioProperty().get());
        assertTrue(robot.lookup("#loseFinalAck").queryAs(CheckBox.class).isSelected());
        assertEquals(8, c().model().getSelection().id());
        assertTrue(c().model().getSelection().retransmission());
        assertEquals(TcpState.LAST_ACK, c().model().state(Side.SERVER));
        assertEquals(TcpState.TIME_WAIT, c().model().state(Side.CLIENT));

        // The Linux profile comes with the question: close() with unread data is a RST there, not a FIN.
        showMe(robot, "close-with-unread-data");
        assertEquals("close-with-unread-data", c().model().scenarioProperty().get());
        assertEquals(6, c().model().getSelection().id());
        assertTrue(c().model().getSelection().flags().rst(), c().model().getSelection().toString());
        assertEquals(TcpState.CLOSED, c().model().state(Side.SERVER));
    }

    @Test
    void showMeOpensTheTlsCaptureAtTheServersFlight(FxRobot robot) {
        showMe(robot, "tls-in-a-capture");
        WindowModel m = c().model();
        assertNull(m.scenarioProperty().get());
        assertEquals("tls-handshake.pcap.gz", m.fileProperty().get().getFileName().toString());
        assertEquals(Trace.Source.CAPTURE, m.getTrace().source());
        assertEquals(994, m.getPlayhead());
        assertEquals(6, m.getSelection().id());
    }

    @Test
    void socketsWindowListsTheHalfOpenRowsAtThePlayheadDuringASynFlood(FxRobot robot) {
        robot.interact(() -> c().model().loadScenario("syn-flood"));
        robot.interact(() -> findItem("socketsMenuItem").fire());
        robot.interact(() -> c().model().setPlayhead(120_000));
        String server = robot.lookup("#serverSockets").queryAs(Label.class).getText();
        assertEquals(4, server.lines().filter(l -> l.startsWith("SYN-RECV")).count(), server);
        assertTrue(server.lines().anyMatch(l -> l.matches("LISTEN +0 +4 +0\\.0\\.0\\.0:80 +0\\.0\\.0\\.0:\\*")), server);
        robot.clickOn("#netstatToggle");
        assertEquals(4, robot.lookup("#serverSockets").queryAs(Label.class).getText().lines().filter(l -> l.endsWith("SYN_RECV")).count());
        // Later the client's SYN retransmissions show up as SYN_SENT; the playhead drives the table.
        robot.interact(() -> c().model().setPlayhead(3_250_000));
        assertTrue(robot.lookup("#clientSockets").queryAs(Label.class).getText().contains("SYN_SENT"));
        // A new scenario in the main window: the table follows.
        robot.interact(() -> c().model().loadScenario("lost-final-ack"));
        robot.interact(() -> c().model().setPlayhead(1_500_000));
        String s2 = robot.lookup("#serverSockets").queryAs(Label.class).getText();
        assertTrue(s2.contains("LAST_ACK"), s2);
        assertTrue(robot.lookup("#clientSockets").queryAs(Label.class).getText().contains("TIME_WAIT"));
        assertEquals(1, robot.lookup("#socketsPane").queryAll().size());
    }
}
