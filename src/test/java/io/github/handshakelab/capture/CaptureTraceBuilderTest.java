package io.github.handshakelab.capture;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.github.handshakelab.capture.Bytes.*;
import static io.github.handshakelab.tcp.TcpState.*;
import static org.junit.jupiter.api.Assertions.*;

/** Wireshark-style analysis flags, window scaling, mid-stream starts, on hand-made segment sequences. */
class CaptureTraceBuilderTest {

    @TempDir
    Path dir;

    static final long C_ISN = 1000, S_ISN = 5000;

    /** A capture: handshake then {@code rest}; each element is {timeMicros, fromServer(0/1), flags, seqRel, ackRel, len, window}. */
    Trace trace(long[]... rest) throws IOException {
        Bytes b = pcap(false, false, 1)
                .record(0, 0, seg(false, SYN, C_ISN, 0, 0))
                .record(0, 10, seg(true, SYN | ACK, S_ISN, C_ISN + 1, 0))
                .record(0, 20, seg(false, ACK, C_ISN + 1, S_ISN + 1, 0));
        for (long[] r : rest) {
            boolean fromB = r[1] == 1;
            long seq = (fromB ? S_ISN : C_ISN) + r[3], ack = (fromB ? C_ISN : S_ISN) + r[4];
            b.record(r[0] / 1_000_000, r[0] % 1_000_000, seg(fromB, (int) r[2], seq, ack, (int) r[6], new byte[0], (int) r[5]));
        }
        return CaptureTraces.load(write(dir, "t.pcap", b.bytes()), 0);
    }

    static List<String> analysis(Trace t) {
        return t.segments().stream().skip(3).map(s -> String.join("+", s.analysis())).toList();
    }

    @Test
    void retransmissionAndSpuriousRetransmission() throws IOException {
        Trace t = trace(
                new long[]{1_000, 0, PSH | ACK, 1, 1, 100, 1000},
                new long[]{300_000, 0, PSH | ACK, 1, 1, 100, 1000},     // same bytes 0.3 s later, not yet acked
                new long[]{310_000, 1, ACK, 1, 101, 0, 1000},
                new long[]{600_000, 0, PSH | ACK, 1, 1, 100, 1000});    // already acked: spurious
        assertEquals(List.of("", "RETRANSMISSION", "", "SPURIOUS_RETRANSMISSION+RETRANSMISSION"), analysis(t));
        assertTrue(t.segments().get(4).retransmission());
        assertEquals("capture.explain.seq.retrans", t.segments().get(4).explain().get(0).key());
        assertEquals(List.of("1", "101"), t.segments().get(4).explain().get(0).args());
        assertFalse(t.segments().get(3).retransmission());
    }

    @Test
    void gapThenOutOfOrder() throws IOException {
        Trace t = trace(
                new long[]{1_000, 0, PSH | ACK, 1, 1, 100, 1000},
                new long[]{2_000, 0, PSH | ACK, 201, 1, 100, 1000},     // 101..200 missing
                new long[]{2_500, 0, PSH | ACK, 101, 1, 100, 1000});    // arrives 0.5 ms later: out of order
        assertEquals(List.of("", "PREVIOUS_SEGMENT_NOT_CAPTURED", "OUT_OF_ORDER"), analysis(t));
        assertEquals("capture.explain.seq.gap", t.segments().get(4).explain().get(0).key());
        assertEquals(List.of("201", "101", "100"), t.segments().get(4).explain().get(0).args());
        assertEquals("capture.explain.seq.ooo", t.segments().get(5).explain().get(0).key());
        assertEquals(List.of("101", "301"), t.segments().get(5).explain().get(0).args());
        assertFalse(t.segments().get(5).retransmission());
    }

    @Test
    void dupAckWindowUpdateZeroWindowAckedUnseenKeepAlive() throws IOException {
        Trace t = trace(
                new long[]{1_000, 0, PSH | ACK, 1, 1, 100, 1000},
                new long[]{2_000, 1, ACK, 1, 101, 0, 1000},
                new long[]{3_000, 1, ACK, 1, 101, 0, 1000},             // same ack, same window
                new long[]{4_000, 1, ACK, 1, 101, 0, 2000},             // only the window changed
                new long[]{5_000, 1, ACK, 1, 101, 0, 0},                // receiver full
                new long[]{6_000, 1, ACK, 1, 5001, 0, 2000},            // acks bytes the capture never saw
                new long[]{9_000_000, 0, ACK, 100, 1, 0, 1000});        // one below the next seq, no data
        assertEquals(List.of("", "", "DUP_ACK", "WINDOW_UPDATE", "ZERO_WINDOW", "ACKED_UNSEEN_SEGMENT", "KEEP_ALIVE"),
                analysis(t));
    }

    @Test
    void windowScalingOnlyWhenBothSynsCarryIt() throws IOException {
        byte[] ws7 = {1, 3, 3, 7};
        Bytes b = pcap(false, false, 1)
                .record(0, 0, seg(false, SYN, 1, 0, 1000, ws7, 0))
                .record(0, 1, seg(true, SYN | ACK, 9, 2, 2000, ws7, 0))
                .record(0, 2, seg(false, ACK, 2, 10, 100, new byte[0], 0));
        Trace t = CaptureTraces.load(write(dir, "ws.pcap", b.bytes()), 0);
        assertEquals(List.of(1000, 2000, 100 << 7), t.segments().stream().map(TraceEvent.Segment::window).toList());
        assertEquals(List.of("WS=7"), t.segments().get(0).options());
        Bytes one = pcap(false, false, 1)
                .record(0, 0, seg(false, SYN, 1, 0, 1000, ws7, 0))
                .record(0, 1, seg(true, SYN | ACK, 9, 2, 2000, new byte[0], 0))
                .record(0, 2, seg(false, ACK, 2, 10, 100, new byte[0], 0));
        Trace u = CaptureTraces.load(write(dir, "ws1.pcap", one.bytes()), 0);
        assertEquals(100, u.segments().get(2).window());
    }

    @Test
    void midStreamStartsEstablishedWithWiresharkRelativeNumbers() throws IOException {
        Bytes b = pcap(false, false, 1)
                .record(5, 0, seg(false, PSH | ACK, 77_000, 99_000, 10))
                .record(5, 100, seg(true, ACK, 99_000, 77_010, 0))
                .record(6, 0, seg(false, FIN | ACK, 77_010, 99_000, 0))
                .record(6, 100, seg(true, FIN | ACK, 99_000, 77_011, 0))
                .record(6, 200, seg(false, ACK, 77_011, 99_001, 0));
        Trace t = CaptureTraces.load(write(dir, "mid.pcap", b.bytes()), null);
        assertEquals(List.of("1/1", "1/11", "11/1", "1/12", "12/2"),
                t.segments().stream().map(s -> s.seq() + "/" + s.ack()).toList());
        assertEquals(List.of(CLOSED, ESTABLISHED, FIN_WAIT_1, TIME_WAIT), t.stateSequence(Side.CLIENT)); // FIN+ACK of its FIN
        assertEquals(List.of(CLOSED, ESTABLISHED, CLOSE_WAIT, LAST_ACK, CLOSED), t.stateSequence(Side.SERVER));
        assertEquals(ESTABLISHED, t.stateAt(Side.CLIENT, 0));
        assertEquals(List.of(0L, 100L, 1_000_000L, 1_000_100L, 1_000_200L), t.segments().stream().map(TraceEvent.Segment::sent).toList());
        assertTrue(t.events().get(0) instanceof TraceEvent.Note);
    }

    @Test
    void threeSegmentCloseGoesFromFinWait1StraightToTimeWait() throws IOException {
        Trace t = trace(
                new long[]{1_000, 0, FIN | ACK, 1, 1, 0, 1000},
                new long[]{2_000, 1, FIN | ACK, 1, 2, 0, 1000},         // FIN and the ACK of the client's FIN together
                new long[]{3_000, 0, ACK, 2, 2, 0, 1000});
        assertEquals(List.of(CLOSED, SYN_SENT, ESTABLISHED, FIN_WAIT_1, TIME_WAIT), t.stateSequence(Side.CLIENT));
        assertEquals(List.of(LISTEN, SYN_RCVD, ESTABLISHED, CLOSE_WAIT, LAST_ACK, CLOSED), t.stateSequence(Side.SERVER));
        TraceEvent.StateChange tw = t.stateChanges(Side.CLIENT).get(3);
        assertEquals("FIN, ACK", tw.cause());
        assertEquals(2_000, tw.t());
    }

    @Test
    void resetMidConnectionClosesBothSides() throws IOException {
        Trace t = trace(new long[]{1_000, 1, RST | ACK, 1, 1, 0, 0});
        assertEquals(List.of(CLOSED, SYN_SENT, ESTABLISHED, CLOSED), t.stateSequence(Side.CLIENT));
        assertEquals(List.of(LISTEN, SYN_RCVD, ESTABLISHED, CLOSED), t.stateSequence(Side.SERVER));
        assertEquals(List.of(""), analysis(t)); // a RST's zero window is not a ZERO_WINDOW
    }

    @Test
    void explanationsRenderInBothLanguages() throws IOException {
        Trace t = trace(new long[]{1_000, 0, PSH | ACK, 1, 1, 100, 1000});
        for (TraceEvent.Segment s : t.segments()) {
            for (var e : s.explain()) {
                String en = e.render(java.util.Locale.ROOT), zh = e.render(java.util.Locale.SIMPLIFIED_CHINESE);
                assertFalse(en.contains("{"), en);
                assertFalse(zh.contains("{"), zh);
                assertNotEquals(en, zh);
            }
        }
        assertEquals("It carries 100 bytes of data: relative sequence numbers 1 to 100.",
                t.segments().get(3).explain().get(1).english());
    }

    @Test
    void severalSegmentsCrossingAResetCloseAfterTheLast() throws IOException {
        Trace t = trace(
                new long[]{1_000, 1, RST | ACK, 1, 1, 0, 0},           // #4 server resets
                new long[]{1_100, 0, PSH | ACK, 1, 1, 10, 1000},       // #5, #6: the client's data was on its way
                new long[]{1_200, 0, PSH | ACK, 11, 1, 10, 1000},
                new long[]{1_300, 1, RST, 1, 0, 0, 0});                // #7 the server answers one of them
        List<TraceEvent> ev = t.events();
        TraceEvent.Note note = (TraceEvent.Note) ev.stream().filter(e -> e instanceof TraceEvent.Note).findFirst().orElseThrow();
        assertEquals("The reset in #4 and the client's #5 to #6 crossed on the way: the client sent them while still in ESTABLISHED,"
                + " before the reset reached it; it closes when the reset arrives.", note.text().english());
        TraceEvent.StateChange close = (TraceEvent.StateChange) ev.stream()
                .filter(e -> e instanceof TraceEvent.StateChange c && c.endpoint() == Side.CLIENT && c.to() == CLOSED).findFirst().orElseThrow();
        assertEquals(ESTABLISHED, close.from());
        assertEquals(ev.indexOf(t.segments().get(5)) + 1, ev.indexOf(close)); // right after #6
        assertEquals(1, ev.stream().filter(e -> e instanceof TraceEvent.StateChange c && c.to() == CLOSED && c.endpoint() == Side.CLIENT).count());
    }

    @Test
    void fastRetransmissionNeedsTwoDupAcksInARowWithin20ms() throws IOException {
        long[][] sent = {
                {1_000, 0, PSH | ACK, 1, 1, 100, 1000}, {1_100, 0, PSH | ACK, 101, 1, 100, 1000}, {1_200, 0, PSH | ACK, 201, 1, 100, 1000},
                {2_000, 1, ACK, 1, 101, 0, 1000}, {2_100, 1, ACK, 1, 101, 0, 1000}, {2_200, 1, ACK, 1, 101, 0, 1000}};
        long[] resend = {10_000, 0, PSH | ACK, 101, 1, 100, 1000};
        Trace fast = trace(sent[0], sent[1], sent[2], sent[3], sent[4], sent[5], resend);
        assertEquals(List.of("", "", "", "", "DUP_ACK", "DUP_ACK", "FAST_RETRANSMISSION+RETRANSMISSION"), analysis(fast));
        // Data from the receiver between them ends the run of duplicates (Wireshark resets its count).
        Trace broken = trace(sent[0], sent[1], sent[2], sent[3], sent[4], new long[]{2_150, 1, PSH | ACK, 1, 101, 10, 1000}, sent[5], resend);
        assertEquals("RETRANSMISSION", analysis(broken).get(7));
        // More than 20 ms after the last duplicate ACK: a retransmission by timeout.
        Trace late = trace(sent[0], sent[1], sent[2], sent[3], sent[4], sent[5], new long[]{22_200, 0, PSH | ACK, 101, 1, 100, 1000});
        assertEquals("RETRANSMISSION", analysis(late).get(6));
    }
}
