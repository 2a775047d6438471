package io.github.handshakelab.cli;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.text.Explanation;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code txt} format: a plain ladder diagram, one line per segment (time, arrow, flags,
 * relative seq/ack/len, lost and retransmission marks, both states after it), indented lines for
 * the arithmetic, state changes, timers, user calls and notes.
 */
public final class TextLadder {

    private TextLadder() {}

    public static String render(Trace trace, Locale locale) {
        StringBuilder out = new StringBuilder();
        Writer w = new Writer(out, trace, locale);
        for (TraceEvent e : trace.events()) w.event(e);
        w.end(trace.gauges());
        return out.toString();
    }

    /**
     * Writes the ladder event by event (a capture of a million segments is streamed, never held
     * as one string). The first line of each segment shows both states, and a capture may start
     * with the server already in LISTEN: events are held back until each side's first state
     * change says where it started (or {@link #HOLD_BACK} events have passed, then CLOSED).
     * Same text as {@link #render} for any trace.
     */
    public static final class Writer {
        /** Events held back at most while the starting states are unknown. */
        static final int HOLD_BACK = 100_000;

        private final Appendable out;
        private final Locale locale;
        private final Map<Side, TcpState> state = new EnumMap<>(Side.class);
        private final java.util.Set<String> running = new java.util.HashSet<>();
        private java.util.List<TraceEvent> held = new java.util.ArrayList<>();

        public Writer(Appendable out, Trace header, Locale locale) {
            this.out = out;
            this.locale = locale;
            String title = header.scenario() != null && Messages.has(locale, "scenario." + header.scenario() + ".title")
                    ? Messages.get(locale, "scenario." + header.scenario() + ".title")
                    : header.scenario() != null ? header.scenario() : String.valueOf(header.file());
            append("# " + title + "\n");
            append("# " + Messages.get(locale, "tcp.txt.legend") + "\n");
        }

        public void event(TraceEvent e) {
            if (held != null) {
                held.add(e);
                if (e instanceof TraceEvent.StateChange c) state.putIfAbsent(c.endpoint(), c.from());
                if (state.size() == Side.values().length || held.size() >= HOLD_BACK) release();
                return;
            }
            write(e);
        }

        /**
         * Live capture: stop holding events back once a segment is waiting (a SYN whose answer has
         * not come yet must still print now); a side without a state change yet starts CLOSED.
         */
        public boolean flushHeld() {
            if (held == null || held.stream().noneMatch(e -> e instanceof TraceEvent.Segment)) return false;
            release();
            return true;
        }

        private void release() {
            for (Side side : Side.values()) state.putIfAbsent(side, TcpState.CLOSED);
            java.util.List<TraceEvent> h = held;
            held = null;
            for (TraceEvent e : h) write(e);
        }

        public void end(java.util.List<Trace.Gauge> gauges) {
            if (held != null) release();
            if (!gauges.isEmpty()) {
                append(gauges.stream()
                        .map(g -> time(g.t()) + " " + Messages.format(locale, "tcp.txt.gauge", g.value(), g.max()))
                        .collect(Collectors.joining("\n", "\n", "\n")));
            }
        }

        private void append(CharSequence s) {
            try {
                out.append(s);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void write(TraceEvent e) {
            StringBuilder out = new StringBuilder(160);
            if (e instanceof TraceEvent.Segment s) {
                // The states shown are those when the segment leaves, the arrow's start.
                String arrow = Messages.get(locale, s.from() == Side.CLIENT ? "tcp.txt.arrow.toServer" : "tcp.txt.arrow.toClient");
                StringBuilder l = new StringBuilder();
                l.append(String.format(Locale.ROOT, "%10s  #%-3d %s  %-9s seq=%d", time(s.sent()), s.id(), arrow,
                        s.flags(), s.seq()));
                if (s.hasAck()) l.append(" ack=").append(s.ack());
                if (s.len() > 0) l.append(" len=").append(s.len());
                if (s.retransmission()) l.append("  [").append(Messages.get(locale, "tcp.txt.retransmission")).append(']');
                for (String a : s.analysis()) { // Wireshark's analysis flags of a capture, as tags
                    if (a.equals("RETRANSMISSION") && s.retransmission()) continue;
                    String k = "capture.tag." + a;
                    l.append("  [").append(Messages.has(locale, k) ? Messages.get(locale, k) : a.toLowerCase(Locale.ROOT).replace('_', ' '))
                            .append(']');
                }
                if (s.isDropped()) l.append("  ✗ ").append(Messages.get(locale, "tcp.txt.lost"));
                if (s.payloadInfo() != null) l.append("  (").append(s.payloadInfo()).append(')');
                l.append("   [").append(state.get(Side.CLIENT)).append(" | ").append(state.get(Side.SERVER)).append(']');
                out.append(l).append('\n');
                for (Explanation x : s.explain()) out.append("              ").append(x.render(locale)).append('\n');
            } else if (e instanceof TraceEvent.StateChange c) {
                state.put(c.endpoint(), c.to());
                out.append(String.format(Locale.ROOT, "%10s  ", time(c.t())))
                        .append(Messages.format(locale, "tcp.txt.state", who(locale, c.endpoint()), c.from(), c.to(),
                                cause(locale, c.cause()))).append('\n');
            } else if (e instanceof TraceEvent.Timer t) {
                // A SET while the same timer runs is a restart (TIME_WAIT on a retransmitted FIN,
                // FIN_WAIT_2 on more data); say so rather than show two SETs.
                String key = t.endpoint().id() + t.timer();
                String action = t.action().name();
                if (t.action() == TraceEvent.TimerAction.SET && running.contains(key)) action = "RESTART";
                if (t.action() == TraceEvent.TimerAction.SET) running.add(key);
                else running.remove(key);
                out.append(String.format(Locale.ROOT, "%10s  ", time(t.t())))
                        .append(Messages.format(locale, "tcp.txt.timer." + action, who(locale, t.endpoint()),
                                Messages.get(locale, "tcp.txt.timerName." + t.timer().name()),
                                Messages.format(locale, "tcp.txt.seconds", seconds(t.expires())))).append('\n');
            } else if (e instanceof TraceEvent.User u) {
                String call = u.call().name() + (u.bytes() > 0 ? " " + u.bytes() : "");
                out.append(String.format(Locale.ROOT, "%10s  ", time(u.t())))
                        .append(Messages.format(locale, "tcp.txt.call", who(locale, u.endpoint()), call)).append('\n');
            } else if (e instanceof TraceEvent.Note n) {
                out.append(String.format(Locale.ROOT, "%10s  ", time(n.t()))).append("! ").append(n.text().render(locale))
                        .append('\n');
            }
            append(out);
        }
    }

    /** Timer causes in words ("2MSL timer expired"); segment flags and user calls stay as they are. */
    private static String cause(Locale locale, String cause) {
        if (cause == null) return "";
        return Messages.has(locale, "tcp.txt.cause." + cause) ? Messages.get(locale, "tcp.txt.cause." + cause) : cause;
    }

    /** "61.550" for the timer lines. */
    static String seconds(long us) {
        return io.github.handshakelab.text.TimeFormat.seconds(us);
    }

    private static String who(Locale locale, Side side) {
        return Messages.get(locale, "tcp.txt." + side.id());
    }

    /** Seconds with millisecond precision, e.g. "1.050s". */
    static String time(long us) {
        return io.github.handshakelab.text.TimeFormat.ladder(us);
    }
}
