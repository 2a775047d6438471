package io.github.handshakelab.view;

import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceJson;
import javafx.scene.control.Alert;
import javafx.stage.Window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * The one place the window opens files. A trace JSON (DESIGN §4) is read here; captures go to
 * the capture module's opener (progress, cancel, conversation picker).
 */
public final class FileOpener {
    private FileOpener() {}

    public static void open(Window owner, Path file, ResourceBundle res, Consumer<Trace> onTrace) {
        open(owner, file, res, onTrace, () -> {});
    }

    /** As above; {@code onFailure} runs when the file could not be opened (not when the user cancels). */
    public static void open(Window owner, Path file, ResourceBundle res, Consumer<Trace> onTrace, Runnable onFailure) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            try {
                onTrace.accept(TraceJson.read(Files.readString(file)));
            } catch (IOException | RuntimeException e) {
                onFailure.run();
                error(owner, res, file + ": " + e.getMessage());
            }
            return;
        }
        io.github.handshakelab.view.capture.CaptureOpener.open(owner, file, res.getLocale(), onTrace, onFailure);
    }

    private static void error(Window owner, ResourceBundle res, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message);
        a.setHeaderText(res.getString("open.error"));
        if (owner != null) a.initOwner(owner);
        a.show();
    }
}
