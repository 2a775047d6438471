package io.github.handshakelab.trace;

import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.capture.IndexResult;
import io.github.handshakelab.capture.ConversationIndex;
import io.github.handshakelab.diagram.TraceIndex;
import io.github.handshakelab.tcp.Tcb;
import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.text.Explanation;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A capture's trace is kept in columns ({@link CompactEvents}, {@link CompactTcbs}); it must be the
 * very trace the record form gave: same events (segments with their explanations, analysis,
 * options and payload names, states, notes), same TCB samples, same JSON, same answers from the
 * index, on every sample capture and every conversation in it.
 */
class CompactTraceTest {

    static List<Path> captures() throws Exception {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("resources/captures"), Path.of("src/test/resources/captures"))) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> p.getFileName().toString().matches(".*\\.pcap(ng)?(\\.gz)?")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void everySampleCaptureGivesTheSameTraceAsRecords() throws Exception {
        List<Path> files = captures();
        assertTrue(files.size() >= 20, "sample captures found: " + files);
        int conversations = 0, segments = 0;
        for (Path f : files) {
            IndexResult idx;
            try {
                idx = ConversationIndex.scan(f, (s, fromClient, packet, tcp) -> { }, null, null);
            } catch (java.io.IOException e) {
                continue; // a capture the reader refuses has no trace to compare
            }
            for (int stream = 0; stream < idx.conversations().size(); stream++) {
                CaptureTraces.Prepared p = CaptureTraces.prepare(f, stream, null, null);
                Trace records = p.trace();
                CompactEvents.Builder ce = new CompactEvents.Builder();
                CompactTcbs.Builder ct = new CompactTcbs.Builder();
                p.builder().emit(p.conversation(), p.index().warnings(), p.index().stoppedEarly(), ce::add, ct::add);
                Trace compact = new Trace(records.source(), records.scenario(), records.file(), records.client(), records.server(),
                        ce.build(), ct.build());
                List<TraceEvent> events = records.events();
                List<Trace.TcbSample> tcbs = records.tcbs();
                String where = f + " stream " + stream;
                assertEquals(events.size(), compact.events().size(), where);
                for (int i = 0; i < events.size(); i++) assertEquals(events.get(i), compact.events().get(i), where + " event " + i);
                assertEquals(tcbs.size(), compact.tcbs().size(), where);
                for (int i = 0; i < tcbs.size(); i++) assertEquals(tcbs.get(i), compact.tcbs().get(i), where + " TCB " + i);
                assertEquals(records, compact, where);
                assertEquals(TraceJson.write(records), TraceJson.write(compact), where);
                TraceIndex a = new TraceIndex(records), b = new TraceIndex(compact);
                assertArrayEquals(a.instants(), b.instants(), where);
                for (long t : a.instants()) {
                    for (Side side : Side.values()) {
                        assertEquals(a.stateAt(side, t), b.stateAt(side, t), where + " at " + t);
                        assertEquals(a.inferredAt(side, t), b.inferredAt(side, t), where + " at " + t);
                        assertEquals(a.tcbAt(side, t), b.tcbAt(side, t), where + " TCB at " + t);
                    }
                    assertEquals(a.segmentAt(t), b.segmentAt(t), where + " at " + t);
                }
                conversations++;
                segments += compact.segments().size();
            }
        }
        assertTrue(conversations >= 20 && segments >= 300, conversations + " conversations, " + segments + " segments");
    }

    /** A long conversation is kept in columns by the capture reader itself, and reads back the same. */
    @Test
    void aLongCaptureIsKeptInColumns(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("long.pcap");
        io.github.handshakelab.bench.ScaleBench.main(new String[]{"long", f.toString(), "12000"});
        CaptureTraces.Prepared p = CaptureTraces.prepare(f, 0, null, null);
        Trace t = p.trace();
        assertInstanceOf(CompactEvents.class, t.events());
        assertInstanceOf(CompactTcbs.class, t.tcbs());
        assertEquals(12_000 - 1, t.segments().size(), "the generator's segment count, as it reports");
        List<TraceEvent> events = new ArrayList<>();
        List<Trace.TcbSample> tcbs = new ArrayList<>();
        p.builder().emit(p.conversation(), p.index().warnings(), p.index().stoppedEarly(), events::add, tcbs::add);
        assertEquals(events, t.events());
        assertEquals(tcbs, t.tcbs());
        assertEquals(((CompactEvents) t.events()).compactSegments(), t.segments().size(), "every segment in the columns");
        TraceIndex idx = new TraceIndex(t);
        TraceEvent.Segment s = idx.segmentAt(t.endTime() / 2);
        assertSame(s, idx.segmentAt(t.endTime() / 2), "the segment a frame is on keeps its identity");
        assertEquals(s, events.get(t.events().indexOf(s)));
    }

    @Test
    void valuesTheColumnsCannotHoldAreKeptWhole() {
        Explanation text = Explanation.of("capture.explain.syn.client", "not a number", 42, -7, "007");
        TraceEvent.Segment plain = seg(1, 10, 1, 1, List.of(text), List.of("DUP_ACK"), List.of("MSS=1460", "SACK_PERM"), "TLS ClientHello");
        TraceEvent.Segment big = seg(2, 20, 1L << 40, 5, List.of(), List.of(), List.of(), null);
        TraceEvent.Segment edge = seg(3, 30, 0xFFFF_FFFEL - 1000, TraceEvent.NONE, List.of(), List.of(), List.of("TS val=1 ecr=0"), "");
        TraceEvent.Segment allOnes = seg(4, 40, 0xFFFF_FFFFL, 0, List.of(), List.of(), List.of(), null);
        TraceEvent note = new TraceEvent.Note(25, Explanation.of("capture.note.midstream"));
        TraceEvent change = new TraceEvent.StateChange(0, Side.CLIENT, TcpState.CLOSED, TcpState.SYN_SENT, "CONNECT", true);
        List<TraceEvent> in = List.of(change, plain, big, note, edge, allOnes);
        CompactEvents.Builder b = new CompactEvents.Builder();
        in.forEach(b::add);
        CompactEvents c = b.build();
        assertEquals(in, c);
        assertEquals(2, c.compactSegments(), "a 2^40 seq and the all-ones 32-bit value are kept as records");
        assertNotSame(plain, c.get(1), "made again from the columns");
        assertSame(big, c.get(2));
        assertEquals(List.of("MSS=1460", "SACK_PERM"), ((TraceEvent.Segment) c.get(1)).options());
        assertEquals(List.of("not a number", "42", "-7", "007"), ((TraceEvent.Segment) c.get(1)).explain().get(0).args());

        Trace.TcbSample s1 = new Trace.TcbSample(5, Side.SERVER, new Tcb(TcpState.SYN_RCVD, 7, -1, 7, 8, 0, 65535, 1000));
        Trace.TcbSample s2 = new Trace.TcbSample(6, Side.CLIENT, new Tcb(TcpState.ESTABLISHED, 1L << 33, 3, 4, 5, 6, 1, 2));
        CompactTcbs t = new CompactTcbs.Builder().add(s1).add(s2).build();
        assertEquals(List.of(s1, s2), t);
        assertSame(s2, t.get(1));
        assertEquals(Side.SERVER, t.side(0));
        assertEquals(6, t.time(1));
        // ISS, IRS and windows have columns only once a sample differs from its side's first one
        Trace.TcbSample c1 = new Trace.TcbSample(7, Side.CLIENT, new Tcb(TcpState.SYN_SENT, 100, -1, 100, 101, 0, 0, 64240));
        Trace.TcbSample c2 = new Trace.TcbSample(8, Side.CLIENT, new Tcb(TcpState.ESTABLISHED, 100, 500, 101, 101, 501, 65535, 64240));
        Trace.TcbSample c3 = new Trace.TcbSample(9, Side.CLIENT, new Tcb(TcpState.SYN_SENT, 900, -1, 900, 901, 0, 0, 1000));
        CompactTcbs r = new CompactTcbs.Builder(2).add(s1).add(c1).add(c2).add(s1).add(c3).build();
        assertEquals(List.of(s1, c1, c2, s1, c3), r);
    }

    private static TraceEvent.Segment seg(int id, long t, long seq, long ack, List<Explanation> ex, List<String> analysis,
                                          List<String> options, String info) {
        return new TraceEvent.Segment(id, id % 2 == 0 ? Side.SERVER : Side.CLIENT, t, t + 5, TraceEvent.NONE,
                new TcpFlags(TcpFlags.ACK | TcpFlags.PSH), seq, ack, 100, 65535, seq + 1000, ack == TraceEvent.NONE ? ack : ack + 2000,
                id == 3, ex, analysis, id == 1 ? 17 : TraceEvent.NONE, options, info);
    }
}
