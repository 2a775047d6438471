package io.github.handshakelab.view;

import io.github.handshakelab.lab.Lab;
import io.github.handshakelab.trace.Trace;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What survives rebuilding the window (language switch): the lab with its faults, the trace on
 * screen, the playhead, the selection, the status line, the library's scroll position and which
 * side panels are shown. A window writes it back when it is disposed.
 */
public final class Session {
    public final Lab lab;
    public final Settings settings;
    public final Stage stage;
    public Locale locale;
    public Theme theme;
    public Trace trace;
    /** The file {@link #trace} came from (capture or trace JSON); null for a simulation. */
    public Path file;
    public long time;
    public Integer selected;
    public double speed = 1.0;
    public boolean hideFuture, absolute;
    /** View > Spacing by order as chosen (AUTO: the source's default). */
    public io.github.handshakelab.diagram.DiagramLayout.Spacing spacing;
    public boolean libraryShown = true, sideShown = true;
    /** The first scenario row on screen, or -1. */
    public int libraryFirstRow = -1;
    /** The status line as a ui key and its arguments, said again in the new language. */
    public String statusKey;
    public Object[] statusArgs = {};
    /** Rebuilds the window from FXML with {@link #locale}; set by the application. */
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
