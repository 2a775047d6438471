package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.lab.SimLab;
import io.github.handshakelab.diagram.Palette;
import javafx.concurrent.Task;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File > Export (issue 9): every format written from the window to a temporary folder and checked. */
@ExtendWith(ApplicationExtension.class)
class ExportMenuTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Settings settings = new Settings(Preferences.userRoot().node("handshakelab-test-export"));
        settings.clear();
        Session s = new Session(new SimLab(), settings, stage, Locale.ROOT, Theme.DARK);
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.Pane(), 1400, 900));
        Windows.show(stage, s);
        stage.show();
    }

    private MainController c() {
        return Windows.controller(stage);
    }

    private Path export(FxRobot robot, ExportMenu.Format f, Path file, boolean visible) throws Exception {
        Task<Path>[] task = new Task[1];
        robot.interact(() -> task[0] = ExportMenu.exportTo(c(), f, file, visible));
        Path written = task[0].get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return written;
    }

    @Test
    void everyFormatIsInTheFileMenu() {
        Menu file = c().menuBar().getMenus().get(0);
        Menu export = (Menu) file.getItems().stream().filter(i -> "exportMenu".equals(i.getId())).findFirst().orElseThrow();
        List<String> ids = export.getItems().stream().map(MenuItem::getId).filter(id -> id != null).toList();
        for (ExportMenu.Format f : ExportMenu.Format.values()) assertTrue(ids.contains("export" + f.name()), f.name());
        assertTrue(file.getItems().stream().anyMatch(i -> "copyDiagram".equals(i.getId()) && i.getAccelerator() != null));
    }

    @Test
    void exportsEachFormatInTheWindowsThemeAndNumbers(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> {
            c().model().loadScenario("lost-final-ack");
            c().model().absoluteProperty().set(true);
        });
        var trace = c().model().getTrace();

        Path png1 = export(robot, ExportMenu.Format.PNG1, dir.resolve("d.png"), false);
        Path png2 = export(robot, ExportMenu.Format.PNG2, dir.resolve("d@2x.png"), false);
        BufferedImage one = ImageIO.read(png1.toFile()), two = ImageIO.read(png2.toFile());
        assertEquals(2 * one.getWidth(), two.getWidth());
        assertEquals(2 * one.getHeight(), two.getHeight());
        assertEquals(860, one.getWidth());
        // the window's dark theme, not the CLI's white page
        assertEquals(Integer.parseInt(Palette.DARK.background().substring(1), 16), one.getRGB(2, one.getHeight() - 2) & 0xffffff);

        Path visible = export(robot, ExportMenu.Format.PNG1, dir.resolve("visible.png"), true);
        BufferedImage v = ImageIO.read(visible.toFile());
        assertEquals((int) c().diagram().getWidth(), v.getWidth());
        assertEquals((int) c().diagram().getHeight(), v.getHeight());

        Path svg = export(robot, ExportMenu.Format.SVG, dir.resolve("d.svg"), false);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        String svgText = Files.readString(svg);
        assertTrue(svgText.contains(Palette.DARK.background()), "dark background in the SVG");
        // absolute numbers, as the window shows them
        long isn = trace.segments().get(0).seqAbs();
        assertTrue(svgText.contains("seq=" + isn), "absolute seq " + isn);

        String puml = Files.readString(export(robot, ExportMenu.Format.PUML, dir.resolve("d.puml"), false));
        assertTrue(puml.startsWith("@startuml") && puml.contains("seq=" + isn), puml.substring(0, 80));
        String mmd = Files.readString(export(robot, ExportMenu.Format.MERMAID, dir.resolve("d.mmd"), false));
        assertTrue(mmd.startsWith("sequenceDiagram"), mmd.substring(0, 40));
        String txt = Files.readString(export(robot, ExportMenu.Format.TXT, dir.resolve("d.txt"), false), StandardCharsets.UTF_8);
        assertTrue(txt.contains("TIME_WAIT"));
        String json = Files.readString(export(robot, ExportMenu.Format.JSON, dir.resolve("d.json"), false));
        assertTrue(io.github.handshakelab.testutil.Schemas.problems("trace", json).isEmpty());

        Path gif = export(robot, ExportMenu.Format.GIF, dir.resolve("d.gif"), false);
        ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            r.setInput(in);
            var o = io.github.handshakelab.export.GifExport.Options.defaults();
            int frames = r.getNumImages(true);
            assertTrue(frames > 20 && frames <= io.github.handshakelab.export.GifExport.frameTimes(trace, o).length, "frames " + frames);
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".part")), "no temporary file left");
        }
        assertTrue(c().model().statusProperty().get().contains("d.gif"), c().model().statusProperty().get());
    }

    @Test
    void anExistingFileIsNotReplacedWithoutAsking(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> c().model().loadScenario("three-way-handshake"));
        Path f = Files.writeString(dir.resolve("keep.txt"), "mine");
        robot.interact(() -> { }); // settle
        javafx.application.Platform.runLater(() -> ExportMenu.exportTo(c(), ExportMenu.Format.TXT, f, false));
        WaitForAsyncUtils.waitForFxEvents();
        // The question is asked; Cancel (the default button) keeps the file.
        assertNotNull(robot.lookup(".dialog-pane").tryQuery().orElse(null), "a confirmation is shown");
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("mine", Files.readString(f));
    }

    @Test
    void anUnwritableFolderSaysWhy(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> c().model().loadScenario("three-way-handshake"));
        Path missing = dir.resolve("no-such-folder").resolve("d.txt");
        Task<Path>[] task = new Task[1];
        robot.interact(() -> task[0] = ExportMenu.exportTo(c(), ExportMenu.Format.TXT, missing, false));
        try {
            task[0].get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
            // reported in the window
        }
        WaitForAsyncUtils.waitForFxEvents();
        var pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertEquals("Could not write " + missing + ": the folder does not exist", pane.getContentText());
        assertFalse(Files.exists(missing));
        robot.interact(() -> ((javafx.stage.Stage) pane.getScene().getWindow()).close());
        assertNull(null);
    }
}
