package io.github.handshakelab.view;

import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.diagram.DiagramPainter;
import io.github.handshakelab.diagram.Palette;
import io.github.handshakelab.diagram.TraceIndex;
import io.github.handshakelab.text.TimeFormat;
import javafx.application.Platform;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.trace.Endpoint;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;

/** Draws {@link SequenceDiagram} on a viewport-sized canvas; the header holds the live state badges. */
final class SequenceDiagramSkin extends SkinBase<SequenceDiagram> {

    private final Canvas canvas = new Canvas();
    private final FxPainter painter = new FxPainter(canvas.getGraphicsContext2D());
    private final ScrollBar scroll = new ScrollBar();
    private final Label clientBadge = badge("clientBadge");
    private final Label serverBadge = badge("serverBadge");
    private final Label clientName = name("clientName");
    private final Label serverName = name("serverName");
    private final Label clientTimer = name("clientTimer");
    private final Label serverTimer = name("serverTimer");
    private final Label captureNote = name("captureNote");
    /** Whether the room between the badges takes the capture's note (layoutChildren). */
    private boolean noteFits = true;
    private final ContextMenu menu = new ContextMenu();
    private final Tooltip tip = new Tooltip();
    private int hovered = -1;
    private DiagramLayout layout;
    private DiagramPainter diagramPainter;
    private DiagramLayout painterFor;
    private Palette painterPalette;
    private double headerH = 96;
    private record Key(Trace trace, DiagramLayout.Options options) {}
    private Key pendingKey;
    private long generation;
    private long anchorT = Long.MIN_VALUE;
    private boolean settingFitZoom;
    /** The trace whose layout failed (too large for the heap): the canvas says so instead of staying empty. */
    private Trace failed;
    /** While above 0, {@link #draw} waits: see {@link #batched}. */
    private int batch;
    /** Traces up to this many events are laid out at once on the FX thread (a few milliseconds). */
    static final int SYNC_EVENTS = 20_000;
    /** Above this many events a relayout (resize, zoom, theme) drops the old layout first. */
    static final int KEEP_OLD_EVENTS = 400_000;
    /** The layout runs on the trace's background thread, after its index (see {@link TraceIndex#worker}). */
    private static final java.util.concurrent.Executor LAYOUT_WORKER = TraceIndex.worker();

    SequenceDiagramSkin(SequenceDiagram c) {
        super(c);
        scroll.setOrientation(Orientation.VERTICAL);
        getChildren().addAll(canvas, scroll, clientName, serverName, clientBadge, serverBadge, clientTimer, serverTimer, captureNote);
        captureNote.getStyleClass().add("capture-note");
        // (the last fit goes with its trace: it would keep a huge capture's trace alive after it)
        c.traceProperty().addListener(o -> { scroll.setValue(0); anchorT = Long.MIN_VALUE; lastFit = null; refit(); refreshLayout(); });
        c.absoluteProperty().addListener(o -> refreshLayout());
        c.spacingProperty().addListener(o -> { keepCentre(); refit(); refreshLayout(); });
        c.localeProperty().addListener(o -> refreshLayout());
        c.zoomProperty().addListener(o -> {
            if (!settingFitZoom) c.fitProperty().set(false);
            keepCentre();
            refreshLayout();
        });
        c.fitProperty().addListener(o -> { if (c.fitProperty().get()) fitZoom(); });
        c.themeProperty().addListener(o -> { c.requestLayout(); refreshLayout(); });
        c.playheadProperty().addListener(o -> batched(this::follow));
        c.selectedProperty().addListener(o -> draw());
        c.showFutureProperty().addListener(o -> draw());
        Tooltip.install(canvas, tip);
        tip.setShowDelay(javafx.util.Duration.millis(250));
        tip.setWrapText(true);
        tip.setMaxWidth(520);
        canvas.setOnMouseMoved(e -> {
            DiagramLayout.Arrow a = layout == null ? null : layout.hit(e.getX(), e.getY() + scroll.getValue(), 8);
            if (a != null && !c.showFutureProperty().get() && a.tStart() > c.playheadProperty().get()) a = null;
            if (a == null) {
                tip.setText(null);
                tip.hide();
                hovered = -1;
            } else if (a.segment().id() != hovered) {
                hovered = a.segment().id();
                tip.setText(hoverText(a.segment()));
                tip.setStyle(popupFont());
            }
        });
        c.bundleProperty().addListener(o -> draw());
        scroll.valueProperty().addListener(o -> draw());
        canvas.setOnScroll(e -> {
            if (e.isControlDown()) {
                c.zoomProperty().set(clampZoom(c.zoomProperty().get() * (e.getDeltaY() > 0 ? 1.15 : 1 / 1.15)));
            } else {
                scrollTo(scroll.getValue() - e.getDeltaY());
            }
            e.consume();
        });
        canvas.setOnMouseClicked(e -> {
            c.requestFocus();
            if (layout == null) return;
            DiagramLayout.Arrow a = layout.hit(e.getX(), e.getY() + scroll.getValue(), 8);
            if (a != null && !c.showFutureProperty().get() && a.tStart() > c.playheadProperty().get()) a = null;
            if (e.getButton() == MouseButton.PRIMARY) c.setSelected(a == null ? null : a.segment());
            else if (e.getButton() == MouseButton.SECONDARY && a != null) showMenu(a, e.getScreenX(), e.getScreenY());
        });
        canvas.setOnContextMenuRequested(e -> {
            // The mouse opens the menu on the secondary click above; this covers the keyboard's menu key.
            if (!e.isKeyboardTrigger() || layout == null || c.getSelected() == null) return;
            DiagramLayout.Arrow a = layout.arrow(c.getSelected().id());
            if (a != null) showMenu(a, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    private void showMenu(DiagramLayout.Arrow a, double sx, double sy) {
        SequenceDiagram c = getSkinnable();
        c.setSelected(a.segment());
        menu.getItems().clear();
        MenuItem drop = new MenuItem(c.text("diagram.dropSegment"));
        drop.setId("dropSegmentItem");
        TraceEvent.Segment s = a.segment();
        // Only the future can change: a segment already delivered or lost stays as it was.
        boolean canDrop = c.onDropSegmentProperty().get() != null && !s.isDropped()
                && s.arrived() != TraceEvent.NONE && c.playheadProperty().get() < s.arrived();
        drop.setDisable(!canDrop);
        drop.setOnAction(x -> c.onDropSegmentProperty().get().accept(s));
        menu.getItems().add(drop);
        menu.setStyle(popupFont());
        menu.show(canvas, sx, sy);
    }

    /** DESIGN §2: hovering a segment shows its arithmetic, e.g. "ack = 1 = client ISN 0 + 1 (...)". */
    private String hoverText(TraceEvent.Segment s) {
        StringBuilder b = new StringBuilder(s.label(getSkinnable().absoluteProperty().get()));
        java.util.Locale l = getSkinnable().localeProperty().get();
        for (io.github.handshakelab.text.Explanation e : s.explain()) {
            try {
                b.append('\n').append(e.render(l));
            } catch (RuntimeException ex) {
                b.append('\n').append(e.key());
            }
        }
        return b.toString();
    }

    /** Popups are separate scenes: they need the CJK family too (see {@link Fonts}). */
    private static String popupFont() {
        return "System".equals(Fonts.family()) ? "" : "-fx-font-family: \"" + Fonts.family() + "\";";
    }

    static final double MIN_ZOOM = 0.25, MAX_ZOOM = 8;

    static double clampZoom(double z) { return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z)); }

    private static Label badge(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("state-badge");
        return l;
    }

    private static Label name(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("endpoint-name");
        return l;
    }

    private Theme theme() { return getSkinnable().themeProperty().get(); }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        batched(() -> layoutChildren0(x, y, w, h));
    }

    private void layoutChildren0(double x, double y, double w, double h) {
        double sw = scroll.prefWidth(-1);
        double nameH = clientName.prefHeight(-1), bh = clientBadge.prefHeight(-1);
        // names, badges and the 2MSL countdown line stacked above the canvas
        headerH = Math.ceil(4 + nameH + 2 + bh + 2 + clientName.prefHeight(-1) + 6);
        double cw = Math.max(50, w - sw), ch = Math.max(50, h - headerH);
        scroll.resizeRelocate(x + w - sw, y + headerH, sw, ch);
        if (canvas.getWidth() != cw || canvas.getHeight() != ch) {
            canvas.setWidth(cw);
            canvas.setHeight(ch);
        }
        canvas.relocate(x, y + headerH);
        if (getSkinnable().fitProperty().get()) fitZoom();
        refreshLayout();
        double cx = layout == null ? cw * 0.15 : layout.x(Side.CLIENT), sx = layout == null ? cw * 0.85 : layout.x(Side.SERVER);
        place(clientName, x + cx, y + 4);
        place(serverName, x + sx, y + 4);
        // Two wide badges (ESTABLISHED on both sides in the projector's type at 1280x800) met over
        // the middle: each moves out from its lifeline, as far as the canvas allows, to keep a gap.
        double cbw = clientBadge.prefWidth(-1), sbw = serverBadge.prefWidth(-1);
        double cbx = cx, sbx = sx, overlap = cx + cbw / 2 + BADGE_GAP - (sx - sbw / 2);
        if (overlap > 0) {
            cbx = Math.max(cbw / 2, cx - overlap / 2);
            sbx = Math.min(cw - sbw / 2, sx + overlap - (cx - cbx));
        }
        place(clientBadge, x + cbx, y + 6 + nameH);
        place(serverBadge, x + sbx, y + 6 + nameH);
        place(clientTimer, x + cx, y + 8 + nameH + bh);
        place(serverTimer, x + sx, y + 8 + nameH + bh);
        double left = x + cbx + cbw / 2 + 8, right = x + sbx - sbw / 2 - 8;
        placeBetweenBadges(captureNote, (left + right) / 2, y + 6 + nameH, right - left);
        updateScroll();
        follow();
    }

    /**
     * Centres a note in the room between the two badges: wrapped onto a second line when that room
     * is narrower than the note, cut with an ellipsis after that (the full text is its tooltip),
     * left out when there is no room. At 1280 px a capture's note ran under the badges.
     */
    /** The least room between the two badges. */
    private static final double BADGE_GAP = 12;

    private void placeBetweenBadges(Label l, double centreX, double top, double room) {
        // no room at all (badges side by side in a narrow window): the badges' "?" says it alone
        noteFits = room >= 3 * l.getFont().getSize();
        showNote();
        l.setWrapText(true);
        l.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        double pw = Math.min(l.prefWidth(-1), Math.max(1, room));
        double ph = Math.min(l.prefHeight(pw), 2 * l.prefHeight(-1));
        l.resizeRelocate(Math.round(centreX - pw / 2), Math.round(top), pw, ph);
    }

    private static void place(Label l, double centreX, double top) {
        double pw = l.prefWidth(-1), ph = l.prefHeight(-1);
        l.resizeRelocate(Math.round(centreX - pw / 2), Math.round(top), pw, ph);
    }

    /** Options for the current width, theme, zoom, numbers, spacing and language: the one place they meet. */
    private DiagramLayout.Options options() {
        SequenceDiagram c = getSkinnable();
        return DiagramLayout.Options.of(theme().palette, canvas.getWidth(), c.zoomProperty().get(),
                c.absoluteProperty().get(), c.spacingProperty().get(), c.localeProperty().get(), false);
    }

    /**
     * Makes sure a layout for the current trace and options exists or is on its way. Small traces
     * are laid out at once; long ones on a background thread (the index is shared with the
     * playback, built once per trace) while the previous layout stays on screen, so neither
     * choosing a trace nor resizing, zooming or switching theme or numbers blocks the FX thread.
     */
    private void refreshLayout() {
        SequenceDiagram c = getSkinnable();
        Trace t = c.getTrace();
        if (t == null) {
            layout = null;
            pendingKey = null;
            c.setLayoutInternal(null);
            updateScroll();
            draw();
            return;
        }
        if (canvas.getWidth() <= 0) {
            // Not laid out yet: the badges are right before the first frame all the same; a change
            // of their text in that frame's layout would lay out and draw again in the next one.
            updateBadges();
            return;
        }
        DiagramLayout.Options o = options();
        if (layout != null && layout.trace() == t && layout.options().equals(o)) { pendingKey = null; draw(); return; }
        if (pendingKey != null && pendingKey.trace() == t && pendingKey.options().equals(o)) return;
        long gen = ++generation;
        TraceIndex ready = TraceIndex.ifReady(t);
        if (t.events().size() <= SYNC_EVENTS) {
            apply(new DiagramLayout(ready != null ? ready : TraceIndex.of(t), o), gen);
            return;
        }
        pendingKey = new Key(t, o);
        // The old layout stays on screen while the new one is made, except for another trace, or
        // for a huge one: two layouts of a million segments at once would not fit 512 MiB.
        if (layout != null && (layout.trace() != t || t.events().size() > KEEP_OLD_EVENTS)) {
            layout = null;
            c.setLayoutInternal(null);
        }
        TraceIndex.ofAsync(t)
                .thenApplyAsync(idx -> generation == gen ? new DiagramLayout(idx, o) : null, LAYOUT_WORKER)
                .whenComplete((l, err) -> {
                    if (err != null) {
                        // e.g. an OutOfMemoryError on a huge conversation: say so on the canvas, not in a console
                        System.err.println("diagram layout failed: " + err);
                        Platform.runLater(() -> {
                            if (gen != generation) return;
                            pendingKey = null;
                            failed = t;
                            draw();
                        });
                    }
                    if (l != null) Platform.runLater(() -> apply(l, gen));
                });
        draw();
    }

    private void apply(DiagramLayout l, long gen) {
        if (gen != generation) return;
        failed = null;
        batched(() -> apply0(l));
    }

    private void apply0(DiagramLayout l) {
        layout = l;
        pendingKey = null;
        getSkinnable().setLayoutInternal(l);
        updateScroll();
        if (anchorT != Long.MIN_VALUE) {
            scrollTo(l.y(anchorT) - canvas.getHeight() / 2);
            anchorT = Long.MIN_VALUE;
        }
        follow();
    }

    /** Remembers the time at the viewport's centre, so a zoom or spacing change keeps it there. */
    private void keepCentre() {
        if (layout != null && anchorT == Long.MIN_VALUE) anchorT = layout.t(scroll.getValue() + canvas.getHeight() / 2);
    }

    /** While fitted, another trace or spacing is fitted too (the zoom listener then keeps the fit on). */
    private void refit() {
        if (getSkinnable().fitProperty().get()) fitZoom();
    }

    /** The last fit: what it depends on (the trace, the options but the zoom, the height) and the zoom found. */
    private record Fit(Trace trace, DiagramLayout.Options base, double avail, double zoom) {}

    private Fit lastFit;

    /** Fits computed (not kept) since the skin was made: for tests. */
    int fitsMade;

    /**
     * The zoom at which the whole diagram fits the viewport's height (never below the least zoom:
     * then rows keep their labels apart and the diagram scrolls). Kept while the trace, the
     * options and the height stay: the skin is laid out again whenever a badge or the countdown
     * changes during playback, and a fit lays out the diagram a dozen times.
     */
    private void fitZoom() {
        SequenceDiagram c = getSkinnable();
        Trace t = c.getTrace();
        TraceIndex idx = t == null ? null : TraceIndex.ifReady(t);
        if (idx == null && t != null && t.events().size() <= SYNC_EVENTS) idx = TraceIndex.of(t);
        double avail = canvas.getHeight();
        if (idx == null || avail <= 50) return;
        DiagramLayout.Options base = withZoom(options(), 1);
        Fit fit = lastFit;
        if (fit == null || fit.trace() != t || !fit.base().equals(base) || fit.avail() != avail) {
            fit = new Fit(t, base, avail, DiagramLayout.fitZoom(idx, z -> withZoom(base, z), avail, MIN_ZOOM, MAX_ZOOM));
            lastFit = fit;
            fitsMade++;
        }
        settingFitZoom = true;
        try {
            c.zoomProperty().set(fit.zoom());
        } finally {
            settingFitZoom = false;
        }
    }

    private DiagramLayout.Options withZoom(DiagramLayout.Options o, double zoom) {
        SequenceDiagram c = getSkinnable();
        return DiagramLayout.Options.of(theme().palette, o.width(), zoom, o.absolute(), c.spacingProperty().get(), o.locale(), false);
    }

    private void updateScroll() {
        double max = layout == null ? 0 : Math.max(0, layout.height() - canvas.getHeight());
        scroll.setMin(0);
        scroll.setMax(max);
        scroll.setVisibleAmount(max == 0 ? 1 : canvas.getHeight() * max / Math.max(1, layout.height()));
        scroll.setUnitIncrement(30);
        scroll.setBlockIncrement(canvas.getHeight() * 0.8);
        if (scroll.getValue() > max) scroll.setValue(max);
    }

    void scrollTo(double y) {
        scroll.setValue(Math.max(scroll.getMin(), Math.min(scroll.getMax(), y)));
    }

    double contentHeight() { return layout == null ? 0 : layout.height(); }

    /** Keeps the playhead in view while playing or stepping (auto-scroll). */
    void follow() {
        if (!getSkinnable().autoScrollProperty().get() || layout == null) return;
        double y = layout.y(getSkinnable().playheadProperty().get());
        double top = scroll.getValue(), h = canvas.getHeight();
        if (y > top + h * 0.8 || y < top + h * 0.05) scrollTo(clearTop(y - h * 0.4, y - h * 0.65, y - h * 0.1));
    }

    /**
     * A scroll position near {@code target} whose top edge cuts through no arrow label and no
     * state name (half a label at the top reads as another one: "SYN, ACK" as "ACK"): moved up
     * to clear them, but not above {@code highest}, else down, but not below {@code lowest}; else
     * {@code target}. All within the scroll bar's range: at the diagram's end there may be no such place.
     */
    double clearTop(double target, double highest, double lowest) {
        target = Math.max(scroll.getMin(), Math.min(scroll.getMax(), target));
        highest = Math.max(scroll.getMin(), highest);
        lowest = Math.min(scroll.getMax(), lowest);
        for (int dir : new int[] {-1, 1}) {
            double t = target;
            for (int moves = 0; moves < 8; moves++) {
                double next = t;
                for (DiagramLayout.Box b : layout.labelsCutAt(t)) next = dir < 0 ? Math.min(next, b.y() - TOP_GAP) : Math.max(next, b.y() + b.h() + TOP_GAP);
                if (next == t) return t;
                if (next < highest || next > lowest) break;
                t = next;
            }
        }
        return target;
    }

    /** Room left between a label and the top edge it was moved clear of. */
    private static final double TOP_GAP = 4;

    void reveal(int id) {
        if (layout == null) return;
        DiagramLayout.Arrow a = layout.arrow(id);
        if (a == null) return;
        double top = scroll.getValue(), h = canvas.getHeight();
        if (a.minY() < top || a.maxY() > top + h) scrollTo(a.minY() - h * 0.3);
    }

    Point2D segmentPoint(int id) {
        if (layout == null) return null;
        DiagramLayout.Arrow a = layout.arrow(id);
        if (a == null) return null;
        DiagramLayout.Box b = a.label();
        return new Point2D(b.x() + b.w() / 2, b.y() + b.h() / 2 - scroll.getValue() + headerH);
    }

    /**
     * Runs {@code change} and draws once afterwards: a playhead move that also scrolls, or a
     * relayout that moves the scroll bar and the playhead, would otherwise draw the canvas two or
     * three times per frame.
     */
    private void batched(Runnable change) {
        batch++;
        try {
            change.run();
        } finally {
            batch--;
        }
        draw();
    }

    void draw() {
        if (batch > 0) return;
        SequenceDiagram c = getSkinnable();
        Theme th = theme();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.setFill(th.background);
        g.fillRect(0, 0, w, h);
        updateBadges();
        if (layout == null && failed != null && failed == c.getTrace()) {
            g.setFill(th.text);
            g.setFont(javafx.scene.text.Font.font(Fonts.family(), 14));
            g.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
            g.fillText(c.text("diagram.layoutFailed"), w / 2, 60, w - 40);
            g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
        }
        if (layout == null) return;
        long now = c.playheadProperty().get();
        double off = scroll.getValue();
        g.save();
        g.translate(0, -off);
        TraceEvent.Segment sel = c.getSelected();
        if (painterFor != layout || painterPalette != th.palette) {
            diagramPainter = new DiagramPainter(layout, th.palette, c::text);
            painterFor = layout;
            painterPalette = th.palette;
        }
        diagramPainter.paint(painter, now, off, off + h, sel == null ? -1 : sel.id(), c.showFutureProperty().get(), true);
        g.restore();
    }

    private void showNote() {
        Trace t = getSkinnable().getTrace();
        captureNote.setVisible(noteFits && t != null && t.source() == Trace.Source.CAPTURE);
    }

    private void updateBadges() {
        SequenceDiagram c = getSkinnable();
        Trace t = c.getTrace();
        long now = c.playheadProperty().get();
        TraceIndex index = layout != null ? layout.index() : t != null && t.events().size() <= SYNC_EVENTS ? TraceIndex.of(t) : null;
        for (Side side : Side.values()) {
            Label badge = side == Side.CLIENT ? clientBadge : serverBadge;
            Label name = side == Side.CLIENT ? clientName : serverName;
            Label timer = side == Side.CLIENT ? clientTimer : serverTimer;
            TcpState st = index == null ? TcpState.CLOSED : index.stateAt(side, now);
            // A capture's states are inferred from its segments: the badge marks them "?" as the lifeline does.
            boolean inferred = index != null && index.inferredAt(side, now);
            String text = st.name() + (inferred ? "?" : "");
            if (!text.equals(badge.getText())) {
                badge.setText(text);
                badge.setStyle("-fx-background-color: " + Theme.stateHex(st) + "; -fx-text-fill: " + Theme.stateTextHex(st) + ";");
                // the colour now, in this pulse's layout, not after the next pulse's CSS pass: a frame later
                // (the first window's first frame would show the badges grey, issue 12)
                badge.applyCss();
            }
            String nm = c.text(side == Side.CLIENT ? "diagram.client" : "diagram.server");
            if (t != null) {
                Endpoint e = t.endpoint(side);
                if (e != null && e.address() != null) nm += "  " + e.address() + (e.port() >= 0 ? ":" + e.port() : "");
            }
            if (!nm.equals(name.getText())) name.setText(nm);
            String tt = "";
            if (st == TcpState.TIME_WAIT && layout != null) {
                double yNow = layout.y(now);
                for (DiagramLayout.TimerSpan ts : layout.timersIn(yNow - 1, yNow + 1)) {
                    if (ts.side() == side && ts.kind() == TimerKind.TIME_WAIT && ts.t0() <= now && now < ts.t1()
                            && ts.expires() != TraceEvent.NONE) {
                        tt = java.text.MessageFormat.format(c.text("diagram.timeWaitLeft"), TimeFormat.duration(ts.expires() - now));
                    }
                }
            }
            if (!tt.equals(timer.getText())) timer.setText(tt);
        }
        boolean cap = t != null && t.source() == Trace.Source.CAPTURE;
        String note = cap ? c.text("diagram.inferred") : "";
        if (!note.equals(captureNote.getText())) {
            captureNote.setText(note);
            captureNote.setTooltip(note.isEmpty() ? null : new Tooltip(note));
        }
        showNote();
    }
}
