package io.github.handshakelab.view;

import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.animation.AnimationTimer;
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
 * Playing advances at a constant speed in diagram space, not in trace time: a 50 ms RTT and a
 * 60 s TIME_WAIT differ by three orders of magnitude, and the compressed axis of
 * {@link DiagramLayout} is exactly the pacing a viewer wants (each exchange takes about a second
 * at 1x, long idle stretches pass in a moment while their countdown still shows real time).
 */
public final class Playback {

    /** Diagram pixels (unzoomed layout) per second of wall time at 1x. */
    public static final double PX_PER_SECOND = 110;

    private final ObjectProperty<Trace> trace = new SimpleObjectProperty<>(this, "trace");
    private final LongProperty time = new SimpleLongProperty(this, "time", 0);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1.0);
    private final ReadOnlyObjectWrapper<TcpState> clientState = new ReadOnlyObjectWrapper<>(this, "clientState", TcpState.CLOSED);
    private final ReadOnlyObjectWrapper<TcpState> serverState = new ReadOnlyObjectWrapper<>(this, "serverState", TcpState.CLOSED);
    private final ReadOnlyObjectWrapper<TraceEvent.Segment> currentSegment = new ReadOnlyObjectWrapper<>(this, "currentSegment");
    private final ReadOnlyObjectWrapper<TraceEvent.StateChange> lastChange = new ReadOnlyObjectWrapper<>(this, "lastChange");

    private DiagramLayout pacing;
    private long[] stops = {0};
    private long end;
    private final AnimationTimer timer;
    private long lastNanos = -1;

    public Playback() {
        trace.addListener((o, a, t) -> {
            pacing = t == null ? null : new DiagramLayout(t, DiagramLayout.Options.defaults());
            stops = pacing == null ? new long[]{0} : pacing.eventTimes();
            end = t == null ? 0 : Math.max(t.endTime(), stops[stops.length - 1]);
            time.set(Math.min(time.get(), end));
            refresh();
        });
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

    /** Moves the playhead by {@code seconds} of wall time at the current speed; stops at the end. */
    public void advance(double seconds) {
        if (pacing == null) return;
        double y = pacing.y(time.get()) + seconds * PX_PER_SECOND * speed.get();
        long t = pacing.t(y);
        if (t <= time.get()) t = time.get() + 1; // inside an instant's extra room: keep moving
        if (t >= end) {
            time.set(end);
            playing.set(false);
        } else {
            time.set(t);
        }
    }

    private void refresh() {
        Trace t = trace.get();
        long now = time.get();
        if (t == null) {
            clientState.set(TcpState.CLOSED);
            serverState.set(TcpState.CLOSED);
            currentSegment.set(null);
            lastChange.set(null);
            return;
        }
        clientState.set(t.stateAt(Side.CLIENT, now));
        serverState.set(t.stateAt(Side.SERVER, now));
        TraceEvent.Segment cur = null;
        TraceEvent.StateChange change = null;
        for (TraceEvent e : t.events()) {
            if (e.time() > now) break;
            if (e instanceof TraceEvent.Segment s) cur = s;
            else if (e instanceof TraceEvent.StateChange c) change = c;
        }
        currentSegment.set(cur);
        lastChange.set(change);
    }

    public void play() { playing.set(true); }
    public void pause() { playing.set(false); }
    public void toggle() { playing.set(!playing.get()); }
    public void restart() { time.set(0); }
    public void toEnd() { pause(); time.set(end); }

    /** Jumps to the next instant where something happens. */
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

    /** Position of {@code t} along the whole trace in diagram space, 0..1 (the scrubber's scale). */
    public double fraction(long t) {
        if (pacing == null) return 0;
        double y0 = pacing.y(0), y1 = pacing.y(end);
        return y1 <= y0 ? 0 : Math.max(0, Math.min(1, (pacing.y(t) - y0) / (y1 - y0)));
    }

    /** The time at a scrubber position. */
    public long timeAt(double fraction) {
        if (pacing == null) return 0;
        double y0 = pacing.y(0), y1 = pacing.y(end);
        return Math.max(0, Math.min(end, pacing.t(y0 + fraction * (y1 - y0))));
    }

    public long[] stops() { return stops.clone(); }

    public ObjectProperty<Trace> traceProperty() { return trace; }
    public Trace getTrace() { return trace.get(); }
    public void setTrace(Trace t) { trace.set(t); }
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
