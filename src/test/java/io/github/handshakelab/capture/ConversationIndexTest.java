package io.github.handshakelab.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static io.github.handshakelab.capture.Bytes.*;
import static org.junit.jupiter.api.Assertions.*;

class ConversationIndexTest {

    @TempDir
    Path dir;

    static byte[] from(int sport, int dport, int flags, long seq, long ack, int len) {
        boolean aToB = sport >= 1024;
        return eth(0x0800, ipv4(aToB ? A : B, aToB ? B : A, 6, tcp(sport, dport, seq, ack, flags, 1000, new byte[0], len)));
    }

    @Test
    void streamsInOrderOfFirstPacketAndSplitOnReuse() throws IOException {
        Bytes b = pcap(false, false, 1)
                .record(1, 0, from(40000, 80, SYN, 100, 0, 0))          // stream 0
                .record(1, 10, from(40001, 80, SYN, 500, 0, 0))         // stream 1
                .record(1, 20, from(80, 40000, SYN | ACK, 900, 101, 0))
                .record(1, 30, from(40000, 80, ACK, 101, 901, 0))
                .record(1, 40, from(80, 40001, RST | ACK, 0, 501, 0))   // stream 1 refused
                .record(2, 0, from(40001, 80, SYN, 7000, 0, 0))         // same tuple, new SYN after RST: stream 2
                .record(2, 10, from(40000, 80, SYN, 100, 0, 0))         // retransmitted SYN of a live stream: still 0
                .record(3, 0, from(40000, 80, FIN | ACK, 101, 901, 0))
                .record(3, 10, from(80, 40000, FIN | ACK, 901, 102, 0))
                .record(3, 20, from(40000, 80, ACK, 102, 902, 0));
        IndexResult r = ConversationIndex.index(write(dir, "t.pcap", b.bytes()));
        assertEquals(10, r.packets());
        assertEquals(10, r.tcpPackets());
        List<Conversation> c = r.conversations();
        assertEquals(3, c.size());
        assertEquals(List.of(40000, 40001, 40001), c.stream().map(Conversation::clientPort).toList());
        assertEquals(List.of(0, 1, 2), c.stream().map(Conversation::stream).toList());
        Conversation s0 = c.get(0);
        assertEquals(7, s0.packets());
        assertEquals(5, s0.packetsToServer());
        assertEquals(2, s0.packetsToClient());
        assertEquals(1_000_000L, s0.start());
        assertEquals(2_000_020L, s0.duration());
        assertEquals(Conversation.Opened.HANDSHAKE, s0.opened());
        assertEquals(Conversation.Closed.FIN, s0.closed());
        assertEquals(Conversation.Opened.PARTIAL, c.get(1).opened());
        assertEquals(Conversation.Closed.RST, c.get(1).closed());
        assertEquals(Conversation.Opened.PARTIAL, c.get(2).opened());
        assertEquals(Conversation.Closed.OPEN, c.get(2).closed());
        assertEquals(54 * 7, s0.bytes());
        // The trace of a stream holds exactly that stream's segments, also when a tuple was reused.
        Path file = dir.resolve("t.pcap");
        assertEquals(java.util.List.of(7000L), CaptureTraces.load(file, 2).segments().stream().map(s -> s.seqAbs()).toList());
        assertEquals(java.util.List.of(500L, 0L), CaptureTraces.load(file, 1).segments().stream().map(s -> s.seqAbs()).toList());
        assertEquals(7, CaptureTraces.load(file, 0).segments().size());
    }

    @Test
    void clientGuessedMidStreamAndFromASynAck() throws IOException {
        Bytes b = pcap(false, false, 1)
                .record(1, 0, from(80, 40000, PSH | ACK, 5000, 300, 10))   // mid-stream, from the server
                .record(1, 5, from(40000, 80, ACK, 300, 5010, 0))
                .record(2, 0, from(443, 50000, SYN | ACK, 1, 2, 0));       // SYN not captured
        IndexResult r = ConversationIndex.index(write(dir, "t.pcap", b.bytes()));
        Conversation mid = r.conversations().get(0);
        assertTrue(mid.clientGuessed());
        assertEquals("10.0.0.1:40000", mid.client()); // the higher, ephemeral port
        assertEquals(Conversation.Opened.MIDSTREAM, mid.opened());
        assertEquals(Conversation.Closed.OPEN, mid.closed());
        assertEquals(1, mid.packetsToServer());
        Conversation synAck = r.conversations().get(1);
        assertFalse(synAck.clientGuessed());
        assertEquals("10.0.0.1:50000", synAck.client());
        assertEquals(Conversation.Opened.PARTIAL, synAck.opened());
    }

    @Test
    void progressReachesTheTotalAndCancellationStops() throws IOException {
        Bytes b = pcap(false, false, 1);
        for (int i = 0; i < 30_000; i++) b.record(1, i, from(40000 + (i % 1000), 80, SYN, i, 0, 0));
        Path p = write(dir, "big.pcap", b.bytes());
        List<long[]> calls = new ArrayList<>();
        IndexResult r = ConversationIndex.index(p, (done, total) -> calls.add(new long[]{done, total}), () -> false);
        assertEquals(1000, r.conversations().size());
        long size = java.nio.file.Files.size(p);
        assertArrayEquals(new long[]{size, size}, calls.get(calls.size() - 1));
        assertTrue(calls.size() >= 2);
        int[] polls = {0};
        assertThrows(CancellationException.class, () -> ConversationIndex.index(p, null, () -> ++polls[0] > 1));
    }

    @Test
    void loadErrorsNameTheFileAndTheValidStreams() throws IOException {
        Path p = write(dir, "t.pcap", pcap(false, false, 1)
                .record(1, 0, from(40000, 80, SYN, 1, 0, 0)).record(1, 1, from(40001, 80, SYN, 1, 0, 0)).bytes());
        CaptureException e = assertThrows(CaptureException.class, () -> CaptureTraces.load(p, 5));
        assertEquals("t.pcap: no TCP stream 5; valid streams are 0 to 1", e.getMessage());
        assertEquals(40001, CaptureTraces.load(p, 1).client().port());
        Path udp = write(dir, "u.pcap", pcap(false, false, 1).record(1, 0, eth(0x0800, ipv4(A, B, 17, new byte[8]))).bytes());
        CaptureException none = assertThrows(CaptureException.class, () -> CaptureTraces.load(udp, null));
        assertEquals("u.pcap: no TCP conversation in 1 packet(s)", none.getMessage());
    }

    @Test
    void defaultStreamIsTheFirstWithASyn() throws IOException {
        Path p = write(dir, "t.pcap", pcap(false, false, 1)
                .record(1, 0, from(40000, 80, ACK, 1, 1, 0))    // stream 0: mid-stream
                .record(1, 1, from(40001, 80, SYN, 1, 0, 0))    // stream 1: the first with a SYN
                .record(1, 2, from(40002, 80, SYN, 1, 0, 0)).bytes());
        assertEquals(40001, CaptureTraces.load(p, null).client().port());
        Path mid = write(dir, "m.pcap", pcap(false, false, 1).record(1, 0, from(40000, 80, ACK, 1, 1, 0)).bytes());
        assertEquals(40000, CaptureTraces.load(mid, null).client().port()); // none with a SYN: stream 0
    }
}
