package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.cli.LessonCommand;
import io.github.handshakelab.lesson.Lesson;
import io.github.handshakelab.lesson.LessonReader;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.PopupWindow;
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

import static org.junit.jupiter.api.Assertions.*;

/** Lessons in the real window: open, step with a clicker's keys, present, a broken file, save. */
@ExtendWith(ApplicationExtension.class)
class LessonWindowTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        LessonsUi.animationMs = 60;
        TestWindow.open(stage, "handshakelab-test-lessons");
    }

    @AfterEach
    void closeDialogs(FxRobot robot) {
        LessonsUi.animationMs = 60;
        robot.interact(() -> TestWindow.closeOthers(stage));
    }

    private MainController c() {
        return Windows.controller(stage);
    }

    private LessonsUi ui() {
        return LessonsUi.of(c());
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private void waitForPlayhead(long t) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> c().model().getPlayhead() == t);
    }

    @Test
    void openALessonAndStepItWithPageDownAndPageUp(FxRobot robot) throws Exception {
        Path file = Path.of("resources/lessons/four-way-close.json");
        Lesson lesson = LessonCommand.read(file).lesson();
        robot.interact(() -> assertTrue(ui().open(file)));
        assertEquals("four-way-close", c().model().scenarioProperty().get());
        assertTrue(robot.lookup("#lessonBand").query().isVisible());
        assertEquals("Four-way close", text(robot, "#lessonTitle"));
        assertEquals("0 / 8", text(robot, "#lessonCounter"));
        assertEquals(0, c().model().getPlayhead());

        for (int i = 0; i < lesson.steps().size(); i++) {
            robot.type(KeyCode.PAGE_DOWN);
            Lesson.Step s = lesson.steps().get(i);
            waitForPlayhead(s.at());
            assertEquals(s.caption().en(), text(robot, "#lessonCaption"));
            assertEquals((i + 1) + " / 8", text(robot, "#lessonCounter"));
            if (s.highlight() instanceof Lesson.Highlight.OfSegment h) {
                assertEquals(h.segment(), c().model().getSelection().id());
            }
            boolean asks = s.ask() != null;
            assertEquals(asks, robot.lookup("#lessonAsk").query().isVisible());
            if (asks) assertEquals("Ask the room: " + s.ask().en(), text(robot, "#lessonAsk"));
        }
        // past the last step nothing moves
        robot.type(KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(60_550_000, c().model().getPlayhead());
        assertEquals("8 / 8", text(robot, "#lessonCounter"));

        robot.type(KeyCode.PAGE_UP);
        waitForPlayhead(600_000);
        assertEquals("7 / 8", text(robot, "#lessonCounter"));
        assertEquals(lesson.steps().get(6).caption().en(), text(robot, "#lessonCaption"));
        robot.type(KeyCode.PAGE_UP, 2);
        waitForPlayhead(500_000);
        assertEquals("5 / 8", text(robot, "#lessonCounter"));

        // Playing or scrubbing: the caption is the last step passed.
        robot.interact(() -> c().model().setPlayhead(360_000));
        assertEquals("3 / 8", text(robot, "#lessonCounter"));
        assertEquals(lesson.steps().get(2).caption().en(), text(robot, "#lessonCaption"));

        // Another scenario ends the lesson.
        robot.interact(() -> c().model().loadScenario("lost-syn"));
        assertFalse(robot.lookup("#lessonBand").query().isVisible());
        assertNull(ui().lesson());
    }

    @Test
    void aLessonInChineseShowsChineseCaptions(FxRobot robot) throws Exception {
        robot.interact(() -> {
            c().session().locale = Locale.SIMPLIFIED_CHINESE;
            Windows.show(stage, c().session());
        });
        Path file = Path.of("resources/lessons/three-way-handshake.json");
        robot.interact(() -> assertTrue(ui().open(file)));
        assertEquals("三次握手", text(robot, "#lessonTitle"));
        // The first step is at 0 s, where the lesson opens: it is on screen at once.
        assertEquals("1 / 4", text(robot, "#lessonCounter"));
        robot.type(KeyCode.PAGE_DOWN);
        waitForPlayhead(50_000);
        assertEquals("SYN 到达：服务器进入 SYN_RCVD，回复 SYN, ACK。它发出自己的 ISN（seq=0），确认号 ack=1 = 客户端 ISN + 1，因为 SYN 占用一个序号。",
                text(robot, "#lessonCaption"));
        assertEquals("2 / 4", text(robot, "#lessonCounter"));
        // A language switch keeps the lesson and its step.
        robot.interact(() -> {
            c().session().locale = Locale.ROOT;
            Windows.show(stage, c().session());
        });
        assertEquals("2 / 4", text(robot, "#lessonCounter"));
        assertTrue(text(robot, "#lessonCaption").startsWith("The SYN arrives: the server enters SYN_RCVD"));
    }

    @Test
    void aLessonsOptionsAreTheFaultsOnScreen(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("drop.json");
        Files.writeString(file, """
                {"version": 1, "title": {"en": "Lost ACK of the FIN", "zh": "FIN 的 ACK 丢失"},
                 "scenario": "four-way-close", "options": ["--drop", "5", "--msl-s", "10"], "at": "300ms",
                 "steps": [{"at": "375ms", "caption": {"en": "lost", "zh": "丢失"}, "highlight": {"segment": 5}}]}
                """, StandardCharsets.UTF_8);
        robot.interact(() -> assertTrue(ui().open(file)));
        Trace t = c().model().getTrace();
        TraceEvent.Segment five = t.segments().stream().filter(s -> s.id() == 5).findFirst().orElseThrow();
        assertTrue(five.isDropped());
        assertEquals(300_000, c().model().getPlayhead());
        assertEquals("0 / 1", text(robot, "#lessonCounter"));
        // Reset faults goes back to the lesson as written, not to the bare library scenario.
        robot.interact(() -> c().model().change(() -> c().model().lab().resetFaults(), "status.reset"));
        assertTrue(c().model().getTrace().segments().stream().filter(s -> s.id() == 5).findFirst().orElseThrow().isDropped());
    }

    /**
     * A diagram too tall for the screen even at the least zoom: every step keeps the playhead in
     * view with room below it, though the caption band changes height from step to step (it fitted
     * the diagram again and scrolled to the top, leaving the step's segment under the band).
     */
    @Test
    void presentingATallDiagramEveryStepKeepsThePlayheadInView(FxRobot robot) throws Exception {
        // steps that jump (as Page Up always does): a running playhead would scroll back down by itself
        LessonsUi.animationMs = 0;
        robot.interact(() -> ui().open(Path.of("resources/lessons/tls12-handshake.json")));
        robot.interact(() -> ui().present());
        WaitForAsyncUtils.waitForFxEvents();
        var d = c().diagram();
        var bar = (javafx.scene.control.ScrollBar) d.lookup(".scroll-bar");
        assertTrue(bar.getMax() > 0, "taller than the screen: " + d.contentHeight());
        Lesson lesson = ui().lesson();
        int below = 0;
        for (int i = ui().index() + 1; i < lesson.steps().size(); i++) {
            long at = lesson.steps().get(i).at();
            int step = i;
            robot.type(KeyCode.PAGE_DOWN);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ui().index() == step);
            waitForPlayhead(at);
            WaitForAsyncUtils.waitForFxEvents();
            double y = d.getLayout().y(at) - bar.getValue(), h = Presentation.drawingHeight(d);
            // (at the foot of the diagram the scroll bar is at its end: the playhead may be lower)
            boolean end = bar.getValue() >= bar.getMax() - 0.5;
            assertTrue(y >= 0 && y <= (end ? h - 20 : h * 0.8 + 0.5),
                    "step " + (i + 1) + ": the playhead at " + y + " of " + h + ", scrolled " + bar.getValue() + " of " + bar.getMax());
            if (bar.getValue() > 0) below++;
        }
        assertTrue(below > 0, "the steps went down the diagram");
        robot.interact(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w instanceof PopupWindow).forEach(Window::hide));
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> !stage.isFullScreen());
    }

    @Test
    void presentationHidesThePanelsFitsTheDiagramAndAnswersTheClicker(FxRobot robot) throws Exception {
        robot.interact(() -> c().model().loadScenario("lost-final-ack"));
        assertEquals(3, c().split().getItems().size());
        robot.interact(() -> ui().present());
        assertTrue(stage.isFullScreen());
        assertEquals(List.of(c().diagramPane().diagramPane), c().split().getItems(), "only the diagram");
        assertFalse(c().menuBar().isVisible());
        assertFalse(c().diagramPane().playbackBar.isVisible());
        assertEquals(Theme.PROJECTOR, c().session().theme);
        WaitForAsyncUtils.waitForFxEvents();
        var d = c().diagram();
        double drawing = Presentation.drawingHeight(d);
        assertTrue(d.contentHeight() <= drawing && d.contentHeight() > drawing * 0.9, d.contentHeight() + " fits in " + drawing);
        // The captions sit below the diagram, never over an arrow.
        Bounds band = robot.lookup("#lessonBand").query().localToScene(robot.lookup("#lessonBand").query().getBoundsInLocal());
        Bounds diagram = d.localToScene(d.getBoundsInLocal());
        assertTrue(band.getMinY() >= diagram.getMaxY() - 0.5, band + " below " + diagram);

        // A scenario without a lesson: its moments are the steps.
        Lesson auto = ui().lesson();
        assertNotNull(auto);
        robot.type(KeyCode.PAGE_DOWN);
        waitForPlayhead(auto.steps().get(1).at());
        assertEquals("2 / " + auto.steps().size(), text(robot, "#lessonCounter"));
        robot.type(KeyCode.RIGHT);
        waitForPlayhead(auto.steps().get(2).at());
        robot.type(KeyCode.LEFT);
        waitForPlayhead(auto.steps().get(1).at());

        robot.type(KeyCode.B);
        assertEquals(0, c().root().getOpacity());
        robot.type(KeyCode.B);
        assertEquals(1, c().root().getOpacity());
        robot.type(KeyCode.L);
        assertTrue(robot.lookup("#laser").query().isVisible());
        robot.moveTo(stage.getX() + 300, stage.getY() + 200);
        robot.type(KeyCode.L);
        assertFalse(robot.lookup("#laser").query().isVisible());
        robot.type(KeyCode.P);
        assertEquals(3, c().split().getItems().size(), "panels on P");
        robot.type(KeyCode.P);
        assertEquals(1, c().split().getItems().size());

        // Headless Monocle gives a tooltip's window the keyboard (a desktop never does): the panels
        // P brought back may show one under the mouse, which would swallow the Escape.
        robot.interact(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w instanceof PopupWindow).forEach(Window::hide));
        robot.type(KeyCode.ESCAPE);
        // (the window system reports leaving full screen when it has done so: once in CI runs that took longer)
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> !stage.isFullScreen());
        assertEquals(3, c().split().getItems().size());
        assertTrue(c().menuBar().isVisible());
        assertTrue(c().diagramPane().playbackBar.isVisible());
        assertEquals(Theme.LIGHT, c().session().theme);
        assertFalse(c().root().getStyleClass().contains("presenting"));
    }

    @Test
    void aBrokenLessonShowsItsLineAndColumnAndTheWindowKeepsWorking(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> c().model().loadScenario("three-way-handshake"));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                {
                  "version": 1,
                  "title": {"en": "Broken"},
                  "scenario": "three-way-handshake",
                  "steps": [{"at": "9s", "caption": {"en": "late", "zh": "晚"}}]
                }
                """, StandardCharsets.UTF_8);
        robot.interact(() -> assertFalse(ui().open(bad)));
        String status = c().model().statusProperty().get();
        assertEquals("Lesson not opened: " + bad + ":3:12: title has no 'zh' text", status);
        TextArea problems = robot.lookup("#lessonProblems").queryAs(TextArea.class);
        assertEquals(bad + ":3:12: title has no 'zh' text\n" + bad + ":5:20: step 1 at 9s is after the end of the trace (150ms)",
                problems.getText());
        robot.interact(() -> problems.getScene().getWindow().hide());
        // The window still shows what it showed, and works.
        assertEquals("three-way-handshake", c().model().scenarioProperty().get());
        assertNull(ui().lesson());
        robot.interact(() -> c().model().loadScenario("lost-syn"));
        robot.interact(() -> c().model().setPlayhead(1_100_000));
        assertEquals("ESTABLISHED", c().model().clientStateProperty().get().name());
        robot.interact(() -> assertTrue(ui().open(Path.of("resources/lessons/lost-syn.json"))));
        assertEquals("Lost SYN", text(robot, "#lessonTitle"));
    }

    @Test
    void saveAsLessonKeepsFaultsParametersPlayheadAndSteps(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> {
            c().model().loadScenario("four-way-close");
            c().model().change(() -> c().model().lab().dropSegment(5), "status.dropped", 5);
            c().model().setPlayhead(400_000);
        });
        Path target = dir.resolve("mine.json");
        List<String> unsaved = new java.util.ArrayList<>();
        robot.interact(() -> {
            Lesson l = ui().current(new Lesson.Text("Mine", "我的"),
                    List.of(new Lesson.Step(375_000, new Lesson.Text("The ACK is lost.", "ACK 丢失。"), new Lesson.Highlight.OfSegment(5), null)),
                    target, unsaved);
            assertTrue(ui().save(l, target));
        });
        assertEquals(List.of(), unsaved);
        LessonReader.Result back = LessonCommand.read(target);
        assertEquals(List.of(), back.messages());
        assertEquals(new Lesson.Source.Simulation("four-way-close", List.of("--drop", "5")), back.lesson().source());
        assertEquals(400_000, back.lesson().at());
        assertEquals(c().model().getTrace().events(), back.trace().events());
        assertTrue(c().session().settings.recentLessons().get(0).endsWith("mine.json"));
        // A call added at the playhead has no option: it is said, not silently lost.
        robot.interact(() -> c().model().change(() -> c().model().lab().call(200_000, io.github.handshakelab.trace.Side.SERVER,
                io.github.handshakelab.tcp.UserCall.CLOSE, 0), "status.dropped", 0));
        List<String> unsaved2 = new java.util.ArrayList<>();
        robot.interact(() -> ui().current(new Lesson.Text("a", "甲"), List.of(), target, unsaved2));
        assertEquals(List.of("calls added at the playhead (close, send, reset now)"), unsaved2);
    }

    @Test
    void aCaptureLessonShowsTheCapture(FxRobot robot) throws Exception {
        robot.interact(() -> assertTrue(ui().open(Path.of("resources/lessons/capture-handshake-data-close.json"))));
        assertNull(c().model().scenarioProperty().get());
        assertTrue(c().model().fileProperty().get().endsWith("handshake-data-close.pcap"));
        assertEquals(11, c().model().getTrace().segments().size());
        assertEquals("1 / 11", text(robot, "#lessonCounter"));
        robot.type(KeyCode.PAGE_DOWN);
        waitForPlayhead(31);
        assertEquals(2, c().model().getSelection().id());
    }
}
