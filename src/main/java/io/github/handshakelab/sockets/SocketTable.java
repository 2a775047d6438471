package io.github.handshakelab.sockets;

import io.github.handshakelab.tcp.Tcb;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Endpoint;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table each host would print at one instant of a trace (DESIGN §6.3), as Linux
 * {@code ss -tan} prints it, or {@code netstat -tan}: operators meet the TCP states there first
 * ("many SYN_RECV: a SYN flood?"). Pure Java, shared by {@code render --format sockets} and the
 * app's Sockets pane.
 *
 * <p>What the columns hold, following Linux:
 * <ul>
 * <li>a listener (the server's listening socket, kept from its LISTEN call to the end, as a real
 *     server keeps listening after it has accepted): ss shows Recv-Q = the accept queue (0 here:
 *     the simulated application accepts at once) and Send-Q = the backlog; netstat shows 0 0;</li>
 * <li>SYN-RECV and TIME-WAIT: Linux keeps these as mini sockets (request_sock, inet_timewait_sock)
 *     without queues, so both columns are 0;</li>
 * <li>every other state: Send-Q = SND.NXT − SND.UNA from the TCB (bytes sent and not yet
 *     acknowledged; an unacknowledged SYN or FIN counts one, as Linux's write_seq − snd_una does:
 *     {@code SYN-SENT 0 1}, {@code LAST-ACK 0 1}); Recv-Q = bytes received and not yet read by
 *     the application. The simulator models reading (an application that does not read, as in
 *     close-with-unread-data): its RCV.WND is the configured window less the unread bytes, so
 *     Recv-Q = the window at the socket's start − RCV.WND now. A capture cannot see reads (a
 *     real window also moves with autotuning and scaling), so there Recv-Q is 0.</li>
 * </ul>
 * A CLOSED socket has no row (ss would not list it).
 */
public final class SocketTable {

    /** Linux's {@code net.core.somaxconn} default since 5.4: the backlog shown when a capture cannot tell. */
    public static final int DEFAULT_BACKLOG = 4096;

    /** Key of the simulator's note that a forged peer's half-open entry left the backlog (argument 0: its address). */
    static final String HALF_OPEN_EXPIRED = "tcp.note.halfOpenExpired";

    /** One line of the table: {@code listener} marks the listening socket, whose peer is a wildcard. */
    public record Row(Side host, TcpState state, int recvQ, int sendQ, String local, String peer, boolean listener) {}

    private SocketTable() {}

    /**
     * The sockets of both hosts at time {@code t} (events at exactly {@code t} have happened),
     * client rows first, then the server's: its listener, then its connections in the order they
     * appeared.
     *
     * @param backlog the listen backlog to show in the listener's Send-Q
     */
    public static List<Row> at(Trace trace, long t, int backlog) {
        List<Row> rows = new ArrayList<>();
        for (Side side : Side.values()) {
            Endpoint me = trace.endpoint(side);
            Endpoint peer = trace.endpoint(side.other());
            if (side == Side.SERVER && listening(trace, t)) {
                rows.add(new Row(side, TcpState.LISTEN, 0, backlog, any(me) + ":" + port(me), any(me) + ":*", true));
            }
            TcpState st = trace.stateAt(side, t);
            if (st != TcpState.CLOSED && st != TcpState.LISTEN) {
                int sendQ = 0, recvQ = 0;
                Tcb tcb = trace.tcbAt(side, t);
                if (st != TcpState.SYN_RCVD && st != TcpState.TIME_WAIT && tcb != null) {
                    sendQ = (int) ((tcb.sndNxt() - tcb.sndUna()) & 0xFFFF_FFFFL);
                    recvQ = unread(trace, side, tcb);
                }
                rows.add(new Row(side, st, recvQ, sendQ, addr(me) + ":" + port(me), addr(peer) + ":" + port(peer), false));
            }
            if (side == Side.SERVER) {
                Endpoint server = trace.endpoint(Side.SERVER);
                for (String forged : halfOpen(trace, t)) {
                    rows.add(new Row(side, TcpState.SYN_RCVD, 0, 0, addr(server) + ":" + port(server),
                            forged + ":" + port(trace.endpoint(Side.CLIENT)), false));
                }
            }
        }
        return rows;
    }

    /**
     * Bytes received and not read yet: in a simulation, the window the socket started with less
     * its RCV.WND now (tcp.Connection's RCV.WND is the configured window less the unread bytes).
     */
    static int unread(Trace trace, Side side, Tcb now) {
        if (trace.source() != Trace.Source.SIMULATION) return 0;
        for (Trace.TcbSample first : trace.tcbs()) {
            if (first.side() == side) return Math.max(0, first.tcb().rcvWnd() - now.rcvWnd());
        }
        return 0;
    }

    /** The rows of one host. */
    public static List<Row> of(List<Row> rows, Side host) {
        return rows.stream().filter(r -> r.host() == host).toList();
    }

    /**
     * The server listens from its LISTEN call (or, for a capture, from the start when its first
     * inferred state is LISTEN) to the end of the trace.
     */
    static boolean listening(Trace trace, long t) {
        for (TraceEvent.StateChange c : trace.stateChanges(Side.SERVER)) {
            if (c.from() == TcpState.LISTEN) return true;
            if (c.to() == TcpState.LISTEN) return c.t() <= t;
        }
        return false;
    }

    /**
     * The forged peers (syn-flood) whose half-open entry is in the listener's backlog at {@code t}:
     * from the SYN's arrival, when the listener answers it with a SYN-ACK (a SYN cookie keeps no
     * entry), until the note that the entry gave up.
     */
    static List<String> halfOpen(Trace trace, long t) {
        Map<String, Boolean> open = new LinkedHashMap<>();
        for (TraceEvent e : trace.events()) {
            if (e.time() > t) break;
            if (e instanceof TraceEvent.Segment s && s.from() == Side.SERVER && s.flags().syn()
                    && !s.options().contains("syn-cookie")) {
                for (String o : s.options()) {
                    if (o.startsWith("spoofed-dst=")) open.putIfAbsent(o.substring("spoofed-dst=".length()), true);
                }
            } else if (e instanceof TraceEvent.Note n && n.text().key().equals(HALF_OPEN_EXPIRED) && !n.text().args().isEmpty()) {
                open.remove(n.text().args().get(0));
            }
        }
        return new ArrayList<>(open.keySet());
    }

    /** {@code ss} spelling: {@code SYN-RECV}, {@code ESTAB}... */
    public static String ssName(TcpState s) {
        return switch (s) {
            case CLOSED -> "UNCONN";
            case LISTEN -> "LISTEN";
            case SYN_SENT -> "SYN-SENT";
            case SYN_RCVD -> "SYN-RECV";
            case ESTABLISHED -> "ESTAB";
            case FIN_WAIT_1 -> "FIN-WAIT-1";
            case FIN_WAIT_2 -> "FIN-WAIT-2";
            case CLOSE_WAIT -> "CLOSE-WAIT";
            case CLOSING -> "CLOSING";
            case LAST_ACK -> "LAST-ACK";
            case TIME_WAIT -> "TIME-WAIT";
        };
    }

    /** Linux {@code netstat} spelling: {@code SYN_RECV}, {@code ESTABLISHED}, {@code FIN_WAIT1}... */
    public static String netstatName(TcpState s) {
        return switch (s) {
            case CLOSED -> "CLOSE";
            case LISTEN -> "LISTEN";
            case SYN_SENT -> "SYN_SENT";
            case SYN_RCVD -> "SYN_RECV";
            case ESTABLISHED -> "ESTABLISHED";
            case FIN_WAIT_1 -> "FIN_WAIT1";
            case FIN_WAIT_2 -> "FIN_WAIT2";
            case CLOSE_WAIT -> "CLOSE_WAIT";
            case CLOSING -> "CLOSING";
            case LAST_ACK -> "LAST_ACK";
            case TIME_WAIT -> "TIME_WAIT";
        };
    }

    /**
     * One host's table as its command prints it: {@code ss -tan} columns
     * ({@code State Recv-Q Send-Q Local Address:Port Peer Address:Port}) or, with {@code netstat},
     * {@code netstat -tan}'s ({@code Proto Recv-Q Send-Q Local Address Foreign Address State}, where a
     * listener's queues read 0 0).
     */
    public static List<String> lines(List<Row> hostRows, boolean netstat) {
        List<String[]> cells = new ArrayList<>();
        if (netstat) {
            cells.add(new String[] {"Proto", "Recv-Q", "Send-Q", "Local Address", "Foreign Address", "State"});
            for (Row r : hostRows) {
                cells.add(new String[] {"tcp", r.listener() ? "0" : String.valueOf(r.recvQ()),
                        r.listener() ? "0" : String.valueOf(r.sendQ()), r.local(),
                        r.peer(), netstatName(r.state())});
            }
        } else {
            cells.add(new String[] {"State", "Recv-Q", "Send-Q", "Local Address:Port", "Peer Address:Port"});
            for (Row r : hostRows) {
                cells.add(new String[] {ssName(r.state()), String.valueOf(r.recvQ()), String.valueOf(r.sendQ()),
                        r.local(), r.peer()});
            }
        }
        int cols = cells.get(0).length;
        int[] width = new int[cols];
        for (String[] c : cells) for (int i = 0; i < cols; i++) width[i] = Math.max(width[i], c[i].length());
        List<String> out = new ArrayList<>();
        for (String[] c : cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                if (i > 0) b.append("  ");
                // Numbers right-aligned under their heading, as both tools print them.
                boolean number = i == 1 || i == 2;
                String cell = c[i];
                if (i == cols - 1) b.append(cell);
                else if (number) b.append(" ".repeat(width[i] - cell.length())).append(cell);
                else b.append(cell).append(" ".repeat(width[i] - cell.length()));
            }
            out.add(b.toString().stripTrailing());
        }
        return out;
    }

    /**
     * Both hosts' tables, each under a prompt line that names the host, its address and the time:
     * {@code client 10.0.0.1 at 0.250s $ ss -tan}.
     */
    public static String render(Trace trace, long t, int backlog, boolean netstat) {
        List<Row> rows = at(trace, t, backlog);
        StringBuilder b = new StringBuilder();
        for (Side side : Side.values()) {
            Endpoint e = trace.endpoint(side);
            if (b.length() > 0) b.append('\n');
            b.append("# ").append(side.id()).append(' ').append(e.address() == null ? "?" : e.address())
                    .append(" at ").append(seconds(t)).append(" $ ").append(netstat ? "netstat -tan" : "ss -tan").append('\n');
            for (String line : lines(of(rows, side), netstat)) b.append(line).append('\n');
        }
        return b.toString();
    }

    static String seconds(long us) {
        return java.math.BigDecimal.valueOf(us).movePointLeft(6).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString() + "s";
    }

    private static String addr(Endpoint e) {
        if (e.address() == null) return "?";
        // ss and netstat bracket IPv6 addresses before the port.
        return e.address().contains(":") ? "[" + e.address() + "]" : e.address();
    }

    private static String any(Endpoint e) {
        return e.address() != null && e.address().contains(":") ? "[::]" : "0.0.0.0";
    }

    private static String port(Endpoint e) {
        return e.port() < 0 ? "*" : String.valueOf(e.port());
    }
}
