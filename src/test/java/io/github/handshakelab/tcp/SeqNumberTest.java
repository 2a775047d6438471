package io.github.handshakelab.tcp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** RFC 9293 §3.4: comparisons modulo 2^32, at the two edges where raw unsigned comparison breaks. */
class SeqNumberTest {

    private static final long MAX = 4294967295L;

    @Test
    void wrapsAtTwoToThe32() {
        SeqNumber top = SeqNumber.of(MAX);
        assertEquals(0, top.plus(1).unsigned());
        assertEquals(99, top.plus(100).unsigned());
        assertTrue(top.lt(top.plus(1)), "2^32-1 comes before 0");
        assertTrue(top.plus(1).gt(top));
        assertEquals(1, top.plus(1).minus(top));
        assertEquals("4294967295", top.toString());
        assertTrue(SeqNumber.of(MAX - 1).lt(SeqNumber.of(5)));
        assertTrue(SeqNumber.of(5).ge(SeqNumber.of(MAX - 1)));
    }

    @Test
    void halfSpaceIsTheHorizon() {
        SeqNumber zero = SeqNumber.ZERO;
        SeqNumber below = SeqNumber.of((1L << 31) - 1);
        SeqNumber half = SeqNumber.of(1L << 31);
        assertTrue(zero.lt(below), "2^31-1 ahead of 0 is still 'after'");
        assertTrue(half.lt(zero), "exactly 2^31 ahead reads as behind (signed difference -2^31)");
        assertEquals(Integer.MIN_VALUE, half.minus(zero));
        assertEquals(2147483648L, half.unsigned());
        assertTrue(SeqNumber.of(MAX).le(SeqNumber.of(MAX)));
    }
}
