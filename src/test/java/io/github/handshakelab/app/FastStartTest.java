package io.github.handshakelab.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The second JVM of {@code java -jar} (issue 12): which command lines are repeated, and how. */
class FastStartTest {

    @TempDir Path dir;

    private Path jar() throws IOException {
        Path jar = dir.resolve("handshake-lab.jar");
        if (!Files.exists(jar)) Files.writeString(jar, "a jar");
        return jar;
    }

    private List<String> expected(List<String> options, Path archive, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/jdk/bin/java"));
        cmd.addAll(options);
        if (archive != null) cmd.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:NewSize=64m", "-Dhandshakelab.launched=jar",
                "-jar", jar().toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void repeatsTheOptionsAndArgumentsWithTheArchiveAndTheWindowOptions() throws IOException {
        Path archive = dir.resolve("cds/0123.jsa");
        List<String> own = List.of("-Xmx1g", "-Dhandshakelab.prefs=test", "-jar", jar().toString(), "capture.pcap");
        assertEquals(expected(List.of("-Xmx1g", "-Dhandshakelab.prefs=test"), archive, "capture.pcap"),
                FastStart.command("/jdk/bin/java", own, jar(), archive, new String[] {"capture.pcap"}));
    }

    @Test
    void ownArgumentsAreTheWordsOfProcCmdlineAfterTheExecutable() {
        byte[] line = "/usr/bin/java\0-Xmx1g\0-jar\0/tmp/a b/handshake-lab.jar\0\0capture.pcap\0".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("-Xmx1g", "-jar", "/tmp/a b/handshake-lab.jar", "", "capture.pcap"), FastStart.cmdline(line));
        assertEquals(List.of(), FastStart.cmdline("java\0".getBytes(StandardCharsets.UTF_8)));
        // a line cut short (no NUL after the last word) or empty is not trusted: ProcessHandle is asked instead
        assertThrows(IllegalArgumentException.class, () -> FastStart.cmdline("java\0-jar".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> FastStart.cmdline(new byte[0]));
    }

    @Test
    void inThisJvmTheyAreWhatProcessHandleSays() {
        assertEquals(List.of(ProcessHandle.current().info().arguments().orElseThrow()), FastStart.ownArguments());
    }

    @Test
    void withoutAnArchiveYetOnlyTheWindowOptions() throws IOException {
        assertEquals(expected(List.of(), null),
                FastStart.command("/jdk/bin/java", List.of("-jar", jar().toString()), jar(), null, new String[0]));
        assertEquals(expected(List.of(), null, "--present", "lost-final-ack"),
                FastStart.command("/jdk/bin/java", List.of("-jar", jar().toString(), "--present", "lost-final-ack"), jar(), null,
                        new String[] {"--present", "lost-final-ack"}));
    }

    @Test
    void aRelativeJarPathBecomesTheAbsoluteOneTheArchiveNames() throws IOException {
        Path rel = Path.of("").toAbsolutePath().relativize(jar());
        List<String> cmd = FastStart.command("/jdk/bin/java", List.of("-jar", rel.toString()), jar(), null, new String[0]);
        assertEquals(jar().toAbsolutePath().toString(), cmd.get(cmd.size() - 1));
    }

    @Test
    void aCommandLineItCannotRepeatExactlyRunsInThisJvm() throws IOException {
        String j = jar().toString();
        String[] none = new String[0];
        // started another way than java -jar (an IDE, the bench's yardstick)
        assertNull(FastStart.command("java", List.of("-cp", j, "io.github.handshakelab.Main"), jar(), null, none));
        // an option whose value is the next word, or an @argfile: not parsed here
        assertNull(FastStart.command("java", List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-jar", j), jar(), null, none));
        assertNull(FastStart.command("java", List.of("@options.txt", "-jar", j), jar(), null, none));
        // someone choosing or making a class-data archive themselves
        assertNull(FastStart.command("java", List.of("-Xshare:off", "-jar", j), jar(), null, none));
        assertNull(FastStart.command("java", List.of("-XX:SharedArchiveFile=/x.jsa", "-jar", j), jar(), null, none));
        assertNull(FastStart.command("java", List.of("-XX:ArchiveClassesAtExit=/x.jsa", "-jar", j), jar(), null, none));
        // another jar, or arguments that are not this program's
        assertNull(FastStart.command("java", List.of("-jar", dir.resolve("other.jar").toString()), jar(), null, none));
        assertNull(FastStart.command("java", List.of("-jar", j, "a.pcap"), jar(), null, new String[] {"b.pcap"}));
        assertNull(FastStart.command("java", List.of("-jar", j, "a.pcap"), jar(), null, none));
    }

    @Test
    void theArchiveIsNamedForTheJarAsItIsNow() throws IOException {
        Path folder = dir.resolve("cds");
        Path first = FastStart.archive(jar(), folder);
        assertEquals(folder, first.getParent());
        assertEquals(first, FastStart.archive(jar(), folder));
        Files.setLastModifiedTime(jar(), FileTime.fromMillis(Files.getLastModifiedTime(jar()).toMillis() + 60_000));
        assertNotEquals(first, FastStart.archive(jar(), folder), "a rebuilt jar needs a new archive");
    }

    /**
     * A JVM that cannot make the archive (here a stand-in whose dump exits 1) leaves a mark, so
     * later starts of the jar do not try again, and nothing half-made.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aFailedDumpIsMarkedAndLeavesNoArchive() throws Exception {
        Path archive = FastStart.archive(jar(), dir.resolve("cds"));
        assertFalse(makeArchiveWith("echo 'Error: dump refused'\nexit 1\n", archive));
        assertEquals("java -Xshare:dump exited 1\n", Files.readString(FastStart.failed(archive)), "the mark says why");
        assertFalse(Files.exists(archive));
        try (var left = Files.list(archive.getParent())) {
            assertEquals(List.of(FastStart.failed(archive).getFileName().toString(), "lock"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no .part, no class list");
        }
    }

    /** A dump that ends well replaces older jars' archives, their marks and the halves of killed dumps. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aGoodDumpClearsOlderArchivesAndHalfMadeOnes() throws Exception {
        Path archive = FastStart.archive(jar(), dir.resolve("cds"));
        Path cds = Files.createDirectories(archive.getParent());
        for (String old : List.of("0000000000000001.jsa", "0000000000000002.jsa.part", "0000000000000003.jsa.failed")) {
            Files.writeString(cds.resolve(old), "old");
        }
        // (writes the archive it is asked for)
        assertTrue(makeArchiveWith("for a; do case $a in -XX:SharedArchiveFile=*) echo dumped > \"${a#*=}\";; esac; done\n", archive));
        assertEquals("dumped\n", Files.readString(archive));
        try (var left = Files.list(cds)) {
            assertEquals(List.of(archive.getFileName().toString(), "lock"),
                    left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** {@link FastStart#makeArchive} with a shell script standing in for the JVM's {@code java}. */
    private boolean makeArchiveWith(String script, Path archive) throws Exception {
        Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n" + script);
        java.toFile().setExecutable(true);
        String home = System.getProperty("java.home");
        System.setProperty("java.home", dir.resolve("jdk").toString());
        try {
            return FastStart.makeArchive(jar(), archive);
        } finally {
            System.setProperty("java.home", home);
        }
    }
}
