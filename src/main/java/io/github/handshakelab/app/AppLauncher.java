package io.github.handshakelab.app;

import javafx.application.Application;

/** Starts the JavaFX application; kept apart so {@code Main} loads no JavaFX class for the CLI. */
public final class AppLauncher {
    private AppLauncher() {}

    public static void launch(String[] args) {
        Application.launch(HandshakeLabApp.class, args);
    }
}
