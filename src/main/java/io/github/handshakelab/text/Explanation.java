package io.github.handshakelab.text;

import java.util.List;
import java.util.Locale;

/**
 * A localisable sentence: a resource-bundle key and its arguments, rendered per locale by
 * {@link Messages}. Kept structured so one trace can be shown in English and in Chinese.
 */
public record Explanation(String key, List<String> args) {

    public static Explanation of(String key, Object... args) {
        return new Explanation(key, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }

    public String render(Locale locale) {
        return Messages.format(locale, key, args.toArray());
    }

    public String english() {
        return render(Locale.ROOT);
    }
}
