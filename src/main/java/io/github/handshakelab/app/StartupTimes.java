package io.github.handshakelab.app;

/**
 * Milestones of the window's start for {@code scripts/bench-startup.sh} (issue 12): with
 * {@code HANDSHAKELAB_STARTUP=1} in the environment each one prints a line
 * {@code startup <what> <epoch ms>} on stdout (the bench subtracts its own launch time; the
 * JVM's start instant as the OS reports it is only precise to a second). The bench waits for
 * {@code startup complete}, printed once the default scenario's diagram is on screen, so a window
 * that is mapped early but empty does not count as started. Otherwise silent and free.
 */
public final class StartupTimes {
    private StartupTimes() {}

    private static final boolean ON = "1".equals(System.getenv("HANDSHAKELAB_STARTUP"));

    public static boolean on() { return ON; }

    public static void mark(String what) {
        if (!ON) return;
        System.out.println("startup " + what + " " + System.currentTimeMillis());
        System.out.flush();
    }
}
