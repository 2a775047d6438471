package io.github.handshakelab.capture;

import java.nio.file.Path;

/** Test access to {@link LiveCapture#findLibrary}. */
public final class LiveCaptureTestAccess {
    private LiveCaptureTestAccess() {}

    public static Path findLibrary(Path dir) {
        return LiveCapture.findLibrary(new String[] {dir.toString()});
    }
}
