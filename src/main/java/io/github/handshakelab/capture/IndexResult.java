package io.github.handshakelab.capture;

import java.util.List;

/**
 * Everything one indexing pass found: the conversations in stream order, counts, and the
 * warnings (reader and decoder) in file order. {@code droppedWarnings} counts warnings beyond
 * {@link CaptureReader#MAX_WARNINGS}.
 */
public record IndexResult(String file, String format, long packets, long tcpPackets,
                          List<Conversation> conversations, List<CaptureWarning> warnings, long droppedWarnings) {

    public IndexResult {
        conversations = List.copyOf(conversations);
        warnings = List.copyOf(warnings);
    }
}
