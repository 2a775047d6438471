package io.github.handshakelab.capture;

import java.io.IOException;

/**
 * A capture file that cannot be read at all (bad header, unknown format, unsupported link type).
 * The message says what is wrong and where (file name and byte offset), ready for one line on
 * stderr or an error dialog. Problems after the first packet become {@link CaptureWarning}s
 * instead, so that the packets read before the fault stay usable.
 */
public class CaptureException extends IOException {

    private final long offset;

    public CaptureException(String file, long offset, String problem) {
        super(file + ": offset " + offset + ": " + problem);
        this.offset = offset;
    }

    public CaptureException(String message) {
        super(message);
        this.offset = -1;
    }

    /** Byte offset in the (uncompressed) file where the problem was found, or -1. */
    public long offset() {
        return offset;
    }
}
