package io.github.handshakelab.capture;

import io.github.handshakelab.tcp.TcpFlags;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * All TCP conversations of a capture in one streaming pass. Memory grows with the number of
 * conversations only: per conversation a fixed-size record, nothing per packet. The trace
 * builder re-reads the file through {@link #scan} with a {@link SegmentListener}, so the stream
 * numbers it selects by are exactly the ones listed here.
 */
public final class ConversationIndex {

    /** Reports progress as bytes of the file read out of its size on disk. */
    @FunctionalInterface
    public interface Progress {
        void update(long bytesRead, long totalBytes);
    }

    /** Sees every well-formed TCP segment with the conversation it was assigned to. */
    @FunctionalInterface
    public interface SegmentListener {
        void onSegment(int stream, boolean fromClient, RawPacket packet, TcpView tcp);
    }

    private static final long PROGRESS_STEP = 1 << 20;

    private ConversationIndex() {}

    /** Indexes {@code file}. {@code cancelled} is polled in the loop; when it turns true a CancellationException is thrown. */
    public static IndexResult index(Path file, Progress progress, BooleanSupplier cancelled) throws IOException {
        return scan(file, null, progress, cancelled);
    }

    public static IndexResult index(Path file) throws IOException {
        return scan(file, null, null, null);
    }

    /** The pass behind {@link #index}, also feeding every segment to {@code listener} when it is not null. */
    public static IndexResult scan(Path file, SegmentListener listener, Progress progress, BooleanSupplier cancelled)
            throws IOException {
        try (CaptureReader reader = CaptureReader.open(file)) {
            return scan(reader, listener, progress, cancelled);
        }
    }

    static IndexResult scan(CaptureReader reader, SegmentListener listener, Progress progress, BooleanSupplier cancelled) {
        RawPacket p = new RawPacket();
        Indexer indexer = new Indexer(listener, reader::warn);
        long nextReport = 0;
        while (reader.next(p)) {
            if (reader.fileBytesRead() >= nextReport) {
                if (cancelled != null && cancelled.getAsBoolean()) throw new CancellationException("indexing cancelled");
                if (progress != null) progress.update(reader.fileBytesRead(), reader.fileSize());
                nextReport = reader.fileBytesRead() + PROGRESS_STEP;
            }
            indexer.offer(p);
        }
        if (progress != null) progress.update(reader.fileSize(), reader.fileSize());
        return indexer.result(reader.fileName(), reader.format(), reader.frames(), reader.warnings(), reader.droppedWarnings(),
                reader.stoppedEarly());
    }

    /** Where the indexer reports a packet it had to skip. */
    @FunctionalInterface
    public interface Warner {
        void warn(long offset, long packet, String message);
    }

    /**
     * The one pipeline from packets to conversations, for files and live capture alike: decodes
     * each packet, assigns it to its conversation (stream numbers as Wireshark's tcp.stream) and
     * hands it to the listener (a trace builder). Packets are offered one at a time, as they come.
     */
    public static final class Indexer {
        private final SegmentListener listener;
        private final Warner warner;
        private final TcpView v = new TcpView();
        private final Map<FlowKey, Conv> active = new HashMap<>();
        private final List<Conv> all = new ArrayList<>();
        private long tcpPackets;

        public Indexer(SegmentListener listener, Warner warner) {
            this.listener = listener;
            this.warner = warner;
        }

        /** Decodes and indexes one packet; returns its stream, or -1 for a packet that is not TCP (or skipped). */
        public int offer(RawPacket p) {
            int r = PacketDecoder.decode(p, v);
            if (r == PacketDecoder.BAD) {
                warner.warn(p.offset, p.frame, v.problem + "; packet skipped");
                return -1;
            }
            if (r != PacketDecoder.TCP) return -1;
            tcpPackets++;
            FlowKey key = FlowKey.of(p.data, v);
            boolean senderIsA = FlowKey.senderIsA(p.data, v);
            Conv c = active.get(key);
            boolean syn = (v.flags & TcpFlags.SYN) != 0, ack = (v.flags & TcpFlags.ACK) != 0;
            // A new SYN reuses the 4-tuple: a new stream. As Wireshark, a SYN with the first SYN's
            // sequence number is that SYN sent again (e.g. after a reset refusing a bad SYN-ACK).
            if (c != null && syn && !ack && c.ended() && !c.sameSyn(v, senderIsA)) c = null;
            if (c == null) {
                c = new Conv(all.size(), p, v, senderIsA);
                all.add(c);
                active.put(key, c);
            }
            boolean fromClient = senderIsA == c.clientIsA;
            c.add(p, v, fromClient);
            if (listener != null) listener.onSegment(c.stream, fromClient, p, v);
            return c.stream;
        }

        public int conversations() {
            return all.size();
        }

        /** The conversation of stream {@code n} as it stands now. */
        public Conversation conversation(int n) {
            return all.get(n).toConversation();
        }

        public IndexResult result(String name, String format, long frames, List<CaptureWarning> warnings, long droppedWarnings,
                                  boolean stoppedEarly) {
            List<Conversation> out = new ArrayList<>(all.size());
            for (Conv c : all) out.add(c.toConversation());
            return new IndexResult(name, format, frames, tcpPackets, out, warnings, droppedWarnings, stoppedEarly);
        }
    }

    /** The 4-tuple, direction-free: endpoint A is the smaller of the two (address, port) pairs. */
    record FlowKey(long aHi, long aLo, long bHi, long bLo, int ports) {

        static FlowKey of(byte[] d, TcpView v) {
            long sHi, sLo, dHi, dLo;
            if (v.ipVersion == 4) {
                sHi = 4;
                dHi = 4;
                sLo = CaptureReader.u32(d, v.srcAddrOff, true);
                dLo = CaptureReader.u32(d, v.dstAddrOff, true);
            } else {
                sHi = be64(d, v.srcAddrOff);
                sLo = be64(d, v.srcAddrOff + 8);
                dHi = be64(d, v.dstAddrOff);
                dLo = be64(d, v.dstAddrOff + 8);
            }
            if (cmp(sHi, sLo, v.srcPort, dHi, dLo, v.dstPort) <= 0) {
                return new FlowKey(sHi, sLo, dHi, dLo, (v.srcPort << 16) | v.dstPort);
            }
            return new FlowKey(dHi, dLo, sHi, sLo, (v.dstPort << 16) | v.srcPort);
        }

        /** Whether the packet's sender is endpoint A of its key (then its source sorts first). */
        static boolean senderIsA(byte[] d, TcpView v) {
            if (v.ipVersion == 4) {
                return cmp(4, CaptureReader.u32(d, v.srcAddrOff, true), v.srcPort,
                        4, CaptureReader.u32(d, v.dstAddrOff, true), v.dstPort) <= 0;
            }
            return cmp(be64(d, v.srcAddrOff), be64(d, v.srcAddrOff + 8), v.srcPort,
                    be64(d, v.dstAddrOff), be64(d, v.dstAddrOff + 8), v.dstPort) <= 0;
        }

        private static int cmp(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
            int c = Long.compareUnsigned(aHi, bHi);
            if (c == 0) c = Long.compareUnsigned(aLo, bLo);
            return c != 0 ? c : Integer.compare(aPort, bPort);
        }

        private static long be64(byte[] d, int off) {
            return (CaptureReader.u32(d, off, true) << 32) | CaptureReader.u32(d, off + 4, true);
        }
    }

    /** Running totals of one conversation. */
    private static final class Conv {
        final int stream;
        final boolean clientIsA;
        final boolean clientGuessed;
        final String clientAddr, serverAddr;
        final int clientPort, serverPort;
        final boolean firstSyn, firstSynAck;
        final int firstSeq;
        long packets, bytes, toServer, toClient;
        final long start;
        long last;
        boolean synAckSeen, handshakeAck, finClient, finServer, rst;

        Conv(int stream, RawPacket p, TcpView v, boolean senderIsA) {
            this.stream = stream;
            int f = v.flags;
            boolean syn = (f & TcpFlags.SYN) != 0, ack = (f & TcpFlags.ACK) != 0;
            firstSyn = syn && !ack;
            firstSynAck = syn && ack;
            firstSeq = v.seq;
            boolean senderIsClient;
            if (firstSyn) senderIsClient = true;          // the SYN's sender opened it
            else if (firstSynAck) senderIsClient = false; // the SYN-ACK's receiver opened it
            else {
                // Mid-stream: guess that the side with the higher (ephemeral) port is the client.
                senderIsClient = v.srcPort != v.dstPort ? v.srcPort > v.dstPort : true;
            }
            clientGuessed = !syn;
            clientIsA = senderIsClient == senderIsA;
            int len = v.addrLen();
            String src = Addresses.format(p.data, v.srcAddrOff, len), dst = Addresses.format(p.data, v.dstAddrOff, len);
            clientAddr = senderIsClient ? src : dst;
            serverAddr = senderIsClient ? dst : src;
            clientPort = senderIsClient ? v.srcPort : v.dstPort;
            serverPort = senderIsClient ? v.dstPort : v.srcPort;
            start = p.timeMicros;
            last = p.timeMicros;
        }

        /** Whether {@code v} is the opening SYN again: same sender, same sequence number. */
        boolean sameSyn(TcpView v, boolean senderIsA) {
            return firstSyn && senderIsA == clientIsA && v.seq == firstSeq;
        }

        boolean ended() {
            return rst || finClient || finServer;
        }

        void add(RawPacket p, TcpView v, boolean fromClient) {
            packets++;
            bytes += p.origLen;
            if (fromClient) toServer++;
            else toClient++;
            last = Math.max(last, p.timeMicros);
            int f = v.flags;
            boolean syn = (f & TcpFlags.SYN) != 0, ack = (f & TcpFlags.ACK) != 0;
            if (syn && ack) synAckSeen = true;
            else if (!syn && ack && synAckSeen && fromClient) handshakeAck = true;
            if ((f & TcpFlags.FIN) != 0) {
                if (fromClient) finClient = true;
                else finServer = true;
            }
            if ((f & TcpFlags.RST) != 0) rst = true;
        }

        Conversation toConversation() {
            Conversation.Opened opened = firstSyn && synAckSeen && handshakeAck ? Conversation.Opened.HANDSHAKE
                    : firstSyn || firstSynAck ? Conversation.Opened.PARTIAL : Conversation.Opened.MIDSTREAM;
            Conversation.Closed closed = rst ? Conversation.Closed.RST
                    : finClient || finServer ? Conversation.Closed.FIN : Conversation.Closed.OPEN;
            return new Conversation(stream, clientAddr, clientPort, serverAddr, serverPort, clientGuessed, packets, bytes,
                    toServer, toClient, start, Math.max(0, last - start), opened, closed);
        }
    }
}
