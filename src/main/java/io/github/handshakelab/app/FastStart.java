package io.github.handshakelab.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Why {@code java -jar handshake-lab.jar} opens the window in a second JVM (issue 12). On two
 * cores the window's first frame is held back less by its own work than by the JVM's: parsing
 * and verifying some 2,000 classes from the jar, spinning 900 lambda classes, and the JIT
 * compilers taking a core for methods that only run while the window is built. A jar's manifest cannot
 * give the JVM options against that, so the JVM {@code java -jar} started repeats its own
 * command line with these additions and waits for it, passing on its exit status:
 * <ul>
 * <li>a class-data archive of the first window's classes and lambdas ({@code classes.lst},
 * recorded by {@code scripts/bench-startup.sh --classlist}): made once per jar and JVM, at low
 * priority after the first window is complete ({@link #archiveLater}), kept in the natives' cache
 * folder; a missing or stale archive is skipped by the JVM without a word;</li>
 * <li>the window's JVM options ({@link #OPTIONS}): C1 only, and a young generation that holds
 * the whole start;</li>
 * <li>{@code -Dhandshakelab.launched=jar}, so the second JVM does not repeat itself.</li>
 * </ul>
 * The app image's launcher passes the same options itself ({@code src/packaging/Dist.java},
 * {@code handshakelab.launched=image}). Only a command line this can repeat exactly is repeated
 * ({@link #command}); otherwise, and with {@code HANDSHAKELAB_RELAUNCH=0}, the window opens in
 * the first JVM as before. No JavaFX class is touched here.
 */
public final class FastStart {
    private FastStart() {}

    /** The system property that says the JVM options are set: {@code jar} (relaunched) or {@code image}. */
    static final String LAUNCHED = "handshakelab.launched";

    /**
     * The window's JVM options, measured on 2 cores (README, "How fast the first window opens").
     * <ul>
     * <li>C1 only: its code without the profiling that feeds C2 runs faster sooner, and no C2
     * compilation takes the second core while the window is built. The window complete ~120 ms
     * and all panes ~300 ms sooner, the JIT's CPU over a 100,000-segment trace down from 625 to
     * about 200 ms, frame times no worse (a desktop session is short; C2's peak pays off late);
     * indexing a capture is ~20% slower. The CLI (not relaunched) keeps C2.</li>
     * <li>A young generation of at least 64 MB: G1's default (5% of the initial heap, 19 MB here)
     * filled four times during the start, and each collection copied what was live (7 to 42 MB)
     * while every thread stood still: 15 ms before the first frame, 13 ms while it was
     * painted, 16 ms before the panes were built. With 64 MB the first collection comes after
     * the start.</li>
     * </ul>
     */
    public static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:NewSize=64m");

    /** Launcher options that take the next word as their value: a line with one of them is not repeated. */
    private static final Set<String> WITH_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
            "--upgrade-module-path", "--add-modules", "--add-opens", "--add-exports", "--add-reads", "--patch-module",
            "--limit-modules", "-m", "--module", "--enable-native-access", "--describe-module", "-d", "--source");

    /**
     * In the JVM {@code java -jar} started: opens the window in a second JVM and returns its exit
     * status when it ends; empty when the window is to open in this JVM.
     */
    static OptionalInt relaunch(String[] args) {
        if (System.getProperty(LAUNCHED) != null || "0".equals(System.getenv("HANDSHAKELAB_RELAUNCH"))) return OptionalInt.empty();
        Path jar = Natives.ownJar();
        if (!Files.isRegularFile(jar)) return OptionalInt.empty();
        List<String> own = ownArguments();
        Path java = javaExecutable();
        if (own == null || java == null) return OptionalInt.empty();
        Path archive = archive(jar);
        List<String> cmd = command(java.toString(), own, jar, Files.isRegularFile(archive) ? archive : null, args);
        if (cmd == null) return OptionalInt.empty();
        StartupTimes.mark("relaunch");
        // Linux: vfork and exec java directly, without the jspawnhelper between them (JDK 17's default)
        if (System.getProperty("os.name").startsWith("Linux") && System.getProperty("jdk.lang.Process.launchMechanism") == null) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
        Process p;
        try {
            p = new ProcessBuilder(cmd).inheritIO().start();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
        // Stopping this JVM (a signal, the bench's kill) stops the window with it.
        Runtime.getRuntime().addShutdownHook(new Thread() {
            // (a class, not p::destroy: the first lambda of a JVM costs it milliseconds this one does not have)
            @Override public void run() { p.destroy(); }
        });
        while (true) {
            try {
                return OptionalInt.of(p.waitFor());
            } catch (InterruptedException e) {
                // only the exit status ends the wait
            }
        }
    }

    /**
     * This JVM's arguments after the executable, or null. Linux: read from /proc before the
     * fork, because {@link ProcessHandle}'s first use starts the JDK's process reaper (a thread
     * pool and the JVM's first lambdas), and the window's JVM would wait for that; the fork
     * starts it anyway, but after the window's JVM is on its way.
     */
    static List<String> ownArguments() {
        try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/self/cmdline")) {
            return cmdline(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            Optional<String[]> own = ProcessHandle.current().info().arguments();
            return own.isPresent() ? List.of(own.get()) : null;
        }
    }

    /** The words of a /proc cmdline (each ended by a NUL) after the first: the executable's. */
    static List<String> cmdline(byte[] bytes) {
        // decoded as the JVM decoded its own arguments, so they compare equal in command()
        java.nio.charset.Charset cs;
        try {
            cs = java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding"));
        } catch (RuntimeException e) {
            cs = java.nio.charset.Charset.defaultCharset();
        }
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != 0) continue;
            words.add(new String(bytes, start, i - start, cs));
            start = i + 1;
        }
        if (start < bytes.length || words.isEmpty()) throw new IllegalArgumentException("not a cmdline");
        return words.subList(1, words.size());
    }

    /**
     * The second JVM's command: {@code own} (this JVM's arguments after the executable) must be
     * single-word options, {@code -jar}, this jar, then exactly {@code args}; null otherwise, and
     * when the options already choose a class-data archive (someone measuring or archiving).
     */
    static List<String> command(String java, List<String> own, Path jar, Path archive, String[] args) {
        int j = own.indexOf("-jar");
        if (j < 0 || own.size() != j + 2 + args.length) return null;
        if (!List.of(args).equals(own.subList(j + 2, own.size()))) return null;
        try {
            if (!Files.isSameFile(Path.of(own.get(j + 1)), jar)) return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
        List<String> options = own.subList(0, j);
        for (String o : options) {
            if (!o.startsWith("-") || WITH_VALUE.contains(o) || o.startsWith("@")
                    || o.contains("SharedArchiveFile") || o.startsWith("-Xshare") || o.contains("ArchiveClassesAtExit")
                    || o.contains("DumpLoadedClassList")) {
                return null;
            }
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(options);
        if (archive != null) {
            cmd.add("-XX:SharedArchiveFile=" + archive);
            cmd.add("-Xshare:auto");
        }
        cmd.addAll(OPTIONS);
        cmd.add("-D" + LAUNCHED + "=jar");
        // the archive names the jar by the path it was made with: always the absolute one
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** This JVM's java launcher (java.exe, not javaw, on Windows: the console stays). */
    private static Path javaExecutable() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        for (String name : List.of("java", "java.exe")) {
            if (Files.isExecutable(bin.resolve(name))) return bin.resolve(name);
        }
        return null;
    }

    /**
     * Where the archive for this jar and JVM lives: one name per jar (path, size, time) and JVM
     * build, so a new jar or Java gets a new archive and never a stale one.
     */
    static Path archive(Path jar) {
        return archive(jar, folder());
    }

    static Path archive(Path jar, Path folder) {
        String key;
        try {
            Path abs = jar.toAbsolutePath();
            key = abs + "|" + Files.size(abs) + "|" + Files.getLastModifiedTime(abs).toMillis() + "|"
                    + System.getProperty("java.home") + "|" + System.getProperty("java.vm.version");
        } catch (IOException e) {
            key = jar.toAbsolutePath().toString();
        }
        // FNV-1a: a message digest would load the security providers, a noticeable part of this JVM's life
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) h = (h ^ (b & 0xff)) * 0x100000001b3L;
        return folder.resolve(Long.toHexString(h) + ".jsa");
    }

    /** Marks that making {@code archive} failed once. */
    static Path failed(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".failed");
    }

    private static Path folder() {
        return Natives.cacheDir().resolve("cds");
    }

    /**
     * In the relaunched window's JVM once its first window is complete: when this jar and JVM
     * have no archive yet, starts {@link #main} in a third JVM at low priority to make it. That
     * JVM outlives the window if it has to; a failure only leaves the next start as slow as this one.
     */
    public static void archiveLater() {
        if (!"jar".equals(System.getProperty(LAUNCHED))) return;
        Path jar = Natives.ownJar();
        Path archive = archive(jar);
        Path java = javaExecutable();
        if (java == null || Files.exists(archive) || Files.exists(failed(archive))) return;
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) cmd.addAll(List.of("/usr/bin/nice", "-n", "19"));
        cmd.addAll(List.of(java.toString(), "-Xshare:auto", "-cp", jar.toAbsolutePath().toString(), FastStart.class.getName(),
                jar.toAbsolutePath().toString()));
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException | RuntimeException e) {
            // no archive: the next start is as slow as this one
        }
    }

    /**
     * {@code java -cp handshake-lab.jar io.github.handshakelab.app.FastStart JAR}: makes the
     * class-data archive for the jar and the JVM that runs this, where {@code java -jar JAR} looks
     * for it, and prints its path (an installer may make it ahead of the first start). The archive
     * is written aside and moved in place when complete (a start meanwhile finds none); archives
     * of older jars are removed; another process already at it is left to it. Exits 0 when the
     * archive is there.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path jar = Path.of(args[0]);
        Path archive = archive(jar);
        boolean ok = makeArchive(jar, archive);
        if (ok) System.out.println(archive);
        System.exit(ok ? 0 : 1);
    }

    static boolean makeArchive(Path jar, Path archive) throws IOException, InterruptedException {
        Path dir = archive.getParent();
        Files.createDirectories(dir);
        try (FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            if (lock == null) return false;
            if (Files.exists(archive)) return true;
            Path list = dir.resolve("classes.lst");
            try (InputStream in = FastStart.class.getResourceAsStream("classes.lst")) {
                if (in == null) return false;
                Files.copy(in, list, StandardCopyOption.REPLACE_EXISTING);
            }
            Path part = dir.resolve(archive.getFileName() + ".part");
            Path java = javaExecutable();
            if (java == null) return false;
            Process p = new ProcessBuilder(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                    "-XX:SharedArchiveFile=" + part, "-cp", jar.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean ok = p.waitFor() == 0 && Files.isRegularFile(part);
            // a JVM that cannot make archives is not asked again at every start of this jar
            if (!ok) Files.writeString(failed(archive), "java -Xshare:dump exited " + p.exitValue() + "\n");
            if (ok) {
                // older jars' archives and marks, and the halves of dumps killed before their end
                // (37 MB each; this lock keeps any other dump away, so no other .part is alive)
                try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "*.{jsa,failed,part}")) {
                    for (Path o : old) {
                        if (o.equals(part)) continue;
                        try {
                            Files.deleteIfExists(o);
                        } catch (IOException e) {
                            // still mapped by a running window (Windows): the next archive removes it
                        }
                    }
                }
                Files.move(part, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(part);
            Files.deleteIfExists(list);
            return ok;
        }
    }
}
