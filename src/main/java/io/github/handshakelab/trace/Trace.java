package io.github.handshakelab.trace;

import io.github.handshakelab.tcp.Tcb;
import io.github.handshakelab.tcp.TcpState;

import java.util.ArrayList;
import java.util.List;

/**
 * What one connection did, from either source: the single input of every view, exporter and CLI
 * command. Immutable. Events are ordered by {@link TraceEvent#time()}, ties in causal order.
 *
 * @param scenario scenario id for a simulation, else null
 * @param file     capture file name for a capture, else null
 * @param tcbs     TCB snapshots after every change, in time order (simulation; inferred for captures)
 * @param gauges   samples of named quantities over time, e.g. the listener's half-open queue
 *                 ({@link #GAUGE_HALF_OPEN}) in the syn-flood scenario; empty for most traces
 * @param profile  the stack a simulation behaved like ({@code rfc} or {@code linux}); null for a capture
 */
public record Trace(Source source, String scenario, String file, Endpoint client, Endpoint server,
                    List<TraceEvent> events, List<TcbSample> tcbs, List<Gauge> gauges, String profile) {

    public enum Source { SIMULATION, CAPTURE }

    public record TcbSample(long t, Side side, Tcb tcb) {}

    /** Half-open (SYN_RCVD) connections held by the server's listener; {@code max} = backlog. */
    public static final String GAUGE_HALF_OPEN = "halfOpen";

    /** The value of gauge {@code name} from time {@code t} until its next sample; {@code max} is its ceiling. */
    public record Gauge(long t, String name, int value, int max) {}

    public Trace {
        // The compact lists of a long capture are immutable already; copying would undo them.
        events = events instanceof CompactEvents ? events : List.copyOf(events);
        tcbs = tcbs instanceof CompactTcbs ? tcbs : List.copyOf(tcbs);
        gauges = List.copyOf(gauges);
    }

    public Trace(Source source, String scenario, String file, Endpoint client, Endpoint server,
                 List<TraceEvent> events, List<TcbSample> tcbs) {
        this(source, scenario, file, client, server, events, tcbs, List.of(), null);
    }

    public Trace(Source source, String scenario, String file, Endpoint client, Endpoint server,
                 List<TraceEvent> events, List<TcbSample> tcbs, List<Gauge> gauges) {
        this(source, scenario, file, client, server, events, tcbs, gauges, null);
    }

    /** The samples of one gauge, in time order. */
    public List<Gauge> gauge(String name) {
        return gauges.stream().filter(g -> g.name().equals(name)).toList();
    }

    public Endpoint endpoint(Side side) {
        return side == Side.CLIENT ? client : server;
    }

    public List<TraceEvent.Segment> segments() {
        List<TraceEvent.Segment> out = new ArrayList<>();
        for (TraceEvent e : events) if (e instanceof TraceEvent.Segment s) out.add(s);
        return out;
    }

    public List<TraceEvent.StateChange> stateChanges(Side side) {
        List<TraceEvent.StateChange> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.StateChange c && c.endpoint() == side) out.add(c);
        }
        return out;
    }

    /** The states one endpoint went through, starting with the first {@code from}. */
    public List<TcpState> stateSequence(Side side) {
        List<TcpState> out = new ArrayList<>();
        for (TraceEvent.StateChange c : stateChanges(side)) {
            if (out.isEmpty()) out.add(c.from());
            out.add(c.to());
        }
        return out;
    }

    /** The state of {@code side} at time {@code t}: changes at exactly {@code t} have happened. */
    public TcpState stateAt(Side side, long t) {
        TcpState s = null;
        for (TraceEvent.StateChange c : stateChanges(side)) {
            if (s == null) s = c.from();
            if (c.t() <= t) s = c.to();
            else break;
        }
        return s == null ? TcpState.CLOSED : s;
    }

    /** The last TCB snapshot of {@code side} taken at or before {@code t}, or null. */
    public Tcb tcbAt(Side side, long t) {
        Tcb found = null;
        for (TcbSample s : tcbs) {
            if (s.t() > t) break;
            if (s.side() == side) found = s.tcb();
        }
        return found;
    }

    /** The time of the last thing that happens (an arrival, a drop, a timer's expiry). */
    public long endTime() {
        long end = 0;
        for (TraceEvent e : events) {
            end = Math.max(end, e.time());
            if (e instanceof TraceEvent.Segment s) end = Math.max(end, s.end());
        }
        return end;
    }
}
