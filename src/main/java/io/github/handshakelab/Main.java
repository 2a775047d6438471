package io.github.handshakelab;

import io.github.handshakelab.cli.Cli;

/**
 * Entry point of {@code handshake-lab.jar}: no arguments or a capture file open the window,
 * a subcommand runs headless (DESIGN §5). This class must not extend or touch JavaFX types, so
 * that the shaded jar starts without a module path and the CLI runs without a display.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (Cli.opensWindow(args)) {
            int status = io.github.handshakelab.app.AppLauncher.launch(args);
            if (status != 0) System.exit(status);
            return;
        }
        System.exit(Cli.run(args));
    }
}
