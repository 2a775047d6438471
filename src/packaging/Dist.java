import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code mvn -Pdist -DskipTests package} (DESIGN §6.5): a self-contained app image made by jpackage
 * with a jlink-trimmed runtime at {@code target/dist/handshake-lab/}, an AppCDS archive inside it,
 * and the installer the OS's tools can build: .deb (dpkg-deb and fakeroot), .msi (WiX), .dmg.
 * A single-file Java program (JEP 330), so the same build runs on Linux, Windows and macOS.
 *
 * <p>Arguments: {@code JAVA_HOME TARGET_DIR VERSION PACKAGING_DIR}.
 */
public class Dist {

    /**
     * Modules of the runtime: {@code jdeps --print-module-deps --ignore-missing-deps} on the jar
     * (java.base, java.desktop, java.prefs, java.scripting, java.sql, jdk.jfr, jdk.unsupported)
     * plus jdk.localedata for Chinese dates and numbers (trimmed to en and zh by jlink).
     */
    static final String MODULES = "java.base,java.desktop,java.prefs,java.scripting,java.sql,jdk.jfr,jdk.unsupported,jdk.localedata";

    static final String NAME = "handshake-lab";

    public static void main(String[] args) throws Exception {
        Path jdk = Path.of(args[0]);
        Path target = Path.of(args[1]);
        String version = numeric(args[2]);
        Path packaging = Path.of(args[3]);
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        boolean windows = os.startsWith("windows"), mac = os.startsWith("mac");

        Path jar = target.resolve(NAME + ".jar");
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("no " + jar + ": run the package phase first");
        Path input = target.resolve("dist-input"), dest = target.resolve("dist");
        deleteTree(input);
        deleteTree(dest);
        Files.createDirectories(input);
        Files.copy(jar, input.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        // the class list of the archive (below) and the window JVM's options, as app.FastStart gives them to java -jar
        List<String> windowOptions;
        try (FileSystem fs = FileSystems.newFileSystem(jar);
             URLClassLoader app = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Files.copy(fs.getPath("io/github/handshakelab/app/classes.lst"), input.resolve("classes.lst"), StandardCopyOption.REPLACE_EXISTING);
            @SuppressWarnings("unchecked")
            List<String> fromJar = (List<String>) app.loadClass("io.github.handshakelab.app.FastStart").getField("OPTIONS").get(null);
            windowOptions = List.copyOf(fromJar);
        }

        String icon = packaging.resolve(windows ? NAME + ".ico" : mac ? NAME + ".icns" : NAME + ".png").toString();
        List<String> image = new ArrayList<>(List.of(tool(jdk, "jpackage"), "--type", "app-image",
                "--name", NAME, "--app-version", version,
                "--input", input.toString(), "--main-jar", jar.getFileName().toString(),
                "--main-class", "io.github.handshakelab.Main", "--dest", dest.toString(), "--icon", icon,
                "--vendor", "Handshake Lab", "--description", "Animated TCP connection management",
                "--copyright", "Handshake Lab contributors",
                "--add-modules", MODULES,
                // bin/java stays in the runtime: the class-data archive is dumped by it (the same JVM that reads it);
                // the JDK's own archive serves when ours does not match (the image moved).
                "--jlink-options", "--strip-debug --no-header-files --no-man-pages --include-locales=en,zh --generate-cds-archive",
                "--jlink-options", "--strip-debug --no-header-files --no-man-pages --include-locales=en,zh --generate-cds-archive"));
        // The class-data archive made below (-Xshare:auto falls back quietly if it does not match), and
        // the options app.FastStart gives the window's JVM under java -jar.
        List<String> javaOptions = new ArrayList<>(List.of("-XX:SharedArchiveFile=$APPDIR/" + NAME + ".jsa", "-Xshare:auto",
                "-Dhandshakelab.launched=image"));
        javaOptions.addAll(windowOptions);
        for (String o : javaOptions) image.addAll(List.of("--java-options", o));
        if (mac) image.addAll(List.of("--mac-package-name", "Handshake Lab"));
        run(image);

        Path appDir = windows ? dest.resolve(NAME).resolve("app") : mac ? dest.resolve(NAME + ".app/Contents/app")
                : dest.resolve(NAME).resolve("lib/app");
        if (!windows && !mac) scriptLauncher(dest.resolve(NAME), javaOptions);
        Path runtimeJava = windows ? dest.resolve(NAME).resolve("runtime/bin/java.exe")
                : mac ? dest.resolve(NAME + ".app/Contents/runtime/Contents/Home/bin/java")
                : dest.resolve(NAME).resolve("lib/runtime/bin/java");

        String type = installerType(windows, mac);
        if (type == null) {
            cds(runtimeJava, appDir);
            System.out.println("[dist] app image at " + dest.resolve(NAME) + "; no installer: "
                    + (windows ? "WiX (wix.exe, or candle.exe and light.exe) is not on PATH"
                    : mac ? "" : "dpkg-deb and fakeroot are needed for a .deb (apt-get install fakeroot)"));
            return;
        }
        List<String> installer = new ArrayList<>(List.of(tool(jdk, "jpackage"), "--type", type,
                "--name", NAME, "--app-version", version,
                "--app-image", dest.resolve(mac ? NAME + ".app" : NAME).toString(), "--dest", dest.toString(),
                "--vendor", "Handshake Lab", "--description", "Animated TCP connection management: simulator, capture replay"));
        // captures, and lessons by their own extension (.json cannot be associated: every JSON file would open here)
        for (String assoc : List.of("pcap", "pcapng", "hslesson")) {
            installer.addAll(List.of("--file-associations", packaging.resolve("assoc-" + assoc + ".properties").toString()));
        }
        if (type.equals("deb")) {
            // postinst makes the class-data archive where the package installs the app (prerm removes it).
            installer.addAll(List.of("--resource-dir", packaging.resolve("linux").toString()));
            installer.addAll(List.of("--linux-shortcut", "--linux-menu-group", "Education;Network",
                    // the JavaFX natives sit inside the jar, where jpackage does not look for libraries to depend on
                    "--linux-package-deps", "libgtk-3-0, libgl1",
                    "--linux-app-category", "education", "--linux-deb-maintainer", "handshake-lab@users.noreply.github.com",
                    "--icon", icon));
        } else if (type.equals("msi")) {
            installer.addAll(List.of("--win-menu", "--win-menu-group", "Handshake Lab", "--win-shortcut",
                    "--win-dir-chooser", "--win-upgrade-uuid", "5f0a3d7e-2c1b-4b8e-9a55-7c3e1d2b9f10"));
        }
        run(installer);
        // After the installer, which must not carry an archive made for this build directory.
        cds(runtimeJava, appDir);
        try (Stream<Path> s = Files.list(dest)) {
            s.filter(p -> p.toString().endsWith("." + type)).forEach(p -> System.out.println("[dist] installer " + p));
        }
    }

    /**
     * On Linux, bin/handshake-lab becomes a shell script that starts the image's runtime with the
     * options of lib/app/handshake-lab.cfg. JDK 17's native launcher asks rpm and dpkg which package
     * it belongs to (LinuxPackage.c: {@code rpm -qf}, {@code dpkg -S}) twice at every start, a
     * quarter of a second before the JVM starts on this machine.
     */
    static void scriptLauncher(Path image, List<String> javaOptions) throws IOException {
        StringBuilder opts = new StringBuilder();
        for (String o : javaOptions) opts.append(" \\\n    \"").append(o.replace("$APPDIR", "${APPDIR}")).append('"');
        Path launcher = image.resolve("bin").resolve(NAME);
        Files.writeString(launcher, "#!/bin/sh\n"
                + "# Starts Handshake Lab on the runtime of this image, with the options of lib/app/" + NAME + ".cfg\n"
                + "# (made by src/packaging/Dist.java instead of jpackage's launcher, which runs rpm and dpkg at each start).\n"
                + "APPDIR=$(cd \"$(dirname \"$(readlink -f \"$0\")\")/../lib/app\" && pwd -P) || exit 1\n"
                + "exec \"${APPDIR}/../runtime/bin/java\"" + opts + " \\\n    -cp \"${APPDIR}/" + NAME + ".jar\" io.github.handshakelab.Main \"$@\"\n");
        launcher.toFile().setExecutable(true, false);
        Files.deleteIfExists(image.resolve("lib").resolve("libapplauncher.so"));
    }

    /** jpackage wants 1-3 numbers: 0.1.0-SNAPSHOT becomes 0.1.0. */
    static String numeric(String v) {
        String n = v.replaceAll("[^0-9.].*$", "");
        return n.isEmpty() ? "1.0.0" : n;
    }

    static String installerType(boolean windows, boolean mac) {
        if (mac) return "dmg";
        if (windows) return onPath("wix.exe") || (onPath("candle.exe") && onPath("light.exe")) ? "msi" : null;
        return onPath("dpkg-deb") && onPath("fakeroot") ? "deb" : onPath("rpmbuild") ? "rpm" : null;
    }

    /**
     * A static AppCDS archive of the classes and lambdas the first window loads ({@code classes.lst},
     * recorded with {@code -XX:DumpLoadedClassList} while the window opened), dumped without a
     * display. JDK 17 ties an archive to the absolute path of the jar, as the launcher passes it
     * ({@code $APPDIR}), so it serves this image where it was built; the .deb makes its own at install time.
     */
    static void cds(Path java, Path appDir) throws Exception {
        Path list = appDir.resolve("classes.lst");
        Path jsa = appDir.toAbsolutePath().resolve(NAME + ".jsa");
        int status = exec(List.of(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + list.toAbsolutePath(),
                "-XX:SharedArchiveFile=" + jsa, "-cp", appDir.toAbsolutePath().resolve(NAME + ".jar").toString()), true);
        System.out.println(status == 0 && Files.isRegularFile(jsa)
                ? "[dist] class-data archive " + jsa + " (" + Files.size(jsa) / 1024 + " KiB)"
                : "[dist] the class-data archive could not be made (exit " + status + "); the app starts without it");
    }

    static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) return true;
        }
        return false;
    }

    static String tool(Path jdk, String name) {
        Path p = jdk.resolve("bin").resolve(name + (System.getProperty("os.name").startsWith("Windows") ? ".exe" : ""));
        if (!Files.isExecutable(p)) throw new IllegalStateException(name + " not found in " + jdk + "/bin: a full JDK 17+ is needed");
        return p.toString();
    }

    static void run(List<String> cmd) throws Exception {
        int status = exec(cmd, false);
        if (status != 0) throw new IllegalStateException(cmd.get(0) + " failed with exit status " + status);
    }

    static int exec(List<String> cmd, boolean quiet) throws Exception {
        System.out.println("[dist] " + String.join(" ", cmd));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (quiet) {
            Path log = Files.createTempFile("dist", ".log");
            pb.redirectOutput(log.toFile());
            int s = pb.start().waitFor();
            if (s != 0) System.out.print(Files.readString(log));
            Files.delete(log);
            return s;
        }
        return pb.inheritIO().start().waitFor();
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
