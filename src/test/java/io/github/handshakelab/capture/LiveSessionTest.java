package io.github.handshakelab.capture;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The live listing's state column comes from {@link LiveSession#states} without a trace: it must say what the trace says. */
class LiveSessionTest {

    @ParameterizedTest
    @ValueSource(strings = {"resources/captures/simultaneous-close.pcap", "resources/captures/rst-closed-port.pcap",
            "resources/captures/half-close-with-data.pcap", "src/test/resources/captures/tcp-streams.pcap",
            "src/test/resources/captures/qa2/fin-retrans.pcap"})
    void statesAfterEveryPacketAreTheTracesLastStates(String file) throws Exception {
        LiveSession session = new LiveSession("script");
        int checked = 0;
        try (CaptureReader r = CaptureReader.open(Path.of(file))) {
            RawPacket p = new RawPacket();
            while (r.next(p)) {
                session.offer(p);
                for (int n = 0; n < session.streams(); n++) {
                    Trace t = session.trace(n);
                    TcpState[] now = session.states(n);
                    for (Side side : Side.values()) {
                        List<TcpState> seq = t.stateSequence(side);
                        assertEquals(seq.isEmpty() ? null : seq.get(seq.size() - 1), now[side == Side.CLIENT ? 0 : 1],
                                file + " stream " + n + " after frame " + session.frames() + ", " + side);
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked >= 2, "checked " + checked);
    }
}
