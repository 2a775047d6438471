package io.github.handshakelab.cli;

import org.junit.jupiter.api.Test;

import static io.github.handshakelab.cli.SimCliTest.assertUsage;
import static io.github.handshakelab.cli.SimCliTest.run;
import static org.junit.jupiter.api.Assertions.*;

/** {@code render ... --format sockets --at T [--netstat]} (DESIGN §6.3). */
class SocketsCliTest {

    @Test
    void printsBothHostsTablesAtTheInstant() {
        SimCliTest.Result r = run("render", "--scenario", "syn-flood", "--format", "sockets", "--at", "120ms");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                # client 10.0.0.1 at 0.120s $ ss -tan
                State  Recv-Q  Send-Q  Local Address:Port  Peer Address:Port

                # server 10.0.0.2 at 0.120s $ ss -tan
                State     Recv-Q  Send-Q  Local Address:Port  Peer Address:Port
                LISTEN         0       4  0.0.0.0:80          0.0.0.0:*
                SYN-RECV       0       0  10.0.0.2:80         198.51.100.1:40000
                SYN-RECV       0       0  10.0.0.2:80         198.51.100.2:40000
                SYN-RECV       0       0  10.0.0.2:80         198.51.100.3:40000
                SYN-RECV       0       0  10.0.0.2:80         198.51.100.4:40000
                """, r.out());
    }

    @Test
    void backlogOptionShowsInTheListenersSendQueue() {
        SimCliTest.Result r = run("render", "--scenario", "syn-flood", "--backlog", "2", "--format", "sockets", "--at", "2s", "--netstat");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.endsWith("SYN_RECV")).count(), r.out());
        assertTrue(r.out().contains("tcp         0       1  10.0.0.1:40000  10.0.0.2:80      SYN_SENT"), r.out());
    }

    @Test
    void captureTableUsesTheCapturedAddresses() {
        SimCliTest.Result r = run("render", "--capture", "resources/captures/handshake-data-close.pcap", "--format", "sockets", "--at", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("# client "), r.out());
        assertTrue(r.out().contains("SYN-SENT"), r.out());
    }

    @Test
    void usageErrors() {
        assertUsage(run("render", "--scenario", "syn-flood", "--format", "sockets"), "--format sockets needs --at T");
        assertUsage(run("render", "--scenario", "syn-flood", "--format", "sockets", "--at", "soon"), "--at: 'soon' is not a time");
        assertUsage(run("render", "--scenario", "syn-flood", "--format", "txt", "--at", "1s"), "--at only applies to --format sockets");
        assertUsage(run("render", "--scenario", "syn-flood", "--format", "json", "--netstat"), "--netstat only applies to --format sockets");
    }
}
