package io.github.handshakelab.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.Locale;
import java.util.Properties;

/**
 * Puts this platform's JavaFX natives on {@code java.library.path} before the toolkit starts.
 *
 * <p>The runnable jar carries the natives of five platforms under {@code natives/<classifier>/}
 * (linux and linux-aarch64 both ship a {@code libglass.so}, so they cannot share the jar root where
 * JavaFX looks first). JavaFX's loader tries the jar root, then every directory of
 * {@code java.library.path}, reading the property when it loads; so the right folder is copied
 * once to a cache directory and put first on that path. Run from Maven or an IDE (no
 * {@code natives/} folder) nothing changes: the JavaFX jars of the host are on the class path.
 * No JavaFX class is touched here.
 */
public final class Natives {
    private Natives() {}

    /** The Maven classifier of JavaFX for an OS and architecture, or null where JavaFX has none. */
    public static String classifier(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean arm = osArch.equals("aarch64") || osArch.equals("arm64");
        boolean x64 = osArch.equals("amd64") || osArch.equals("x86_64");
        if (os.startsWith("linux")) return arm ? "linux-aarch64" : x64 ? "linux" : null;
        if (os.startsWith("windows")) return x64 ? "win" : null;
        if (os.startsWith("mac")) return arm ? "mac-aarch64" : x64 ? "mac" : null;
        return null;
    }

    /**
     * Copies this platform's natives out of the jar (once per JavaFX version) and prepends their
     * folder to {@code java.library.path}. Returns a one-line problem, or null when the window may start.
     */
    public static String prepare() {
        // Only the runnable jar needs this: from Maven or an IDE (classes in a folder, even one a
        // package run filled with natives/) the host's JavaFX jars are on the path.
        if (Natives.class.getResource("/natives/linux/libglass.so") == null || !Files.isRegularFile(ownJar())) {
            return null;
        }
        String cls = classifier(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (cls == null) {
            return "cannot open the window: JavaFX has no natives for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + " (the commands work: see --help)";
        }
        try {
            Path dir = cacheDir().resolve(fxVersion()).resolve(cls);
            // Written last: its presence means every file is there, so later starts only stat one file.
            Path done = dir.resolve(".complete");
            if (!Files.exists(done)) unpack(cls, dir, done);
            String old = System.getProperty("java.library.path", "");
            System.setProperty("java.library.path", dir + (old.isEmpty() ? "" : java.io.File.pathSeparator + old));
            return null;
        } catch (IOException | UncheckedIOException e) {
            return "cannot open the window: cannot unpack JavaFX's native libraries to " + cacheDir() + ": " + e.getMessage();
        }
    }

    private static void unpack(String cls, Path dir, Path done) throws IOException {
        Files.createDirectories(dir);
        String prefix = "natives/" + cls + "/";
        try (JarFile jf = new JarFile(ownJar().toFile())) {
            for (JarEntry e : java.util.Collections.list(jf.entries())) {
                String name = e.getName();
                if (e.isDirectory() || !name.startsWith(prefix) || name.indexOf('/', prefix.length()) >= 0) continue;
                Path target = dir.resolve(name.substring(prefix.length()));
                // Another instance may start at the same moment: write aside, then move in place.
                Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
                try (InputStream in = jf.getInputStream(e)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.writeString(done, cls + "\n");
    }

    /** The jar (or class folder) this class was loaded from. */
    static Path ownJar() {
        try {
            return Path.of(Natives.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Path.of("");
        }
    }

    /** Where JavaFX itself caches natives ({@code javafx.cachedir}, else {@code ~/.openjfx/cache}). */
    static Path cacheDir() {
        String dir = System.getProperty("javafx.cachedir");
        if (dir != null && !dir.isEmpty()) return Path.of(dir);
        return Path.of(System.getProperty("user.home"), ".openjfx", "cache", "handshake-lab");
    }

    /** The JavaFX build in the jar (javafx.properties of javafx-base), so an upgrade never reuses old natives. */
    static String fxVersion() {
        try (InputStream in = Natives.class.getResourceAsStream("/javafx.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("javafx.runtime.version", "unknown").replaceAll("[^A-Za-z0-9._+-]", "_");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
