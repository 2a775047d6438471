package io.github.handshakelab.view;

import io.github.handshakelab.trace.Trace;
import javafx.stage.Stage;

import java.util.Locale;

/**
 * What survives rebuilding the scene (language switch): the lab with its faults, the trace on
 * screen, the playhead and the selection.
 */
public final class Session {
    public final Lab lab;
    public final Settings settings;
    public final Stage stage;
    public Locale locale;
    public Theme theme;
    public Trace trace;
    /** The capture file {@link #trace} came from, for decoding its frames; null for a simulation. */
    public java.nio.file.Path captureFile;
    public long time;
    public Integer selected;
    public double speed = 1.0;
    /** Rebuilds the scene from FXML with {@link #locale}; set by the application. */
    public Runnable rebuild = () -> {};

    public Session(Lab lab, Settings settings, Stage stage, Locale locale, Theme theme) {
        this.lab = lab;
        this.settings = settings;
        this.stage = stage;
        this.locale = locale;
        this.theme = theme;
    }

    /** The bundle locale: Simplified Chinese for any Chinese system locale, else English (ROOT). */
    public static Locale uiLocale(String language) {
        if (language == null || language.isEmpty()) language = Locale.getDefault().getLanguage();
        return language.startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
    }
}
