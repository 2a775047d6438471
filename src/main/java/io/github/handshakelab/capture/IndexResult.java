package io.github.handshakelab.capture;

import java.util.List;

/**
 * Everything one indexing pass found: the conversations in stream order, counts, and the
 * warnings (reader and decoder) in file order. {@code droppedWarnings} counts warnings beyond
 * {@link CaptureReader#MAX_WARNINGS}. {@code stoppedEarly}: a fault (truncation, corrupt record
 * framing) ended the reading before the end of the file, so later packets are missing.
 */
public record IndexResult(String file, String format, long packets, long tcpPackets,
                          List<Conversation> conversations, List<CaptureWarning> warnings, long droppedWarnings,
                          boolean stoppedEarly) {

    /** A result read to the end of the file. */
    public IndexResult(String file, String format, long packets, long tcpPackets,
                       List<Conversation> conversations, List<CaptureWarning> warnings, long droppedWarnings) {
        this(file, format, packets, tcpPackets, conversations, warnings, droppedWarnings, false);
    }

    public IndexResult {
        conversations = List.copyOf(conversations);
        warnings = List.copyOf(warnings);
    }
}
