package io.github.handshakelab.tcp;

import java.util.ArrayList;
import java.util.List;

/** The control bits of a TCP header, as the header carries them (CWR..FIN = 0x80..0x01, NS = 0x100). */
public record TcpFlags(int bits) {

    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20,
            ECE = 0x40, CWR = 0x80, NS = 0x100;

    /**
     * Fixed print order for labels and JSON: the header's bit order, lowest first, as Wireshark
     * prints it ("SYN, ACK", "FIN, ACK", "RST, ACK", "FIN, PSH, ACK"), so a capture reads the same
     * here as in Wireshark and the textbooks' "FIN/ACK" keeps its order.
     */
    private static final int[] ORDER = {FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, NS};
    private static final String[] NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};

    public static TcpFlags of(int... bits) {
        int b = 0;
        for (int x : bits) b |= x;
        return new TcpFlags(b);
    }

    public boolean has(int flag) { return (bits & flag) != 0; }
    public boolean syn() { return has(SYN); }
    public boolean ack() { return has(ACK); }
    public boolean fin() { return has(FIN); }
    public boolean rst() { return has(RST); }
    public boolean psh() { return has(PSH); }

    public TcpFlags with(int flag) { return new TcpFlags(bits | flag); }
    public TcpFlags without(int flag) { return new TcpFlags(bits & ~flag); }

    public List<String> names() {
        List<String> out = new ArrayList<>(3);
        for (int i = 0; i < ORDER.length; i++) if (has(ORDER[i])) out.add(NAMES[i]);
        return out;
    }

    public static TcpFlags parse(List<String> names) {
        int b = 0;
        for (String n : names) {
            int i = List.of(NAMES).indexOf(n);
            if (i < 0) throw new IllegalArgumentException("unknown TCP flag '" + n + "'");
            b |= ORDER[i];
        }
        return new TcpFlags(b);
    }

    /** "SYN, ACK"; "none" for a segment without flags. */
    @Override
    public String toString() {
        List<String> n = names();
        return n.isEmpty() ? "none" : String.join(", ", n);
    }
}
