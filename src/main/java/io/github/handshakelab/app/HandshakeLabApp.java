package io.github.handshakelab.app;

import io.github.handshakelab.lab.SimLab;
import io.github.handshakelab.view.Session;
import io.github.handshakelab.view.Settings;
import io.github.handshakelab.view.WindowBounds;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The desktop application: the main window on the simulator, in the remembered theme and
 * language (default: the system locale), sized to the screen it opens on. A file argument
 * ({@code java -jar handshake-lab.jar FILE}) is opened like File > Open.
 */
public class HandshakeLabApp extends Application {

    @Override
    public void start(Stage stage) {
        Startup.toolkitUp();
        StartupTimes.mark("toolkit");
        // The icon of the window and the task bar (the packaged launchers carry src/packaging's copies),
        // decoded beside the window's build and given to the window once it is complete: the
        // toolkit scales it on this thread (to 128 px on Linux and macOS, 32 on Windows), about
        // 16 ms that came before the first frame.
        var icon = HandshakeLabApp.class.getResource("icon.png");
        if (icon != null) {
            Thread t = new Thread(() -> {
                var image = new javafx.scene.image.Image(icon.toExternalForm());
                Platform.runLater(() -> Windows.started(stage).thenRun(() -> Platform.runLater(() -> stage.getIcons().add(image))));
            }, "handshake-lab icon");
            t.setDaemon(true);
            t.start();
        }
        Settings settings = Settings.user();
        Session session = new Session(new SimLab(), settings, stage, Session.uiLocale(settings.language()),
                settings.theme());
        session.speed = settings.speed();
        WindowBounds.apply(stage, settings);
        Windows.show(stage, session);
        stage.setOnCloseRequest(e -> WindowBounds.save(stage, settings));
        stage.show();
        StartupTimes.mark("shown");
        // Some window managers (Openbox) replace the size asked for before showing with 200x200;
        // asking again once the window is mapped sticks.
        WindowBounds.apply(stage, settings);
        Platform.runLater(() -> WindowBounds.apply(stage, settings));
        List<String> files = getParameters().getUnnamed();
        if (files.size() == 2 && files.get(0).equals("--present")) {
            Platform.runLater(() -> {
                Windows.controller(stage).buildPanes();
                io.github.handshakelab.view.LessonsUi.of(Windows.controller(stage)).present(files.get(1));
            });
        } else if (!files.isEmpty()) Windows.controller(stage).openFile(Path.of(files.get(0)));
    }
}
