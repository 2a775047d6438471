package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.trace.Trace;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A capture's note ("states inferred from the capture") sits between the two state badges: in
 * the projector theme at 1280x800 the room there is narrower than the note, which then ran under
 * the badges. Now it wraps to two lines at most, cut with an ellipsis, its full text a tooltip.
 */
@ExtendWith(ApplicationExtension.class)
class CaptureNoteTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        TestWindow.open(stage, "handshakelab-test-capture-note", Theme.PROJECTOR, 1280, 800);
    }

    private Bounds inDiagram(Node n) {
        return Windows.controller(stage).diagram().sceneToLocal(n.localToScene(n.getBoundsInLocal()));
    }

    private record Header(Label note, Bounds n, Bounds client, Bounds server, double ladderTop) {}

    private Header header() {
        SequenceDiagram d = Windows.controller(stage).diagram();
        Label note = (Label) d.lookup("#captureNote");
        Canvas canvas = (Canvas) d.getChildrenUnmodifiable().stream()
                .flatMap(n -> n instanceof javafx.scene.Parent p ? java.util.stream.Stream.concat(java.util.stream.Stream.of(n), p.getChildrenUnmodifiable().stream()) : java.util.stream.Stream.of(n))
                .filter(Canvas.class::isInstance).findFirst().orElseThrow();
        return new Header(note, inDiagram(note), inDiagram(d.lookup("#clientBadge")), inDiagram(d.lookup("#serverBadge")),
                inDiagram(canvas).getMinY());
    }

    @Test
    void theNoteWrapsBetweenTheBadgesAboveTheLadderOrIsLeftOutWhenTheyTouch(FxRobot robot) throws Exception {
        Path file = Path.of("resources/captures/handshake-data-close.pcap");
        Trace cap = CaptureTraces.load(file, null);
        robot.interact(() -> Windows.controller(stage).model().showFile(cap, file));
        WaitForAsyncUtils.waitForFxEvents();

        // a narrower window: the badges nearly touch, no room, the note is left out
        robot.interact(() -> stage.setWidth(1000));
        WaitForAsyncUtils.waitForFxEvents();
        Header h = header();
        assertTrue(h.server().getMinX() - h.client().getMaxX() < 3 * h.note().getFont().getSize(),
                "the case under test: " + h.client() + " " + h.server());
        assertFalse(h.note().isVisible());
        assertEquals("Capture: states inferred from the capture", h.note().getText());
        assertEquals(h.note().getText(), h.note().getTooltip().getText(), "the full text is the tooltip");

        // 1280 px without the library: room for part of it, wrapped to two lines between the badges
        robot.interact(() -> stage.setWidth(1280));
        robot.interact(() -> ((javafx.scene.control.CheckMenuItem) Windows.controller(stage).menuBar().getMenus().stream()
                .flatMap(m -> m.getItems().stream()).filter(mi -> "libraryItem".equals(mi.getId())).findFirst().orElseThrow()).setSelected(false));
        WaitForAsyncUtils.waitForFxEvents();
        h = header();
        double room = h.server().getMinX() - h.client().getMaxX();
        assertTrue(h.note().isVisible());
        assertTrue(h.note().prefWidth(-1) > room, "the case under test: the note is wider than the room, " + room);
        assertFalse(h.n().intersects(h.client()), "note " + h.n() + " under the client's badge " + h.client());
        assertFalse(h.n().intersects(h.server()), "note " + h.n() + " under the server's badge " + h.server());
        assertTrue(h.n().getMaxY() <= h.ladderTop(), "note " + h.n() + " runs into the ladder at " + h.ladderTop());
        assertTrue(h.n().getHeight() <= 2 * h.note().prefHeight(-1) + 0.5, "two lines at most: " + h.n().getHeight());
    }

    /**
     * In the projector's type at 1280x800 both badges read ESTABLISHED once the handshake is done,
     * each wider than half the room between the lifelines: they met over the middle. Each moves out
     * from its lifeline now, still over it, inside the diagram, with a gap between them.
     */
    @Test
    void twoWideBadgesKeepAGapAndStayOverTheirLifelines(FxRobot robot) {
        robot.interact(() -> {
            Windows.controller(stage).model().loadScenario("three-way-handshake");
            Windows.controller(stage).model().setPlayhead(Long.MAX_VALUE / 4);
        });
        WaitForAsyncUtils.waitForFxEvents();
        SequenceDiagram d = Windows.controller(stage).diagram();
        Label client = (Label) d.lookup("#clientBadge"), server = (Label) d.lookup("#serverBadge");
        assertEquals("ESTABLISHED", client.getText());
        assertEquals("ESTABLISHED", server.getText());
        io.github.handshakelab.diagram.DiagramLayout l = d.layoutProperty().get();
        double cx = l.x(io.github.handshakelab.trace.Side.CLIENT), sx = l.x(io.github.handshakelab.trace.Side.SERVER);
        Bounds c = inDiagram(client), s = inDiagram(server);
        assertTrue(c.getWidth() / 2 + s.getWidth() / 2 > sx - cx, "the case under test: " + c + " " + s + " over " + cx + ", " + sx);
        assertTrue(s.getMinX() - c.getMaxX() >= 12 - 0.5, "gap between " + c + " and " + s);
        assertTrue(c.getMinX() <= cx && cx <= c.getMaxX(), "client badge " + c + " over its lifeline " + cx);
        assertTrue(s.getMinX() <= sx && sx <= s.getMaxX(), "server badge " + s + " over its lifeline " + sx);
        assertTrue(c.getMinX() >= 0 && s.getMaxX() <= d.getWidth(), c + " " + s + " inside " + d.getWidth());
    }
}
