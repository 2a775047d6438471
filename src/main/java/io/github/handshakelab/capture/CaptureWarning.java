package io.github.handshakelab.capture;

/**
 * Something wrong in a capture that did not stop the reading, or stopped it after some packets
 * were read. {@code offset} is the byte offset in the uncompressed file, {@code packet} the
 * 1-based frame number concerned (the next frame for a truncated record), -1 when not tied to one.
 */
public record CaptureWarning(long offset, long packet, String message) {

    @Override
    public String toString() {
        return (packet > 0 ? "offset " + offset + ", packet " + packet : "offset " + offset) + ": " + message;
    }
}
