package io.github.handshakelab.app;

import io.github.handshakelab.view.Fonts;
import io.github.handshakelab.view.MainFrame;
import io.github.handshakelab.view.MainController;
import io.github.handshakelab.view.Panes;
import io.github.handshakelab.view.Session;
import io.github.handshakelab.view.WindowModel;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.ResourceBundle;

/**
 * Builds the main window in the session's language: its frame ({@link MainFrame}), then its panes
 * from FXML. Each build is a new scene with a new model and controllers; the window it replaces
 * is disposed first (playback stopped, its key filters and accelerators gone with its scene), so
 * keys act once after any number of language switches.
 */
public final class Windows {
    private Windows() {}

    /** The ui bundle without falling back to the system locale (English must stay English on a Chinese system). */
    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("i18n/ui", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The controller of the window now shown on {@code stage} (it changes when the language does). */
    public static MainController controller(Stage stage) {
        // Kept on the stage, not its scene's root: whoever gives the stage another scene (a test
        // sizing the window) must not leave the window it held running undisposed.
        return (MainController) stage.getProperties().get(MainController.class);
    }

    public static MainController show(Stage stage, Session session) {
        MainController old = controller(stage);
        // A rebuild (language switch) replaces the window on screen; otherwise this is a first window.
        boolean rebuild = old != null && stage.getScene() != null && stage.getScene().getRoot() == old.root();
        if (old != null) old.dispose();
        ResourceBundle res = bundle(session.locale);
        Fonts.use(session.locale);
        WindowModel model = new WindowModel(session.lab, session.locale, res);
        Panes.Loaded<MainController> w = MainFrame.build(res, model, session);
        MainController c = w.controller();
        w.root().setStyle(Fonts.use(session.locale));
        stage.getProperties().put(MainController.class, c);
        Scene previous = stage.getScene();
        // The scene has the window's size: a rebuild keeps it, the first takes the one WindowBounds gave
        // the stage (a scene without a size is laid out and drawn at its preferred size first, when the
        // window opens: a wasted layout of the whole window).
        Scene scene = previous != null && previous.getWidth() > 0 ? new Scene(w.root(), previous.getWidth(), previous.getHeight())
                : stage.getWidth() > 0 ? new Scene(w.root(), stage.getWidth(), stage.getHeight()) : new Scene(w.root());
        boolean full = stage.isFullScreen();
        stage.setScene(scene);
        if (full) stage.setFullScreen(true);
        session.rebuild = () -> show(stage, session);
        c.start(scene);
        stage.setTitle(res.getString("app.title"));
        // Only the first window of a start is built in steps; a rebuild (language switch) replaces
        // a complete window with a complete one at once.
        if (rebuild) c.buildPanes();
        else stage.getProperties().put(STARTED, new CompletableFuture<Void>());
        afterFirstFrame(scene, c);
        return c;
    }

    /**
     * Completes on the window thread when the first window of {@code stage} is complete: its first
     * frame drawn and its panes built. Work that can wait (the window's icon) waits for it.
     */
    public static CompletableFuture<Void> started(Stage stage) {
        @SuppressWarnings("unchecked")
        var f = (CompletableFuture<Void>) stage.getProperties().computeIfAbsent(STARTED, k -> new CompletableFuture<Void>());
        return f;
    }

    private static final Object STARTED = new Object();

    /**
     * Waits for the first frame that shows the diagram (laid out, with the model's trace), lets
     * one more pulse begin so that frame has gone to the renderer ({@code startup frame} for the
     * bench, which then looks at the screen itself), then builds the panes the first frame did
     * without, one part per pulse ({@link MainController#buildStep}), the first in that pulse: between the parts the
     * window thread handles the window system's events and the renderer paints, so the frame
     * appears while the library and the side tabs are still being made.
     */
    static void afterFirstFrame(Scene scene, MainController c) {
        Runnable[] self = new Runnable[1];
        int[] stage = {0};
        self[0] = () -> {
            if (c.isDisposed() || c.panesBuilt() && stage[0] == 2) {
                Platform.runLater(() -> scene.removePostLayoutPulseListener(self[0]));
                if (c.panesBuilt() && stage[0] == 2) {
                    StartupTimes.mark("panes");
                    if (scene.getWindow() instanceof Stage s) started(s).complete(null);
                    Thread t = new Thread(FastStart::archiveLater, "handshake-lab archive");
                    t.setDaemon(true);
                    t.start();
                }
                stage[0] = 3;
                return;
            }
            switch (stage[0]) {
                case 0 -> {
                    var d = c.diagram();
                    var t = c.model().getTrace();
                    if (d.getWidth() <= 0 || d.getHeight() <= 0 || (t != null && d.getTrace() != t)) return;
                    stage[0] = 1;
                }
                case 1 -> {
                    StartupTimes.mark("frame");
                    stage[0] = 2;
                    // The first part in this pulse, while the renderer paints the first frame: with its
                    // change to draw, this pulse then waits for that frame, whose pixels JavaFX's software
                    // pipeline hands to this thread's queue; the next parts come after them in it. (A part
                    // queued before them, from a pulse with nothing to draw, would keep the frame off the
                    // screen until it and the pulses after it are done.) That first part is a light one
                    // (MainController.buildStep), so the painting has the second core to itself.
                    c.buildStep();
                }
                case 2 -> Platform.runLater(c::buildStep);
                default -> { return; }
            }
            Platform.requestNextPulse();
        };
        scene.addPostLayoutPulseListener(self[0]);
    }
}
