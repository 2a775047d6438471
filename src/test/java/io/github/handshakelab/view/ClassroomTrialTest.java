package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** What a classroom trial of the first window found, each as it was seen. */
@ExtendWith(ApplicationExtension.class)
class ClassroomTrialTest {

    private Stage stage;
    private Settings settings;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        settings = TestWindow.open(stage, "handshakelab-test-trial");
    }

    private MainController c() {
        return Windows.controller(stage);
    }

    private void load(FxRobot robot, String id) {
        robot.interact(() -> c().model().loadScenario(id));
    }

    @Test
    void typingInTheSearchBoxKeepsTheScenarioItsFaultsAndThePlayhead(FxRobot robot) {
        load(robot, "four-way-close");
        robot.interact(() -> {
            c().model().change(() -> c().model().lab().loseFinalAck(true), "status.loseFinalAck");
            c().model().setPlayhead(300_000);
        });
        Trace before = c().model().getTrace();
        robot.clickOn("#searchField");
        robot.write("syn");
        assertEquals("four-way-close", c().model().scenarioProperty().get());
        assertSame(before, c().model().getTrace());
        assertEquals(300_000, c().model().getPlayhead());
        assertTrue(c().faults().loseFinalAck.isSelected());
        assertFalse(c().model().playback().isPlaying(), "typing a space or a letter plays nothing");
        robot.write(" flood");
        robot.type(KeyCode.BACK_SPACE, 20);
        assertEquals("four-way-close", c().model().scenarioProperty().get());
        assertSame(before, c().model().getTrace());
        assertEquals("four-way-close", c().scenarios().list().getSelectionModel().getSelectedItem().id());
        // a user's pick still loads
        robot.interact(() -> c().scenarios().list().getSelectionModel().select(0));
        assertEquals(c().scenarios().list().getItems().get(0).id(), c().model().scenarioProperty().get());
    }

    @Test
    void synFloodParametersShowTheValuesInEffectAndApplyKeepsTheLesson(FxRobot robot) {
        load(robot, "syn-flood");
        Trace flood = c().model().getTrace();
        assertEquals(4, c().faults().backlogSpinner.getValue());
        assertEquals(4, flood.gauge(Trace.GAUGE_HALF_OPEN).get(0).max());
        robot.interact(() -> c().sideTabs().getSelectionModel().select(c().faultsTab));
        // fire() rather than a mouse click: windows other test classes leave open (questions,
        // sockets, a detached state machine) can lie over the button on Monocle's one screen
        robot.interact(() -> c().faults().applyParams.fire());
        awaitStatus("The parameters are those in effect; nothing changed.");
        assertEquals(flood.events(), c().model().getTrace().events());
        assertTrue(c().diagramPane().gaugeBox.isVisible(), "the half-open queue stays");
        assertEquals(4, c().faults().backlogSpinner.getValue());
        assertEquals("The parameters are those in effect; nothing changed.", c().model().statusProperty().get());
        // another scenario shows its own values
        load(robot, "three-way-handshake");
        assertEquals(c().model().lab().params().backlog(), c().faults().backlogSpinner.getValue());
    }

    @Test
    void theSelectionDoesNotCarryOverToTheNextScenario(FxRobot robot) {
        load(robot, "lost-final-ack");
        robot.interact(() -> c().model().select(6));
        assertNotNull(c().diagram().getSelected());
        load(robot, "three-way-handshake");
        assertNull(c().diagram().getSelected());
        assertNull(c().model().getSelection());
        javafx.scene.control.Label hint = (javafx.scene.control.Label) c().arithmetic().arithmeticBox.getChildren().get(0);
        assertEquals(c().bundle().getString("inspector.none"), hint.getText());
    }

    @Test
    void theStateMachinePanelShowsTheTimeWaitSelfLoop(FxRobot robot) {
        load(robot, "lost-final-ack");
        TraceEvent.Timer restart = c().model().getTrace().events().stream()
                .filter(e -> e instanceof TraceEvent.Timer x && x.timer() == TimerKind.TIME_WAIT && x.action() == TraceEvent.TimerAction.SET)
                .map(e -> (TraceEvent.Timer) e).skip(1).findFirst().orElseThrow();
        robot.interact(() -> c().model().setPlayhead(restart.t()));
        assertArrayEquals(new TcpState[]{TcpState.TIME_WAIT, TcpState.TIME_WAIT}, c().stateMachine().clientLastProperty().get());
        assertTrue(StateMachineView.EDGES.stream().anyMatch(e -> e.from() == TcpState.TIME_WAIT && e.to() == TcpState.TIME_WAIT));
    }

    @Test
    void speedHasKeysShownInTheMenuAndPlusMinusZoom(FxRobot robot) {
        load(robot, "three-way-handshake");
        assertEquals(new KeyCodeCombination(KeyCode.CLOSE_BRACKET), c().fasterItem.getAccelerator());
        assertEquals(new KeyCodeCombination(KeyCode.OPEN_BRACKET), c().slowerItem.getAccelerator());
        assertEquals(new KeyCodeCombination(KeyCode.SPACE), c().playItem.getAccelerator());
        robot.clickOn("#diagram");
        robot.type(KeyCode.CLOSE_BRACKET);
        assertEquals(1.5, c().playback().speedProperty().get());
        assertEquals(1.5, c().diagramPane().speedBox.getValue());
        robot.type(KeyCode.OPEN_BRACKET, 2);
        assertEquals(0.5, c().playback().speedProperty().get());
        double z = c().diagram().zoomProperty().get();
        robot.type(KeyCode.EQUALS);
        assertEquals(z * 1.25, c().diagram().zoomProperty().get(), 1e-9);
        robot.type(KeyCode.MINUS);
        assertEquals(z, c().diagram().zoomProperty().get(), 1e-9);
        assertEquals(0.5, c().playback().speedProperty().get(), "zoom keys leave the speed alone");
    }

    @Test
    void afterALanguageSwitchKeysActOnceAndTheWindowKeepsItsPlace(FxRobot robot) {
        load(robot, "three-way-handshake");
        robot.interact(() -> c().scenarios().list().scrollTo(9));
        WaitForAsyncUtils.waitForFxEvents();
        int first = c().scenarios().firstVisible();
        assertTrue(first > 3, "scrolled down: " + first);
        MainController old = c();
        robot.interact(() -> {
            old.langZh.setSelected(true);
            old.onLanguage();
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
        MainController now = c();
        assertNotSame(old, now);
        assertTrue(old.isDisposed());
        assertEquals(first, now.scenarios().firstVisible(), "the library keeps its scroll position");
        assertFalse(now.statusLabel.getText().isEmpty(), "the status line says it again in Chinese");
        assertTrue(now.statusLabel.getText().contains("三次握手"), now.statusLabel.getText());
        robot.clickOn("#diagram");
        robot.type(KeyCode.SPACE);
        assertTrue(now.playback().isPlaying(), "Space plays");
        assertFalse(old.playback().isPlaying(), "the old window's playback does not");
        robot.type(KeyCode.SPACE);
        assertFalse(now.playback().isPlaying(), "and pauses again: one playback, one toggle");
        assertEquals(1, stage.getScene().getAccelerators().keySet().stream()
                .filter(k -> k.equals(new KeyCodeCombination(KeyCode.EQUALS))).count());
    }

    @Test
    void aFileThatFailsToOpenLeavesTheRecentFiles(FxRobot robot) throws Exception {
        Path bad = Files.createTempFile("broken", ".pcap");
        Files.write(bad, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});
        String key = bad.toAbsolutePath().toString();
        settings.addRecent(key);
        robot.interact(() -> c().openFile(bad));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !settings.recent().contains(key));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(c().recentMenu.getItems().stream().noneMatch(i -> i.getText().equals(key)));
        closeOtherWindows(robot);
        Files.delete(bad);
    }

    @Test
    void aCaptureWithOneConversationOpensWithoutThePicker(FxRobot robot) throws Exception {
        Path file = Path.of("resources/captures/handshake-data-close.pcap");
        robot.interact(() -> c().openFile(file));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> file.equals(c().model().fileProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#conversationTable").tryQuery().isEmpty(), "no picker for one conversation");
        assertEquals(Trace.Source.CAPTURE, c().model().getTrace().source());
        assertEquals(file.toAbsolutePath().toString(), settings.recent().get(0));
        closeOtherWindows(robot);
    }

    @Test
    void theTopBadgesOfAReplayMarkInferredStatesAndTheLessonSaysItIsACapture(FxRobot robot) throws Exception {
        Path file = Path.of("resources/captures/handshake-data-close.pcap");
        Trace t = io.github.handshakelab.capture.CaptureTraces.load(file, null);
        robot.interact(() -> c().showOpened(file, t));
        String client = robot.lookup("#clientBadge").queryAs(javafx.scene.control.Label.class).getText();
        assertEquals(t.stateAt(io.github.handshakelab.trace.Side.CLIENT, 0).name() + "?", client);
        robot.interact(() -> c().model().setPlayhead(t.endTime()));
        assertEquals(t.stateAt(io.github.handshakelab.trace.Side.SERVER, t.endTime()).name() + "?",
                robot.lookup("#serverBadge").queryAs(javafx.scene.control.Label.class).getText());
        assertTrue(c().scenarios().lessonLabel.getText().startsWith("Replaying handshake-data-close.pcap."),
                c().scenarios().lessonLabel.getText());
        // a simulation's states are known: no mark
        load(robot, "three-way-handshake");
        assertEquals("SYN_SENT", robot.lookup("#clientBadge").queryAs(javafx.scene.control.Label.class).getText());
    }

    @Test
    void fitZoomShowsTheWholeDiagramInTheWindowHeight(FxRobot robot) {
        load(robot, "three-way-handshake");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#fitButton");
        WaitForAsyncUtils.waitForFxEvents();
        double content = c().diagram().contentHeight(), view = c().diagram().getHeight();
        assertTrue(content <= view && content > view * 0.8, "content " + content + " in " + view);
        robot.clickOn("#diagram");
        robot.type(KeyCode.EQUALS);
        robot.type(KeyCode.DIGIT0);
        assertEquals(content, c().diagram().contentHeight(), content * 0.02, "0 fits again");
    }

    @Test
    void keysWorkAtOnceAfterStart(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.SPACE);
        assertTrue(c().playback().isPlaying(), "focus starts on the diagram, not in the search field");
        robot.type(KeyCode.SPACE);
    }

    @Test
    void quitSavesTheWindowSize(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1111);
            stage.setHeight(777);
        });
        List<Boolean> exited = new ArrayList<>();
        robot.interact(() -> {
            c().exit = () -> exited.add(true);
            c().onQuit();
        });
        assertEquals(List.of(true), exited);
        double[] b = settings.bounds(WindowBounds.key(WindowBounds.screenOf(stage)));
        assertNotNull(b);
        assertEquals(1111, b[2], 0.5);
        assertEquals(777, b[3], 0.5);
    }

    private void closeOtherWindows(FxRobot robot) {
        robot.interact(() -> {
            for (Window w : new ArrayList<>(Window.getWindows())) if (w != stage) w.hide();
        });
    }

    private void awaitStatus(String expected) {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                    () -> expected.equals(c().model().statusProperty().get()));
        } catch (java.util.concurrent.TimeoutException e) {
            assertEquals(expected, c().model().statusProperty().get());
        }
    }
}
