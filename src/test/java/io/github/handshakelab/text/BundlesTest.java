package io.github.handshakelab.text;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Every bundle speaks both languages, key for key; the tcp bundles are what their generator writes. */
class BundlesTest {

    private static final Path I18N = Path.of("src/main/resources/i18n");

    private static Properties read(Path p) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
        }
        return props;
    }

    @Test
    void everyBundleHasTheSameKeysInEnglishAndChinese() throws IOException {
        int bundles = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(I18N, "*.properties")) {
            for (Path en : dir) {
                String name = en.getFileName().toString();
                if (name.contains("_")) continue;
                Path zh = I18N.resolve(name.replace(".properties", "_zh_CN.properties"));
                assertTrue(Files.exists(zh), "no Chinese bundle for " + name);
                TreeSet<String> e = new TreeSet<>(read(en).stringPropertyNames());
                TreeSet<String> z = new TreeSet<>(read(zh).stringPropertyNames());
                TreeSet<String> onlyEn = new TreeSet<>(e);
                onlyEn.removeAll(z);
                TreeSet<String> onlyZh = new TreeSet<>(z);
                onlyZh.removeAll(e);
                assertEquals(new TreeSet<>(), onlyEn, name + ": keys without Chinese");
                assertEquals(new TreeSet<>(), onlyZh, name + ": Chinese keys without English");
                for (String k : e) assertFalse(read(zh).getProperty(k).isBlank(), name + ": empty Chinese text for " + k);
                bundles++;
            }
        }
        assertTrue(bundles >= 4, "ui, tcp, capture, diagram at least: " + bundles);
    }

    @Test
    void theTcpBundlesAreWhatTheGeneratorWrites() throws Exception {
        Path out = Files.createTempDirectory("gen-tcp-i18n");
        Process p = new ProcessBuilder("python3", "scripts/gen_tcp_i18n.py", out.toString()).redirectErrorStream(true).start();
        String log;
        try (InputStream in = p.getInputStream()) {
            log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "generator hangs");
        assertEquals(0, p.exitValue(), log);
        for (String f : new String[]{"tcp.properties", "tcp_zh_CN.properties"}) {
            assertEquals(Files.readString(out.resolve(f)), Files.readString(I18N.resolve(f)),
                    f + " differs from scripts/gen_tcp_i18n.py output: edit the script and run it");
            Files.delete(out.resolve(f));
        }
        Files.delete(out);
    }
}
