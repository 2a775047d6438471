package io.github.handshakelab.view;

import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.diagram.DiagramPainter;
import io.github.handshakelab.diagram.TimeAxis;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.trace.Endpoint;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.Locale;

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
    private final ContextMenu menu = new ContextMenu();
    private final Tooltip tip = new Tooltip();
    private int hovered = -1;
    private DiagramLayout layout;
    private double layoutWidth = -1;
    private double headerH = 96;

    SequenceDiagramSkin(SequenceDiagram c) {
        super(c);
        scroll.setOrientation(Orientation.VERTICAL);
        getChildren().addAll(canvas, scroll, clientName, serverName, clientBadge, serverBadge, clientTimer, serverTimer, captureNote);
        captureNote.getStyleClass().add("capture-note");
        c.traceProperty().addListener(o -> { layout = null; scroll.setValue(0); relayoutAndDraw(); });
        c.absoluteProperty().addListener(o -> { layout = null; draw(); });
        c.zoomProperty().addListener(o -> {
            long keep = layout == null ? 0 : layout.t(scroll.getValue() + canvas.getHeight() / 2);
            layout = null;
            ensureLayout();
            if (layout != null) scrollTo(layout.y(keep) - canvas.getHeight() / 2);
            draw();
        });
        c.themeProperty().addListener(o -> { layout = null; c.requestLayout(); draw(); });
        c.playheadProperty().addListener(o -> { follow(); draw(); });
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

    static double clampZoom(double z) { return Math.max(0.25, Math.min(8, z)); }

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
        double sw = scroll.prefWidth(-1);
        headerH = theme() == Theme.PROJECTOR ? 124 : 96;
        double cw = Math.max(50, w - sw), ch = Math.max(50, h - headerH);
        scroll.resizeRelocate(x + w - sw, y + headerH, sw, ch);
        if (canvas.getWidth() != cw || canvas.getHeight() != ch) {
            canvas.setWidth(cw);
            canvas.setHeight(ch);
        }
        canvas.relocate(x, y + headerH);
        ensureLayout();
        double cx = layout == null ? cw * 0.15 : layout.x(Side.CLIENT), sx = layout == null ? cw * 0.85 : layout.x(Side.SERVER);
        place(clientName, x + cx, y + 4);
        place(serverName, x + sx, y + 4);
        double nameH = clientName.prefHeight(-1);
        place(clientBadge, x + cx, y + 6 + nameH);
        place(serverBadge, x + sx, y + 6 + nameH);
        double bh = clientBadge.prefHeight(-1);
        place(clientTimer, x + cx, y + 8 + nameH + bh);
        place(serverTimer, x + sx, y + 8 + nameH + bh);
        place(captureNote, x + cw / 2, y + 6 + nameH);
        updateScroll();
        follow();
        draw();
    }

    private static void place(Label l, double centreX, double top) {
        double pw = l.prefWidth(-1), ph = l.prefHeight(-1);
        l.resizeRelocate(Math.round(centreX - pw / 2), Math.round(top), pw, ph);
    }

    private void relayoutAndDraw() {
        layout = null;
        getSkinnable().requestLayout();
        ensureLayout();
        updateScroll();
        follow();
        draw();
    }

    private void ensureLayout() {
        Trace t = getSkinnable().getTrace();
        if (t == null) { layout = null; return; }
        double w = canvas.getWidth();
        if (layout != null && layoutWidth == w) return;
        Theme th = theme();
        double fs = th.fontSize;
        DiagramLayout.Options d = DiagramLayout.Options.defaults();
        double margin = Math.max(fs * 9, w * 0.16);
        layout = new DiagramLayout(t, new DiagramLayout.Options(w, d.top(), margin,
                d.pxPerMs() * getSkinnable().zoomProperty().get() * (fs / 13.0), d.compressAboveUs(), d.gapPx() * fs / 13.0,
                d.sameTimePx() * fs / 13.0, fs * 0.61, fs * 1.4, getSkinnable().absoluteProperty().get()));
        layoutWidth = w;
        updateScroll();
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

    double contentHeight() { ensureLayout(); return layout == null ? 0 : layout.height(); }

    /** Keeps the playhead in view while playing or stepping (auto-scroll). */
    private void follow() {
        if (!getSkinnable().autoScrollProperty().get()) return;
        ensureLayout();
        if (layout == null) return;
        double y = layout.y(getSkinnable().playheadProperty().get());
        double top = scroll.getValue(), h = canvas.getHeight();
        if (y > top + h * 0.8 || y < top + h * 0.05) scrollTo(y - h * 0.4);
    }

    void reveal(int id) {
        ensureLayout();
        if (layout == null) return;
        DiagramLayout.Arrow a = layout.arrow(id);
        if (a == null) return;
        double top = scroll.getValue(), h = canvas.getHeight();
        if (a.minY() < top || a.maxY() > top + h) scrollTo(a.minY() - h * 0.3);
    }

    Point2D segmentPoint(int id) {
        ensureLayout();
        if (layout == null) return null;
        DiagramLayout.Arrow a = layout.arrow(id);
        if (a == null) return null;
        DiagramLayout.Box b = a.label();
        return new Point2D(b.x() + b.w() / 2, b.y() + b.h() / 2 - scroll.getValue() + headerH);
    }

    void draw() {
        SequenceDiagram c = getSkinnable();
        Theme th = theme();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.setFill(th.background);
        g.fillRect(0, 0, w, h);
        ensureLayout();
        updateBadges();
        if (layout == null) return;
        long now = c.playheadProperty().get();
        double off = scroll.getValue();
        double yNow = layout.y(now);
        double fs = th.fontSize;
        g.save();
        g.translate(0, -off);
        double vTop = off, vBot = off + h;
        TraceEvent.Segment sel = c.getSelected();
        new DiagramPainter(layout, th.palette, c::text)
                .paint(painter, now, vTop, vBot, w, sel == null ? -1 : sel.id(), c.showFutureProperty().get());
        Font small = Font.font(Fonts.family(), fs * 0.85);

        // playhead
        g.setStroke(th.accent);
        g.setLineWidth(1.5);
        g.setLineDashes(6, 4);
        g.strokeLine(0, yNow, w, yNow);
        g.setLineDashes();
        // The time sits on a background chip so that a state name at the same height stays readable.
        String time = "t = " + formatTime(now);
        javafx.scene.text.Text probe = new javafx.scene.text.Text(time);
        probe.setFont(small);
        double tw = probe.getLayoutBounds().getWidth(), th2 = probe.getLayoutBounds().getHeight();
        g.setFill(th.background);
        g.fillRect(2, yNow - th2 - 2, tw + 4, th2);
        g.setFont(small);
        g.setFill(th.accent);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(time, 4, yNow - 2);
        g.restore();
    }

    static String formatTime(long us) {
        if (us >= 1_000_000) return String.format(Locale.ROOT, "%.3f s", us / 1e6);
        return String.format(Locale.ROOT, "%.1f ms", us / 1e3);
    }




    /** A capture's states are inferred from its segments: the badge marks them "?" as the lifeline does. */
    static boolean inferredAt(Trace t, Side side, long now) {
        if (t == null) return false;
        TraceEvent.StateChange ref = null;
        for (TraceEvent.StateChange ch : t.stateChanges(side)) {
            if (ref == null || ch.t() <= now) ref = ch;
            if (ch.t() > now) break;
        }
        return ref != null && ref.inferred();
    }

    private void updateBadges() {
        SequenceDiagram c = getSkinnable();
        Trace t = c.getTrace();
        long now = c.playheadProperty().get();
        for (Side side : Side.values()) {
            Label badge = side == Side.CLIENT ? clientBadge : serverBadge;
            Label name = side == Side.CLIENT ? clientName : serverName;
            Label timer = side == Side.CLIENT ? clientTimer : serverTimer;
            TcpState st = t == null ? TcpState.CLOSED : t.stateAt(side, now);
            String text = st.name() + (inferredAt(t, side, now) ? "?" : "");
            if (!text.equals(badge.getText())) {
                badge.setText(text);
                badge.setStyle("-fx-background-color: " + Theme.stateHex(st) + "; -fx-text-fill: " + Theme.stateTextHex(st) + ";");
            }
            String nm = c.text(side == Side.CLIENT ? "diagram.client" : "diagram.server");
            if (t != null) {
                Endpoint e = t.endpoint(side);
                if (e != null && e.address() != null) nm += "  " + e.address() + (e.port() >= 0 ? ":" + e.port() : "");
            }
            if (!nm.equals(name.getText())) name.setText(nm);
            String tt = "";
            if (st == TcpState.TIME_WAIT && layout != null) {
                for (DiagramLayout.TimerSpan ts : layout.timers()) {
                    if (ts.side() == side && ts.kind() == TimerKind.TIME_WAIT && ts.t0() <= now && now < ts.t1()
                            && ts.expires() != TraceEvent.NONE) {
                        tt = java.text.MessageFormat.format(c.text("diagram.timeWaitLeft"), TimeAxis.formatDuration(ts.expires() - now));
                    }
                }
            }
            if (!tt.equals(timer.getText())) timer.setText(tt);
        }
        boolean cap = t != null && t.source() == Trace.Source.CAPTURE;
        String note = cap ? c.text("diagram.inferred") : "";
        if (!note.equals(captureNote.getText())) captureNote.setText(note);
        captureNote.setVisible(cap);
    }
}
