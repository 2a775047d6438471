package io.github.handshakelab.capture;

import java.nio.file.Path;

/** Captures made for the live-capture tests (scripted packet sources replay them packet by packet). */
public final class LiveFixtures {
    private LiveFixtures() {}

    /**
     * {@code streams} connections from 10.0.0.1:40000+i to 10.0.0.2:80, all handshakes first
     * (3 packets each, stream i's at packets 3i+1..3i+3), then {@code data} rounds in which every
     * stream sends one 100-byte segment and gets its ACK (2 packets per stream and round). So
     * after the handshakes every further packet changes a row that is already listed.
     */
    public static Path conversations(Path dir, int streams, int data) {
        Bytes f = Bytes.pcap(false, false, 1);
        long t = 1_000_000;
        for (int i = 0; i < streams; i++) {
            int port = 40000 + i;
            f.record(t / 1_000_000, t % 1_000_000, frame(false, port, Bytes.SYN, 1000, 0, 0)); t += 100;
            f.record(t / 1_000_000, t % 1_000_000, frame(true, port, Bytes.SYN | Bytes.ACK, 5000, 1001, 0)); t += 100;
            f.record(t / 1_000_000, t % 1_000_000, frame(false, port, Bytes.ACK, 1001, 5001, 0)); t += 100;
        }
        for (int r = 0; r < data; r++) {
            for (int i = 0; i < streams; i++) {
                int port = 40000 + i;
                long seq = 1001 + 100L * r;
                f.record(t / 1_000_000, t % 1_000_000, frame(false, port, Bytes.PSH | Bytes.ACK, seq, 5001, 100)); t += 100;
                f.record(t / 1_000_000, t % 1_000_000, frame(true, port, Bytes.ACK, 5001, seq + 100, 0)); t += 100;
            }
        }
        return Bytes.write(dir, "live-" + streams + "x" + data + ".pcap", f.bytes());
    }

    private static byte[] frame(boolean fromServer, int port, int flags, long seq, long ack, int payload) {
        byte[] tcp = fromServer ? Bytes.tcp(80, port, seq, ack, flags, 65535, new byte[0], payload)
                : Bytes.tcp(port, 80, seq, ack, flags, 65535, new byte[0], payload);
        return Bytes.eth(0x0800, Bytes.ipv4(fromServer ? Bytes.B : Bytes.A, fromServer ? Bytes.A : Bytes.B, 6, tcp));
    }
}
