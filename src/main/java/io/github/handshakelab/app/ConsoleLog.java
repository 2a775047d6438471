package io.github.handshakelab.app;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Where the log messages of JavaFX and the JDK go in this program ({@code System.Logger}, found
 * through {@code META-INF/services}): INFO and above on stderr, one line each
 * ({@code WARNING: Could not resolve '-hl-text' ...}), as java.util.logging would print them but
 * without its date line. Not java.util.logging because of what its first message cost the start
 * (issue 12): setting up the LogManager and formatting that date line (the locale's calendar data)
 * on the launcher thread while the toolkit started, for a message nobody reads (without it the
 * toolkit is up 24 to 27 ms sooner).
 * That message, "Unsupported JavaFX configuration: classes were loaded from 'unnamed module ...'",
 * JavaFX logs at every start from the class path, as a runnable jar must run it; it tells a user
 * nothing they can act on, so it is dropped here.
 */
public final class ConsoleLog extends System.LoggerFinder {

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new Line(name);
    }

    /** INFO and above are printed (java.util.logging's default); OFF is no level to print at. */
    private static boolean printed(System.Logger.Level level) {
        return level != System.Logger.Level.OFF && level.getSeverity() >= System.Logger.Level.INFO.getSeverity();
    }

    /** The text of one message as it is printed, or null when it is not printed. */
    static String line(System.Logger.Level level, String msg) {
        if (!printed(level)) return null;
        if (msg != null && msg.startsWith("Unsupported JavaFX configuration: classes were loaded from")) return null;
        return level.getName() + ": " + msg;
    }

    private record Line(String name) implements System.Logger {
        @Override
        public String getName() { return name; }

        @Override
        public boolean isLoggable(Level level) {
            return printed(level);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            String text = line(level, localized(bundle, msg));
            if (text == null) return;
            PrintStream err = System.err;
            synchronized (err) {
                err.println(text);
                if (thrown != null) thrown.printStackTrace(err);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            String msg = localized(bundle, format);
            if (params != null && params.length > 0 && msg != null) msg = MessageFormat.format(msg, params);
            log(level, null, msg, (Throwable) null);
        }

        private static String localized(ResourceBundle bundle, String key) {
            if (bundle == null || key == null) return key;
            try {
                return bundle.getString(key);
            } catch (MissingResourceException e) {
                return key;
            }
        }
    }
}
