package io.github.handshakelab.capture;

/**
 * A stream number the capture does not have: the user's mistake, not the file's, so the CLI
 * reports it as a usage error (exit 2) naming the valid range.
 */
public final class NoSuchStreamException extends CaptureException {

    private final int stream;
    private final int count;

    public NoSuchStreamException(String file, int stream, int count) {
        super(file + ": no TCP stream " + stream + "; valid streams are " + (count == 1 ? "0" : "0 to " + (count - 1)));
        this.stream = stream;
        this.count = count;
    }

    public int stream() { return stream; }

    /** Number of TCP streams in the file (valid numbers are 0 to count - 1). */
    public int count() { return count; }
}
