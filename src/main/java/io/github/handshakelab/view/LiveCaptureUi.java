package io.github.handshakelab.view;

import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.view.capture.LiveCaptureDialog;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Window;

import java.util.List;
import java.util.ResourceBundle;

/** File > Capture live… (issue #11): the menu item, and the window as the capture dialog sees it. */
public final class LiveCaptureUi {
    private LiveCaptureUi() {}

    /** Adds File > Capture live… after File > Open. */
    static void install(MainController c) {
        for (Menu m : c.menuBar().getMenus()) {
            if (!"fileMenu".equals(m.getId())) continue;
            MenuItem mi = new MenuItem(c.bundle().getString("menu.captureLive"));
            mi.setId("captureLiveItem");
            mi.setOnAction(e -> LiveCaptureDialog.open(host(c)));
            int at = 0;
            for (int i = 0; i < m.getItems().size(); i++) if ("openItem".equals(m.getItems().get(i).getId())) at = i + 1;
            m.getItems().add(at, mi);
        }
        // A language switch rebuilt the window: a capture running in the dialog carries on here.
        LiveCaptureDialog.adopt(host(c));
    }

    static LiveCaptureDialog.Host host(MainController c) {
        return new Host(c);
    }

    /**
     * The window for the dialog. A grown trace keeps the selection (WindowModel.grow); without
     * follow the diagram's scroll position is put back too (the diagram scrolls to the top on
     * any new trace, then to the playhead), once at once and once when a long trace's layout,
     * made in the background, is ready.
     */
    private static final class Host implements LiveCaptureDialog.Host {
        private final MainController c;
        /** True while this class changes the model: those changes are not the user looking away. */
        private boolean updating;
        /** The live trace last shown, and the playhead asked for it. */
        private Trace live;
        private long asked = -1;

        Host(MainController c) {
            this.c = c;
        }

        @Override public Window owner() { return c.root().getScene().getWindow(); }
        @Override public ResourceBundle bundle() { return c.bundle(); }
        @Override public List<String> stylesheets() { return List.copyOf(c.root().getScene().getStylesheets()); }
        @Override public Trace current() { return c.model().getTrace(); }
        @Override public void status(String key, Object... args) { c.model().status(key, args); }
        @Override public boolean disposed() { return c.isDisposed(); }
        @Override public void onDispose(Runnable r) { c.onDispose(r); }

        @Override
        public void show(Trace t, boolean fresh, boolean follow) {
            WindowModel m = c.model();
            SequenceDiagram d = c.diagram();
            updating = true;
            try {
                // Not following: the diagram must not scroll back to the playhead at its next layout pass.
                d.autoScrollProperty().set(fresh || follow);
                boolean indexing = !m.playback().pacedProperty().get(); // the playhead sits at 0 until then
                if (fresh) {
                    m.showTrace(t);
                    asked = t.endTime();
                    if (!m.playback().pacedProperty().get()) m.grow(t, asked); // a long trace: seek when paced
                    else m.setPlayhead(asked);
                } else if (follow) {
                    m.grow(t, asked = t.endTime());
                } else {
                    double y = scrollY(d);
                    m.grow(t, asked = indexing && asked >= 0 ? asked : m.getPlayhead());
                    d.scrollTo(y);
                    if (d.getLayout() == null || d.getLayout().trace() != t) {
                        d.layoutProperty().addListener(new InvalidationListener() {
                            @Override public void invalidated(Observable o) {
                                if (d.getLayout() == null) return;
                                d.layoutProperty().removeListener(this);
                                if (d.getTrace() == t) d.scrollTo(y);
                            }
                        });
                    }
                }
            } finally {
                live = t;
                updating = false;
            }
        }

        @Override
        public void onLookAway(Runnable r) {
            WindowModel m = c.model();
            m.selectionProperty().addListener((o, a, s) -> { if (!updating && s != null) r.run(); });
            // A long trace's playhead is put back in place when its index is ready (WindowModel.grow): not the user.
            m.playheadProperty().addListener(o -> { if (!updating && m.getPlayhead() != asked) r.run(); });
            SequenceDiagram d = c.diagram();
            // Another trace than the live one (the user opened a file, a scenario): auto-scroll as usual.
            m.traceProperty().addListener((o, a, t) -> { if (!updating && t != live) d.autoScrollProperty().set(true); });
            d.addEventFilter(ScrollEvent.SCROLL, e -> r.run());
            d.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
                for (Node n = e.getTarget() instanceof Node t ? t : null; n != null && n != d; n = n.getParent()) {
                    if (n instanceof ScrollBar) { r.run(); return; }
                }
            });
        }

        private static double scrollY(SequenceDiagram d) {
            return d.lookup(".scroll-bar") instanceof ScrollBar b ? b.getValue() : 0;
        }
    }
}
