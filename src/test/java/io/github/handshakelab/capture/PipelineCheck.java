package io.github.handshakelab.capture;

import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs reader, index and trace builder over bytes held in memory and checks the invariants that
 * must hold for any input. The callers accept only a {@link CaptureException}: anything else is a bug.
 */
final class PipelineCheck {

    private PipelineCheck() {}

    static void run(byte[] bytes) throws IOException {
        IndexResult index;
        try (CaptureReader r = CaptureReader.open("fuzz.cap", new ByteArrayInputStream(bytes), bytes.length)) {
            index = ConversationIndex.scan(r, null, null, null);
        }
        assertTrue(index.tcpPackets() <= index.packets());
        assertTrue(index.warnings().size() <= CaptureReader.MAX_WARNINGS);
        for (Conversation c : index.conversations()) {
            assertTrue(c.packets() >= 1);
            assertEquals(c.packets(), c.packetsToServer() + c.packetsToClient());
            assertTrue(c.duration() >= 0);
        }
        int n = Math.min(3, index.conversations().size());
        for (int s = 0; s < n; s++) {
            CaptureTraceBuilder b = new CaptureTraceBuilder(s);
            IndexResult again;
            try (CaptureReader r = CaptureReader.open("fuzz.cap", new ByteArrayInputStream(bytes), bytes.length)) {
                again = ConversationIndex.scan(r, b, null, null);
            }
            assertEquals(index.conversations(), again.conversations(), "the same bytes index the same");
            Trace t = b.build("fuzz.cap", again.conversations().get(s));
            assertEquals(again.conversations().get(s).packets(), t.segments().size());
            long last = 0;
            for (TraceEvent e : t.events()) {
                assertTrue(e.time() >= last, "events in time order");
                last = e.time();
                if (e instanceof TraceEvent.Segment seg) {
                    assertTrue(seg.seq() >= 0 && seg.seq() <= 0xffffffffL);
                    assertTrue(seg.len() >= 0);
                    assertNotNull(seg.flags());
                }
                if (e instanceof TraceEvent.StateChange c) assertNotEquals(c.from(), c.to());
            }
        }
    }
}
