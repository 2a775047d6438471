package io.github.handshakelab.capture;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered, position-counting input. The reader does its own buffering (1 MiB) instead of
 * BufferedInputStream + DataInputStream because the indexing pass reads billions of bytes and
 * needs the exact offset of every record for its warnings.
 */
final class ByteInput implements AutoCloseable {

    private final InputStream in;
    private final byte[] buf = new byte[1 << 20];
    private int pos;
    private int lim;
    private long consumed; // bytes handed out or skipped: the offset of the next byte

    ByteInput(InputStream in) {
        this.in = in;
    }

    long position() {
        return consumed;
    }

    private boolean fill() throws IOException {
        if (pos < lim) return true;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) return false;
        pos = 0;
        lim = n;
        return true;
    }

    /** Reads up to {@code len} bytes, fewer only at end of file. Returns the number read. */
    int read(byte[] dst, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (!fill()) break;
            int n = Math.min(len - done, lim - pos);
            System.arraycopy(buf, pos, dst, off + done, n);
            pos += n;
            done += n;
        }
        consumed += done;
        return done;
    }

    /** Skips up to {@code n} bytes, fewer only at end of file. Returns the number skipped. */
    long skip(long n) throws IOException {
        long done = 0;
        while (done < n) {
            if (!fill()) break;
            int k = (int) Math.min(n - done, lim - pos);
            pos += k;
            done += k;
        }
        consumed += done;
        return done;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
