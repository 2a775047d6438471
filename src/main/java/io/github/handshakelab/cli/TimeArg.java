package io.github.handshakelab.cli;

import io.github.handshakelab.lesson.Times;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A time typed on the command line (DESIGN §6): {@code 250ms}, {@code 2s}, {@code 1.5s},
 * {@code 20us} (or {@code 20µs}), or plain microseconds. The parsing is {@link Times#parse}, the
 * one parser lesson files use too; here its message is prefixed with the option, as one usage line.
 */
public final class TimeArg {

    private TimeArg() {}

    /**
     * @param option the option name for the error message, e.g. {@code --at}
     * @throws Cli.UsageException with one line naming the option, the text and the accepted forms
     */
    public static long parse(String option, String text) {
        try {
            return Times.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(option + ": " + e.getMessage());
        }
    }

    /** Seconds with millisecond precision, as the ladder prints them: {@code 1.250s}. */
    public static String format(long us) {
        return BigDecimal.valueOf(us).movePointLeft(6).setScale(3, RoundingMode.HALF_UP).toPlainString() + "s";
    }
}
