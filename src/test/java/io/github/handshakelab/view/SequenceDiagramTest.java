package io.github.handshakelab.view;

import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.diagram.TraceFixtures;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The diagram control: spacing, fit zoom, and long traces laid out off the FX thread. */
@ExtendWith(ApplicationExtension.class)
class SequenceDiagramTest {

    private SequenceDiagram d;
    private Stage stage;

    /** A stage of its own: these tests resize it, and the primary stage is shared with later test classes. */
    @Start
    void start(Stage primary) {
        stage = new Stage();
        d = new SequenceDiagram();
        stage.setScene(new Scene(new StackPane(d), 900, 650));
        stage.show();
    }

    @org.junit.jupiter.api.AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> stage.close());
    }

    private DiagramLayout waitForLayout() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> d.getLayout() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return d.getLayout();
    }

    @Test
    void followingThePlayheadNeverCutsALabelAtTheTopEdge(FxRobot robot) throws Exception {
        // the projector's type in a short diagram, so the playhead leaves the view often
        robot.interact(() -> { stage.setWidth(640); stage.setHeight(420); d.themeProperty().set(Theme.PROJECTOR); });
        WaitForAsyncUtils.waitForFxEvents();
        var bar = (javafx.scene.control.ScrollBar) d.lookup(".scroll-bar");
        var canvas = (javafx.scene.canvas.Canvas) d.lookupAll("*").stream().filter(n -> n instanceof javafx.scene.canvas.Canvas).findFirst().orElseThrow();
        List<String> cuts = new java.util.ArrayList<>();
        int[] scrolls = {0};
        for (String id : Scenarios.ids()) {
            Trace t = Simulator.run(Scenarios.byId(id).orElseThrow());
            robot.interact(() -> { d.setTrace(t); d.playheadProperty().set(0); });
            waitForLayout();
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> {
                DiagramLayout l = d.getLayout();
                // each instant a segment is sent or arrives, as playing passes them (the follow scrolls at once)
                java.util.TreeSet<Long> instants = new java.util.TreeSet<>();
                for (TraceEvent e : t.events()) {
                    if (e instanceof TraceEvent.Segment s) { instants.add(s.sent()); if (s.arrived() >= 0) instants.add(s.arrived()); }
                }
                for (long at : instants) {
                    double before = bar.getValue();
                    d.playheadProperty().set(at);
                    double top = bar.getValue();
                    // (scrolled to either end of the diagram there may be no clear place)
                    if (top == before || top <= 0 || top + canvas.getHeight() >= l.height() - 0.5) continue;
                    scrolls[0]++;
                    for (DiagramLayout.Arrow a : l.arrowsIn(top - 300, top + 300)) {
                        if (a.label().cutAt(top)) cuts.add(id + " at " + at + ": " + l.labelLines(a).main());
                    }
                    for (DiagramLayout.StateBand sb : l.bandsIn(top - 300, top + 300)) {
                        if (sb.label().cutAt(top)) cuts.add(id + " at " + at + ": " + sb.state());
                    }
                }
            });
        }
        assertEquals(List.of(), cuts, "labels cut by the top edge");
        assertTrue(scrolls[0] >= 20, "the view followed the playhead down: " + scrolls[0]);
    }

    @Test
    void capturesAreSpacedByOrderUnlessTheUserChoosesTime(FxRobot robot) throws Exception {
        Trace t = CaptureTraces.load(Path.of("resources/captures/simultaneous-close.pcap"), null);
        robot.interact(() -> d.setTrace(t));
        assertEquals(DiagramLayout.Spacing.ORDER, waitForLayout().spacing());
        robot.interact(() -> d.spacingProperty().set(DiagramLayout.Spacing.TIME));
        assertEquals(DiagramLayout.Spacing.TIME, d.getLayout().spacing());
        Trace sim = Simulator.run(Scenarios.byId("four-way-close").orElseThrow());
        robot.interact(() -> { d.spacingProperty().set(DiagramLayout.Spacing.AUTO); d.setTrace(sim); });
        assertEquals(DiagramLayout.Spacing.TIME, d.getLayout().spacing(), "simulations by time");
    }

    @Test
    void fitToHeightShowsTheWholeDiagramAndFollowsTheWindow(FxRobot robot) throws Exception {
        Trace t = Simulator.run(Scenarios.byId("lost-final-ack").orElseThrow());
        robot.interact(() -> d.setTrace(t));
        double before = waitForLayout().height();
        assertTrue(before > canvasHeight(), "taller than the window at zoom 1: " + before);
        robot.interact(d::fitToHeight);
        assertTrue(d.fitProperty().get());
        assertTrue(d.zoomProperty().get() < 1);
        assertTrue(d.getLayout().height() <= canvasHeight() + 0.5, d.getLayout().height() + " <= " + canvasHeight());
        assertTrue(d.getLayout().height() >= canvasHeight() * 0.9, "fills it: " + d.getLayout().height());
        robot.interact(() -> stage.setHeight(stage.getHeight() + 200));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(d.getLayout().height() <= canvasHeight() + 0.5, "still fits after a resize");
        assertTrue(d.getLayout().height() >= canvasHeight() * 0.9, "and fills the taller window");
        // zooming by hand ends the fit
        robot.interact(() -> d.zoomProperty().set(1));
        assertFalse(d.fitProperty().get());
    }

    @Test
    void aFitIsKeptWhilePlayingAndMadeAgainForAnotherHeight(FxRobot robot) throws Exception {
        Trace t = Simulator.run(Scenarios.byId("lost-final-ack").orElseThrow());
        robot.interact(() -> d.setTrace(t));
        waitForLayout();
        robot.interact(d::fitToHeight);
        SequenceDiagramSkin skin = (SequenceDiagramSkin) d.getSkin();
        double fitted = d.zoomProperty().get();
        assertEquals(1, skin.fitsMade);
        // playing changes the badges and the 2MSL countdown, and each change lays the skin out again
        for (var e : t.events()) {
            robot.interact(() -> { d.playheadProperty().set(e.time()); d.layout(); });
        }
        assertEquals(1, skin.fitsMade, "the fit is not made again while nothing it depends on changed");
        assertEquals(fitted, d.zoomProperty().get());
        assertTrue(d.fitProperty().get());
        robot.interact(() -> stage.setHeight(stage.getHeight() + 150));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, skin.fitsMade, "another height, another fit");
        assertTrue(d.zoomProperty().get() > fitted, "the taller window shows it larger");
    }

    /** The drawing area: the skin's first child, below the badges. */
    private double canvasHeight() {
        return ((javafx.scene.canvas.Canvas) d.getChildrenUnmodifiable().get(0)).getHeight();
    }

    @Test
    void aLongTraceIsLaidOutOffTheFxThreadAndResizeKeepsTheOldLayoutMeanwhile(FxRobot robot) throws Exception {
        Trace big = TraceFixtures.bulk(100_000);
        robot.interact(() -> {
            d.setTrace(big);
            assertNull(d.getLayout(), "setTrace returns before the layout exists");
        });
        DiagramLayout first = waitForLayout();
        assertEquals(100_000, first.arrows().size());
        robot.interact(() -> {
            stage.setWidth(stage.getWidth() + 120);
            d.layout();
            assertSame(first, d.getLayout(), "the resize did not lay out 100,000 segments on the FX thread");
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> d.getLayout() != first);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(first.width() + 120, d.getLayout().width(), 1);
    }
}
