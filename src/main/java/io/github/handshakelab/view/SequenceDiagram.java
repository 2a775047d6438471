package io.github.handshakelab.view;

import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
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
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * The animated sequence diagram (DESIGN §2) as a control: give it a trace and a playhead time;
 * it draws what has happened up to that time. The trace is indexed and laid out once (off the FX
 * thread when long) and each frame draws only the visible rows, so 100,000-segment traces play
 * and scroll smoothly.
 */
public class SequenceDiagram extends Control {

    private final ObjectProperty<Trace> trace = new SimpleObjectProperty<>(this, "trace");
    private final LongProperty playhead = new SimpleLongProperty(this, "playhead", 0);
    private final ObjectProperty<TraceEvent.Segment> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty absolute = new SimpleBooleanProperty(this, "absolute", false);
    private final BooleanProperty showFuture = new SimpleBooleanProperty(this, "showFuture", true);
    private final ObjectProperty<java.util.Locale> locale = new SimpleObjectProperty<>(this, "locale", java.util.Locale.ROOT);
    private final BooleanProperty autoScroll = new SimpleBooleanProperty(this, "autoScroll", true);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1.0);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ObjectProperty<ResourceBundle> bundle = new SimpleObjectProperty<>(this, "bundle");
    private final ObjectProperty<DiagramLayout.Spacing> spacing = new SimpleObjectProperty<>(this, "spacing", DiagramLayout.Spacing.AUTO);
    private final BooleanProperty fit = new SimpleBooleanProperty(this, "fit", false);
    private final ReadOnlyObjectWrapper<DiagramLayout> layout = new ReadOnlyObjectWrapper<>(this, "layout");
    /** Called with a segment the user asked to drop (context menu), when dropping is allowed. */
    private final ObjectProperty<Consumer<TraceEvent.Segment>> onDropSegment = new SimpleObjectProperty<>(this, "onDropSegment");

    public SequenceDiagram() {
        getStyleClass().add("sequence-diagram");
        setFocusTraversable(true);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new SequenceDiagramSkin(this);
    }

    String text(String key) {
        ResourceBundle b = bundle.get();
        return b != null && b.containsKey(key) ? b.getString(key) : key;
    }

    public ObjectProperty<Trace> traceProperty() { return trace; }
    public Trace getTrace() { return trace.get(); }
    public void setTrace(Trace t) { trace.set(t); }
    public LongProperty playheadProperty() { return playhead; }
    public ObjectProperty<TraceEvent.Segment> selectedProperty() { return selected; }
    public TraceEvent.Segment getSelected() { return selected.get(); }
    public void setSelected(TraceEvent.Segment s) { selected.set(s); }
    public BooleanProperty absoluteProperty() { return absolute; }
    public BooleanProperty autoScrollProperty() { return autoScroll; }
    /** Draw segments that have not happened yet as faint ghosts (so they can be clicked and dropped). */
    public BooleanProperty showFutureProperty() { return showFuture; }
    /** Language of the hover explanations. */
    public ObjectProperty<java.util.Locale> localeProperty() { return locale; }
    public DoubleProperty zoomProperty() { return zoom; }
    public ObjectProperty<Theme> themeProperty() { return theme; }
    public ObjectProperty<ResourceBundle> bundleProperty() { return bundle; }
    public ObjectProperty<Consumer<TraceEvent.Segment>> onDropSegmentProperty() { return onDropSegment; }

    /**
     * Row spacing: {@code TIME} (height proportional to time, long gaps compressed), {@code ORDER}
     * (each event its own row, as Wireshark's flow graph) or {@code AUTO} (by order for captures,
     * by time for simulations). Bind {@link Playback#spacingProperty()} to it so playing paces
     * along the same rows.
     */
    public ObjectProperty<DiagramLayout.Spacing> spacingProperty() { return spacing; }

    /**
     * While true, the zoom follows the viewport so the whole diagram fits its height (never below
     * the least zoom, where rows still keep their labels apart). Setting the zoom turns it off.
     */
    public BooleanProperty fitProperty() { return fit; }

    /**
     * Zooms so the whole diagram fits the window's height, and keeps it fitted on resize, on
     * another trace and on a spacing change. Asked again while fitted, it fits again at once.
     */
    public void fitToHeight() {
        if (fit.get()) fit.set(false);
        fit.set(true);
    }

    /**
     * The layout on screen (null until the first one is ready: a long trace is laid out in the
     * background). Panels that need geometry (the scrubber's ticks) read it instead of laying out again.
     */
    public ReadOnlyObjectProperty<DiagramLayout> layoutProperty() { return layout.getReadOnlyProperty(); }

    public DiagramLayout getLayout() { return layout.get(); }

    void setLayoutInternal(DiagramLayout l) { layout.set(l); }

    /** Screen point of a segment's label centre, in this control's coordinates (for tests and tours). */
    public javafx.geometry.Point2D segmentPoint(int id) {
        return getSkin() instanceof SequenceDiagramSkin s ? s.segmentPoint(id) : null;
    }

    /** Scrolls so that segment {@code id} is in view. */
    public void reveal(int id) {
        if (getSkin() instanceof SequenceDiagramSkin s) s.reveal(id);
    }

    /** Scrolls, if need be, so that the playhead is in view with room below it (as playing does). */
    public void followPlayhead() {
        if (getSkin() instanceof SequenceDiagramSkin s) s.follow();
    }

    /** Sets the scroll offset in pixels (the benchmark scrolls with it). */
    public void scrollTo(double y) {
        if (getSkin() instanceof SequenceDiagramSkin s) s.scrollTo(y);
    }

    public double contentHeight() {
        return getSkin() instanceof SequenceDiagramSkin s ? s.contentHeight() : 0;
    }

    /** Redraws now (the benchmark measures this). */
    public void redraw() {
        if (getSkin() instanceof SequenceDiagramSkin s) s.draw();
    }
}
