package io.github.handshakelab.view;

import io.github.handshakelab.lab.Lab;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.text.Explanation;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one model every pane of the main window binds to: the trace on screen, the playhead, the
 * selected segment, both endpoints' states at the playhead, what happened up to it, and the
 * simulation lab behind it. Plain JavaFX properties and no nodes, so a test drives it without a
 * window (the FX toolkit must be started, for the playback's animation timer).
 *
 * <p>Panes read the {@code ReadOnly*} properties and change things only through the methods
 * here, so every pane sees one consistent state: loading a scenario clears the selection,
 * re-simulating keeps the playhead, and so on.
 */
public final class WindowModel {

    /** One line of "What happened": a note, a timer that fired or restarted, a lost segment. */
    public record Happening(long t, Kind kind, String text) {
        public enum Kind { NOTE, TIMER, LOST }
    }

    private final Lab lab;
    private final Locale locale;
    private final ResourceBundle res;
    private final Playback playback = new Playback();

    private final ReadOnlyObjectWrapper<Trace> trace = new ReadOnlyObjectWrapper<>(this, "trace");
    private final ReadOnlyLongWrapper playhead = new ReadOnlyLongWrapper(this, "playhead");
    private final ReadOnlyObjectWrapper<TraceEvent.Segment> selection = new ReadOnlyObjectWrapper<>(this, "selection");
    private final ReadOnlyObjectWrapper<TcpState> clientState = new ReadOnlyObjectWrapper<>(this, "clientState", TcpState.CLOSED);
    private final ReadOnlyObjectWrapper<TcpState> serverState = new ReadOnlyObjectWrapper<>(this, "serverState", TcpState.CLOSED);
    private final ReadOnlyObjectWrapper<TcpState[]> clientLast = new ReadOnlyObjectWrapper<>(this, "clientLast");
    private final ReadOnlyObjectWrapper<TcpState[]> serverLast = new ReadOnlyObjectWrapper<>(this, "serverLast");
    private final ReadOnlyStringWrapper scenario = new ReadOnlyStringWrapper(this, "scenario");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyIntegerWrapper labRevision = new ReadOnlyIntegerWrapper(this, "labRevision");
    private final BooleanProperty hideFuture = new SimpleBooleanProperty(this, "hideFuture", false);
    private final BooleanProperty absolute = new SimpleBooleanProperty(this, "absolute", false);

    private final ObservableList<Happening> happened = FXCollections.observableArrayList();
    private final ObservableList<Happening> happenedView = FXCollections.unmodifiableObservableList(happened);
    private List<Happening> allHappenings = List.of();
    /** Per side, the instants where the endpoint took a transition (a restart of 2MSL is TIME_WAIT -> TIME_WAIT). */
    private List<Transition> transitions = List.of();
    private String statusKey;
    private Object[] statusArgs = {};

    private record Transition(long t, Side side, TcpState from, TcpState to) {}

    public WindowModel(Lab lab, Locale locale, ResourceBundle res) {
        this.lab = lab;
        this.locale = locale;
        this.res = res;
        playhead.bind(playback.timeProperty());
        clientState.bind(playback.clientStateProperty());
        serverState.bind(playback.serverStateProperty());
        playback.timeProperty().addListener(o -> onTime());
        // While playing, the inspector follows the segment the playhead is on.
        playback.currentSegmentProperty().addListener((o, a, s) -> {
            if (playback.isPlaying() && s != null) selection.set(s);
        });
    }

    // ---- read-only state ----

    public ReadOnlyObjectProperty<Trace> traceProperty() { return trace.getReadOnlyProperty(); }
    public Trace getTrace() { return trace.get(); }
    public ReadOnlyLongProperty playheadProperty() { return playhead.getReadOnlyProperty(); }
    public long getPlayhead() { return playhead.get(); }
    public ReadOnlyObjectProperty<TraceEvent.Segment> selectionProperty() { return selection.getReadOnlyProperty(); }
    public TraceEvent.Segment getSelection() { return selection.get(); }
    public ReadOnlyObjectProperty<TcpState> clientStateProperty() { return clientState.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<TcpState> serverStateProperty() { return serverState.getReadOnlyProperty(); }
    /** The transition the client took last, {from, to}; from == to for a self-loop (2MSL restarted). */
    public ReadOnlyObjectProperty<TcpState[]> clientLastProperty() { return clientLast.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<TcpState[]> serverLastProperty() { return serverLast.getReadOnlyProperty(); }
    public TcpState state(Side side) { return side == Side.CLIENT ? clientState.get() : serverState.get(); }
    /** The loaded scenario's id, or null when a capture or trace file is shown. */
    public ReadOnlyStringProperty scenarioProperty() { return scenario.getReadOnlyProperty(); }
    /** The file the trace came from (capture or trace JSON), or null for a simulation. */
    public ReadOnlyObjectProperty<Path> fileProperty() { return file.getReadOnlyProperty(); }
    /** The status line, in the window's language. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** Counts changes of the lab (faults, calls, parameters, undo); panes showing the lab refresh on it. */
    public ReadOnlyIntegerProperty labRevisionProperty() { return labRevision.getReadOnlyProperty(); }
    /** Notes, fired and restarted timers and lost segments up to the playhead, oldest first. */
    public ObservableList<Happening> happened() { return happenedView; }

    /** Hides the diagram below the playhead (predict mode, a quiz); any pane may set it. */
    public BooleanProperty hideFutureProperty() { return hideFuture; }
    /** Absolute instead of relative sequence numbers. */
    public BooleanProperty absoluteProperty() { return absolute; }

    public Playback playback() { return playback; }
    public Lab lab() { return lab; }
    public Locale locale() { return locale; }
    public ResourceBundle bundle() { return res; }

    // ---- changes ----

    /** Loads a library scenario with its defaults; the selection is cleared and the playhead goes to 0. */
    public void loadScenario(String id) {
        Trace t = lab.load(id);
        file.set(null);
        scenario.set(id);
        show(t, 0, null);
        labRevision.set(labRevision.get() + 1);
        status("status.loaded", new TextKey("scenario." + id + ".title"));
    }

    /** Shows a trace read from a file (capture or trace JSON): no scenario, no selection. */
    public void showFile(Trace t, Path from) {
        lab.load(null);
        scenario.set(null);
        file.set(from);
        show(t, 0, null);
        labRevision.set(labRevision.get() + 1);
        if (from != null) status("status.opened", from.getFileName());
    }

    /** Shows a trace without a scenario or file behind it (a test, a lesson, a quiz). */
    public void showTrace(Trace t) {
        lab.load(null);
        scenario.set(null);
        file.set(null);
        show(t, 0, null);
        labRevision.set(labRevision.get() + 1);
    }

    /**
     * Shows a longer version of the trace on screen (a live capture growing): the segment
     * selected stays selected (by id: the grown trace has new segment objects), the playhead
     * goes to {@code time}, nothing else is reset (no lab reload, playing goes on).
     */
    public void grow(Trace t, long time) {
        TraceEvent.Segment sel = selection.get();
        trace.set(t);
        playback.setTrace(t);
        index(t);
        playback.seek(time);
        if (!playback.pacedProperty().get()) {
            // A long trace is indexed and paced in the background; until then the playback knows no
            // end and holds the playhead at 0: put it where it belongs once the pacing is there.
            playback.pacedProperty().addListener(new javafx.beans.InvalidationListener() {
                @Override public void invalidated(javafx.beans.Observable o) {
                    if (!playback.pacedProperty().get()) return;
                    playback.pacedProperty().removeListener(this);
                    if (trace.get() == t) playback.seek(time);
                }
            });
        }
        onTime();
        if (sel != null && !select(sel.id())) selection.set(null);
    }

    /**
     * Runs a change of the lab and shows the re-simulated trace with the playhead where it was:
     * the past stays, only the future changes. A refused change ends in the status line.
     */
    public boolean change(Supplier<Trace> change, String statusKey, Object... args) {
        try {
            Trace t = change.get();
            TraceEvent.Segment sel = selection.get();
            show(t, playback.getTime(), sel == null ? null : sel.id());
            status(statusKey, args);
            return true;
        } catch (RuntimeException e) {
            status("status.error", e.getMessage());
            return false;
        } finally {
            labRevision.set(labRevision.get() + 1);
        }
    }

    /** Restores a window's state after a rebuild (language switch). */
    void restore(Trace t, String scenarioId, Path from, long time, Integer selected) {
        scenario.set(scenarioId);
        file.set(from);
        show(t, time, selected);
        labRevision.set(labRevision.get() + 1);
    }

    private void show(Trace t, long time, Integer selected) {
        playback.pause();
        selection.set(null);
        trace.set(t);
        playback.setTrace(t);
        index(t);
        playback.seek(time);
        onTime();
        if (selected != null) select(selected);
    }

    public void setPlayhead(long t) { playback.seek(t); }

    public void select(TraceEvent.Segment s) { selection.set(s); }

    /** Selects segment {@code id} of the trace on screen; false if it has none. */
    public boolean select(int id) {
        Trace t = trace.get();
        if (t == null) return false;
        for (TraceEvent.Segment s : t.segments()) {
            if (s.id() == id) { selection.set(s); return true; }
        }
        return false;
    }

    public void clearSelection() { selection.set(null); }

    /** A status argument that is itself a text of the tcp/capture bundles, said in the window's language. */
    public record TextKey(String key) {}

    /** Sets the status line from a ui key; kept as key + arguments so a rebuild can say it again in the new language. */
    public void status(String key, Object... args) {
        statusKey = key;
        statusArgs = args;
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) shown[i] = args[i] instanceof TextKey k ? text(k.key()) : args[i];
        status.set(res.containsKey(key) ? MessageFormat.format(res.getString(key), shown) : key);
    }

    String statusKey() { return statusKey; }

    Object[] statusArgs() { return statusArgs; }

    /** Stops playback; after this the model is no longer driven by an animation timer. */
    public void dispose() {
        playback.pause();
    }

    // ---- derived state ----

    private long indexGeneration;

    /**
     * What happened and the state edges, read off the trace: at once for a short trace, on the
     * trace index's worker for a long one (a walk over a million events is not for the FX thread);
     * until it arrives the lists are empty.
     */
    private void index(Trace t) {
        long gen = ++indexGeneration;
        if (t == null || t.events().size() <= Playback.SYNC_EVENTS) {
            apply(scan(t));
            return;
        }
        apply(new Scan(List.of(), List.of()));
        java.util.concurrent.CompletableFuture.supplyAsync(() -> scan(t), io.github.handshakelab.diagram.TraceIndex.worker())
                .thenAccept(r -> javafx.application.Platform.runLater(() -> {
                    if (gen != indexGeneration) return;
                    apply(r);
                    onTime();
                }));
    }

    private record Scan(List<Happening> happenings, List<Transition> transitions) {}

    private void apply(Scan r) {
        allHappenings = r.happenings();
        transitions = r.transitions();
        happened.clear();
    }

    private Scan scan(Trace t) {
        List<Happening> out = new ArrayList<>();
        List<Transition> tr = new ArrayList<>();
        if (t != null) {
            Set<String> running = new HashSet<>();
            for (TraceEvent e : t.events()) {
                if (e instanceof TraceEvent.Note n) {
                    out.add(new Happening(n.t(), Happening.Kind.NOTE, render(n.text())));
                } else if (e instanceof TraceEvent.StateChange c) {
                    tr.add(new Transition(c.t(), c.endpoint(), c.from(), c.to()));
                } else if (e instanceof TraceEvent.Timer tm) {
                    String key = tm.endpoint().id() + tm.timer();
                    boolean restart = tm.action() == TraceEvent.TimerAction.SET && running.contains(key);
                    if (tm.action() == TraceEvent.TimerAction.SET) running.add(key);
                    else running.remove(key);
                    if (restart) {
                        // RFC 9293 §3.10.7.4: TIME_WAIT acknowledges a retransmitted FIN and restarts the 2MSL timeout.
                        TcpState s = t.stateAt(tm.endpoint(), tm.t());
                        if (tm.timer() == TimerKind.TIME_WAIT) tr.add(new Transition(tm.t(), tm.endpoint(), s, s));
                        out.add(timer(tm, "RESTART"));
                    } else if (tm.action() == TraceEvent.TimerAction.FIRED) {
                        out.add(timer(tm, "FIRED"));
                    }
                } else if (e instanceof TraceEvent.Segment s && s.isDropped()) {
                    out.add(new Happening(s.sent(), Happening.Kind.LOST, MessageFormat.format(res.getString("happened.lost"),
                            who(s.from()), s.id(), s.flags().toString())));
                }
            }
        }
        return new Scan(List.copyOf(out), List.copyOf(tr));
    }

    private Happening timer(TraceEvent.Timer tm, String action) {
        String text = Messages.format(locale, "tcp.txt.timer." + action, who(tm.endpoint()),
                Messages.get(locale, "tcp.txt.timerName." + tm.timer().name()),
                Messages.format(locale, "tcp.txt.seconds", String.format(Locale.ROOT, "%.3f", tm.expires() / 1e6)));
        return new Happening(tm.t(), Happening.Kind.TIMER, text);
    }

    private String who(Side side) {
        return res.getString(side == Side.CLIENT ? "diagram.client" : "diagram.server");
    }

    private void onTime() {
        long now = playback.getTime();
        int n = countUpTo(allHappenings, Happening::t, now);
        if (n != happened.size()) {
            if (n > happened.size()) happened.addAll(allHappenings.subList(happened.size(), n));
            else happened.remove(n, happened.size());
        }
        clientLast.set(last(Side.CLIENT, now));
        serverLast.set(last(Side.SERVER, now));
    }

    /** How many of {@code list} (in time order) are at or before {@code now}: a binary search, as every frame asks. */
    private static <T> int countUpTo(List<T> list, java.util.function.ToLongFunction<T> time, long now) {
        int lo = 0, hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time.applyAsLong(list.get(mid)) <= now) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private TcpState[] last(Side side, long now) {
        TcpState[] last = null;
        for (int i = countUpTo(transitions, Transition::t, now) - 1; i >= 0; i--) {
            Transition x = transitions.get(i);
            if (x.side() == side) { last = new TcpState[]{x.from(), x.to()}; break; }
        }
        // Same edge as before: keep the old array so listeners do not redraw for nothing.
        TcpState[] prev = side == Side.CLIENT ? clientLast.get() : serverLast.get();
        return java.util.Arrays.equals(prev, last) ? prev : last;
    }

    /** A text of the tcp/capture bundles in the window's language (scenario titles, lessons). */
    public String text(String key) {
        return Messages.has(locale, key) ? Messages.get(locale, key) : key;
    }

    public String render(Explanation e) {
        try {
            return e.render(locale);
        } catch (RuntimeException ex) {
            return e.key() + " " + e.args();
        }
    }
}
