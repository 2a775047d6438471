package io.github.handshakelab.capture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** The capture bundle: the same keys in English and Chinese, and every pattern a valid MessageFormat. */
class CaptureBundleTest {

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = CaptureBundleTest.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void sameKeysAndValidPatterns() throws IOException {
        Properties en = load("capture.properties"), zh = load("capture_zh_CN.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()));
        assertTrue(en.size() > 40);
        for (Properties p : new Properties[]{en, zh}) {
            for (String k : p.stringPropertyNames()) {
                String v = p.getProperty(k);
                // Numbers where a pattern asks for them (choice/number formats), text elsewhere.
                MessageFormat mf = new MessageFormat(v);
                java.text.Format[] formats = mf.getFormatsByArgumentIndex();
                Object[] args = {"A", "B", "C", "D", "E", "F"};
                for (int i = 0; i < formats.length && i < args.length; i++) if (formats[i] != null) args[i] = 2L;
                String out = mf.format(args);
                assertFalse(out.contains("{") , k + ": " + out);
                assertFalse(v.replace("''", "").contains("'"), k + ": a single quote must be doubled: " + v);
            }
        }
        for (String k : en.stringPropertyNames()) {
            if (k.startsWith("capture.explain") || k.startsWith("capture.note")) {
                assertNotEquals(en.getProperty(k), zh.getProperty(k), k + " is translated");
            }
        }
    }
}
