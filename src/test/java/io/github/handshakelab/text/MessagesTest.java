package io.github.handshakelab.text;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;

class MessagesTest {

    /** Found in review: "the client''s FIN" reached the screen because argument-free patterns skipped MessageFormat. */
    @Test
    void noFormattedMessageShowsADoubledQuote() throws Exception {
        for (String bundle : new String[]{"tcp", "capture", "quiz"}) {
            for (Locale locale : new Locale[]{Locale.ROOT, Locale.SIMPLIFIED_CHINESE}) {
                Properties p = new Properties();
                String file = "/i18n/" + bundle + (locale == Locale.ROOT ? "" : "_zh_CN") + ".properties";
                try (var in = MessagesTest.class.getResourceAsStream(file);
                     var r = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                for (String key : p.stringPropertyNames()) {
                    String text = Messages.format(locale, key);
                    assertFalse(text.contains("''"), file + " " + key + ": " + text);
                }
            }
        }
    }
}
