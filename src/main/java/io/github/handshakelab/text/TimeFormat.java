package io.github.handshakelab.text;

import java.util.Locale;

/**
 * The one place trace times are written as text (microseconds in). Views, exporters and the CLI
 * call these instead of formatting times themselves, so the same instant reads the same
 * everywhere. Units are SI symbols, language-neutral.
 */
public final class TimeFormat {

    private TimeFormat() {}

    /** An instant on the playhead, in the inspector or in a list: {@code 12.5 ms}, {@code 1.050 s}. */
    public static String instant(long us) {
        // (the playhead's label is written every frame: digits by hand, rounded half up as %.3f and %.1f do)
        if (us < 0) return String.format(Locale.ROOT, "%.1f ms", us / 1e3);
        if (us >= 1_000_000) return fixed((us + 500) / 1000, 3) + " s";
        return fixed((us + 50) / 100, 1) + " ms";
    }

    /** {@code units / 10^decimals} with that many decimals: {@code fixed(1050, 3)} is {@code 1.050}. */
    private static String fixed(long units, int decimals) {
        StringBuilder b = new StringBuilder(Long.toString(units));
        while (b.length() <= decimals) b.insert(0, '0');
        return b.insert(b.length() - decimals, '.').toString();
    }

    /** A length of time, as short as it reads well: {@code 59.8 s}, {@code 12.5 ms}, {@code 40 µs}. */
    public static String duration(long us) {
        if (us >= 1_000_000) return String.format(Locale.ROOT, "%.1f s", us / 1e6);
        if (us >= 1_000) return String.format(Locale.ROOT, "%.1f ms", us / 1e3);
        return us + " µs";
    }

    /** Fixed millisecond precision without a space, for the columns of the text ladder: {@code 1.050s}. */
    public static String ladder(long us) {
        return seconds(us) + "s";
    }

    /** Seconds with millisecond precision and no unit: {@code 61.550}. */
    public static String seconds(long us) {
        return String.format(Locale.ROOT, "%d.%03d", us / 1_000_000, (us / 1000) % 1000);
    }
}
