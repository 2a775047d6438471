package io.github.handshakelab.text;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks a key up in the project's bundles (one file per area so that areas stay independent) and
 * formats it. {@link Locale#ROOT} means the base (English) bundle whatever the system locale is.
 */
public final class Messages {

    /** Bundles under src/main/resources/i18n, one per area (the window's ui bundle is not here: the model never shows it). */
    private static final List<String> BUNDLES = List.of("i18n/tcp", "i18n/capture", "i18n/diagram", "i18n/quiz", "i18n/questions");

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static final ConcurrentHashMap<Locale, List<ResourceBundle>> CACHE = new ConcurrentHashMap<>();

    private Messages() {}

    public static String get(Locale locale, String key) {
        for (ResourceBundle b : bundles(locale)) {
            if (b.containsKey(key)) return b.getString(key);
        }
        throw new MissingResourceException("no message for key '" + key + "'", "Messages", key);
    }

    public static boolean has(Locale locale, String key) {
        return bundles(locale).stream().anyMatch(b -> b.containsKey(key));
    }

    /**
     * The message with its arguments. Every pattern goes through MessageFormat, with or without
     * arguments, so a quote is always written {@code ''} in the tcp and capture bundles.
     * ({@link #get} returns the raw text, as FXML's {@code %key} does for the ui bundle.)
     */
    public static String format(Locale locale, String key, Object... args) {
        return new MessageFormat(get(locale, key), locale).format(args);
    }

    /** Reads the bundles of a locale now (the JDK keeps them), so a first lookup does not wait for five files. */
    public static void load(Locale locale) {
        bundles(locale);
    }

    private static List<ResourceBundle> bundles(Locale locale) {
        return CACHE.computeIfAbsent(locale, l -> BUNDLES.stream()
                .flatMap(name -> {
                    try {
                        return java.util.stream.Stream.of(ResourceBundle.getBundle(name, l, NO_FALLBACK));
                    } catch (MissingResourceException e) {
                        return java.util.stream.Stream.empty();
                    }
                }).toList());
    }
}
