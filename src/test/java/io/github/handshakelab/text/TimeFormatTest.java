package io.github.handshakelab.text;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The playhead's time, written by hand, reads exactly as {@code String.format}'s {@code %.1f ms} / {@code %.3f s} did. */
class TimeFormatTest {

    @Test
    void instantsAroundTheUnitsAndTheRounding() {
        assertEquals("0.0 ms", TimeFormat.instant(0));
        assertEquals("0.1 ms", TimeFormat.instant(50));
        assertEquals("0.0 ms", TimeFormat.instant(49));
        assertEquals("12.5 ms", TimeFormat.instant(12_500));
        assertEquals("1000.0 ms", TimeFormat.instant(999_999));
        assertEquals("1.000 s", TimeFormat.instant(1_000_000));
        assertEquals("1.050 s", TimeFormat.instant(1_049_500));
        assertEquals("61.550 s", TimeFormat.instant(61_550_000));
        assertEquals("-12.5 ms", TimeFormat.instant(-12_500));
    }

    /** What {@code instant} wrote with the Formatter. */
    private static String formatted(long us) {
        return us >= 1_000_000 ? String.format(Locale.ROOT, "%.3f s", us / 1e6) : String.format(Locale.ROOT, "%.1f ms", us / 1e3);
    }

    @Property
    void sameAsTheFormatter(@ForAll @LongRange(min = -5_000_000, max = 10_000_000_000_000L) long us) {
        assertEquals(formatted(us), TimeFormat.instant(us));
    }

    @Property
    void sameAsTheFormatterNearTheRoundingEdges(@ForAll @LongRange(min = 0, max = 100_000_000) long k) {
        for (long us : new long[] {k * 100 + 49, k * 100 + 50, k * 1000 + 499, k * 1000 + 500}) {
            assertEquals(formatted(us), TimeFormat.instant(us), "at " + us);
        }
    }
}
