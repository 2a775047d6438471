package io.github.handshakelab.export;

import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.trace.Endpoint;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.handshakelab.trace.TraceEvent.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceTextTest {

    private static TraceEvent.Segment seg(int id, Side from, long sent, long dropped, int flags, long seq, long ack,
                                          boolean retx) {
        return new TraceEvent.Segment(id, from, sent, dropped == NONE ? sent + 50_000 : NONE, dropped,
                new TcpFlags(flags), seq, ack, 0, 65535, seq + 1000, ack == NONE ? NONE : ack + 5000, retx,
                List.of(), List.of(), NONE, List.of(), null);
    }

    /** A SYN lost once and retransmitted after the 1 s RTO, then the server's SYN-ACK. */
    private static Trace lostSyn() {
        return new Trace(Trace.Source.SIMULATION, "lost-syn", null,
                new Endpoint(Side.CLIENT, "Client", "10.0.0.1", 40000), new Endpoint(Side.SERVER, "Server", "10.0.0.2", 80),
                List.of(new TraceEvent.StateChange(0, Side.CLIENT, TcpState.CLOSED, TcpState.SYN_SENT, "CONNECT", false),
                        seg(1, Side.CLIENT, 0, 25_000, TcpFlags.SYN, 0, NONE, false),
                        new TraceEvent.Timer(1_000_000, Side.CLIENT, TimerKind.RETRANSMISSION, TraceEvent.TimerAction.FIRED, NONE),
                        seg(2, Side.CLIENT, 2_500_000, NONE, TcpFlags.SYN, 0, NONE, true),
                        seg(3, Side.SERVER, 2_550_000, NONE, TcpFlags.SYN | TcpFlags.ACK, 0, 1, false)),
                List.of());
    }

    @Test
    void plantUmlShowsLossRetransmissionTimersAndBreaks() {
        assertEquals("""
                @startuml
                title lost-syn
                skinparam sequenceMessageAlign center
                participant "Client\\n10.0.0.1:40000" as client
                participant "Server\\n10.0.0.2:80" as server
                hnote over client : SYN_SENT
                client ->x server : SYN  seq=0 (lost)
                note right of client : RTO fired
                ... 1.5 s ...
                client --> server : SYN  seq=0 (retransmission)
                server -> client : SYN, ACK  seq=0 ack=1
                @enduml
                """, SequenceText.render(lostSyn(), SequenceText.Dialect.PLANTUML, false, java.util.Locale.ROOT));
    }

    @Test
    void mermaidUsesTheSameWalkAndAbsoluteNumbersOnRequest() {
        assertEquals("""
                sequenceDiagram
                  title lost-syn
                  participant client as Client 10.0.0.1:40000
                  participant server as Server 10.0.0.2:80
                  Note over client: SYN_SENT
                  client-xserver: SYN  seq=1000 (lost)
                  Note right of client: RTO fired
                  Note over client,server: ⋯ 1.5 s ⋯
                  client-->>server: SYN  seq=1000 (retransmission)
                  server->>client: SYN, ACK  seq=1000 ack=5001
                """, SequenceText.render(lostSyn(), SequenceText.Dialect.MERMAID, true, java.util.Locale.ROOT));
    }

    @Test
    void notesSpanBothLifelines() {
        Trace t = io.github.handshakelab.sim.Simulator.run(io.github.handshakelab.sim.Scenarios.byId("connect-to-closed-port").orElseThrow());
        String refused = t.events().stream().filter(e -> e instanceof TraceEvent.Note).map(e -> ((TraceEvent.Note) e).text().english())
                .filter(x -> x.contains("connection refused")).findFirst().orElseThrow();
        assertTrue(SequenceText.render(t, SequenceText.Dialect.PLANTUML, false, java.util.Locale.ROOT).contains("\nnote across : " + refused.replace(";", ",") + "\n"));
        assertTrue(SequenceText.render(t, SequenceText.Dialect.MERMAID, false, java.util.Locale.ROOT).contains("\n  Note over client,server: " + refused.replace(";", ",") + "\n"));
    }

    @Test
    void speaksTheReadersLanguage() {
        String zh = SequenceText.render(lostSyn(), SequenceText.Dialect.PLANTUML, false, java.util.Locale.SIMPLIFIED_CHINESE);
        assertTrue(zh.contains("participant \"客户端\\n10.0.0.1:40000\" as client\n"), zh);
        assertTrue(zh.contains("client ->x server : SYN  seq=0 (丢失)\n"), zh);
        assertTrue(zh.contains("note right of client : RTO 超时\n"), zh);
        assertTrue(zh.contains("client --> server : SYN  seq=0 (重传)\n"), zh);
        Trace refused = io.github.handshakelab.sim.Simulator.run(io.github.handshakelab.sim.Scenarios.byId("connect-to-closed-port").orElseThrow());
        TraceEvent.Note note = refused.events().stream().filter(e -> e instanceof TraceEvent.Note).map(e -> (TraceEvent.Note) e)
                .findFirst().orElseThrow();
        String mermaid = SequenceText.render(refused, SequenceText.Dialect.MERMAID, false, java.util.Locale.SIMPLIFIED_CHINESE);
        assertTrue(mermaid.contains("Note over client,server: " + note.text().render(java.util.Locale.SIMPLIFIED_CHINESE).replace(";", ",")),
                mermaid);
    }
}
