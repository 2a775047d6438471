package io.github.handshakelab.app;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Milestones of the window's start for {@code scripts/bench-startup.sh} (issue 12): with
 * {@code HANDSHAKELAB_STARTUP=1} in the environment each one prints a line
 * {@code startup <what> <epoch ms> <process cpu ms> <thread cpu ms>} on stdout (the bench
 * subtracts its own launch time; the JVM's start instant as the OS reports it is only precise to
 * a second). The CPU times (Linux, from /proc, 10 ms steps; -1 elsewhere) hold still when other
 * programs load the machine, where wall times do not. The milestones: {@code main},
 * {@code toolkit}, {@code shown}, {@code frame} (the first frame with the default scenario's
 * diagram has gone to the renderer), {@code panes} (library, notes, side tabs and features built).
 * Whether the window shows its content the bench judges from the screen itself, so a window that
 * is mapped early but empty does not count as started. Otherwise silent and free.
 */
public final class StartupTimes {
    private StartupTimes() {}

    private static final boolean ON = "1".equals(System.getenv("HANDSHAKELAB_STARTUP"));

    public static boolean on() { return ON; }

    public static void mark(String what) {
        if (!ON) return;
        System.out.println("startup " + what + " " + System.currentTimeMillis() + " " + cpuMs("/proc/self/stat")
                + " " + cpuMs("/proc/thread-self/stat"));
        System.out.flush();
    }

    /** utime + stime of a /proc stat file in ms (the kernel counts in 1/100 s), or -1. */
    static long cpuMs(String statFile) {
        // (a FileInputStream: NIO's file classes would cost the first JVM of java -jar, which has no
        // class-data archive, a few milliseconds a user does not spend)
        try (FileInputStream in = new FileInputStream(statFile)) {
            String s = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            // fields after the command name (which may hold spaces), from field 3 on
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
