package io.github.handshakelab.cli;

import java.nio.file.Path;

/** Reaches LiveCapture's package-private library search from the cli tests. */
final class LiveCaptureAccess {
    private LiveCaptureAccess() {}

    static Path find(Path dir) {
        return io.github.handshakelab.capture.LiveCaptureTestAccess.findLibrary(dir);
    }
}
