package io.github.handshakelab.view;

import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.view.capture.LiveCaptureDialog;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
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
    }

    static LiveCaptureDialog.Host host(MainController c) {
        return new LiveCaptureDialog.Host() {
            @Override public Window owner() { return c.root().getScene().getWindow(); }
            @Override public ResourceBundle bundle() { return c.bundle(); }
            @Override public List<String> stylesheets() { return List.copyOf(c.root().getScene().getStylesheets()); }
            @Override public void show(Trace t, long playhead) {
                c.model().showTrace(t);
                c.model().setPlayhead(playhead);
            }
            @Override public void status(String key, Object... args) { c.model().status(key, args); }
            @Override public boolean disposed() { return c.isDisposed(); }
            @Override public void onDispose(Runnable r) { c.onDispose(r); }
        };
    }
}
