package io.github.handshakelab.capture;

import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Our analysis flags against Wireshark's on the same file. src/test/resources/captures/
 * analysis-flags.pcap is made by analysis-flags.py beside it; the expected column is what
 * {@code tshark -r analysis-flags.pcap -T fields -e frame.number -e _ws.expert.message}
 * (TShark 4.0.17, Debian 12) printed for each frame, mapped to our names.
 */
class WiresharkAnalysisTest {

    @Test
    void sameFlagsAsTshark() throws IOException {
        Trace t = CaptureTraces.load(Path.of("src/test/resources/captures/analysis-flags.pcap"), 0);
        List<String> expected = List.of(
                "",                                         // 1 SYN
                "",                                         // 2 SYN, ACK
                "",                                         // 3 ACK
                "",                                         // 4 data 1..100
                "RETRANSMISSION",                           // 5 "This frame is a (suspected) retransmission"
                "",                                         // 6 ACK 101
                "SPURIOUS_RETRANSMISSION+RETRANSMISSION",   // 7 "spurious retransmission", "retransmission"
                "PREVIOUS_SEGMENT_NOT_CAPTURED",            // 8 "Previous segment(s) not captured"
                "OUT_OF_ORDER",                             // 9 "out-of-order segment"
                "",                                         // 10
                "DUP_ACK",                                  // 11 "Duplicate ACK (#1)"
                "WINDOW_UPDATE",                            // 12 "TCP window update"
                "ZERO_WINDOW",                              // 13 "TCP Zero Window segment"
                "ACKED_UNSEEN_SEGMENT",                     // 14 "ACKed segment that wasn't captured"
                "KEEP_ALIVE");                              // 15 "TCP keep-alive segment"
        assertEquals(expected, t.segments().stream().map(s -> String.join("+", s.analysis())).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L),
                t.segments().stream().map(TraceEvent.Segment::frame).toList());
    }

    /**
     * Stream numbers against {@code tshark -T fields -e frame.number -e tcp.stream} on
     * tcp-streams.pcap: two conversations interleaved, a tuple reused after a RST, a
     * retransmitted SYN inside a live stream, a tuple reused after both FINs, a mid-stream one.
     */
    @Test
    void sameStreamNumbersAsTshark() throws IOException {
        java.util.List<Integer> streams = new java.util.ArrayList<>();
        IndexResult r = ConversationIndex.scan(Path.of("src/test/resources/captures/tcp-streams.pcap"),
                (stream, fromClient, packet, tcp) -> streams.add(stream), null, null);
        assertEquals(List.of(0, 1, 0, 0, 1, 2, 0, 0, 0, 0, 3, 4), streams);
        assertEquals(5, r.conversations().size());
    }
}
