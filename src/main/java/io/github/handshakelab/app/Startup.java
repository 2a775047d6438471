package io.github.handshakelab.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * What stands between {@code java -jar handshake-lab.jar} and a window, said in one line instead
 * of JavaFX's stack traces (issue 12): no display (a server, SSH without X forwarding), GTK 3
 * missing on Linux, a platform without JavaFX natives. JavaFX prints its own diagnostics on stderr
 * while the toolkit starts; they are held back until the toolkit is up and shown only with
 * {@code HANDSHAKELAB_DEBUG=1}. No JavaFX class is touched here.
 */
public final class Startup {
    private Startup() {}

    /** The exit status when no window can be opened. */
    public static final int NO_WINDOW = 1;

    private static PrintStream realErr;
    private static ByteArrayOutputStream held;

    /** The problem found before starting JavaFX, or null. */
    public static String problem(String osName, String display, String wayland) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean x11 = !os.startsWith("windows") && !os.startsWith("mac");
        // JavaFX's GTK glass talks X11 only (XWayland sets DISPLAY): WAYLAND_DISPLAY alone is not enough.
        if (x11 && (display == null || display.isBlank())) {
            return "cannot open the window: no display (DISPLAY is not set" + (wayland != null ? "; JavaFX needs XWayland" : "")
                    + "). Over SSH use 'ssh -X'; the commands run without a display: see --help";
        }
        return null;
    }

    /** One line for a failure of the toolkit's start, from the exception's causes. */
    public static String explain(Throwable t, String display) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) all.append(c).append('\n');
        String text = all + (held == null ? "" : held.toString(Charset.defaultCharset()));
        if (text.contains("Unable to open DISPLAY")) {
            return "cannot open the window: cannot connect to the display '" + display + "' (is the X server running"
                    + " and reachable? over SSH use 'ssh -X'); the commands run without a display: see --help";
        }
        if (text.contains("GTK") || text.contains("libgtk") || text.contains("glassgtk")) {
            return "cannot open the window: GTK 3 is missing; install it (Debian/Ubuntu: sudo apt-get install libgtk-3-0,"
                    + " Fedora: sudo dnf install gtk3)";
        }
        if (text.contains("no suitable pipeline")) {
            return "cannot open the window: no graphics pipeline (try -Dprism.order=sw)";
        }
        String first = t.getCause() != null ? t.getCause().toString() : t.toString();
        return "cannot open the window: " + first.lines().findFirst().orElse(first);
    }

    /** Holds stderr back while JavaFX starts. */
    public static synchronized void holdStderr() {
        if (debug() || realErr != null) return;
        realErr = System.err;
        held = new ByteArrayOutputStream();
        System.setErr(new PrintStream(held, true));
    }

    /** The toolkit is up: stderr is the terminal again, with whatever JavaFX printed meanwhile. */
    public static synchronized void toolkitUp() {
        if (realErr == null) return;
        System.setErr(realErr);
        realErr.print(held.toString(Charset.defaultCharset()));
        realErr.flush();
        realErr = null;
    }

    /** The toolkit failed: stderr back, JavaFX's output dropped (kept with HANDSHAKELAB_DEBUG=1). */
    public static synchronized void toolkitFailed() {
        if (realErr == null) return;
        System.setErr(realErr);
        realErr = null;
    }

    static boolean debug() {
        String d = System.getenv("HANDSHAKELAB_DEBUG");
        return d != null && !d.isEmpty() && !d.equals("0");
    }
}
