package io.github.handshakelab.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Each frame's timestamp (µs since the epoch) in a classic little-endian microsecond pcap, as tcpdump writes it. */
final class PcapTimes {

    private PcapTimes() {}

    static List<Long> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0xa1b2c3d4) throw new IOException(file + ": not a little-endian microsecond pcap");
        List<Long> out = new ArrayList<>();
        int o = 24;
        while (o + 16 <= b.limit()) {
            long sec = Integer.toUnsignedLong(b.getInt(o)), usec = Integer.toUnsignedLong(b.getInt(o + 4));
            out.add(sec * 1_000_000 + usec);
            o += 16 + b.getInt(o + 8);
        }
        return out;
    }
}
