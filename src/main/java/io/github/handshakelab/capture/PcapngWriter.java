package io.github.handshakelab.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a pcapng file (draft-ietf-opsawg-pcapng): one section, one interface, enhanced packet
 * blocks with microsecond timestamps (the default if_tsresol). Little-endian, as Wireshark writes
 * on x86. Read back by {@link PcapngReader}, Wireshark and tcpdump.
 */
public final class PcapngWriter implements AutoCloseable {

    private final OutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(64 + RawPacket.MAX_CAPLEN).order(ByteOrder.LITTLE_ENDIAN);

    public PcapngWriter(Path file, int linkType, int snaplen, String interfaceName) throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        // Section Header Block: byte-order magic, version 1.0, section length unknown (-1), shb_userappl.
        byte[] app = "Handshake Lab".getBytes(StandardCharsets.UTF_8);
        int appOpt = 4 + pad(app.length);
        block(0x0A0D0D0A, 16 + appOpt + 4, b -> {
            b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
            option(b, 4, app);
            b.putShort((short) 0).putShort((short) 0); // opt_endofopt
        });
        // Interface Description Block with if_name.
        byte[] name = interfaceName == null ? new byte[0] : interfaceName.getBytes(StandardCharsets.UTF_8);
        int nameOpt = name.length == 0 ? 0 : 4 + pad(name.length);
        block(1, 8 + nameOpt + 4, b -> {
            b.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
            if (name.length > 0) option(b, 2, name);
            b.putShort((short) 0).putShort((short) 0);
        });
    }

    /** Appends one packet as an Enhanced Packet Block on interface 0. */
    public void write(RawPacket p) throws IOException {
        int cap = p.capLen;
        block(6, 20 + pad(cap), b -> {
            long ts = p.timeMicros;
            b.putInt(0).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(cap).putInt((int) Math.min(p.origLen, 0xFFFFFFFFL));
            b.put(p.data, 0, cap);
            for (int i = cap; i < pad(cap); i++) b.put((byte) 0);
        });
    }

    private interface Body {
        void put(ByteBuffer b);
    }

    private void block(int type, int bodyLen, Body body) throws IOException {
        int total = 12 + bodyLen;
        buf.clear();
        buf.putInt(type).putInt(total);
        body.put(buf);
        buf.putInt(total);
        out.write(buf.array(), 0, buf.position());
    }

    private static void option(ByteBuffer b, int code, byte[] value) {
        b.putShort((short) code).putShort((short) value.length).put(value);
        for (int i = value.length; i < pad(value.length); i++) b.put((byte) 0);
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
