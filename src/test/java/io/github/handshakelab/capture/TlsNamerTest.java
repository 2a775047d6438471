package io.github.handshakelab.capture;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** TLS record naming across segment boundaries (RFC 5246 §6.2, RFC 8446 §5.1). */
class TlsNamerTest {

    /** A TLS 1.2 record of {@code type} holding {@code body}. */
    static byte[] record(int type, byte[] body) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(type); o.write(3); o.write(3); o.write(body.length >>> 8); o.write(body.length);
        o.writeBytes(body);
        return o.toByteArray();
    }

    static byte[] handshake(int msgType, int len) {
        byte[] b = new byte[4 + len];
        b[0] = (byte) msgType; b[1] = (byte) (len >>> 16); b[2] = (byte) (len >>> 8); b[3] = (byte) len;
        return b;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    @Test
    void tls12ServerFlightSplitOverTwoSegments() {
        byte[] flight = cat(record(22, handshake(2, 70)), record(22, handshake(11, 900)),
                record(22, cat(handshake(12, 300), handshake(14, 0))));
        TlsNamer n = new TlsNamer();
        int cut = 500; // inside the Certificate record
        assertEquals("TLS Handshake: ServerHello, Certificate", n.name(1, flight, 0, cut, cut));
        assertEquals("TLS Handshake: ServerKeyExchange, ServerHelloDone",
                n.name(1 + cut, java.util.Arrays.copyOfRange(flight, cut, flight.length), 0, flight.length - cut, flight.length - cut));
        byte[] ccs = cat(record(20, new byte[]{1}), record(22, new byte[40]));
        assertEquals("TLS ChangeCipherSpec; TLS Handshake: Encrypted Handshake Message",
                n.name(1 + flight.length, ccs, 0, ccs.length, ccs.length));
        byte[] data = record(23, new byte[100]);
        assertEquals("TLS Application Data", n.name(1 + flight.length + ccs.length, data, 0, data.length, data.length));
        // A retransmission of bytes already named gives no name; the boundaries stay in step.
        assertNull(n.name(1, flight, 0, cut, cut));
        byte[] alert = record(21, new byte[26]);
        assertEquals("TLS Encrypted Alert", n.name(1 + flight.length + ccs.length + data.length, alert, 0, alert.length, alert.length));
    }

    @Test
    void notTlsOrLostBoundariesGiveUp() {
        TlsNamer http = new TlsNamer();
        byte[] get = "GET / HTTP/1.1\r\n\r\n".getBytes();
        assertNull(http.name(1, get, 0, get.length, get.length));
        byte[] hello = record(22, handshake(1, 200));
        assertNull(http.name(1 + get.length, hello, 0, hello.length, hello.length), "a stream that started as HTTP stays unnamed");
        TlsNamer gap = new TlsNamer();
        assertEquals("TLS Handshake: ClientHello", gap.name(1, hello, 0, hello.length, hello.length));
        byte[] data = record(23, new byte[10]);
        assertNull(gap.name(1 + hello.length + 50, data, 0, data.length, data.length), "50 bytes missing: boundaries lost");
        TlsNamer cut = new TlsNamer();
        assertEquals("TLS Handshake: ClientHello", cut.name(1, hello, 0, 20, hello.length)); // snaplen cut the payload
        assertNull(cut.name(1 + hello.length, data, 0, data.length, data.length));
    }
}
