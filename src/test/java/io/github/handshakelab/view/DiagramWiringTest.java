package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.diagram.DiagramLayout.Spacing;
import io.github.handshakelab.trace.Trace;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The diagram engine wired into the window: spacing menu + playback pacing, the diagram's own fit. */
@ExtendWith(ApplicationExtension.class)
class DiagramWiringTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        TestWindow.open(stage, "handshakelab-test-wiring");
    }

    private MainController c() { return Windows.controller(stage); }

    private CheckMenuItem byOrder() {
        for (MenuItem mi : c().menuBar().getMenus().stream().filter(m -> "viewMenu".equals(m.getId())).findFirst().orElseThrow().getItems()) {
            if ("byOrderItem".equals(mi.getId())) return (CheckMenuItem) mi;
        }
        throw new AssertionError("no View > Spacing by order");
    }

    @Test
    void spacingByOrderIsAViewMenuToggleThatThePlaybackFollowsAndEachSourceDefaultsToItsOwn(FxRobot robot) throws Exception {
        robot.interact(() -> c().model().loadScenario("three-way-handshake"));
        CheckMenuItem item = byOrder();
        assertEquals("Spacing by order (one row per event)", item.getText());
        assertEquals(KeyCombination.valueOf("Shortcut+B"), item.getAccelerator(), "the key is shown in the menu");
        assertFalse(item.isSelected(), "a simulation is drawn by time");
        assertEquals(Spacing.AUTO, c().diagram().spacingProperty().get());
        assertEquals(Spacing.TIME, c().diagram().getLayout().spacing());

        robot.clickOn("#diagram");
        robot.press(KeyCode.SHORTCUT, KeyCode.B).release(KeyCode.B, KeyCode.SHORTCUT);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(item.isSelected());
        assertEquals(Spacing.ORDER, c().diagram().spacingProperty().get());
        assertEquals(Spacing.ORDER, c().playback().spacingProperty().get(), "playing paces along the same rows");
        assertEquals(Spacing.ORDER, c().diagram().getLayout().spacing());

        // another simulation keeps the user's choice
        robot.interact(() -> c().model().loadScenario("four-way-close"));
        assertTrue(item.isSelected());
        assertEquals(Spacing.ORDER, c().playback().spacingProperty().get());

        // a capture follows its own default (by order); unticking draws it by time
        Path file = Path.of("resources/captures/handshake-data-close.pcap");
        Trace cap = CaptureTraces.load(file, null);
        robot.interact(() -> c().model().showFile(cap, file));
        assertEquals(Spacing.AUTO, c().diagram().spacingProperty().get());
        assertTrue(item.isSelected(), "captures are drawn by order");
        robot.clickOn("#diagram");
        robot.press(KeyCode.SHORTCUT, KeyCode.B).release(KeyCode.B, KeyCode.SHORTCUT);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(item.isSelected());
        assertEquals(Spacing.TIME, c().playback().spacingProperty().get());
        assertEquals(Spacing.TIME, c().diagram().getLayout().spacing());

        // back to a simulation: its default again (by time)
        robot.interact(() -> c().model().loadScenario("three-way-handshake"));
        assertEquals(Spacing.AUTO, c().playback().spacingProperty().get());
        assertFalse(item.isSelected());
    }

    @Test
    void theFitButtonAndTheZeroKeyUseTheDiagramsFitWhichAZoomEnds(FxRobot robot) {
        // four-way-close fits any window this suite opens; lost-final-ack's labels need more rows than
        // a 500 px wide diagram has room for at any zoom (then the least zoom is kept and it scrolls)
        robot.interact(() -> c().model().loadScenario("four-way-close"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#fitButton");
        WaitForAsyncUtils.waitForFxEvents();
        SequenceDiagram d = c().diagram();
        assertTrue(d.fitProperty().get());
        double fitted = d.zoomProperty().get();
        assertTrue(d.getLayout().height() <= d.getHeight(), d.getLayout().height() + " in " + d.getHeight() + " at zoom " + fitted + ", width " + d.getWidth());

        robot.clickOn("#zoomInButton");
        assertFalse(d.fitProperty().get(), "a zoom ends the fit");
        assertTrue(d.zoomProperty().get() > fitted);

        robot.clickOn("#diagram");
        robot.type(KeyCode.DIGIT0);
        assertTrue(d.fitProperty().get());
        assertEquals(fitted, d.zoomProperty().get(), fitted * 0.001, "0 fits again");

        // while fitted, another scenario is fitted too
        robot.interact(() -> c().model().loadScenario("three-way-handshake"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(d.fitProperty().get());
        assertNotEquals(fitted, d.zoomProperty().get(), "the shorter exchange gets its own zoom");
        assertTrue(d.getLayout().height() <= d.getHeight());
    }
}
