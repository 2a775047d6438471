package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.lab.SimLab;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;

import java.util.Locale;
import java.util.prefs.Preferences;

/** Opens the real main window for a TestFX test: fresh settings under its own preferences node. */
public final class TestWindow {
    private TestWindow() {}

    /** The window at 1400x900 in the light theme, English; returns its (cleared) settings. */
    public static Settings open(Stage stage, String prefsNode) {
        return open(stage, prefsNode, Theme.LIGHT, 1400, 900).settings;
    }

    public static Session open(Stage stage, String prefsNode, Theme theme, double width, double height) {
        Settings settings = new Settings(Preferences.userRoot().node(prefsNode));
        settings.clear();
        Session s = new Session(new SimLab(), settings, stage, Locale.ROOT, theme);
        stage.setScene(new Scene(new Pane(), width, height));
        // the complete window at once: tests look into every pane (the lazy start has its own test)
        Windows.show(stage, s).buildPanes();
        stage.show();
        return s;
    }

    /** Closes every window but the main one (dialogs a test opened), so none covers the next test's buttons. */
    public static void closeOthers(Stage stage) {
        for (javafx.stage.Window w : java.util.List.copyOf(javafx.stage.Window.getWindows())) if (w != stage && w instanceof Stage st) st.close();
    }
}
