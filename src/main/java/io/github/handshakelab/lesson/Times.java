package io.github.handshakelab.lesson;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of times as a user writes them (DESIGN §6), for lesson files, the lesson editor
 * and the command line ({@code cli.TimeArg} adds the option's name): {@code 250ms}, {@code 2s},
 * {@code 1.5s}, {@code 20us} (or {@code 20µs}), or plain microseconds ({@code 1250000}). Only
 * whole microseconds exist on the trace's clock, so {@code 0.0000001s} is refused rather than rounded.
 */
public final class Times {
    private Times() {}

    private static final Pattern FORM = Pattern.compile("(-?)(\\d+(?:\\.\\d+)?)\\s*(s|ms|us|µs)?");

    /**
     * @throws IllegalArgumentException with a one-line message that starts with the text in quotes
     *         and says what is wrong: not a time (and the forms), negative, a fraction of a
     *         microsecond, too large
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = FORM.matcher(t);
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a time; use 250ms, 2s, 1.5s or plain microseconds");
        String unit = m.group(3) == null ? "us" : m.group(3);
        BigDecimal us = new BigDecimal(m.group(2)).multiply(switch (unit) {
            case "s" -> BigDecimal.valueOf(1_000_000);
            case "ms" -> BigDecimal.valueOf(1_000);
            default -> BigDecimal.ONE;
        });
        if (!m.group(1).isEmpty() && us.signum() != 0) {
            throw new IllegalArgumentException("'" + text + "' is negative; times count from the start of the trace");
        }
        if (us.stripTrailingZeros().scale() > 0) throw new IllegalArgumentException("'" + text + "' is not a whole number of microseconds");
        if (us.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) throw new IllegalArgumentException("'" + text + "' is too large");
        return us.longValueExact();
    }

    /** An exact, readable form: {@code 0s}, {@code 31us}, {@code 250ms}, {@code 400.93ms}, {@code 2s}, {@code 1.55s}. */
    public static String format(long us) {
        if (us < 1_000) return us == 0 ? "0s" : us + "us";
        if (us < 1_000_000) return BigDecimal.valueOf(us, 3).stripTrailingZeros().toPlainString() + "ms";
        return BigDecimal.valueOf(us, 6).stripTrailingZeros().toPlainString() + "s";
    }
}
