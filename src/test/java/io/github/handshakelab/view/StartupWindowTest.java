package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.lab.SimLab;
import io.github.handshakelab.trace.TraceJson;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The window's two-step start (issue 12): the frame with the default scenario's diagram first,
 * the library, notes, side tabs and features right after the first frame, or at once when
 * something asks for them. And files given to the window: a lesson opens as a lesson.
 */
@ExtendWith(ApplicationExtension.class)
class StartupWindowTest {

    private Stage stage;
    private Session session;
    /** What the window was before it was shown. */
    private boolean builtBeforeShow;
    private int leftItemsBeforeShow, filledTabsBeforeShow, menusBeforeShow;
    private boolean diagramHadTrace, startedBeforeShow, speedListInBoxBeforeShow, gaugeInFrameBeforeShow;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Settings settings = new Settings(Preferences.userRoot().node("handshakelab-test-startup"));
        settings.clear();
        session = new Session(new SimLab(), settings, stage, Locale.ROOT, Theme.LIGHT);
        stage.setScene(new Scene(new Pane(), 1400, 900));
        MainController c = Windows.show(stage, session);
        builtBeforeShow = c.panesBuilt();
        leftItemsBeforeShow = c.leftPane.getItems().size();
        filledTabsBeforeShow = (int) c.sideTabs.getTabs().stream().filter(t -> t.getContent() != null).count();
        menusBeforeShow = c.menuBar.getMenus().size();
        diagramHadTrace = c.diagram().getTrace() != null && c.diagram().getTrace() == c.model().getTrace();
        startedBeforeShow = Windows.started(stage).isDone();
        speedListInBoxBeforeShow = speedList(c).getParent() != null;
        gaugeInFrameBeforeShow = c.diagramPane().gaugeBox.getParent() != null;
        stage.show();
    }

    @AfterEach
    void closeDialogs(FxRobot robot) {
        robot.interact(() -> TestWindow.closeOthers(stage));
    }

    private MainController c() {
        return Windows.controller(stage);
    }

    @Test
    void theFrameComesFirstAndThePanesRightAfterTheFirstFrame() throws Exception {
        assertFalse(builtBeforeShow);
        assertEquals(0, leftItemsBeforeShow, "no library before the first frame");
        assertEquals(0, filledTabsBeforeShow, "side tabs without content before the first frame");
        assertEquals(3, menusBeforeShow, "File, Playback, View");
        assertTrue(diagramHadTrace, "the default scenario's diagram is in the first frame");
        // no accessor is called: the panes come by themselves after the first frame
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> c().panesBuilt());
        WaitForAsyncUtils.waitForFxEvents();
        // what waits for the complete window (its icon) waits until now
        assertFalse(startedBeforeShow);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Windows.started(stage).isDone());
        MainController c = c();
        assertEquals(2, c.leftPane.getItems().size());
        for (Tab t : c.sideTabs.getTabs()) assertNotNull(t.getContent(), t.getText());
        assertNotNull(LessonsUi.of(c), "the features are installed");
        assertTrue(c.fileMenu.getItems().stream().anyMatch(m -> m.getText() != null && m.getText().startsWith("Open lesson")),
                "File > Open lesson");
        assertEquals("three-way-handshake", c.model().scenarioProperty().get());
        // the library shows the scenario on screen
        assertEquals("three-way-handshake", c.scenariosController.list().getSelectionModel().getSelectedItem().id());
    }

    private static ListView<?> speedList(MainController c) {
        return (ListView<?>) ((LateListSkin<?>) c.diagramPane().speedBox.getSkin()).getPopupContent();
    }

    @Test
    void theSpeedBoxsListIsStyledAfterTheFirstFrameAndItsPopupOpensAlikeBeforeAndAfter(FxRobot robot) throws Exception {
        assertFalse(speedListInBoxBeforeShow, "not in the first frame");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> c().panesBuilt());
        WaitForAsyncUtils.waitForFxEvents();
        ComboBox<Double> box = c().diagramPane().speedBox;
        assertSame(box, speedList(c()).getParent(), "then where JavaFX keeps it, so CSS styles it before the popup opens");
        robot.interact(box::show);
        double[] styled = openSpeedPopup(robot, box);

        // a window whose popup opens before its first frame (the list not styled yet) shows the same list
        @SuppressWarnings("unchecked")
        ComboBox<Double>[] early = new ComboBox[1];
        robot.interact(() -> {
            MainController c = freshWindow();
            early[0] = c.diagramPane().speedBox;
            assertNull(speedList(c).getParent());
            c.root().applyCss();
            c.root().layout();
            early[0].show();
        });
        double[] unstyled = openSpeedPopup(robot, early[0]);
        assertArrayEquals(styled, unstyled, 0.5, "cells, width and height of the open list");
        // once opened, the popup holds the list; building the panes leaves it there
        robot.interact(() -> c().buildPanes());
        assertNotSame(early[0], speedList(c()).getParent());
    }

    @Test
    void theHiddenGaugeJoinsAfterTheFirstFrameOrAtOnceForASynFlood(FxRobot robot) throws Exception {
        assertFalse(gaugeInFrameBeforeShow, "no SYN flood in the first frame: no gauge there");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> c().panesBuilt());
        WaitForAsyncUtils.waitForFxEvents();
        DiagramController d = c().diagramPane();
        assertSame(d.diagramPane, d.gaugeBox.getParent());
        var kids = d.diagramPane.getChildren();
        assertTrue(kids.indexOf(d.gaugeBox) > kids.indexOf(d.diagram) && kids.indexOf(d.gaugeBox) == kids.indexOf(d.timelineBox) - 1,
                "under the diagram (and a lesson's band), over the timeline: " + kids);
        assertFalse(d.gaugeBox.isVisible());

        robot.interact(() -> {
            MainController c = freshWindow();
            DiagramController e = c.diagramPane();
            assertNull(e.gaugeBox.getParent());
            c.model().loadScenario("syn-flood");
            assertFalse(c.panesBuilt());
            assertEquals(List.of(e.playbackBar, e.diagram, e.gaugeBox, e.timelineBox), e.diagramPane.getChildren(), "a flood places it at once");
            assertTrue(e.gaugeBox.isVisible());
            c.buildPanes();
            var after = e.diagramPane.getChildren();
            assertEquals(after.indexOf(e.timelineBox) - 1, after.indexOf(e.gaugeBox), "left where it was: " + after);
        });
    }

    /** The open popup of the speed box: its list's cell count, width and height; then closes it. */
    private double[] openSpeedPopup(FxRobot robot, ComboBox<Double> box) {
        WaitForAsyncUtils.waitForFxEvents();
        double[] r = new double[3];
        robot.interact(() -> {
            ListView<?> list = (ListView<?>) ((LateListSkin<?>) box.getSkin()).getPopupContent();
            assertTrue(box.isShowing());
            assertNotNull(list.getScene(), "in the popup");
            r[0] = list.lookupAll(".list-cell").stream().filter(n -> n.isVisible() && ((ListCell<?>) n).getItem() != null).count();
            r[1] = list.getWidth();
            r[2] = list.getHeight();
            box.hide();
        });
        assertEquals(box.getItems().size(), (int) r[0], "every speed shows");
        assertTrue(r[1] >= box.getWidth() && r[2] > 100, "a real list: " + r[1] + " x " + r[2]);
        return r;
    }

    @Test
    void askingForAPaneOrChoosingATabBuildsThePanesAtOnce(FxRobot robot) {
        robot.interact(() -> {
            // a rebuild (language switch) is complete at once
            MainController rebuilt = Windows.show(stage, session);
            assertTrue(rebuilt.panesBuilt());
            MainController c = freshWindow();
            assertFalse(c.panesBuilt());
            assertNotNull(c.faults(), "an accessor builds them");
            assertTrue(c.panesBuilt());
            assertNotNull(c.faultsTab.getContent());
            assertFalse(c.faults().faultsBox.isDisabled(), "and they show the trace already on screen");

            MainController d = freshWindow();
            assertFalse(d.panesBuilt());
            d.sideTabs.getSelectionModel().select(d.faultsTab);
            assertTrue(d.panesBuilt(), "choosing a tab builds them");
            assertTrue(c.isDisposed());
        });
    }

    /** A first window again (as at start): the stage without the window, then the window. */
    private MainController freshWindow() {
        c().dispose();
        stage.setScene(new Scene(new Pane(), 1400, 900));
        return Windows.show(stage, session);
    }

    @Test
    void aLessonGivenToTheWindowOpensAsALesson(FxRobot robot, @TempDir Path dir) throws Exception {
        Path hslesson = Files.copy(Path.of("resources/lessons/lost-final-ack.json"), dir.resolve("lost-final-ack.hslesson"));
        robot.interact(() -> c().openFile(hslesson));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("lost-final-ack", c().model().scenarioProperty().get());
        assertEquals("Lost final ACK", robot.lookup("#lessonTitle").queryAs(Label.class).getText());
        assertTrue(c().session().settings.recentLessons().get(0).endsWith("lost-final-ack.hslesson"));
        assertFalse(c().session().settings.recent().stream().anyMatch(p -> p.endsWith(".hslesson")), "not a recent capture");

        // a lesson named .json: the same
        robot.interact(() -> c().openFile(Path.of("resources/lessons/four-way-close.json")));
        assertEquals("four-way-close", c().model().scenarioProperty().get());
        assertEquals("Four-way close", robot.lookup("#lessonTitle").queryAs(Label.class).getText());

        // a trace JSON stays a trace
        Path trace = dir.resolve("trace.json");
        Files.writeString(trace, TraceJson.write(new SimLab().load("lost-syn")), StandardCharsets.UTF_8);
        robot.interact(() -> c().openFile(trace));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(trace, c().model().fileProperty().get());
        assertNull(c().model().scenarioProperty().get());
    }
}
