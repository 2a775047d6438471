package io.github.handshakelab.tcp;

/**
 * A TCP sequence number: 32 bits that wrap. RFC 9293 §3.4: "all arithmetic dealing with sequence
 * numbers must be performed modulo 2^32". Comparison is by the sign of the 32-bit difference
 * (Linux {@code before(a,b)}), never by raw unsigned value; printing is unsigned.
 */
public record SeqNumber(int raw) implements Comparable<SeqNumber> {

    public static final SeqNumber ZERO = new SeqNumber(0);

    public static SeqNumber of(long unsigned) {
        return new SeqNumber((int) unsigned);
    }

    public SeqNumber plus(long n) {
        return new SeqNumber(raw + (int) n);
    }

    /** Signed distance {@code this - other} modulo 2^32, in [-2^31, 2^31). */
    public int minus(SeqNumber other) {
        return raw - other.raw;
    }

    public boolean lt(SeqNumber o) { return raw - o.raw < 0; }
    public boolean le(SeqNumber o) { return raw - o.raw <= 0; }
    public boolean gt(SeqNumber o) { return raw - o.raw > 0; }
    public boolean ge(SeqNumber o) { return raw - o.raw >= 0; }

    /** The value as printed and as carried in the JSON: 0 .. 2^32-1. */
    public long unsigned() {
        return Integer.toUnsignedLong(raw);
    }

    /** Orders by modular difference; only meaningful within half the sequence space. */
    @Override
    public int compareTo(SeqNumber o) {
        return Integer.signum(raw - o.raw);
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(raw);
    }
}
