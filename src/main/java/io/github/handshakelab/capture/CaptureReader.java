package io.github.handshakelab.capture;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streaming reader of pcap and pcapng files, optionally gzip-compressed (DESIGN §6: no library
 * on Maven Central reads both safely, so this one is built to
 * shared/reference/malformed-captures.md §4). Every length field is read unsigned and checked
 * before it is used; nothing is allocated from a length in the file beyond the fixed bounds
 * {@link RawPacket#MAX_CAPLEN} and {@link #MAX_BLOCK}. A broken file header is a
 * {@link CaptureException}; a fault after that ends the reading with a warning and keeps every
 * packet read before it.
 */
public abstract class CaptureReader implements AutoCloseable {

    /** Largest pcapng block accepted (libpcap's initial max_blocksize). */
    public static final int MAX_BLOCK = 16 * 1024 * 1024;
    /** Warnings kept in full; later ones are only counted (a file of a million bad packets). */
    public static final int MAX_WARNINGS = 1000;

    protected final String name;
    protected final ByteInput in;
    private final CountingStream raw;
    private final long fileSize;
    private final List<CaptureWarning> warnings = new ArrayList<>();
    private long droppedWarnings;
    protected long frames;
    protected boolean ended;
    private boolean stoppedEarly;

    CaptureReader(String name, ByteInput in, CountingStream raw, long fileSize) {
        this.name = name;
        this.in = in;
        this.raw = raw;
        this.fileSize = fileSize;
    }

    /** Opens a capture, detecting gzip, pcap (µs/ns, either byte order) and pcapng by magic. */
    public static CaptureReader open(Path file) throws IOException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.exists(file)) throw new CaptureException(file + ": no such file");
        if (!Files.isRegularFile(file)) throw new CaptureException(file + ": not a regular file");
        if (!Files.isReadable(file)) throw new CaptureException(file + ": not readable (permission denied)");
        return open(name, Files.newInputStream(file), Files.size(file));
    }

    /** Opens a capture from a stream of {@code size} bytes (the fuzz tests read from memory). */
    static CaptureReader open(String name, InputStream stream, long size) throws IOException {
        CountingStream counting = new CountingStream(stream);
        try {
            PushbackInputStream peek = new PushbackInputStream(counting, 2);
            int b0 = peek.read();
            int b1 = b0 < 0 ? -1 : peek.read();
            if (b1 >= 0) peek.unread(b1);
            if (b0 >= 0) peek.unread(b0);
            InputStream body = peek;
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            if (gzip) {
                try {
                    body = new SafeGzip(peek);
                } catch (java.io.EOFException e) {
                    // GZIPInputStream says only "null" here: the file ends inside the 10-byte gzip header.
                    throw new CaptureException(name, counting.count, "gzip header cut off: the file ends after "
                            + counting.count + " bytes, inside the gzip header (10 bytes at least)");
                } catch (ZipException e) {
                    throw new CaptureException(name, 0, "damaged gzip header: "
                            + (e.getMessage() == null ? "not a valid gzip stream" : e.getMessage()));
                }
            }
            ByteInput in = new ByteInput(body);
            byte[] magic = new byte[4];
            int n = in.read(magic, 0, 4);
            if (n < 4) throw new CaptureException(name, 0, "truncated file header: " + n + " bytes, not a pcap or pcapng file");
            int be = ((magic[0] & 0xff) << 24) | ((magic[1] & 0xff) << 16) | ((magic[2] & 0xff) << 8) | (magic[3] & 0xff);
            long sizeForChecks = gzip ? -1 : size;
            CaptureReader r = switch (be) {
                case 0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1 -> new PcapReader(name, in, counting, sizeForChecks, be);
                case 0x0a0d0d0a -> new PcapngReader(name, in, counting, sizeForChecks);
                default -> throw new CaptureException(name, 0, String.format(
                        "unknown file format: magic number 0x%08x is neither pcap nor pcapng", be));
            };
            r.readFileHeader();
            return r;
        } catch (CaptureException e) {
            counting.close();
            throw e;
        } catch (IOException e) {
            counting.close();
            // e.g. gzip data damaged right at the start: still one line naming the file
            throw new CaptureException(name, 0, e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (RuntimeException e) {
            counting.close();
            throw e;
        }
    }

    abstract void readFileHeader() throws IOException;

    /**
     * Reads the next packet into {@code p}. Returns false at the end of the file or after a fault
     * that makes the rest unreadable (then a warning says what and where).
     */
    public final boolean next(RawPacket p) {
        if (ended) return false;
        try {
            return readNext(p);
        } catch (IOException e) {
            // An I/O failure mid-file (e.g. damaged gzip data) ends the reading like a truncation.
            return stop(in.position(), frames + 1, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    abstract boolean readNext(RawPacket p) throws IOException;

    /** "pcap", "pcap (ns)" or "pcapng". */
    public abstract String format();

    public String fileName() { return name; }

    public List<CaptureWarning> warnings() { return warnings; }

    /** Whether a fault ended the reading before the end of the file (the last warning says where). */
    public boolean stoppedEarly() { return stoppedEarly; }

    /** Warnings beyond {@link #MAX_WARNINGS}, counted but not kept. */
    public long droppedWarnings() { return droppedWarnings; }

    /** Bytes of the file on disk consumed so far (compressed bytes for gzip): for progress bars. */
    public long fileBytesRead() { return raw.count; }

    /** Size of the file on disk. */
    public long fileSize() { return fileSize; }

    /** Packet records seen so far (including ones skipped with a warning). */
    public long frames() { return frames; }

    /** Byte offset in the uncompressed file of the next byte to read. */
    public long position() { return in.position(); }

    void warn(long offset, long packet, String message) {
        if (warnings.size() < MAX_WARNINGS) warnings.add(new CaptureWarning(offset, packet, message));
        else droppedWarnings++;
    }

    /** Ends the reading with a warning; returns false for {@code return stop(...)}. */
    boolean stop(long offset, long packet, String message) {
        // Kept even past MAX_WARNINGS: the reason the reading ended is the one warning that must not be lost.
        if (warnings.size() < MAX_WARNINGS) warn(offset, packet, message);
        else warnings.add(new CaptureWarning(offset, packet, message));
        ended = true;
        stoppedEarly = true;
        return false;
    }

    CaptureException error(long offset, String problem) {
        return new CaptureException(name, offset, problem);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    static int u16(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff)
                : ((b[off + 1] & 0xff) << 8) | (b[off] & 0xff);
    }

    /** An unsigned 32-bit field as a long: lengths above 2^31 must not turn negative (SIDN/entrada2#8). */
    static long u32(byte[] b, int off, boolean bigEndian) {
        int v = bigEndian
                ? ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff)
                : ((b[off + 3] & 0xff) << 24) | ((b[off + 2] & 0xff) << 16) | ((b[off + 1] & 0xff) << 8) | (b[off] & 0xff);
        return Integer.toUnsignedLong(v);
    }

    /** Counts bytes taken from the file itself, so gzip progress is measured against the file size. */
    static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }

    /** GZIP whose damage surfaces as a clear IOException rather than as an odd subclass mid-read. */
    static final class SafeGzip extends GZIPInputStream {
        SafeGzip(InputStream in) throws IOException {
            super(in, 1 << 16);
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            try {
                return super.read(buf, off, len);
            } catch (java.io.EOFException e) {
                return -1; // a cut-off gzip stream ends like a cut-off file: the record checks say where
            } catch (ZipException e) {
                throw new IOException("damaged gzip data: " + e.getMessage(), e);
            }
        }
    }
}
