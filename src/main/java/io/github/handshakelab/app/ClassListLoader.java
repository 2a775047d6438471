package io.github.handshakelab.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run of the app image's class-data archive (src/packaging/Dist.java and the .deb's
 * postinst): loads, without initialising, every class of a list recorded while the first window
 * opened ({@code -XX:DumpLoadedClassList}), so {@code -XX:ArchiveClassesAtExit} can archive them
 * with no display at hand. A dynamic archive sits on the JDK's own: if it ever fails to validate
 * (the image moved), the JDK's archive still serves. Classes of another platform are skipped.
 */
public final class ClassListLoader {
    private ClassListLoader() {}

    public static void main(String[] args) throws IOException {
        ClassLoader loader = ClassListLoader.class.getClassLoader();
        int loaded = 0, missing = 0;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("@")) continue;
            String name = line.split(" ", 2)[0].replace('/', '.');
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                missing++;
            }
        }
        System.out.println("loaded " + loaded + " classes, " + missing + " not on this platform");
    }
}
