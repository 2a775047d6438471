package io.github.handshakelab.sockets;

import io.github.handshakelab.cli.ScenarioOptions;
import io.github.handshakelab.sim.Scenario;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** DESIGN §6.3: what ss -tan / netstat -tan would print on each host at an instant of a scenario. */
class SocketTableTest {

    private static Trace trace(String id, String... options) {
        return Simulator.run(ScenarioOptions.parse(id, List.of(options)));
    }

    private static int backlog(String id, String... options) {
        Scenario sc = ScenarioOptions.parse(id, List.of(options));
        return sc.params().backlog();
    }

    private static List<String> states(List<SocketTable.Row> rows, Side host) {
        return SocketTable.of(rows, host).stream().map(r -> SocketTable.ssName(r.state())).toList();
    }

    @Test
    void synFloodFillsTheHalfOpenRowsUpToTheBacklog() {
        Trace t = trace("syn-flood");
        // 120 ms: four forged SYNs answered (backlog 4), two more dropped; the real client has not started.
        List<SocketTable.Row> rows = SocketTable.at(t, 120_000, 4);
        assertEquals(List.of(), states(rows, Side.CLIENT));
        assertEquals(List.of("LISTEN", "SYN-RECV", "SYN-RECV", "SYN-RECV", "SYN-RECV"), states(rows, Side.SERVER));
        assertEquals(List.of("198.51.100.1:40000", "198.51.100.2:40000", "198.51.100.3:40000", "198.51.100.4:40000"),
                SocketTable.of(rows, Side.SERVER).stream().filter(r -> !r.listener()).map(SocketTable.Row::peer).toList());
        // 65 ms: the SYNs arrive 10 ms apart from 50 ms, so two entries so far.
        assertEquals(List.of("LISTEN", "SYN-RECV", "SYN-RECV"), states(SocketTable.at(t, 65_000, 4), Side.SERVER));
        // 5 s: the client's SYN keeps being dropped: it sits in SYN-SENT with its SYN unacknowledged.
        List<SocketTable.Row> later = SocketTable.at(t, 5_000_000, 4);
        assertEquals(List.of("SYN-SENT"), states(later, Side.CLIENT));
        assertEquals(1, SocketTable.of(later, Side.CLIENT).get(0).sendQ());
        assertEquals(5, SocketTable.of(later, Side.SERVER).size());
        // 63.085 s: the forged entries gave up after their SYN-ACK retries; only the listener remains.
        assertEquals(List.of("LISTEN"), states(SocketTable.at(t, 63_085_000, 4), Side.SERVER));
        // 63.3 s: the real client's retransmitted SYN got in: its half-open row, then ESTAB.
        assertEquals(List.of("LISTEN", "SYN-RECV"), states(SocketTable.at(t, 63_300_000, 4), Side.SERVER));
        assertEquals(List.of("LISTEN", "ESTAB"), states(SocketTable.at(t, 63_350_000, 4), Side.SERVER));
    }

    @Test
    void halfOpenRowsMatchTheSimulatorsGaugeAtEveryChange() {
        Trace t = trace("syn-flood", "--backlog", "3");
        for (Trace.Gauge g : t.gauge(Trace.GAUGE_HALF_OPEN)) {
            long rows = SocketTable.at(t, g.t(), 3).stream()
                    .filter(r -> r.host() == Side.SERVER && r.state() == TcpState.SYN_RCVD).count();
            assertEquals(g.value(), rows, "at " + g.t());
        }
    }

    @Test
    void synCookiesKeepNoRowForTheSynsBeyondTheBacklog() {
        // Cookies are used only once the backlog is full (as Linux does): the first four forged SYNs
        // still take entries, the fifth and sixth and the real client's get a cookie and no row.
        Trace t = trace("syn-flood", "--syn-cookies");
        for (long at = 0; at <= 400_000; at += 10_000) {
            List<SocketTable.Row> rows = SocketTable.at(t, at, 4);
            assertTrue(rows.stream().filter(r -> r.state() == TcpState.SYN_RCVD).count() <= 4, "at " + at);
            assertTrue(rows.stream().noneMatch(r -> r.peer().startsWith("198.51.100.5") || r.peer().startsWith("198.51.100.6")), "at " + at);
        }
        List<SocketTable.Row> rows = SocketTable.at(t, 400_000, 4);
        assertEquals(List.of("ESTAB"), states(rows, Side.CLIENT));
        assertEquals(List.of("LISTEN", "ESTAB", "SYN-RECV", "SYN-RECV", "SYN-RECV", "SYN-RECV"), states(rows, Side.SERVER));
    }

    @Test
    void lostFinalAckKeepsTimeWaitWhileLastAckRetransmits() {
        Trace t = trace("lost-final-ack");
        String expected = """
                # client 10.0.0.1 at 1.500s $ ss -tan
                State      Recv-Q  Send-Q  Local Address:Port  Peer Address:Port
                TIME-WAIT       0       0  10.0.0.1:40000      10.0.0.2:80

                # server 10.0.0.2 at 1.500s $ ss -tan
                State     Recv-Q  Send-Q  Local Address:Port  Peer Address:Port
                LISTEN         0     128  0.0.0.0:80          0.0.0.0:*
                LAST-ACK       0       1  10.0.0.2:80         10.0.0.1:40000
                """;
        assertEquals(expected, SocketTable.render(t, 1_500_000, 128, false));
        // After the retransmitted FIN is acknowledged the server's row is gone; TIME-WAIT stays for 2MSL
        // from the re-ACK at 1.55 s.
        assertEquals(List.of("TIME-WAIT"), states(SocketTable.at(t, 1_600_000, 128), Side.CLIENT));
        assertEquals(List.of("LISTEN"), states(SocketTable.at(t, 1_600_000, 128), Side.SERVER));
        assertEquals(List.of("TIME-WAIT"), states(SocketTable.at(t, 61_549_999, 128), Side.CLIENT));
        assertEquals(List.of(), states(SocketTable.at(t, 61_550_000, 128), Side.CLIENT));
    }

    @Test
    void netstatSpellingAndLayout() {
        Trace t = trace("simultaneous-close");
        String expected = """
                # client 10.0.0.1 at 0.360s $ netstat -tan
                Proto  Recv-Q  Send-Q  Local Address   Foreign Address  State
                tcp         0       1  10.0.0.1:40000  10.0.0.2:80      CLOSING

                # server 10.0.0.2 at 0.360s $ netstat -tan
                Proto  Recv-Q  Send-Q  Local Address  Foreign Address  State
                tcp         0       0  0.0.0.0:80     0.0.0.0:*        LISTEN
                tcp         0       1  10.0.0.2:80    10.0.0.1:40000   CLOSING
                """;
        assertEquals(expected, SocketTable.render(t, 360_000, backlog("simultaneous-close"), true));
    }

    @Test
    void everyStateHasBothSpellings() {
        assertEquals("SYN-RECV", SocketTable.ssName(TcpState.SYN_RCVD));
        assertEquals("SYN_RECV", SocketTable.netstatName(TcpState.SYN_RCVD));
        assertEquals("ESTAB", SocketTable.ssName(TcpState.ESTABLISHED));
        assertEquals("ESTABLISHED", SocketTable.netstatName(TcpState.ESTABLISHED));
        assertEquals("FIN-WAIT-1", SocketTable.ssName(TcpState.FIN_WAIT_1));
        assertEquals("FIN_WAIT1", SocketTable.netstatName(TcpState.FIN_WAIT_1));
        assertEquals("CLOSE-WAIT", SocketTable.ssName(TcpState.CLOSE_WAIT));
        assertEquals("TIME_WAIT", SocketTable.netstatName(TcpState.TIME_WAIT));
    }

    @Test
    void sendQueueCountsUnacknowledgedBytesAndFins() {
        Trace t = trace("data-transfer");
        // 0.32 s: the client's 100 bytes are in flight (sent 0.30, ACKed at 0.40).
        assertEquals(100, SocketTable.of(SocketTable.at(t, 320_000, 128), Side.CLIENT).get(0).sendQ());
        assertEquals(0, SocketTable.of(SocketTable.at(t, 400_000, 128), Side.CLIENT).get(0).sendQ());
        // 0.72 s: FIN-WAIT-1 with the FIN unacknowledged.
        SocketTable.Row fw1 = SocketTable.of(SocketTable.at(t, 720_000, 128), Side.CLIENT).get(0);
        assertEquals(TcpState.FIN_WAIT_1, fw1.state());
        assertEquals(1, fw1.sendQ());
    }

    /**
     * close-with-unread-data: the server's application never reads. The 100 bytes wait in its
     * receive buffer from their arrival (0.35 s) until the socket goes; the client's Send-Q holds
     * them while they are unacknowledged.
     */
    @Test
    void recvQueueCountsBytesReceivedAndNotRead() {
        Trace t = trace("close-with-unread-data");
        SocketTable.Row before = server(t, 349_999), after = server(t, 350_000), fw1 = server(t, 600_000);
        assertEquals(TcpState.ESTABLISHED, before.state());
        assertEquals(0, before.recvQ(), "nothing has arrived yet");
        assertEquals(100, SocketTable.of(SocketTable.at(t, 349_999, 128), Side.CLIENT).get(0).sendQ(), "in flight");
        assertEquals(100, after.recvQ(), "arrived, acknowledged, not read");
        assertEquals(0, after.sendQ());
        assertEquals(0, SocketTable.of(SocketTable.at(t, 400_000, 128), Side.CLIENT).get(0).sendQ(), "acknowledged at 0.40 s");
        // After its CLOSE (RFC profile: a FIN) the data is still there, and the FIN waits for its ACK until 0.65 s.
        assertEquals(TcpState.FIN_WAIT_1, fw1.state());
        assertEquals(100, fw1.recvQ());
        assertEquals(1, fw1.sendQ());
        assertEquals(List.of("LISTEN       0     128  0.0.0.0:80          0.0.0.0:*",
                        "ESTAB      100       0  10.0.0.2:80         10.0.0.1:40000"),
                SocketTable.lines(SocketTable.of(SocketTable.at(t, 500_000, 128), Side.SERVER), false).subList(1, 3));
        // Linux: close() with unread data resets at once; no socket is left to count them.
        Trace linux = trace("close-with-unread-data", "--profile", "linux");
        assertEquals(100, server(linux, 500_000).recvQ());
        assertTrue(SocketTable.of(SocketTable.at(linux, linux.endTime(), 128), Side.SERVER).stream().noneMatch(r -> !r.listener()));
        // An application that reads: Recv-Q stays 0 all along.
        Trace reads = trace("data-transfer");
        for (long at = 0; at <= reads.endTime(); at += 10_000) {
            for (SocketTable.Row r : SocketTable.at(reads, at, 128)) assertEquals(0, r.recvQ(), "data-transfer at " + at + ": " + r);
        }
    }

    private static SocketTable.Row server(Trace t, long at) {
        return SocketTable.of(SocketTable.at(t, at, 128), Side.SERVER).stream().filter(r -> !r.listener()).findFirst().orElseThrow();
    }

    @Test
    void closedPortAndSimultaneousOpenHaveNoListener() {
        Trace closed = trace("connect-to-closed-port");
        assertEquals(List.of(), states(SocketTable.at(closed, 10_000, 128), Side.SERVER));
        assertEquals(List.of("SYN-SENT"), states(SocketTable.at(closed, 10_000, 128), Side.CLIENT));
        assertEquals(List.of(), states(SocketTable.at(closed, 100_000, 128), Side.CLIENT));
        Trace open = trace("simultaneous-open");
        assertEquals(List.of("SYN-RECV"), states(SocketTable.at(open, 60_000, 128), Side.SERVER));
    }
}
