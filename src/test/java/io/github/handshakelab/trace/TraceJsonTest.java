package io.github.handshakelab.trace;

import io.github.handshakelab.text.Explanation;
import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.testutil.Schemas;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceJsonTest {

    static Trace sample() {
        Endpoint c = new Endpoint(Side.CLIENT, "Client", "10.0.0.1", 40000);
        Endpoint s = new Endpoint(Side.SERVER, "Server", "10.0.0.2", 80);
        List<TraceEvent> events = List.of(
                new TraceEvent.User(0, Side.SERVER, UserCall.LISTEN, 0),
                new TraceEvent.StateChange(0, Side.SERVER, TcpState.CLOSED, TcpState.LISTEN, "LISTEN", false),
                new TraceEvent.Segment(1, Side.CLIENT, 0, 50000, TraceEvent.NONE, TcpFlags.of(TcpFlags.SYN),
                        0, TraceEvent.NONE, 0, 65535, 4294967295L, TraceEvent.NONE, false,
                        List.of(Explanation.of("text.plain", "seq = ISN \"quoted\": x")), List.of(), TraceEvent.NONE, List.of(), null),
                new TraceEvent.Timer(0, Side.CLIENT, TimerKind.RETRANSMISSION, TraceEvent.TimerAction.SET, 1000000));
        return new Trace(Trace.Source.SIMULATION, "three-way-handshake", null, c, s, events, List.of());
    }

    @Test
    void writesTheDesignFormExactly() {
        String expected = """
                {"version": 1, "source": "simulation", "scenario": "three-way-handshake",
                  "endpoints": [
                    {"id": "client", "label": "Client", "address": "10.0.0.1", "port": 40000},
                    {"id": "server", "label": "Server", "address": "10.0.0.2", "port": 80}],
                  "events": [
                    {"type": "user", "t": 0, "endpoint": "server", "call": "LISTEN"},
                    {"type": "state", "t": 0, "endpoint": "server", "from": "CLOSED", "to": "LISTEN", "cause": "LISTEN"},
                    {"type": "segment", "id": 1, "from": "client", "to": "server", "sent": 0, "arrived": 50000, "dropped": null, "flags": ["SYN"], "seq": 0, "ack": null, "len": 0, "window": 65535, "seqAbs": 4294967295, "ackAbs": null, "retransmission": false, "explain": "seq = ISN \\"quoted\\": x"},
                    {"type": "timer", "t": 0, "endpoint": "client", "timer": "RETRANSMISSION", "action": "SET", "expires": 1000000}
                  ]
                }
                """;
        assertEquals(expected, TraceJson.write(sample()));
    }

    @Test
    void outputValidatesAgainstTheSchemaAndReadsBackToTheSameBytes() throws Exception {
        String json = TraceJson.write(sample());
        assertEquals(Set.of(), Schemas.problems("trace", json));
        assertEquals(json, TraceJson.write(TraceJson.read(json)));
    }

    @Test
    void theSchemaCheckCatchesABrokenTrace() {
        String broken = TraceJson.write(sample()).replace("\"SYN_SENT\"", "\"SYN-SENT\"")
                .replace("\"to\": \"LISTEN\"", "\"to\": \"LISTENING\"");
        assertTrue(!Schemas.problems("trace", broken).isEmpty(), "an unknown state must fail validation");
    }

    @Test
    void rejectsAnotherVersionWithAClearMessage() {
        var e = assertThrows(java.io.IOException.class, () -> TraceJson.read("{\"version\": 2}"));
        assertTrue(e.getMessage().contains("unsupported trace version 2"), e.getMessage());
    }

    @Test
    void plainTextExplanationsRenderInEveryLocale() {
        Explanation e = Explanation.of("text.plain", "ack = 1");
        assertEquals("ack = 1", e.english());
        assertEquals("ack = 1", e.render(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void aSimulatedTraceReadBackSpeaksChineseAgain() throws Exception {
        Trace t = io.github.handshakelab.sim.Simulator.run(io.github.handshakelab.sim.Scenarios.byId("lost-final-ack").orElseThrow());
        String json = TraceJson.write(t);
        assertEquals(Set.of(), Schemas.problems("trace", json));
        Trace back = TraceJson.read(json);
        assertEquals(json, TraceJson.write(back), "the same bytes again");
        List<TraceEvent.Note> notes = back.events().stream()
                .filter(e -> e instanceof TraceEvent.Note).map(e -> (TraceEvent.Note) e).toList();
        assertEquals("tcp.notice.peerClosing.server", notes.get(0).text().key());
        assertEquals("服务器：对端关闭了它的发送方向（FIN）：对端不会再发送数据", notes.get(0).text().render(Locale.SIMPLIFIED_CHINESE));
        TraceEvent.Segment syn = back.segments().get(0);
        assertEquals(t.segments().get(0).explain(), syn.explain());
        assertTrue(syn.explain().get(0).render(Locale.SIMPLIFIED_CHINESE).startsWith("seq = 0："),
                syn.explain().get(0).render(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void aKeyThatNoLongerSaysTheFilesTextGivesWayToTheText() throws Exception {
        Trace t = io.github.handshakelab.sim.Simulator.run(io.github.handshakelab.sim.Scenarios.byId("lost-final-ack").orElseThrow());
        // another version's wording, a key this build does not know, arguments that no longer fit
        String json = TraceJson.write(t)
                .replace("\"text\": \"Server: the peer closed", "\"text\": \"Server (older words): the peer closed")
                .replaceFirst("\"key\": \"tcp.notice.peerClosing.client\"", "\"key\": \"tcp.no.such.key\"")
                .replaceFirst("\"args\": \\[\"0\", \"2433363436\"\\]", "\"args\": [\"7\", \"2433363436\"]");
        Trace back = TraceJson.read(json);
        List<TraceEvent.Note> notes = back.events().stream()
                .filter(e -> e instanceof TraceEvent.Note).map(e -> (TraceEvent.Note) e).toList();
        assertEquals(Explanation.of("text.plain", "Server (older words): the peer closed its direction (FIN): no more data will come from it"),
                notes.get(0).text());
        assertEquals("text.plain", notes.get(1).text().key());
        assertEquals("text.plain", back.segments().get(0).explain().get(0).key(), "seq = 7 is not what the file says");
        assertEquals(t.segments().get(0).explain().get(0).english(), back.segments().get(0).explain().get(0).english());
    }
}
