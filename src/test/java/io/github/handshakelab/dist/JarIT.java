package io.github.handshakelab.dist;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs after {@code package} (failsafe, in {@code mvn verify}) on the runnable jar itself: it must
 * carry JavaFX for Linux x64/aarch64, Windows x64 and macOS x64/aarch64 (DESIGN §6.5), and start
 * the way issue 12 says. The jar is required: its absence fails, it never skips.
 */
class JarIT {

    static Path jar;
    static Set<String> entries = new TreeSet<>();
    static Manifest manifest;

    @BeforeAll
    static void read() throws IOException {
        jar = Path.of(System.getProperty("handshakelab.jar", "target/handshake-lab.jar"));
        assertTrue(Files.isRegularFile(jar), "no runnable jar at " + jar.toAbsolutePath() + " (run mvn package)");
        try (JarFile jf = new JarFile(jar.toFile())) {
            jf.stream().forEach(e -> entries.add(e.getName()));
            manifest = jf.getManifest();
        }
    }

    @Test
    void carriesEveryPlatformsNatives() {
        List<String> missing = new ArrayList<>();
        for (String cls : List.of("linux", "linux-aarch64")) {
            for (String lib : List.of("libglass.so", "libglassgtk3.so", "libprism_es2.so", "libprism_sw.so", "libjavafx_font.so",
                    "libjavafx_font_freetype.so", "libjavafx_font_pango.so", "libjavafx_iio.so", "libdecora_sse.so")) {
                if (!entries.contains("natives/" + cls + "/" + lib)) missing.add("natives/" + cls + "/" + lib);
            }
        }
        for (String lib : List.of("glass.dll", "prism_d3d.dll", "prism_sw.dll", "javafx_font.dll", "javafx_iio.dll")) {
            if (!entries.contains("natives/win/" + lib)) missing.add("natives/win/" + lib);
        }
        for (String cls : List.of("mac", "mac-aarch64")) {
            for (String lib : List.of("libglass.dylib", "libprism_es2.dylib", "libprism_sw.dylib", "libjavafx_font.dylib", "libjavafx_iio.dylib")) {
                if (!entries.contains("natives/" + cls + "/" + lib)) missing.add("natives/" + cls + "/" + lib);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void nativesAreNotAtTheRootWhereJavaFxWouldLoadAnotherArchitecture() {
        List<String> root = entries.stream().filter(e -> !e.contains("/") && e.matches(".*\\.(so|dll|dylib)$")).toList();
        assertEquals(List.of(), root);
    }

    /**
     * No jar inside the jar: javafx-graphics carries javafx-swt.jar (SWT interop, unused here), and
     * unpacked into target/classes it made the javafx-maven-plugin put target/classes on the module
     * path, so {@code mvn javafx:run} after {@code mvn verify} could not find the main class.
     */
    @Test
    void carriesNoJarInside() {
        assertEquals(List.of(), entries.stream().filter(e -> e.endsWith(".jar")).toList());
    }

    @Test
    void carriesEveryPlatformsGlassAndTheSharedModules() {
        for (String c : List.of(
                "com/sun/glass/ui/gtk/GtkApplication.class",      // Linux
                "com/sun/glass/ui/win/WinApplication.class",      // Windows
                "com/sun/glass/ui/mac/MacApplication.class",      // macOS
                "com/sun/prism/d3d/D3DPipeline.class",            // Windows' Direct3D pipeline
                "com/sun/prism/es2/ES2Pipeline.class",
                "javafx/scene/control/Button.class",
                "javafx/fxml/FXMLLoader.class",
                "javafx/beans/property/SimpleIntegerProperty.class",
                "io/github/handshakelab/Main.class",
                "io/github/handshakelab/app/Natives.class",
                "picocli/CommandLine.class")) {
            assertTrue(entries.contains(c), c);
        }
        assertEquals("io.github.handshakelab.Main", manifest.getMainAttributes().getValue("Main-Class"));
    }

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        Run r = run(null, null, "--version");
        assertEquals(0, r.status, r.err);
        assertEquals("Handshake Lab " + System.getProperty("handshakelab.version"), r.out.lines().findFirst().orElse(""));
    }

    @Test
    void aFileNamedScenariosDoesNotOpenTheWindow(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("scenarios"), "not a capture");
        Run r = run(dir, null, "scenarios");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("three-way-handshake"), r.out);
    }

    @Test
    void noDisplayIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
        if (System.getProperty("os.name").startsWith("Windows") || System.getProperty("os.name").startsWith("Mac")) return;
        Run r = run(dir, "", new String[0]);
        assertEquals(1, r.status, r.err);
        assertEquals(List.of("cannot open the window: no display (DISPLAY is not set). Over SSH use 'ssh -X';"
                + " the commands run without a display: see --help"), r.err.lines().toList());
        assertEquals("", r.out);
    }

    /**
     * {@code java -jar} opens the window in a second JVM with the class-data archive (app.FastStart):
     * the archive is made as the first window makes it for the next start, then a start whose
     * display cannot be reached shows that the second JVM ran, read the app's classes from the
     * archive, and that its one line and exit status are what the first JVM passes on.
     */
    @Test
    void theWindowOpensInASecondJvmThatReadsTheClassDataArchive(@TempDir Path dir) throws Exception {
        if (System.getProperty("os.name").startsWith("Windows")) return;
        String self = jar.toAbsolutePath().toString();
        Run made = java(dir, null, "-Djavafx.cachedir=" + dir, "-cp", self, "io.github.handshakelab.app.FastStart", self);
        assertEquals(0, made.status, made.out + made.err);
        Path archive = Path.of(made.out.strip());
        assertTrue(archive.startsWith(dir.resolve("cds")) && Files.size(archive) > 1_000_000, made.out);

        Run r = java(dir, ":97", "-Djavafx.cachedir=" + dir, "-Xlog:class+load:file=" + dir.resolve("load-%p.txt"), "-jar", self);
        assertEquals(1, r.status, r.out + r.err);
        assertEquals(List.of("cannot open the window: cannot connect to the display ':97' (is the X server running and reachable?"
                + " over SSH use 'ssh -X'); the commands run without a display: see --help"), r.err.lines().toList());
        List<String> steps = r.out.lines().filter(l -> l.startsWith("startup ")).map(l -> l.split(" ")[1])
                .filter(step -> !step.startsWith("prewarm")).toList();
        assertEquals(List.of("main", "relaunch", "main"), steps, r.out);
        List<String> logs = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("load-")).toList()) logs.add(Files.readString(p));
        }
        assertEquals(2, logs.size(), "one class-load log per JVM");
        assertEquals(1, logs.stream().filter(l -> l.contains("io.github.handshakelab.app.HandshakeLabApp source: shared objects file")).count(),
                "the second JVM reads the app's classes from the archive");
    }

    record Run(int status, String out, String err) {}

    /** {@code java OPTIONS...} in {@code dir}, with {@code HANDSHAKELAB_STARTUP=1} and DISPLAY set to {@code display} when not null. */
    static Run java(Path dir, String display, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("HANDSHAKELAB_STARTUP", "1");
        if (display != null) pb.environment().put("DISPLAY", display);
        pb.environment().remove("WAYLAND_DISPLAY");
        return finish(pb, String.join(" ", options));
    }

    /** {@code java -jar handshake-lab.jar ARGS} in {@code dir}; {@code display} "" removes DISPLAY. */
    static Run run(Path dir, String display, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) pb.directory(dir.toFile());
        if (display != null && display.isEmpty()) {
            pb.environment().remove("DISPLAY");
            pb.environment().remove("WAYLAND_DISPLAY");
        }
        return finish(pb, "-jar " + String.join(" ", args));
    }

    private static Run finish(ProcessBuilder pb, String what) throws Exception {
        Path out = Files.createTempFile("jarit", ".out"), err = Files.createTempFile("jarit", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java " + what + " did not finish in 120 s");
        }
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
