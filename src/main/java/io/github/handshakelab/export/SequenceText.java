package io.github.handshakelab.export;

import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.text.TimeFormat;
import io.github.handshakelab.trace.Endpoint;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.util.Locale;

/**
 * Sequence diagrams as text for other tools: PlantUML and Mermaid. Both read the same walk over
 * the trace, so they show the same segments, states and time breaks; only the syntax differs.
 * Segments are placed at their send time and state changes at theirs, which keeps the causal
 * order of a ladder diagram (an arrival and the state change it causes happen together).
 */
public final class SequenceText {

    /** Idle stretches longer than this get a visible break, as the diagram compresses them. */
    private static final long BREAK_US = 1_000_000;

    public enum Dialect { PLANTUML, MERMAID }

    private SequenceText() {}

    /** The diagram in {@code dialect}; its words ("lost", "RTO fired", notes) in the language of {@code locale}. */
    public static String render(Trace trace, Dialect dialect, boolean absolute, Locale locale) {
        StringBuilder out = new StringBuilder();
        boolean puml = dialect == Dialect.PLANTUML;
        out.append(puml ? "@startuml\n" : "sequenceDiagram\n");
        String title = trace.scenario() != null ? trace.scenario() : trace.file();
        if (title != null) out.append(puml ? "title " : "  title ").append(clean(title)).append('\n');
        if (puml) out.append("skinparam sequenceMessageAlign center\n");
        for (Side side : Side.values()) {
            Endpoint e = trace.endpoint(side);
            String name = endpointLabel(e, locale) + (e.address() != null ? (puml ? "\\n" : " ") + e.address() + (e.port() >= 0 ? ":" + e.port() : "") : "");
            out.append(puml ? "participant \"" + clean(name) + "\" as " + side.id() + "\n"
                    : "  participant " + side.id() + " as " + clean(name) + "\n");
        }
        long last = -1;
        for (TraceEvent e : trace.events()) {
            if (last >= 0 && e.time() - last > BREAK_US) {
                String gap = TimeFormat.duration(e.time() - last);
                out.append(puml ? "... " + gap + " ...\n" : "  Note over client,server: ⋯ " + gap + " ⋯\n");
            }
            last = Math.max(last, e.time());
            if (e instanceof TraceEvent.Segment s) {
                out.append(puml ? "" : "  ").append(s.from().id()).append(arrow(s, puml)).append(s.to().id())
                   .append(puml ? " : " : ": ").append(clean(message(s, absolute, locale))).append('\n');
            } else if (e instanceof TraceEvent.StateChange c) {
                String state = c.to().name() + (c.inferred() ? " (" + Messages.get(locale, "diagram.text.inferred") + ")" : "");
                out.append(puml ? "hnote over " + c.endpoint().id() + (c.to() == TcpState.CLOSED ? " #DDDDDD" : "") + " : " + state + "\n"
                        : "  Note over " + c.endpoint().id() + ": " + state + "\n");
            } else if (e instanceof TraceEvent.Note n) {
                out.append(puml ? "note across : " : "  Note over client,server: ").append(clean(render(n, locale))).append('\n');
            } else if (e instanceof TraceEvent.Timer t && t.action() == TraceEvent.TimerAction.FIRED) {
                String what = t.timer() == io.github.handshakelab.tcp.TimerKind.RETRANSMISSION ? Messages.get(locale, "diagram.rtoFired")
                        : Messages.format(locale, "diagram.text.expired", t.timer().name());
                out.append(puml ? "note right of " : "  Note right of ").append(t.endpoint().id())
                   .append(puml ? " : " : ": ").append(what).append('\n');
            }
        }
        out.append(puml ? "@enduml\n" : "");
        return out.toString();
    }

    private static String message(TraceEvent.Segment s, boolean absolute, Locale locale) {
        String m = s.label(absolute);
        if (s.retransmission()) m += " (" + Messages.get(locale, "diagram.text.retransmission") + ")";
        if (s.payloadInfo() != null) m += " " + s.payloadInfo();
        if (s.isDropped()) m += " (" + Messages.get(locale, "diagram.lost") + ")";
        return m;
    }

    private static String render(TraceEvent.Note n, Locale locale) {
        try {
            return n.text().render(locale);
        } catch (RuntimeException e) {
            return n.text().english();
        }
    }

    /** The simulator's "Client"/"Server" in the reader's language; a capture's own labels as they are. */
    static String endpointLabel(Endpoint e, Locale locale) {
        if ("Client".equals(e.label())) return Messages.get(locale, "diagram.client");
        if ("Server".equals(e.label())) return Messages.get(locale, "diagram.server");
        return e.label();
    }

    /** Lost segments end in a cross, retransmissions are dashed and RSTs red, as on screen. */
    private static String arrow(TraceEvent.Segment s, boolean puml) {
        if (puml) {
            String colour = s.flags().rst() ? "[#red]" : "";
            String line = s.retransmission() ? "--" : "-";
            return s.isDropped() ? " " + line + colour + ">x " : " " + line + colour + "> ";
        }
        String line = s.retransmission() ? "--" : "-";
        return s.isDropped() ? line + "x" : line + ">>";
    }

    /** Both dialects end a statement at a newline and Mermaid also at ';' or '#'-entities. */
    private static String clean(String text) {
        return text.replace('\n', ' ').replace(";", ",").replace("#", "no.");
    }
}
