package io.github.handshakelab.sim;

import io.github.handshakelab.trace.Side;

import java.util.List;

/**
 * The TLS handshakes of the {@code tls12-handshake} and {@code tls13-handshake} scenarios as
 * flights of records with typical sizes (record header included): an ECDHE-RSA handshake with a
 * 2048-bit certificate chain of two, as a browser meets it. A flight leaves when the previous one
 * has fully arrived; the names follow the capture replay's (capture/TlsNamer), except that an
 * encrypted handshake message keeps its real name, which a simulation knows and a capture cannot.
 */
public enum TlsFlights {
    /** RFC 5246 §7.3 full handshake: two round trips before the client may send its request. */
    TLS12(List.of(
            new Flight(Side.CLIENT, List.of(new Record("TLS Handshake: ClientHello", 517))),
            new Flight(Side.SERVER, List.of(new Record("TLS Handshake: ServerHello", 93),
                    new Record("TLS Handshake: Certificate", 2653), new Record("TLS Handshake: ServerKeyExchange", 338),
                    new Record("TLS Handshake: ServerHelloDone", 9))),
            new Flight(Side.CLIENT, List.of(new Record("TLS Handshake: ClientKeyExchange", 75),
                    new Record("TLS ChangeCipherSpec", 6), new Record("TLS Handshake: Finished", 45))),
            new Flight(Side.SERVER, List.of(new Record("TLS ChangeCipherSpec", 6),
                    new Record("TLS Handshake: Finished", 45))),
            new Flight(Side.CLIENT, List.of(new Record("TLS Application Data", 120))),
            new Flight(Side.SERVER, List.of(new Record("TLS Application Data", 1200))))),
    /** RFC 8446 §2: the key share rides in the ClientHello, so the request goes after one round trip. */
    TLS13(List.of(
            new Flight(Side.CLIENT, List.of(new Record("TLS Handshake: ClientHello (key_share)", 517))),
            new Flight(Side.SERVER, List.of(new Record("TLS Handshake: ServerHello (key_share)", 127),
                    new Record("TLS ChangeCipherSpec", 6),
                    new Record("TLS Handshake: EncryptedExtensions, Certificate, CertificateVerify, Finished", 2853))),
            new Flight(Side.CLIENT, List.of(new Record("TLS ChangeCipherSpec", 6),
                    new Record("TLS Handshake: Finished", 58),
                    new Record("TLS Application Data", 120))),
            new Flight(Side.SERVER, List.of(new Record("TLS Handshake: NewSessionTicket", 250),
                    new Record("TLS Application Data", 1200)))));

    /** One TLS record as it goes on the wire: its name and size including the 5-byte header. */
    public record Record(String name, int bytes) {}

    /** Records one side writes at once. */
    public record Flight(Side from, List<Record> records) {
        public int bytes() {
            return records.stream().mapToInt(Record::bytes).sum();
        }
    }

    private final List<Flight> flights;

    TlsFlights(List<Flight> flights) {
        this.flights = flights;
    }

    public List<Flight> flights() {
        return flights;
    }
}
