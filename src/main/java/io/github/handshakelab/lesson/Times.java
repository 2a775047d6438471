package io.github.handshakelab.lesson;

import java.math.BigDecimal;

/**
 * Times as a user writes them (DESIGN §6): {@code 250ms}, {@code 2s}, {@code 1.5s}, or plain
 * microseconds; {@code us}/{@code µs} are accepted as a unit too. Only whole microseconds exist
 * on the trace's clock, so {@code 0.0000001s} is refused rather than rounded.
 */
public final class Times {
    private Times() {}

    /**
     * @throws IllegalArgumentException with a message naming the text and the accepted forms
     */
    public static long parse(String text) {
        String s = text.strip();
        long unit;
        String number;
        if (s.endsWith("ms")) {
            unit = 1_000;
            number = s.substring(0, s.length() - 2);
        } else if (s.endsWith("us") || s.endsWith("µs")) {
            unit = 1;
            number = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            unit = 1_000_000;
            number = s.substring(0, s.length() - 1);
        } else {
            unit = 1;
            number = s;
        }
        BigDecimal v;
        try {
            if (number.isEmpty() || !number.strip().equals(number) || number.startsWith("+")) throw new NumberFormatException();
            v = new BigDecimal(number).multiply(BigDecimal.valueOf(unit));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time; write 250ms, 2s, 1.5s or microseconds");
        }
        if (v.signum() < 0) throw new IllegalArgumentException("'" + text + "' is negative; times count from the start of the trace");
        try {
            return v.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of microseconds");
        }
    }

    /** An exact, readable form: {@code 0s}, {@code 31us}, {@code 250ms}, {@code 400.93ms}, {@code 2s}, {@code 1.55s}. */
    public static String format(long us) {
        if (us < 1_000) return us == 0 ? "0s" : us + "us";
        if (us < 1_000_000) return BigDecimal.valueOf(us, 3).stripTrailingZeros().toPlainString() + "ms";
        return BigDecimal.valueOf(us, 6).stripTrailingZeros().toPlainString() + "s";
    }
}
