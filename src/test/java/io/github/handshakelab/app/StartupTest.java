package io.github.handshakelab.app;

import io.github.handshakelab.cli.Cli;
import io.github.handshakelab.cli.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12: what happens before a window exists. The jar itself is checked by dist.JarIT. */
class StartupTest {

    @Test
    void noDisplayOnLinuxIsOneLineNamingTheWayOut() {
        String p = Startup.problem("Linux", null, null);
        assertEquals("cannot open the window: no display (DISPLAY is not set). Over SSH use 'ssh -X';"
                + " the commands run without a display: see --help", p);
        assertFalse(p.contains("\n"));
        assertTrue(Startup.problem("Linux", "", "wayland-0").contains("JavaFX needs XWayland"));
        assertNull(Startup.problem("Linux", ":0", null));
        // Windows and macOS have no DISPLAY variable and need none.
        assertNull(Startup.problem("Windows 11", null, null));
        assertNull(Startup.problem("Mac OS X", null, null));
    }

    @Test
    void toolkitFailuresBecomeOneLine() {
        var gtk = new RuntimeException("Application launch exception",
                new UnsupportedOperationException("Unable to load glass GTK library."));
        assertEquals("cannot open the window: GTK 3 is missing; install it (Debian/Ubuntu: sudo apt-get install libgtk-3-0,"
                + " Fedora: sudo dnf install gtk3)", Startup.explain(gtk, ":0"));
        var display = new UnsupportedOperationException("Unable to open DISPLAY");
        assertTrue(Startup.explain(display, "host:10").startsWith("cannot open the window: cannot connect to the display 'host:10'"));
        var other = new RuntimeException("x", new IllegalStateException("odd\nsecond line"));
        assertEquals("cannot open the window: java.lang.IllegalStateException: odd", Startup.explain(other, ":0"));
    }

    @Test
    void classifierPerPlatform() {
        assertEquals("linux", Natives.classifier("Linux", "amd64"));
        assertEquals("linux-aarch64", Natives.classifier("Linux", "aarch64"));
        assertEquals("win", Natives.classifier("Windows 10", "amd64"));
        assertEquals("mac", Natives.classifier("Mac OS X", "x86_64"));
        assertEquals("mac-aarch64", Natives.classifier("Mac OS X", "aarch64"));
        assertNull(Natives.classifier("Windows 10", "x86"));
        assertNull(Natives.classifier("FreeBSD", "amd64"));
    }

    @Test
    void aSubcommandNameIsACommandEvenWhenSuchAFileExists(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("capture.pcap"), "x");
        assertTrue(Cli.opensWindow(new String[0]));
        assertTrue(Cli.opensWindow(new String[]{file.toString()}));
        Path scenarios = Files.writeString(dir.resolve("scenarios"), "x");
        // Path.of("scenarios") would resolve against the working directory; an absolute path to a
        // file that happens to be named like a command is still a file.
        assertTrue(Cli.opensWindow(new String[]{scenarios.toString()}));
        for (String cmd : new String[]{"scenarios", "render", "conversations", "help"}) {
            assertFalse(Cli.opensWindow(new String[]{cmd}), cmd);
        }
        assertFalse(Cli.opensWindow(new String[]{"--version"}));
        assertFalse(Cli.opensWindow(new String[]{file.toString(), "extra"}));
    }

    @Test
    void versionComesFromTheBuild() {
        String v = Version.get();
        assertTrue(v.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), v);
        assertEquals(System.getProperty("handshakelab.version", v), v);
    }
}
