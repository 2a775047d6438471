package io.github.handshakelab.view;

import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.text.TimeFormat;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.collections.FXCollections;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.DoubleConsumer;

/** The diagram pane: playback bar, sequence diagram, half-open gauge, timeline scrubber. */
public final class DiagramController {

    /** The speeds of the speed box, also the steps of Faster/Slower. */
    public static final List<Double> SPEEDS = List.of(0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0);
    private static final double ZOOM_STEP = 1.25;

    // the pane's nodes, set by MainFrame
    VBox diagramPane;
    FlowPane playbackBar;
    Button restartButton, prevButton, playButton, nextButton, zoomInButton, zoomOutButton, fitButton;
    ComboBox<Double> speedBox;
    Label timeLabel, gaugeLabel;
    ToggleButton absoluteToggle;
    SequenceDiagram diagram;
    HBox gaugeBox;
    ProgressBar gaugeBar;
    StackPane timelineBox;
    Canvas tickCanvas;
    Slider scrubber;

    private final WindowModel model;
    private ResourceBundle res;
    private boolean updatingScrubber, syncingSelection;
    private List<Trace.Gauge> gauge = List.of();
    private Theme theme = Theme.LIGHT;
    /** Told when the user changes the speed (the window remembers it). */
    private DoubleConsumer onSpeed = v -> {};

    public DiagramController(WindowModel model) {
        this.model = model;
    }

    /**
     * Puts the half-open gauge under the diagram. A first frame without a SYN flood does without
     * it: hidden, it still had its progress bar's skin made there.
     */
    private void placeGauge() {
        if (gaugeBox.getParent() == null) diagramPane.getChildren().add(diagramPane.getChildren().indexOf(diagram) + 1, gaugeBox);
    }

    /**
     * What the first frame did without: each control of the pane whose accessible help is set gets
     * a tooltip with that text (see MainFrame), the hidden gauge is placed, and the speed box's popup
     * list is styled.
     */
    void afterFirstFrame() {
        placeGauge();
        installTooltips(diagramPane);
        if (speedBox.getSkin() instanceof LateListSkin<?> s) s.styleList();
    }

    private static void installTooltips(javafx.scene.Parent parent) {
        for (javafx.scene.Node n : parent.getChildrenUnmodifiable()) {
            if (n instanceof javafx.scene.control.Control c && c.getAccessibleHelp() != null && c.getTooltip() == null) {
                c.setTooltip(new javafx.scene.control.Tooltip(c.getAccessibleHelp()));
            } else if (n instanceof javafx.scene.Parent p && !(n instanceof javafx.scene.control.Control)) {
                installTooltips(p);
            }
        }
    }

    void initialize(ResourceBundle resources) {
        res = resources;
        Playback playback = model.playback();
        diagram.bundleProperty().set(res);
        diagram.localeProperty().set(model.locale());
        diagram.playheadProperty().bind(model.playheadProperty());
        diagram.absoluteProperty().bind(model.absoluteProperty());
        absoluteToggle.selectedProperty().bindBidirectional(model.absoluteProperty());
        diagram.showFutureProperty().bind(model.hideFutureProperty().not());
        diagram.onDropSegmentProperty().set(s -> model.change(() -> model.lab().dropSegment(s.id()), "status.dropped", s.id()));
        // Playing paces along the rows the diagram draws, by time or by order.
        playback.spacingProperty().bind(diagram.spacingProperty());
        model.traceProperty().addListener((o, a, t) -> {
            // A chosen spacing holds while the same kind of source is shown; another kind follows its own default.
            if (a != null && t != null && a.source() != t.source()) diagram.spacingProperty().set(DiagramLayout.Spacing.AUTO);
            onTrace(t);
        });
        // The diagram's selection and the model's are one: clicking selects, loading clears.
        diagram.selectedProperty().addListener((o, a, s) -> {
            if (!syncingSelection && s != model.getSelection()) model.select(s);
        });
        model.selectionProperty().addListener((o, a, s) -> {
            syncingSelection = true;
            diagram.setSelected(s);
            syncingSelection = false;
        });

        speedBox.setItems(FXCollections.observableArrayList(SPEEDS));
        speedBox.setConverter(new StringConverter<>() {
            @Override public String toString(Double d) { return d == null ? "" : speedText(d); }
            @Override public Double fromString(String s) { return Double.valueOf(s.replace("×", "")); }
        });
        speedBox.setValue(playback.speedProperty().get());
        speedBox.valueProperty().addListener((o, a, v) -> {
            if (v == null) return;
            playback.speedProperty().set(v);
            onSpeed.accept(v);
        });
        playback.speedProperty().addListener((o, a, v) -> speedBox.setValue(v.doubleValue()));
        playback.playingProperty().addListener((o, a, p) -> playButton.setText(res.getString(p ? "play.pause" : "play.play")));
        model.playheadProperty().addListener(o -> onTime());
        scrubber.valueProperty().addListener((o, a, v) -> {
            if (!updatingScrubber) model.setPlayhead(playback.timeAt(v.doubleValue()));
        });
        tickCanvas.widthProperty().bind(timelineBox.widthProperty());
        tickCanvas.widthProperty().addListener(o -> drawTicks());
        playback.pacedProperty().addListener(o -> drawTicks()); // a long trace is paced after it is shown
        onTrace(model.getTrace());
    }

    static String speedText(double d) {
        return (d == Math.rint(d) ? String.valueOf((int) d) : String.valueOf(d)) + "×";
    }

    void onSpeedChange(DoubleConsumer c) { this.onSpeed = c; }

    public SequenceDiagram diagram() { return diagram; }

    void theme(Theme t) {
        theme = t;
        diagram.themeProperty().set(t);
        drawTicks();
    }

    private void onTrace(Trace t) {
        diagram.setTrace(t);
        gauge = t == null ? List.of() : t.gauge(Trace.GAUGE_HALF_OPEN);
        gaugeBox.setVisible(!gauge.isEmpty());
        gaugeBox.setManaged(!gauge.isEmpty());
        if (!gauge.isEmpty()) placeGauge();
        diagram.setSelected(model.getSelection());
        onTime();
        drawTicks();
    }

    private void onTime() {
        long t = model.getPlayhead();
        Playback playback = model.playback();
        timeLabel.setText("t = " + TimeFormat.instant(t));
        updatingScrubber = true;
        scrubber.setValue(playback.fraction(t));
        updatingScrubber = false;
        if (!gauge.isEmpty()) {
            Trace.Gauge row = null;
            for (Trace.Gauge r : gauge) { if (r.t() <= t) row = r; else break; }
            long len = row == null ? 0 : row.value(), cap = row == null ? gauge.get(0).max() : row.max();
            gaugeBar.setProgress(cap <= 0 ? 0 : Math.min(1, (double) len / cap));
            gaugeLabel.setText(MessageFormat.format(res.getString("gauge.value"), len, cap));
        }
    }

    private void drawTicks() {
        GraphicsContext g = tickCanvas.getGraphicsContext2D();
        double w = tickCanvas.getWidth(), h = tickCanvas.getHeight();
        g.clearRect(0, 0, w, h);
        g.setStroke(theme.muted);
        g.setLineWidth(1);
        double pad = 8;
        Playback playback = model.playback();
        for (long s : playback.stops()) {
            double x = pad + playback.fraction(s) * (w - 2 * pad);
            g.strokeLine(x, 0, x, 7);
            g.strokeLine(x, h - 7, x, h);
        }
    }

    // ---- actions (buttons here, menu accelerators in the main window) ----

    public void onPlayPause() { model.playback().toggle(); }

    public void onRestart() { model.playback().pause(); model.playback().restart(); }

    public void onPrevious() { model.playback().previous(); }

    public void onNext() { model.playback().next(); }

    public void onEnd() { model.playback().toEnd(); }

    /** One step up or down the speed list (Faster / Slower). */
    public void stepSpeed(int direction) {
        double now = model.playback().speedProperty().get();
        int i = 0;
        while (i < SPEEDS.size() - 1 && SPEEDS.get(i) < now) i++;
        int next = Math.max(0, Math.min(SPEEDS.size() - 1, i + direction));
        model.playback().speedProperty().set(SPEEDS.get(next));
    }

    public void onZoomIn() { diagram.zoomProperty().set(SequenceDiagramSkin.clampZoom(diagram.zoomProperty().get() * ZOOM_STEP)); }

    public void onZoomOut() { diagram.zoomProperty().set(SequenceDiagramSkin.clampZoom(diagram.zoomProperty().get() / ZOOM_STEP)); }

    /**
     * Fits the whole diagram to the height of its pane, so a class sees the exchange at once: the
     * diagram's own fit (it searches the zoom on the time axis and keeps fitting on resize until
     * the user zooms), scrolled to the top.
     */
    public void onFit() {
        diagram.fitToHeight();
        diagram.scrollTo(0);
    }

    /** The spacing in effect for the trace on screen (AUTO resolved: captures by order, simulations by time). */
    public DiagramLayout.Spacing effectiveSpacing() {
        Trace t = model.getTrace();
        return diagram.spacingProperty().get().resolve(t != null && t.source() == Trace.Source.CAPTURE);
    }

    /** View > Spacing by order: the user's choice, until a different kind of source (capture / simulation) is shown. */
    public void setByOrder(boolean byOrder) {
        diagram.spacingProperty().set(byOrder ? DiagramLayout.Spacing.ORDER : DiagramLayout.Spacing.TIME);
    }

    /** The segment the playhead is on becomes the selection (the inspector follows). */
    public void selectCurrent() {
        TraceEvent.Segment s = model.playback().currentSegmentProperty().get();
        if (s != null) model.select(s);
    }
}
