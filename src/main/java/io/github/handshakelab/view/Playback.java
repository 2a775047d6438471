package io.github.handshakelab.view;

import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.diagram.TimeAxis;
import io.github.handshakelab.diagram.TraceIndex;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.Arrays;

/**
 * The playhead over a trace: time in microseconds, play/pause, speed, stepping between events.
 * <p>
 * Playing is paced along the diagram's rows, not trace time: a 50 ms RTT and a 60 s TIME_WAIT
 * differ by three orders of magnitude. Between events the playhead moves at a constant speed in
 * diagram space ({@link #PX_PER_SECOND}); a compressed gap takes {@link #GAP_SECONDS} of wall
 * time whatever its length, with trace time running through it linearly, so the 2MSL countdown
 * is seen running. Stepping stops at every event and in the middle of every gap.
 * <p>
 * The trace's {@link TraceIndex} (shared with the diagram, built once) answers every question
 * about states and segments by binary search; a long trace is indexed in the background.
 */
public final class Playback {

    /** Diagram pixels (unzoomed default layout) per second of wall time at 1x. */
    public static final double PX_PER_SECOND = 110;
    /** Wall time a compressed gap takes at 1x: long enough to watch a countdown run. */
    public static final double GAP_SECONDS = 2.5;
    /** Traces up to this many events are indexed at once; longer ones in the background. */
    static final int SYNC_EVENTS = 20_000;

    private final ObjectProperty<Trace> trace = new SimpleObjectProperty<>(this, "trace");
    private final ObjectProperty<DiagramLayout.Spacing> spacing = new SimpleObjectProperty<>(this, "spacing", DiagramLayout.Spacing.AUTO);
    private final LongProperty time = new SimpleLongProperty(this, "time", 0);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1.0);
    private final ReadOnlyObjectWrapper<TraceIndex> index = new ReadOnlyObjectWrapper<>(this, "index");
    private final javafx.beans.property.ReadOnlyBooleanWrapper paced = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "paced");
    private final ReadOnlyObjectWrapper<TcpState> clientState = new ReadOnlyObjectWrapper<>(this, "clientState", TcpState.CLOSED);
    private final ReadOnlyObjectWrapper<TcpState> serverState = new ReadOnlyObjectWrapper<>(this, "serverState", TcpState.CLOSED);
    private final ReadOnlyObjectWrapper<TraceEvent.Segment> currentSegment = new ReadOnlyObjectWrapper<>(this, "currentSegment");
    private final ReadOnlyObjectWrapper<TraceEvent.StateChange> lastChange = new ReadOnlyObjectWrapper<>(this, "lastChange");

    // pacing: wall seconds at 1x for every point of the time axis
    private long[] paceT = {0};
    private double[] paceW = {0};
    private long[] stops = {0};
    private long end;
    private double wall;
    private long wallAt = Long.MIN_VALUE;
    private final AnimationTimer timer;
    private long lastNanos = -1;
    private long generation;
    private long paceGeneration;

    public Playback() {
        // invalidation, not change: a change listener would compare two long traces by value
        trace.addListener(o -> load());
        spacing.addListener(o -> { if (index.get() != null) repace(index.get(), ++paceGeneration); });
        // An invalidation listener, so it runs before the views' invalidation listeners that read the states.
        time.addListener(o -> refresh());
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastNanos >= 0) advance((now - lastNanos) / 1e9);
                lastNanos = now;
            }
        };
        playing.addListener((o, a, p) -> {
            if (p) {
                if (time.get() >= end) time.set(0);
                lastNanos = -1;
                timer.start();
            } else {
                timer.stop();
            }
        });
    }

    private void load() {
        Trace t = trace.get();
        long gen = ++generation;
        index.set(null);
        if (t == null) {
            pace((Pace) null);
            return;
        }
        if (t.events().size() <= SYNC_EVENTS) {
            TraceIndex ready = TraceIndex.of(t);
            index.set(ready);
            pace(ready);
            return;
        }
        pace((Pace) null);
        // The pacing walks the whole time axis (a few hundred ms at 100,000 segments): off the FX
        // thread too, so the diagram's layout, arriving meanwhile, is not kept waiting behind it.
        TraceIndex.ofAsync(t).thenAccept(idx -> Platform.runLater(() -> {
            if (gen != generation) return;
            index.set(idx);
            repace(idx, ++paceGeneration);
        }));
    }

    /** After the index and the diagram's layout, on the same thread (see {@link TraceIndex#worker}). */
    private static final java.util.concurrent.Executor PACER = TraceIndex.worker();

    /** A spacing change: paced at once for a short trace, in the background for a long one. */
    private void repace(TraceIndex idx, long gen) {
        if (idx.trace().events().size() <= SYNC_EVENTS) {
            pace(idx);
            return;
        }
        DiagramLayout.Spacing sp = spacing.get();
        java.util.concurrent.CompletableFuture.supplyAsync(() -> Pace.of(idx, sp), PACER).thenAccept(p -> Platform.runLater(() -> {
            if (gen == paceGeneration && index.get() == idx) pace(p);
        }));
    }

    /** Wall seconds at 1x along the time axis, the stepping stops and the end: what {@link #pace} computes. */
    private record Pace(TraceIndex index, long[] paceT, double[] paceW, long[] stops, long end) {
        static Pace of(TraceIndex idx, DiagramLayout.Spacing spacing) {
            TimeAxis axis = DiagramLayout.axisOf(idx, DiagramLayout.Options.defaults(spacing));
            int n = axis.points();
            long[] paceT = new long[n];
            double[] paceW = new double[n];
            long[] mids = new long[axis.gaps().size()];
            int g = 0;
            for (int i = 0; i < n; i++) {
                paceT[i] = axis.pointT(i);
                if (i > 0) {
                    boolean gap = axis.gapAfter(i - 1);
                    paceW[i] = paceW[i - 1] + (gap ? GAP_SECONDS : (axis.pointY(i) - axis.pointY(i - 1)) / PX_PER_SECOND);
                    if (gap) mids[g++] = (paceT[i - 1] + paceT[i]) / 2;
                }
            }
            long[] inst = idx.instants();
            long[] all = Arrays.copyOf(inst, inst.length + g);
            System.arraycopy(mids, 0, all, inst.length, g);
            Arrays.sort(all);
            int m = 0;
            for (int i = 0; i < all.length; i++) if (m == 0 || all[i] != all[m - 1]) all[m++] = all[i];
            long[] stops = Arrays.copyOf(all, m);
            return new Pace(idx, paceT, paceW, stops, Math.max(idx.endTime(), stops[stops.length - 1]));
        }
    }

    private void pace(TraceIndex idx) {
        paceGeneration++;
        pace(idx == null ? null : Pace.of(idx, spacing.get()));
    }

    private void pace(Pace p) {
        paced.set(false); // each new pacing is a change: listeners redraw the ticks
        if (p == null) {
            paceT = new long[]{0};
            paceW = new double[]{0};
            stops = new long[]{0};
            end = 0;
        } else {
            paceT = p.paceT();
            paceW = p.paceW();
            stops = p.stops();
            end = p.end();
        }
        wallAt = Long.MIN_VALUE;
        if (time.get() > end) time.set(end);
        refresh();
        paced.set(p != null); // last: a listener may seek to the new end
    }

    /** Wall seconds at 1x from the start to time {@code t} (at an instant with extra room: its start). */
    double wallOf(long t) {
        int n = paceT.length;
        if (n == 1 || t <= paceT[0]) return 0;
        if (t >= paceT[n - 1]) return paceW[n - 1];
        int lo = 0, hi = n;
        while (lo < hi) {   // first point with time >= t
            int mid = (lo + hi) >>> 1;
            if (paceT[mid] < t) lo = mid + 1; else hi = mid;
        }
        if (paceT[lo] == t) return paceW[lo];
        int i = lo - 1;
        double f = (double) (t - paceT[i]) / (paceT[lo] - paceT[i]);
        return paceW[i] + f * (paceW[lo] - paceW[i]);
    }

    /** The trace time reached after {@code w} wall seconds at 1x (inverse of {@link #wallOf}). */
    long timeOf(double w) {
        int n = paceT.length;
        if (n == 1 || w <= 0) return paceT[0];
        if (w >= paceW[n - 1]) return paceT[n - 1];
        int lo = 0, hi = n;
        while (lo < hi) {   // first point with wall > w
            int mid = (lo + hi) >>> 1;
            if (paceW[mid] <= w) lo = mid + 1; else hi = mid;
        }
        int i = lo - 1;
        if (paceW[lo] <= paceW[i]) return paceT[lo];
        double f = (w - paceW[i]) / (paceW[lo] - paceW[i]);
        return paceT[i] + Math.round(f * (paceT[lo] - paceT[i]));
    }

    /** Moves the playhead by {@code seconds} of wall time at the current speed; stops at the end. */
    public void advance(double seconds) {
        if (index.get() == null || !paced.get()) return;
        if (wallAt != time.get()) wall = wallOf(time.get());
        wall += seconds * speed.get();
        long t = Math.max(time.get(), timeOf(wall));
        if (t >= end || wall >= paceW[paceW.length - 1] && t >= paceT[paceT.length - 1]) {
            t = end;
            wallAt = t;
            time.set(t);
            playing.set(false);
        } else {
            // inside an instant's extra room the time stands still while the wall clock runs on
            wallAt = t;
            time.set(t);
        }
    }

    private void refresh() {
        TraceIndex idx = index.get();
        long now = time.get();
        if (idx == null) {
            clientState.set(TcpState.CLOSED);
            serverState.set(TcpState.CLOSED);
            currentSegment.set(null);
            lastChange.set(null);
            return;
        }
        clientState.set(idx.stateAt(Side.CLIENT, now));
        serverState.set(idx.stateAt(Side.SERVER, now));
        currentSegment.set(idx.segmentAt(now));
        lastChange.set(idx.changeAt(now));
    }

    public void play() { playing.set(true); }
    public void pause() { playing.set(false); }
    public void toggle() { playing.set(!playing.get()); }
    public void restart() { time.set(0); }
    public void toEnd() { pause(); time.set(end); }

    /** Jumps to the next instant where something happens, or the middle of a gap. */
    public void next() {
        pause();
        long now = time.get();
        int i = Arrays.binarySearch(stops, now);
        int n = i >= 0 ? i + 1 : -i - 1;
        time.set(n < stops.length ? stops[n] : end);
    }

    /** Jumps back to the previous instant where something happens; the view rolls back with it. */
    public void previous() {
        pause();
        long now = time.get();
        int i = Arrays.binarySearch(stops, now);
        int p = i >= 0 ? i - 1 : -i - 2;
        time.set(p >= 0 ? stops[p] : 0);
    }

    public void seek(long t) { time.set(Math.max(0, Math.min(end, t))); }

    public long endTime() { return end; }

    /** Position of {@code t} along the whole trace in wall time, 0..1 (the scrubber's scale: a gap is as wide as it plays). */
    public double fraction(long t) {
        double total = paceW[paceW.length - 1];
        return total <= 0 ? 0 : Math.max(0, Math.min(1, wallOf(t) / total));
    }

    /** The time at a scrubber position. */
    public long timeAt(double fraction) {
        return Math.max(0, Math.min(end, timeOf(fraction * paceW[paceW.length - 1])));
    }

    /** Seconds the whole trace takes to play at 1x. */
    public double wallSeconds() { return paceW[paceW.length - 1]; }

    public long[] stops() { return stops.clone(); }

    public ObjectProperty<Trace> traceProperty() { return trace; }
    public Trace getTrace() { return trace.get(); }
    public void setTrace(Trace t) { trace.set(t); }
    /** Pace along the same rows as the diagram: bind to {@link SequenceDiagram#spacingProperty()}. */
    public ObjectProperty<DiagramLayout.Spacing> spacingProperty() { return spacing; }
    /** The trace's index once built (null while a long trace is being indexed): states, segments, TCBs and notes by time. */
    public ReadOnlyObjectProperty<TraceIndex> indexProperty() { return index.getReadOnlyProperty(); }
    /**
     * True once the stops, the end and the wall-time pacing of the trace are known (at once for a
     * short trace; a long one is paced in the background after its index): the scrubber's ticks
     * and {@link #fraction} are meaningful from then on.
     */
    public javafx.beans.property.ReadOnlyBooleanProperty pacedProperty() { return paced.getReadOnlyProperty(); }
    public LongProperty timeProperty() { return time; }
    public long getTime() { return time.get(); }
    public BooleanProperty playingProperty() { return playing; }
    public boolean isPlaying() { return playing.get(); }
    public DoubleProperty speedProperty() { return speed; }
    public ReadOnlyObjectProperty<TcpState> clientStateProperty() { return clientState.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<TcpState> serverStateProperty() { return serverState.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<TraceEvent.Segment> currentSegmentProperty() { return currentSegment.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<TraceEvent.StateChange> lastChangeProperty() { return lastChange.getReadOnlyProperty(); }

    public TcpState state(Side side) {
        return side == Side.CLIENT ? clientState.get() : serverState.get();
    }
}
