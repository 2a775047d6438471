package io.github.handshakelab.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser for a time typed on the command line or stored in a file (DESIGN §6): {@code 250ms},
 * {@code 2s}, {@code 1.5s}, {@code 20us} (or {@code 20µs}), or plain microseconds ({@code 1250000}).
 * The result is whole microseconds, the unit of every trace; a value that is not a whole number of
 * microseconds ({@code 0.0000001s}) is refused rather than silently rounded.
 */
public final class TimeArg {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|ms|us|µs)?");

    private TimeArg() {}

    /**
     * @param option the option name for the error message, e.g. {@code --at}
     * @throws Cli.UsageException with one line naming the option, the text and the accepted forms
     */
    public static long parse(String option, String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new Cli.UsageException(option + ": '" + text + "' is not a time; use 250ms, 2s, 1.5s or plain microseconds");
        }
        String unit = m.group(2) == null ? "us" : m.group(2);
        BigDecimal us = new BigDecimal(m.group(1)).multiply(switch (unit) {
            case "s" -> BigDecimal.valueOf(1_000_000);
            case "ms" -> BigDecimal.valueOf(1_000);
            default -> BigDecimal.ONE;
        });
        if (us.stripTrailingZeros().scale() > 0) {
            throw new Cli.UsageException(option + ": '" + text + "' is not a whole number of microseconds");
        }
        if (us.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new Cli.UsageException(option + ": '" + text + "' is too large");
        }
        return us.longValueExact();
    }

    /** Seconds with millisecond precision, as the ladder prints them: {@code 1.250s}. */
    public static String format(long us) {
        return BigDecimal.valueOf(us).movePointLeft(6).setScale(3, RoundingMode.HALF_UP).toPlainString() + "s";
    }
}
