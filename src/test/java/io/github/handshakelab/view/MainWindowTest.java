package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.lab.Lab;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Drives the real main window on the real simulator, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        TestWindow.open(stage, "handshakelab-test");
    }

    private MainController c() {
        return Windows.controller(stage);
    }

    private void load(FxRobot robot, String id) {
        robot.interact(() -> {
            for (Lab.ScenarioInfo i : c().scenarios().list().getItems()) {
                if (i.id().equals(id)) c().scenarios().list().getSelectionModel().select(i);
            }
        });
        assertEquals(id, c().playback().getTrace().scenario());
    }

    private String badge(FxRobot robot, Side side) {
        return robot.lookup(side == Side.CLIENT ? "#clientBadge" : "#serverBadge").queryAs(Label.class).getText();
    }

    @Test
    void lostFinalAckPlaysToTheEndWithTheRightBadgesAtEachMoment(FxRobot robot) throws Exception {
        load(robot, "lost-final-ack");
        Trace t = c().playback().getTrace();
        TraceEvent.Segment refin = t.segments().stream()
                .filter(s -> s.retransmission() && s.flags().fin() && s.from() == Side.SERVER).findFirst().orElseThrow();
        // while the retransmitted FIN is in flight the server is still in LAST_ACK, the client in TIME_WAIT
        robot.interact(() -> c().playback().seek((refin.sent() + refin.arrived()) / 2));
        assertEquals("LAST_ACK", badge(robot, Side.SERVER));
        assertEquals("TIME_WAIT", badge(robot, Side.CLIENT));
        // TIME_WAIT is restarted by the re-ACK: the countdown shows a full 2MSL again
        List<TraceEvent.Timer> twSets = t.events().stream().filter(e -> e instanceof TraceEvent.Timer x
                        && x.timer() == TimerKind.TIME_WAIT && x.action() == TraceEvent.TimerAction.SET)
                .map(e -> (TraceEvent.Timer) e).toList();
        assertEquals(2, twSets.size(), "TIME_WAIT set, then restarted");
        TraceEvent.Timer restart = twSets.get(1);
        robot.interact(() -> c().playback().seek(restart.t()));
        assertEquals("TIME_WAIT", badge(robot, Side.CLIENT));
        String countdown = robot.lookup("#clientTimer").queryAs(Label.class).getText();
        assertEquals("2MSL: " + io.github.handshakelab.text.TimeFormat.duration(restart.expires() - restart.t()) + " left",
                countdown);

        // play from the start at 4x to the end with the real animation timer
        robot.interact(() -> {
            c().playback().seek(0);
            c().playback().speedProperty().set(4);
            c().playback().play();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !c().playback().isPlaying());
        assertEquals(c().playback().endTime(), c().playback().getTime());
        assertEquals("CLOSED", badge(robot, Side.CLIENT));
        assertEquals("CLOSED", badge(robot, Side.SERVER));
        assertEquals(t.stateAt(Side.CLIENT, t.endTime()).name(), badge(robot, Side.CLIENT));
    }

    @Test
    void steppingBackwardsRollsTheStatesBack(FxRobot robot) {
        load(robot, "lost-final-ack");
        Trace t = c().playback().getTrace();
        robot.interact(() -> c().playback().toEnd());
        robot.clickOn("#diagram", MouseButton.PRIMARY);
        int steps = 0;
        while (c().playback().getTime() > 0 && steps < 200) {
            long before = c().playback().getTime();
            robot.type(KeyCode.LEFT);
            long now = c().playback().getTime();
            assertTrue(now < before, "each step goes back");
            assertEquals(t.stateAt(Side.CLIENT, now).name(), badge(robot, Side.CLIENT), "client at " + now);
            assertEquals(t.stateAt(Side.SERVER, now).name(), badge(robot, Side.SERVER), "server at " + now);
            steps++;
        }
        assertEquals(0, c().playback().getTime());
        assertTrue(steps > 10);
        assertEquals("SYN_SENT", badge(robot, Side.CLIENT));
        assertEquals("LISTEN", badge(robot, Side.SERVER));
    }

    @Test
    void droppingAClickedSegmentResimulatesTheFuture(FxRobot robot) {
        load(robot, "three-way-handshake");
        Trace before = c().playback().getTrace();
        TraceEvent.Segment ack = before.segments().get(2);
        assertTrue(ack.flags().ack() && !ack.flags().syn(), "third segment is the handshake ACK");
        long keep = ack.sent() - 1;
        robot.interact(() -> c().playback().seek(keep));
        Point2D local = c().diagram().segmentPoint(ack.id());
        Point2D screen = c().diagram().localToScreen(local);
        robot.rightClickOn(screen);
        robot.clickOn("Drop this segment");
        Trace after = c().playback().getTrace();
        assertNotSame(before, after);
        assertEquals(keep, c().playback().getTime(), "the playhead stays");
        TraceEvent.Segment lost = after.segments().get(2);
        assertEquals(ack.id(), lost.id());
        assertTrue(lost.isDropped());
        assertEquals(before.segments().subList(0, 2), after.segments().subList(0, 2), "the past is unchanged");
        // the server never got the ACK: it stays in SYN_RCVD until the client's next segment or a retransmission
        long firstRetx = after.segments().stream().filter(TraceEvent.Segment::retransmission)
                .mapToLong(TraceEvent.Segment::sent).min().orElseThrow();
        assertEquals(TcpState.SYN_RCVD, after.stateAt(Side.SERVER, firstRetx));
        robot.interact(() -> c().playback().seek(lost.end() + 1));
        assertEquals("SYN_RCVD", badge(robot, Side.SERVER));
        assertEquals("ESTABLISHED", badge(robot, Side.CLIENT));
    }

    @Test
    void switchingToChineseTranslatesAndKeepsTheTraceAndPlayhead(FxRobot robot) {
        load(robot, "lost-final-ack");
        robot.interact(() -> c().playback().seek(1_000_000));
        Trace t = c().playback().getTrace();
        robot.interact(() -> {
            c().langZh.setSelected(true);
            c().onLanguage();
        });
        WaitForAsyncUtils.waitForFxEvents();
        ResourceBundle zh = Windows.bundle(Locale.SIMPLIFIED_CHINESE);
        assertEquals("▶ 播放", robot.lookup("#playButton").queryAs(javafx.scene.control.Button.class).getText());
        assertEquals(zh.getString("faults.loseFinalAck"), c().faults().loseFinalAck.getText());
        assertEquals("客户端", zh.getString("diagram.client"));
        assertTrue(robot.lookup("#clientName").queryAs(Label.class).getText().startsWith("客户端"));
        assertEquals(1_000_000, c().playback().getTime());
        assertEquals(t, c().playback().getTrace());
        assertEquals(t.stateAt(Side.CLIENT, 1_000_000).name(), badge(robot, Side.CLIENT), "state names stay untranslated");
        // and back to English
        robot.interact(() -> {
            c().langEn.setSelected(true);
            c().onLanguage();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("▶ Play", robot.lookup("#playButton").queryAs(javafx.scene.control.Button.class).getText());
    }

    @Test
    void closeNowAtThePlayheadThenUndo(FxRobot robot) {
        load(robot, "three-way-handshake");
        Trace before = c().playback().getTrace();
        long t = before.endTime() + 400_000;
        robot.interact(() -> {
            c().playback().seek(before.endTime());
            c().sideTabs().getSelectionModel().select(c().faultsTab);
        });
        // the playhead is clamped to the end of the old trace; the call goes there
        long at = c().playback().getTime();
        robot.clickOn("#clientCloseButton");
        Trace after = c().playback().getTrace();
        assertEquals(at, c().playback().getTime(), "the playhead stays");
        assertTrue(after.events().stream().anyMatch(e -> e instanceof TraceEvent.User u && u.t() == at
                && u.endpoint() == Side.CLIENT && u.call() == io.github.handshakelab.tcp.UserCall.CLOSE));
        assertEquals(TcpState.FIN_WAIT_1, after.stateAt(Side.CLIENT, at));
        assertEquals(before.segments(), after.segments().subList(0, before.segments().size()), "the past is unchanged");
        TraceEvent.Segment fin = after.segments().get(before.segments().size());
        assertTrue(fin.flags().fin() && fin.from() == Side.CLIENT && fin.sent() == at);
        assertEquals("FIN_WAIT_1", badge(robot, Side.CLIENT));
        robot.clickOn("#undoButton");
        assertEquals(before.segments(), c().playback().getTrace().segments());
        assertTrue(t > 0);
    }

    @Test
    void losingTheFinalAckMakesTheServerRetransmitItsFin(FxRobot robot) {
        load(robot, "four-way-close");
        Trace before = c().playback().getTrace();
        assertTrue(before.segments().stream().noneMatch(TraceEvent.Segment::isDropped));
        robot.interact(() -> c().sideTabs().getSelectionModel().select(c().faultsTab));
        robot.clickOn("#loseFinalAck");
        Trace after = c().playback().getTrace();
        List<TraceEvent.Segment> lost = after.segments().stream().filter(TraceEvent.Segment::isDropped).toList();
        assertEquals(1, lost.size());
        assertEquals("ACK", lost.get(0).flags().toString());
        assertEquals(TcpState.TIME_WAIT, after.stateAt(Side.CLIENT, lost.get(0).sent()));
        assertTrue(after.segments().stream().anyMatch(x -> x.retransmission() && x.flags().fin() && x.from() == Side.SERVER));
        robot.clickOn("#resetFaultsButton");
        assertEquals(before.segments(), c().playback().getTrace().segments());
        assertFalse(c().faults().loseFinalAck.isSelected());
    }

    @Test
    void openingATraceFileShowsItAndRemembersIt(FxRobot robot) throws Exception {
        Trace sim = io.github.handshakelab.sim.Simulator.run(io.github.handshakelab.sim.Scenarios.byId("lost-syn").orElseThrow());
        java.nio.file.Path f = java.nio.file.Files.createTempFile("trace", ".json");
        java.nio.file.Files.writeString(f, io.github.handshakelab.trace.TraceJson.write(sim));
        robot.interact(() -> c().openFile(f));
        WaitForAsyncUtils.waitForFxEvents();
        // JSON keeps explanations as rendered text, so compare what the file says
        assertEquals(java.nio.file.Files.readString(f), io.github.handshakelab.trace.TraceJson.write(c().playback().getTrace()));
        assertEquals(sim.segments().size(), c().playback().getTrace().segments().size());
        assertNull(c().session().lab.current());
        assertNull(c().model().scenarioProperty().get());
        assertTrue(c().faults().faultsBox.isDisabled(), "faults need the simulator");
        assertEquals(f.toAbsolutePath().toString(), c().session().settings.recent().get(0));
        assertEquals(f.toAbsolutePath().toString(), c().recentMenu.getItems().get(0).getText());
        java.nio.file.Files.delete(f);
    }

    @Test
    void keyboardPlaysPausesAndRestarts(FxRobot robot) {
        load(robot, "three-way-handshake");
        robot.clickOn("#diagram");
        robot.type(KeyCode.SPACE);
        assertTrue(c().playback().isPlaying());
        robot.type(KeyCode.SPACE);
        assertFalse(c().playback().isPlaying());
        robot.type(KeyCode.RIGHT, 3);
        assertTrue(c().playback().getTime() > 0);
        robot.type(KeyCode.HOME);
        assertEquals(0, c().playback().getTime());
        double z = c().diagram().zoomProperty().get();
        robot.type(KeyCode.EQUALS);
        assertEquals(z * 1.25, c().diagram().zoomProperty().get(), 1e-9);
    }

    @Test
    void aBadIsnIsReportedAndTheTraceStays(FxRobot robot) {
        load(robot, "three-way-handshake");
        Trace before = c().playback().getTrace();
        robot.interact(() -> {
            c().sideTabs().getSelectionModel().select(c().faultsTab);
            c().faults().isnRandom.setSelected(false);
            c().faults().isnClientField.setText("4294967296");
            c().faults().isnServerField.setText("0");
        });
        robot.interact(() -> c().faults().onApplyParams());
        assertEquals("Client ISN: \"4294967296\" is not a sequence number (0 to 4294967295).", c().faults().paramError.getText());
        assertSame(before, c().playback().getTrace());
        robot.interact(() -> {
            c().faults().isnClientField.setText("4294967295");
            c().faults().onApplyParams();
        });
        assertEquals("", c().faults().paramError.getText());
        TraceEvent.Segment syn = c().playback().getTrace().segments().get(0);
        assertEquals(4294967295L, syn.seqAbs());
        assertEquals(0, syn.seq());
    }

    @Test
    void bothCloseNowIsASimultaneousCloseUndoneInOneStep(FxRobot robot) {
        load(robot, "three-way-handshake");
        Trace before = c().playback().getTrace();
        robot.interact(() -> {
            c().playback().toEnd();
            c().sideTabs().getSelectionModel().select(c().faultsTab);
        });
        robot.clickOn("#bothCloseButton");
        Trace after = c().playback().getTrace();
        for (Side side : Side.values()) {
            assertEquals(List.of(TcpState.CLOSED, side == Side.CLIENT ? TcpState.SYN_SENT : TcpState.LISTEN,
                            side == Side.CLIENT ? TcpState.ESTABLISHED : TcpState.SYN_RCVD),
                    after.stateSequence(side).subList(0, 3));
            assertTrue(after.stateSequence(side).contains(TcpState.CLOSING), side + " passes CLOSING");
            assertEquals(TcpState.TIME_WAIT, after.stateSequence(side).get(after.stateSequence(side).size() - 2));
        }
        robot.clickOn("#undoButton");
        assertEquals(before.segments(), c().playback().getTrace().segments());
        assertTrue(c().faults().undoButton.isDisabled(), "one step undid both calls");
    }

    @Test
    void stateMachinePanelLightsBothEndpointsAndTheTransitionJustTaken(FxRobot robot) {
        load(robot, "simultaneous-close");
        Trace t = c().playback().getTrace();
        TraceEvent.StateChange closing = t.stateChanges(Side.CLIENT).stream()
                .filter(x -> x.to() == TcpState.CLOSING).findFirst().orElseThrow();
        robot.interact(() -> c().playback().seek(closing.t()));
        assertEquals(TcpState.CLOSING, c().stateMachine().clientStateProperty().get());
        assertEquals(t.stateAt(Side.SERVER, closing.t()), c().stateMachine().serverStateProperty().get());
        assertArrayEquals(new TcpState[]{TcpState.FIN_WAIT_1, TcpState.CLOSING}, c().stateMachine().clientLastProperty().get());
        robot.interact(() -> c().playback().previous());
        assertEquals(TcpState.FIN_WAIT_1, c().stateMachine().clientStateProperty().get());
        assertArrayEquals(new TcpState[]{TcpState.ESTABLISHED, TcpState.FIN_WAIT_1}, c().stateMachine().clientLastProperty().get());
    }

    @Test
    void themeIsAppliedAndRemembered(FxRobot robot) {
        robot.interact(() -> {
            c().themeDark.setSelected(true);
            c().onTheme();
        });
        assertEquals(Theme.DARK, c().diagram().themeProperty().get());
        assertTrue(c().root().getStylesheets().stream().anyMatch(x -> x.endsWith("dark.css")));
        assertEquals(Theme.DARK, c().session().settings.theme());
    }

    @Test
    void synFloodShowsTheHalfOpenQueueFilling(FxRobot robot) {
        load(robot, "syn-flood");
        List<Trace.Gauge> g = c().playback().getTrace().gauge(Trace.GAUGE_HALF_OPEN);
        assertFalse(g.isEmpty());
        Trace.Gauge full = g.stream().filter(x -> x.value() == x.max()).findFirst().orElseThrow();
        assertTrue(c().diagramPane().gaugeBox.isVisible());
        robot.interact(() -> c().playback().seek(full.t()));
        assertEquals(full.value() + " / " + full.max(), c().diagramPane().gaugeLabel.getText());
        assertEquals(1.0, c().diagramPane().gaugeBar.getProgress(), 1e-9);
        robot.interact(() -> c().playback().seek(0));
        assertEquals(0.0, c().diagramPane().gaugeBar.getProgress(), 1e-9);
        load(robot, "three-way-handshake");
        assertFalse(c().diagramPane().gaugeBox.isVisible());
    }

    @Test
    void aCapturedSegmentDecodesEveryLayerOfItsFrame(FxRobot robot) throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of("resources/captures/handshake-data-close.pcap");
        Trace t = io.github.handshakelab.capture.CaptureTraces.load(file, null);
        TraceEvent.Segment syn = t.segments().get(0);
        robot.interact(() -> {
            c().showOpened(file, t);
            c().model().select(syn);
        });
        robot.clickOn("#decodeFrame");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#frameDecode").tryQuery().isPresent());
        String text = robot.lookup("#frameDecode").queryAs(javafx.scene.control.TextArea.class).getText();
        assertTrue(text.startsWith("Frame 1: 74 bytes captured"), text);
        assertTrue(text.contains("[Ethernet Header (14 bytes)]") && text.contains("SYN: true"), text);
    }

    @Test
    void whatHappenedListsTheNotesUpToThePlayheadOldestFirst(FxRobot robot) {
        load(robot, "connect-to-closed-port");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<WindowModel.Happening> notes = robot.lookup("#notesList").queryAs(javafx.scene.control.ListView.class);
        robot.interact(() -> c().playback().seek(0));
        assertEquals(List.of(), notes.getItems());
        Trace t = c().playback().getTrace();
        TraceEvent.Note refused = t.events().stream().filter(e -> e instanceof TraceEvent.Note).map(e -> (TraceEvent.Note) e)
                .filter(n -> n.text().english().contains("connection refused")).findFirst().orElseThrow();
        robot.interact(() -> c().playback().seek(refused.t()));
        assertTrue(notes.getItems().get(notes.getItems().size() - 1).text().endsWith(refused.text().english()), notes.getItems().toString());
        robot.interact(() -> c().playback().seek(refused.t() - 1));
        assertFalse(notes.getItems().stream().anyMatch(x -> x.text().contains("connection refused")), "rolls back with the playhead");
    }
}
