package io.github.handshakelab.quiz;

import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads what a learner types: in the terminal, in the app, in an answers file. Lenient about
 * spelling that means the same thing ("syn ack", "SYN/ACK", "SYN-SENT", "-" for no ack), strict
 * about anything else: an unknown word is an error that names the accepted values.
 */
public final class Parse {

    private Parse() {}

    public static Side side(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "client", "c", "客户端" -> Side.CLIENT;
            case "server", "s", "服务器" -> Side.SERVER;
            default -> throw new IllegalArgumentException("'" + text.trim() + "' is not client or server");
        };
    }

    public static TcpFlags flags(String text) {
        List<String> names = new ArrayList<>();
        for (String w : text.trim().split("[\\s,+/|]+")) {
            if (!w.isEmpty()) names.add(w);
        }
        return flags(names);
    }

    public static TcpFlags flags(List<String> words) {
        List<String> names = new ArrayList<>();
        for (String w : words) {
            String n = w.trim().toUpperCase(Locale.ROOT);
            if (n.equals("SYN-ACK") || n.equals("SYNACK")) {
                names.add("SYN");
                names.add("ACK");
                continue;
            }
            if (n.equals("FIN-ACK")) {
                names.add("FIN");
                names.add("ACK");
                continue;
            }
            names.add(n);
        }
        try {
            return TcpFlags.parse(names);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (use SYN, ACK, FIN, RST, PSH, URG, ECE, CWR)");
        }
    }

    public static TcpState state(String text) {
        String n = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (n.equals("SYN_RECEIVED") || n.equals("SYN_RECV")) n = "SYN_RCVD";
        if (n.equals("ESTAB")) n = "ESTABLISHED";
        try {
            return TcpState.valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown state '" + text.trim() + "' (use "
                    + String.join(", ", java.util.Arrays.stream(TcpState.values()).map(Enum::name).toList()) + ")");
        }
    }

    /** A sequence or ack number; null for "-", "none" or "null" when {@code nullable}. */
    public static Long number(String text, boolean nullable, Numbers numbers) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (nullable && (t.equals("-") || t.equals("none") || t.equals("null") || t.equals("无") || t.equals("—"))) return null;
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a whole number" + (nullable ? " (or - for none)" : ""));
        }
        if (numbers == Numbers.ABSOLUTE && (v < 0 || v > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException(v + " is not a 32-bit sequence number (0..4294967295)");
        }
        return v;
    }

    public static long length(String text) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a whole number of bytes");
        }
        if (v < 0) throw new IllegalArgumentException("a length cannot be negative: " + v);
        return v;
    }
}
