package io.github.handshakelab.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JavaFX's and the JDK's log messages: one line each on stderr, without java.util.logging (issue 12). */
class ConsoleLogTest {

    private static String logged(Runnable r) {
        PrintStream err = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(err);
        }
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void theProgramsLoggersAreThisOnes() {
        assertInstanceOf(ConsoleLog.class, System.LoggerFinder.getLoggerFinder());
        System.Logger javafx = System.getLogger("javafx.css");
        assertTrue(javafx.isLoggable(System.Logger.Level.WARNING));
        assertTrue(javafx.isLoggable(System.Logger.Level.INFO));
        assertFalse(javafx.isLoggable(System.Logger.Level.DEBUG));
        assertEquals("WARNING: Could not resolve '-hl-text' while resolving lookups for '-fx-text-fill'\n",
                logged(() -> javafx.log(System.Logger.Level.WARNING, "Could not resolve '-hl-text' while resolving lookups for '-fx-text-fill'")));
        assertEquals("ERROR: pipeline 2 of 3\n", logged(() -> javafx.log(System.Logger.Level.ERROR, "pipeline {0} of {1}", 2, 3)));
        assertEquals("", logged(() -> javafx.log(System.Logger.Level.DEBUG, "not printed")));
        String withCause = logged(() -> javafx.log(System.Logger.Level.WARNING, "failed", new IllegalStateException("why")));
        assertTrue(withCause.startsWith("WARNING: failed\njava.lang.IllegalStateException: why\n\tat "), withCause);
    }

    @Test
    void javaFxsClassPathWarningIsDroppedAndEverythingElseKept() {
        System.Logger javafx = System.getLogger("javafx");
        assertEquals("", logged(() -> javafx.log(System.Logger.Level.WARNING,
                "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @8caadcc'")));
        assertEquals("WARNING: something else\n", logged(() -> javafx.log(System.Logger.Level.WARNING, "something else")));
        assertEquals("INFO: x", ConsoleLog.line(System.Logger.Level.INFO, "x"));
    }
}
