package io.github.handshakelab.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * Names the TLS records one direction of a TCP stream carries ("TLS Handshake: ClientHello"), so
 * that HTTPS reads as the TCP handshake followed by the TLS handshake. Follows record boundaries
 * across segments (RFC 8446 §5.1 / RFC 5246 §6.2: 5-byte header, then the body); gives up on a
 * direction at the first byte that is not TLS, or when a gap or a snaplen cut loses the boundaries.
 */
final class TlsNamer {

    /** Larger than any TLS record (2^14 plus expansion, RFC 8446 §5.2): not TLS. */
    private static final int MAX_RECORD = 18_432;

    private boolean started, gaveUp, encrypted;
    private int next;            // sequence number of the next new byte (absolute)
    private long skip;           // record body bytes still to come
    private final byte[] hdr = new byte[5];
    private int hdrHave;

    /** Names the records starting in this segment's payload, or returns null. */
    String name(int seq, byte[] d, int off, int len, int wireLen) {
        if (gaveUp || wireLen == 0) return null;
        if (started && seq != next) {
            if (seq - next < 0) return null; // a retransmission: already named
            gaveUp = true;                   // bytes missing from the capture: boundaries lost
            return null;
        }
        started = true;
        next = seq + wireLen;
        List<String> parts = new ArrayList<>(2);
        int i = 0;
        while (i < len) {
            if (skip > 0) {
                int k = (int) Math.min(skip, len - i);
                i += k;
                skip -= k;
                continue;
            }
            while (hdrHave < 5 && i < len) hdr[hdrHave++] = d[off + i++];
            if (hdrHave < 5) break;
            int type = hdr[0] & 0xff;
            int rlen = ((hdr[3] & 0xff) << 8) | (hdr[4] & 0xff);
            if (type < 20 || type > 23 || hdr[1] != 3 || rlen > MAX_RECORD) {
                gaveUp = true;
                return parts.isEmpty() ? null : String.join("; ", parts);
            }
            hdrHave = 0;
            switch (type) {
                case 20 -> {
                    add(parts, "TLS ChangeCipherSpec");
                    encrypted = true;
                }
                case 21 -> add(parts, encrypted ? "TLS Encrypted Alert" : "TLS Alert");
                case 22 -> add(parts, encrypted ? "TLS Handshake: Encrypted Handshake Message"
                        : HANDSHAKE + handshakeNames(d, off + i, Math.min(rlen, len - i)));
                default -> add(parts, "TLS Application Data");
            }
            skip = rlen;
        }
        if (len < wireLen) gaveUp = true; // the capture cut the payload: later boundaries unknown
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static final String HANDSHAKE = "TLS Handshake: ";

    /** Adds a record's name; consecutive handshake records read as one list, "ServerHello, Certificate". */
    private static void add(List<String> parts, String s) {
        String last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
        if (s.equals(last)) return;
        if (last != null && last.startsWith(HANDSHAKE) && s.startsWith(HANDSHAKE) && !s.contains("Encrypted")
                && !last.contains("Encrypted")) {
            parts.set(parts.size() - 1, last + ", " + s.substring(HANDSHAKE.length()));
            return;
        }
        parts.add(s);
    }

    /** The handshake messages of one record body (as far as captured): "ServerHello, Certificate". */
    private static String handshakeNames(byte[] d, int off, int len) {
        List<String> names = new ArrayList<>(4);
        int i = 0;
        while (i < len && names.size() < 8) {
            names.add(handshakeName(d[off + i] & 0xff));
            if (i + 4 > len) break;
            int mlen = ((d[off + i + 1] & 0xff) << 16) | ((d[off + i + 2] & 0xff) << 8) | (d[off + i + 3] & 0xff);
            i += 4 + mlen;
        }
        return String.join(", ", names);
    }

    static String handshakeName(int type) {
        return switch (type) {
            case 0 -> "HelloRequest";
            case 1 -> "ClientHello";
            case 2 -> "ServerHello";
            case 4 -> "NewSessionTicket";
            case 5 -> "EndOfEarlyData";
            case 8 -> "EncryptedExtensions";
            case 11 -> "Certificate";
            case 12 -> "ServerKeyExchange";
            case 13 -> "CertificateRequest";
            case 14 -> "ServerHelloDone";
            case 15 -> "CertificateVerify";
            case 16 -> "ClientKeyExchange";
            case 20 -> "Finished";
            case 24 -> "KeyUpdate";
            default -> "type " + type;
        };
    }
}
