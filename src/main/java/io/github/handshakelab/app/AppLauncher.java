package io.github.handshakelab.app;

import javafx.application.Application;

/** Starts the JavaFX application; kept apart so {@code Main} loads no JavaFX class for the CLI. */
public final class AppLauncher {
    private AppLauncher() {}

    /**
     * Opens the window and returns when it is closed: 0, or {@link Startup#NO_WINDOW} after one
     * line on stderr when no window can be opened.
     */
    public static int launch(String[] args) {
        StartupTimes.mark("main");
        String problem = Startup.problem(System.getProperty("os.name"), System.getenv("DISPLAY"), System.getenv("WAYLAND_DISPLAY"));
        if (problem == null) {
            java.util.OptionalInt relaunched = FastStart.relaunch(args);
            if (relaunched.isPresent()) return relaunched.getAsInt();
            problem = Natives.prepare();
        }
        if (problem != null) {
            System.err.println(problem);
            return Startup.NO_WINDOW;
        }
        Prewarm.start();
        Startup.holdStderr();
        try {
            Application.launch(HandshakeLabApp.class, args);
            return 0;
        } catch (RuntimeException | LinkageError e) {
            Startup.toolkitFailed();
            if (Startup.debug()) e.printStackTrace();
            System.err.println(Startup.explain(e, System.getenv("DISPLAY")));
            return Startup.NO_WINDOW;
        }
    }
}
