package io.github.handshakelab.app;

import io.github.handshakelab.lab.SimLab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Work for the second core while the first starts the toolkit and builds the window (issue 12):
 * runs the simulator once on the default scenario (its classes, records and lambdas are then
 * loaded and linked when the window loads the same scenario), reads the user's settings, the
 * window's bundle and the model's messages (all cached by the JDK), then loads, without
 * initialising, the classes the first window needs, in the order it needs them
 * ({@code prewarm.lst}, recorded with {@code scripts/bench-startup.sh --classlist}). No JavaFX
 * class is initialised here. The window thread finds the work done or waits for the class being
 * loaded; nothing is shared but the JDK's caches. A name that no longer exists is skipped, so a
 * stale list costs time, never correctness.
 */
final class Prewarm {
    private Prewarm() {}

    /** Starts the work; {@code HANDSHAKELAB_PREWARM=0} leaves it out (to measure what it gains). */
    static void start() {
        if ("0".equals(System.getenv("HANDSHAKELAB_PREWARM"))) return;
        Thread t = new Thread(Prewarm::run, "handshake-lab prewarm");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            SimLab lab = new SimLab();
            lab.load(lab.scenarios().get(0).id());
        } catch (RuntimeException e) {
            // the window reports a simulator failure itself
        }
        StartupTimes.mark("prewarm-sim");
        try {
            java.util.Locale locale = io.github.handshakelab.view.Session.uiLocale(io.github.handshakelab.view.Settings.user().language());
            Windows.bundle(locale);
            // the model's own messages: the first status line ("Loaded …") reads all five of them
            io.github.handshakelab.text.Messages.load(locale);
        } catch (RuntimeException e) {
            // only a head start
        }
        ClassLoader loader = Prewarm.class.getClassLoader();
        try (InputStream in = Prewarm.class.getResourceAsStream("prewarm.lst")) {
            if (in == null) return;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                try {
                    Class.forName(line, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // renamed, removed, or another platform's
                }
            }
        } catch (IOException e) {
            // a missing list only loses the head start
        }
        StartupTimes.mark("prewarm-classes");
    }
}
