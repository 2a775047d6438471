package io.github.handshakelab.view;

import io.github.handshakelab.cli.TextLadder;
import io.github.handshakelab.diagram.Palette;
import io.github.handshakelab.export.GifExport;
import io.github.handshakelab.export.SequenceText;
import io.github.handshakelab.export.DiagramExport;
import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceJson;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.VBox;
import javafx.scene.transform.Transform;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * File > Export (issue 9): the diagram as PNG (1x, 2x, 3x), SVG, PlantUML, Mermaid, the text
 * ladder, the trace JSON or the animated GIF, in the window's theme, language and numbers
 * (relative or absolute); the whole trace, or for PNG the visible part of the diagram as shown.
 * Ctrl+C copies the diagram as an image. Files are written off the FX thread (the GIF with a
 * progress window that can cancel), into a temporary file moved in place at the end, never over
 * an existing file without asking, and a failure says why in one sentence.
 */
public final class ExportMenu {
    private ExportMenu() {}

    public enum Format {
        PNG1("png", "export.png1"), PNG2("png", "export.png2"), PNG3("png", "export.png3"), SVG("svg", "export.svg"),
        PUML("puml", "export.puml"), MERMAID("mmd", "export.mermaid"), TXT("txt", "export.txt"),
        JSON("json", "export.json"), GIF("gif", "export.gif");

        public final String extension;
        final String key;

        Format(String extension, String key) {
            this.extension = extension;
            this.key = key;
        }

        double scale() {
            return this == PNG3 ? 3 : this == PNG2 ? 2 : 1;
        }
    }

    /** Adds the Export submenu and Copy to the File menu of a new window. */
    static void install(MainController c) {
        ResourceBundle res = c.bundle();
        Menu file = c.menu("fileMenu", res.getString("menu.file"));
        Menu export = new Menu(res.getString("export.menu"));
        export.setId("exportMenu");
        CheckMenuItem visible = new CheckMenuItem(res.getString("export.visibleOnly"));
        visible.setId("exportVisibleOnly");
        for (Format f : Format.values()) {
            MenuItem item = new MenuItem(res.getString(f.key));
            item.setId("export" + f.name());
            item.setOnAction(e -> choose(c, f, visible.isSelected()));
            export.getItems().add(item);
        }
        export.getItems().addAll(new SeparatorMenuItem(), visible);
        MenuItem copy = new MenuItem(res.getString("export.copy"));
        copy.setId("copyDiagram");
        // Text fields consume their own Ctrl+C first; elsewhere it copies the diagram.
        copy.setAccelerator(KeyCombination.keyCombination("Shortcut+C"));
        copy.setOnAction(e -> copy(c, visible.isSelected()));
        int at = Math.max(0, file.getItems().indexOf(c.quitItem) - 1);
        file.getItems().addAll(at, java.util.List.of(new SeparatorMenuItem(), export, copy));
    }

    /** File chooser, then {@link #exportTo}. */
    static void choose(MainController c, Format f, boolean visibleOnly) {
        Trace t = c.model().getTrace();
        if (t == null) return;
        FileChooser fc = new FileChooser();
        fc.setTitle(c.bundle().getString("export.title"));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(c.bundle().getString(f.key), "*." + f.extension));
        String base = t.scenario() != null ? t.scenario() : "handshake-lab";
        fc.setInitialFileName(base + (f == Format.PNG2 ? "@2x" : f == Format.PNG3 ? "@3x" : "") + "." + f.extension);
        java.io.File chosen = fc.showSaveDialog(window(c));
        if (chosen != null) exportTo(c, f, chosen.toPath(), visibleOnly);
    }

    /**
     * Writes in the background after asking before replacing a file; the result is told in the
     * status line, a failure also in a message box. Returns the task (null when the user declined).
     */
    public static Task<Path> exportTo(MainController c, Format f, Path target, boolean visibleOnly) {
        ResourceBundle res = c.bundle();
        if (Files.exists(target)) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, fmt(res, "export.replace", target.getFileName()),
                    ButtonType.OK, ButtonType.CANCEL);
            ask.initOwner(window(c));
            ask.setHeaderText(null);
            ask.setTitle(res.getString("export.title"));
            ((Button) ask.getDialogPane().lookupButton(ButtonType.OK)).setText(res.getString("export.replaceButton"));
            ((Button) ask.getDialogPane().lookupButton(ButtonType.OK)).setDefaultButton(false);
            ((Button) ask.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
            if (ask.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) return null;
        }
        Task<Path> task = start(c, f, target, visibleOnly);
        Stage progress = f == Format.GIF ? progressWindow(c, task) : null;
        task.setOnSucceeded(e -> {
            if (progress != null) progress.close();
            c.model().status("export.done", target.getFileName(), target.getParent());
        });
        task.setOnCancelled(e -> {
            if (progress != null) progress.close();
            c.model().status("export.cancelled");
        });
        task.setOnFailed(e -> {
            if (progress != null) progress.close();
            String why = fmt(res, "export.failed", target, reason(res, task.getException()));
            c.model().status("export.failedShort", target.getFileName());
            Alert a = new Alert(Alert.AlertType.ERROR, why, ButtonType.OK);
            a.initOwner(window(c));
            a.setHeaderText(null);
            a.setTitle(res.getString("export.title"));
            a.show();
        });
        return task;
    }

    /** Starts writing {@code target} on a background thread, with the window's look taken now. */
    public static Task<Path> start(MainController c, Format f, Path target, boolean visibleOnly) {
        Trace trace = c.model().getTrace();
        Locale locale = c.model().locale();
        boolean absolute = c.model().absoluteProperty().get();
        Palette palette = c.session().theme.palette;
        // A snapshot must be taken on the FX thread; everything else runs in the task.
        BufferedImage shown = f.extension.equals("png") && visibleOnly ? visible(c, f.scale()) : null;
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                Path dir = target.toAbsolutePath().getParent();
                Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
                try {
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                        write(f, trace, locale, absolute, palette, shown, out, (done, total) -> {
                            updateProgress(done, total);
                            return !isCancelled();
                        });
                    }
                    if (isCancelled()) {
                        Files.deleteIfExists(tmp);
                        return null;
                    }
                    return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(tmp);
                    throw e;
                }
            }
        };
        Thread th = new Thread(task, "export-" + f.name().toLowerCase(Locale.ROOT));
        th.setDaemon(true);
        th.start();
        return task;
    }

    /** The file's bytes for a format: no JavaFX, so it runs on any thread. */
    static void write(Format f, Trace trace, Locale locale, boolean absolute, Palette palette, BufferedImage shown,
                      OutputStream out, GifExport.Progress progress) throws IOException {
        switch (f) {
            case PNG1, PNG2, PNG3 -> ImageIO.write(shown != null ? shown : DiagramExport.image(trace, palette, locale, absolute, DiagramLayout.Spacing.AUTO, f.scale()),
                    "png", out);
            case SVG -> out.write(DiagramExport.svg(trace, palette, locale, absolute, DiagramLayout.Spacing.AUTO).getBytes(StandardCharsets.UTF_8));
            case PUML -> out.write(SequenceText.render(trace, SequenceText.Dialect.PLANTUML, absolute, locale).getBytes(StandardCharsets.UTF_8));
            case MERMAID -> out.write(SequenceText.render(trace, SequenceText.Dialect.MERMAID, absolute, locale).getBytes(StandardCharsets.UTF_8));
            case TXT -> out.write(TextLadder.render(trace, locale).getBytes(StandardCharsets.UTF_8));
            case JSON -> out.write(TraceJson.write(trace).getBytes(StandardCharsets.UTF_8));
            case GIF -> GifExport.write(trace, GifExport.Options.defaults().withLook(absolute, palette, locale), out, progress);
        }
    }

    /** Ctrl+C: the diagram as an image on the clipboard (the whole trace at 2x, or what is shown). */
    static void copy(MainController c, boolean visibleOnly) {
        Trace t = c.model().getTrace();
        if (t == null) return;
        BufferedImage img = visibleOnly ? visible(c, 1)
                : DiagramExport.image(t, c.session().theme.palette, c.model().locale(), c.model().absoluteProperty().get(), DiagramLayout.Spacing.AUTO, 2);
        ClipboardContent content = new ClipboardContent();
        content.putImage(toFx(img));
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        c.model().status("export.copied", img.getWidth(), img.getHeight());
    }

    /** The diagram control as it is on screen (theme, zoom, scroll, playhead), at {@code scale}. */
    static BufferedImage visible(MainController c, double scale) {
        SnapshotParameters p = new SnapshotParameters();
        p.setTransform(Transform.scale(scale, scale));
        WritableImage fx = c.diagram().snapshot(p, null);
        int w = (int) fx.getWidth(), h = (int) fx.getHeight();
        int[] px = new int[w * h];
        fx.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, w, h, px, 0, w);
        return img;
    }

    static WritableImage toFx(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        WritableImage fx = new WritableImage(w, h);
        fx.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), img.getRGB(0, 0, w, h, null, 0, w), 0, w);
        return fx;
    }

    private static Stage progressWindow(MainController c, Task<Path> task) {
        ResourceBundle res = c.bundle();
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(320);
        bar.progressProperty().bind(task.progressProperty());
        Button cancel = new Button(res.getString("export.cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> task.cancel());
        VBox box = new VBox(10, new Label(res.getString("export.gifProgress")), bar, cancel);
        box.setPadding(new Insets(16));
        Stage s = new Stage();
        s.initOwner(window(c));
        s.initModality(Modality.WINDOW_MODAL);
        s.setTitle(res.getString("export.title"));
        s.setScene(new Scene(box));
        s.setOnCloseRequest(e -> task.cancel());
        c.onDispose(() -> Platform.runLater(s::close));
        s.show();
        return s;
    }

    /** Why a write failed, in words a teacher can act on. */
    static String reason(ResourceBundle res, Throwable e) {
        if (e instanceof AccessDeniedException) return res.getString("export.why.denied");
        if (e instanceof NoSuchFileException) return res.getString("export.why.noFolder");
        if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason();
        return e == null ? "?" : e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static String fmt(ResourceBundle res, String key, Object... args) {
        return new MessageFormat(res.getString(key), res.getLocale()).format(args);
    }

    private static Window window(MainController c) {
        return c.root().getScene() == null ? null : c.root().getScene().getWindow();
    }

    /** PNG bytes of an image (tests compare sizes). */
    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
