package io.github.handshakelab.capture;

import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Conversations growing as packets arrive (live capture): the same decoder, index and trace
 * builder as a file, fed one packet at a time. A trace can be built at any moment; it holds
 * what has been seen so far, states inferred from it.
 */
public final class LiveSession {

    private final String name;
    private final List<CaptureTraceBuilder> builders = new ArrayList<>();
    private final List<CaptureWarning> warnings = new ArrayList<>();
    private final List<Boolean> synFirst = new ArrayList<>();
    private final ConversationIndex.Indexer indexer;
    private long dropped;
    private long frames;

    public LiveSession(String name) {
        this.name = name;
        this.indexer = new ConversationIndex.Indexer((stream, fromClient, p, v) -> {
            while (builders.size() <= stream) {
                builders.add(new CaptureTraceBuilder(builders.size()));
                synFirst.add((v.flags & TcpFlags.SYN) != 0);
            }
            builders.get(stream).onSegment(stream, fromClient, p, v);
        }, (offset, packet, message) -> {
            if (warnings.size() < CaptureReader.MAX_WARNINGS) warnings.add(new CaptureWarning(offset, packet, message));
            else dropped++;
        });
    }

    /**
     * Takes one packet: numbers it (frame numbers from 1; the offset is the frame number, so
     * warnings fall between the right segments) and indexes it. Returns its stream or -1.
     */
    public int offer(RawPacket p) {
        frames++;
        p.frame = frames;
        p.offset = frames;
        return indexer.offer(p);
    }

    public String name() { return name; }

    public long frames() { return frames; }

    public int streams() { return indexer.conversations(); }

    /** Whether stream {@code n} began with a SYN (a connection seen from its start). */
    public boolean startsWithSyn(int n) { return synFirst.get(n); }

    public Conversation conversation(int n) { return indexer.conversation(n); }

    /** Stream {@code n} as a trace of everything seen so far. */
    public Trace trace(int n) {
        return builders.get(n).build(name, indexer.conversation(n), warnings, false);
    }

    /**
     * The state each side of stream {@code n} is in now, {client, server} (null: no state inferred
     * yet): what a live listing shows for every conversation that changed. The same inference as
     * {@link #trace}, but no trace is kept: one pass over the stream's segment columns.
     */
    public TcpState[] states(int n) {
        TcpState[] last = new TcpState[2];
        builders.get(n).emit(indexer.conversation(n), warnings, false, e -> {
            if (e instanceof TraceEvent.StateChange c) last[c.endpoint() == Side.CLIENT ? 0 : 1] = c.to();
        }, null);
        return last;
    }

    public List<CaptureWarning> warnings() { return List.copyOf(warnings); }

    public IndexResult index() {
        return indexer.result(name, "live", frames, warnings, dropped, false);
    }
}
