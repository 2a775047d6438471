package io.github.handshakelab.capture;

import io.github.handshakelab.trace.Trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The entry point the CLI ({@code render --capture FILE [--stream N]}) and the UI use to turn a
 * capture into a {@link Trace}. One pass over the file: the index and the chosen stream's
 * segments come out of the same scan, so stream numbers always agree with {@code conversations}.
 */
public final class CaptureTraces {

    private CaptureTraces() {}

    /** A built trace with the conversation it shows and the file's index. */
    public record Loaded(Trace trace, Conversation conversation, IndexResult index) {}

    /**
     * Loads one conversation as a trace. {@code stream} null picks the first conversation that
     * starts with a SYN (else stream 0).
     *
     * @throws IOException with a one-line message for an unreadable file, a file without TCP
     *                     conversations, or an unknown stream (listing the valid ones)
     */
    public static Trace load(Path file, Integer stream) throws IOException {
        return loadDetailed(file, stream, null, null).trace();
    }

    /**
     * A conversation read but not yet built: its segments (kept compactly), the conversation and
     * the file's index. {@link #trace} builds the whole trace; {@link #emit} hands its events
     * out one at a time, for output that streams (a million segments).
     */
    public record Prepared(CaptureTraceBuilder builder, Conversation conversation, IndexResult index) {
        public Trace trace() {
            return builder.build(index.file(), conversation, index.warnings(), index.stoppedEarly());
        }

        /** The trace's header (source, file, endpoints) without events. */
        public Trace header() {
            return CaptureTraceBuilder.header(index.file(), conversation);
        }

        public void emit(java.util.function.Consumer<io.github.handshakelab.trace.TraceEvent> events) {
            builder.emit(conversation, index.warnings(), index.stoppedEarly(), events, null);
        }
    }

    /** As {@link #load}, with progress and cancellation for the UI, and the index as well. */
    public static Loaded loadDetailed(Path file, Integer stream, ConversationIndex.Progress progress,
                                      BooleanSupplier cancelled) throws IOException {
        Prepared p = prepare(file, stream, progress, cancelled);
        return new Loaded(p.trace(), p.conversation(), p.index());
    }

    /** Reads the file and the chosen conversation's segments; see {@link #loadDetailed}. */
    public static Prepared prepare(Path file, Integer stream, ConversationIndex.Progress progress,
                                   BooleanSupplier cancelled) throws IOException {
        FirstSynPicker picker = stream == null ? new FirstSynPicker() : null;
        CaptureTraceBuilder fixed = stream != null && stream >= 0 ? new CaptureTraceBuilder(stream) : null;
        ConversationIndex.SegmentListener listener = picker != null ? picker : fixed;
        IndexResult index = ConversationIndex.scan(file, listener, progress, cancelled);
        String name = index.file();
        List<Conversation> convs = index.conversations();
        if (convs.isEmpty()) {
            String why = index.warnings().isEmpty() ? "" : " (" + index.warnings().size() + " warning(s); first: "
                    + index.warnings().get(0) + ")";
            throw new CaptureException(name + ": no TCP conversation in " + index.packets() + " packet(s)" + why);
        }
        CaptureTraceBuilder builder;
        if (picker != null) {
            builder = picker.builder != null ? picker.builder : null;
            if (builder == null) return prepare0(file, 0, progress, cancelled);
        } else {
            if (stream < 0 || stream >= convs.size()) throw new NoSuchStreamException(name, stream, convs.size());
            builder = fixed;
        }
        return new Prepared(builder, convs.get(builder.stream()), index);
    }

    /** Builds a stream known to exist from an index already made (a second pass over the file). */
    public static Loaded load(Path file, IndexResult index, int stream, ConversationIndex.Progress progress,
                              BooleanSupplier cancelled) throws IOException {
        if (stream < 0 || stream >= index.conversations().size()) {
            throw new NoSuchStreamException(index.file(), stream, index.conversations().size());
        }
        Prepared p = prepare0(file, stream, progress, cancelled);
        return new Loaded(p.trace(), p.conversation(), p.index());
    }

    private static Prepared prepare0(Path file, int stream, ConversationIndex.Progress progress, BooleanSupplier cancelled)
            throws IOException {
        CaptureTraceBuilder b = new CaptureTraceBuilder(stream);
        IndexResult again = ConversationIndex.scan(file, b, progress, cancelled);
        if (stream >= again.conversations().size()) throw new CaptureException(again.file() + ": the file changed while it was read");
        return new Prepared(b, again.conversations().get(stream), again);
    }

    /** Follows the first stream whose first segment carries SYN, found during the same scan. */
    private static final class FirstSynPicker implements ConversationIndex.SegmentListener {
        CaptureTraceBuilder builder;
        int seenStreams;

        @Override
        public void onSegment(int stream, boolean fromClient, RawPacket packet, TcpView tcp) {
            if (builder == null && stream == seenStreams) {
                seenStreams++;
                if ((tcp.flags & io.github.handshakelab.tcp.TcpFlags.SYN) != 0) builder = new CaptureTraceBuilder(stream);
            }
            if (builder != null) builder.onSegment(stream, fromClient, packet, tcp);
        }
    }

    /** Re-thrown as is; declared so callers see that cancelling ends a load. */
    public static boolean isCancellation(Throwable t) {
        return t instanceof CancellationException;
    }
}
