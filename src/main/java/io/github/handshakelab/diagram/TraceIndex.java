package io.github.handshakelab.diagram;

import io.github.handshakelab.tcp.Tcb;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A trace read once into arrays, so that every question a frame asks ("state of the client at t",
 * "segment 41 812", "last segment sent by t", "TCB at t") is a binary search instead of a walk over
 * 100,000 events. Immutable and thread-safe: built off the FX thread, shared by the diagram, the
 * playback and the panels through {@link #of(Trace)} / {@link #ofAsync(Trace)}, which build each
 * trace's index once.
 */
public final class TraceIndex {

    private final Trace trace;
    /** The trace's events: for a long capture a {@link io.github.handshakelab.trace.CompactEvents}, whose records are made when asked. */
    private final List<TraceEvent> events;
    private final long[] eventTime;
    /** Positions in {@link #events} of the state changes (either side), ascending. */
    private final int[] changePos;
    // Segments in send order, as columns: what the layout and a frame need without making the records.
    private final int[] segmentPos;
    /** When each arrow stops; null while every one stops at its send time (a capture: no arrival known). */
    private final long[] segmentEnd;
    /** Bit 0: sent by the server; bit 1: dropped; bit 2: no arrival known (a capture). */
    private final byte[] segmentBits;
    private final int[] segmentIdsSorted;
    /** Position in send order of the i-th id; null when ids ascend in send order (both sources number them so). */
    private final int[] segmentByIdOrder;
    private final long[][] changeTime = new long[2][];
    private final TcpState[][] stateAfter = new TcpState[2][];
    /** Per side and change: whether the state entered was inferred (a capture's "?"). */
    private final boolean[][] inferredAfter = new boolean[2][];
    private final TcpState[] initial = new TcpState[2];
    private final boolean[] initialInferred = new boolean[2];
    private final List<List<TraceEvent.StateChange>> changes = new ArrayList<>(2);
    /** Per side: sample times; null for a compact trace's samples, whose times are read from the list. */
    private final long[][] tcbTime = new long[2][];
    private final io.github.handshakelab.trace.CompactTcbs compactTcbs;
    /** Per side: positions in {@link Trace#tcbs()} (two samples per segment of a capture stay in their columns). */
    private final int[][] tcbPos = new int[2][];
    private final List<TraceEvent.Note> notes;
    private final List<TraceEvent.Timer> timers;
    private final long endTime;
    private final long nominalDelay;
    private final long[] instants;
    /**
     * The last segments made from a compact trace, so that asking again for the one the playhead
     * is on gives the same object (listeners compare by identity) instead of a new one per frame.
     */
    private final java.util.concurrent.atomic.AtomicReferenceArray<Object[]> recent = new java.util.concurrent.atomic.AtomicReferenceArray<>(64);

    public TraceIndex(Trace trace) {
        this.trace = trace;
        List<TraceEvent> ev = trace.events();
        int n = ev.size();
        events = ev;
        eventTime = new long[n];
        int[] chPos = new int[8];
        int nc = 0;
        int[] pos = new int[Math.min(n, 1024)];
        long[] endT = new long[pos.length];
        byte[] bits = new byte[pos.length];
        int ns = 0;
        List<TraceEvent.Note> nts = new ArrayList<>();
        List<TraceEvent.Timer> tms = new ArrayList<>();
        List<List<TraceEvent.StateChange>> ch = List.of(new ArrayList<>(), new ArrayList<>());
        long end = 0;
        for (int i = 0; i < n; i++) {
            TraceEvent e = ev.get(i);
            // Trace promises time order; a running maximum keeps the binary searches sound if a source slips.
            eventTime[i] = i == 0 ? e.time() : Math.max(eventTime[i - 1], e.time());
            end = Math.max(end, e.time());
            if (e instanceof TraceEvent.Segment s) {
                if (ns == pos.length) {
                    int c = Math.min(n, ns * 2);
                    pos = Arrays.copyOf(pos, c);
                    endT = Arrays.copyOf(endT, c);
                    bits = Arrays.copyOf(bits, c);
                }
                pos[ns] = i;
                endT[ns] = s.end();
                bits[ns] = (byte) ((s.from() == Side.SERVER ? 1 : 0) | (s.isDropped() ? 2 : 0) | (s.arrived() == TraceEvent.NONE ? 4 : 0));
                ns++;
                end = Math.max(end, s.end());
            } else if (e instanceof TraceEvent.StateChange c) {
                ch.get(c.endpoint().ordinal()).add(c);
                if (nc == chPos.length) chPos = Arrays.copyOf(chPos, nc * 2);
                chPos[nc++] = i;
            } else if (e instanceof TraceEvent.Note note) {
                nts.add(note);
            } else if (e instanceof TraceEvent.Timer tm) {
                tms.add(tm);
            }
        }
        changePos = Arrays.copyOf(chPos, nc);
        endTime = end;
        segmentPos = Arrays.copyOf(pos, ns);
        segmentBits = Arrays.copyOf(bits, ns);
        long[] ends = endT;
        pos = null;
        bits = null;
        notes = List.copyOf(nts);
        timers = List.copyOf(tms);
        // ids are numbered in send order by both sources; sorting packed (id, position) pairs covers any other order
        int[] ids = new int[ns];
        boolean ascending = true;
        for (int i = 0; i < ns; i++) {
            ids[i] = segment(i).id();
            if (i > 0 && ids[i] <= ids[i - 1]) ascending = false;
        }
        if (ascending) {
            segmentIdsSorted = ids;
            segmentByIdOrder = null;
        } else {
            long[] keys = new long[ns];
            for (int i = 0; i < ns; i++) keys[i] = (long) ids[i] << 32 | i;
            Arrays.sort(keys);
            segmentByIdOrder = new int[ns];
            for (int i = 0; i < ns; i++) {
                ids[i] = (int) (keys[i] >> 32);
                segmentByIdOrder[i] = (int) keys[i];
            }
            segmentIdsSorted = ids;
        }
        for (Side side : Side.values()) {
            int k = side.ordinal();
            List<TraceEvent.StateChange> list = ch.get(k);
            changes.add(List.copyOf(list));
            changeTime[k] = new long[list.size()];
            stateAfter[k] = new TcpState[list.size()];
            inferredAfter[k] = new boolean[list.size()];
            for (int i = 0; i < list.size(); i++) {
                changeTime[k][i] = list.get(i).t();
                stateAfter[k][i] = list.get(i).to();
                inferredAfter[k][i] = list.get(i).inferred();
            }
            initial[k] = list.isEmpty() ? TcpState.CLOSED : list.get(0).from();
            initialInferred[k] = !list.isEmpty() && list.get(0).inferred();
        }
        List<Trace.TcbSample> tc = trace.tcbs();
        io.github.handshakelab.trace.CompactTcbs ct = tc instanceof io.github.handshakelab.trace.CompactTcbs c ? c : null;
        int[] count = new int[2];
        for (int i = 0; i < tc.size(); i++) count[(ct != null ? ct.side(i) : tc.get(i).side()).ordinal()]++;
        compactTcbs = ct;
        for (int k = 0; k < 2; k++) {
            tcbTime[k] = ct != null ? null : new long[count[k]];
            tcbPos[k] = new int[count[k]];
        }
        int[] at = new int[2];
        for (int i = 0; i < tc.size(); i++) {
            Trace.TcbSample sm = ct != null ? null : tc.get(i);
            int k = (ct != null ? ct.side(i) : sm.side()).ordinal();
            if (ct == null) tcbTime[k][at[k]] = sm.t();
            tcbPos[k][at[k]++] = i;
        }
        long[] sentT = new long[ns];
        for (int i = 0; i < ns; i++) sentT[i] = eventTime[segmentPos[i]];
        nominalDelay = nominalDelay(sentT, ends, segmentBits, ns);
        // Lost segments' arrows stop at their drop, or half a flight after sending if dropped on send.
        boolean allAtSend = true;
        for (int i = 0; i < ns; i++) {
            if ((segmentBits[i] & 2) != 0 && ends[i] <= sentT[i]) ends[i] = sentT[i] + nominalDelay / 2;
            if (ends[i] != sentT[i]) allAtSend = false;
        }
        segmentEnd = allAtSend ? null : Arrays.copyOf(ends, ns);
        endT = ends = sentT = null;
        // The instants something happens, as the diagram and the playback step through them.
        long[] inst = new long[n + (segmentEnd == null ? 0 : ns) + 1];
        int m = 0;
        inst[m++] = 0;
        for (long t : eventTime) inst[m++] = t;
        if (segmentEnd != null) for (int i = 0; i < ns; i++) inst[m++] = segmentEnd[i];
        instants = distinctSorted(inst, m);
    }

    // --- shared instances: one index per trace, built once ---

    /**
     * The few most recent traces, compared by identity: a Trace is a record, and hashing or
     * comparing 100,000 events by value would cost what the index saves.
     */
    private record Entry(WeakReference<Trace> trace, CompletableFuture<TraceIndex> index) {}

    private static final int KEEP = 4;
    private static final ArrayDeque<Entry> CACHE = new ArrayDeque<>();
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "trace-index");
        t.setDaemon(true);
        return t;
    });

    /**
     * The one background thread for a long trace's work: its index, the diagram's layout and the
     * playback's pacing run one after the other. On two cores in parallel they would finish no
     * sooner, and a million segments' worth of each at once would not fit 512 MiB.
     */
    public static java.util.concurrent.Executor worker() { return WORKER; }

    private static CompletableFuture<TraceIndex> cached(Trace trace) {
        for (Iterator<Entry> it = CACHE.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            Trace t = e.trace().get();
            if (t == null) it.remove();
            else if (t == trace) return e.index();
        }
        return null;
    }

    private static CompletableFuture<TraceIndex> remember(Trace trace, CompletableFuture<TraceIndex> f) {
        CACHE.addFirst(new Entry(new WeakReference<>(trace), f));
        while (CACHE.size() > KEEP) CACHE.removeLast();
        return f;
    }

    /** The index of {@code trace}, built on a background thread the first time anyone asks. */
    public static CompletableFuture<TraceIndex> ofAsync(Trace trace) {
        synchronized (CACHE) {
            CompletableFuture<TraceIndex> f = cached(trace);
            return f != null ? f : remember(trace, CompletableFuture.supplyAsync(() -> new TraceIndex(trace), WORKER));
        }
    }

    /** The index of {@code trace}, waiting for (or doing) the work in the caller's thread. */
    public static TraceIndex of(Trace trace) {
        CompletableFuture<TraceIndex> f;
        synchronized (CACHE) {
            f = cached(trace);
        }
        if (f == null) {
            TraceIndex idx = new TraceIndex(trace);
            synchronized (CACHE) {
                f = cached(trace);
                if (f == null) f = remember(trace, CompletableFuture.completedFuture(idx));
            }
        }
        return f.join();
    }

    /** The index if it is built already (so a caller on the FX thread can use it without waiting), else null. */
    public static TraceIndex ifReady(Trace trace) {
        synchronized (CACHE) {
            CompletableFuture<TraceIndex> f = cached(trace);
            return f != null && f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
        }
    }

    // --- queries ---

    public Trace trace() { return trace; }

    public boolean isCapture() { return trace.source() == Trace.Source.CAPTURE; }

    public int segmentCount() { return segmentPos.length; }

    /**
     * The {@code index}-th segment in send order. A long capture's records are made when asked
     * (the last few are kept, so asking again gives the same object); equal either way.
     */
    public TraceEvent.Segment segment(int index) {
        int p = segmentPos[index];
        if (!(events instanceof io.github.handshakelab.trace.CompactEvents)) return (TraceEvent.Segment) events.get(p);
        int slot = index & (recent.length() - 1);
        Object[] r = recent.get(slot);
        if (r != null && (int) r[0] == index) return (TraceEvent.Segment) r[1];
        TraceEvent.Segment s = (TraceEvent.Segment) events.get(p);
        recent.set(slot, new Object[]{index, s});
        return s;
    }

    /** Send time of the {@code index}-th segment, without making its record. */
    public long sent(int index) { return eventTime[segmentPos[index]]; }

    /** When its arrow stops: arrival, drop (or half a flight after sending if dropped on send), or a capture's send time. */
    public long arrowEnd(int index) { return segmentEnd == null ? sent(index) : segmentEnd[index]; }

    public Side from(int index) { return (segmentBits[index] & 1) != 0 ? Side.SERVER : Side.CLIENT; }

    public boolean dropped(int index) { return (segmentBits[index] & 2) != 0; }

    /** Whether its arrival time is unknown (a capture sees one point of the path). */
    public boolean noArrival(int index) { return (segmentBits[index] & 4) != 0; }

    /** The segment numbered {@code id} (as in the trace JSON), or null. */
    public TraceEvent.Segment segmentById(int id) {
        int i = Arrays.binarySearch(segmentIdsSorted, id);
        return i < 0 ? null : segment(segmentByIdOrder == null ? i : segmentByIdOrder[i]);
    }

    /** Position of segment {@code id} in send order, or -1. */
    public int segmentIndex(int id) {
        int i = Arrays.binarySearch(segmentIdsSorted, id);
        return i < 0 ? -1 : segmentByIdOrder == null ? i : segmentByIdOrder[i];
    }

    /** The state of {@code side} at {@code t}: changes at exactly {@code t} have happened (as {@link Trace#stateAt}). */
    public TcpState stateAt(Side side, long t) {
        int k = side.ordinal();
        int i = upper(changeTime[k], changeTime[k].length, t) - 1;
        return i < 0 ? initial[k] : stateAfter[k][i];
    }

    /**
     * Whether the state of {@code side} at {@code t} was inferred (a capture's states are: the
     * badge and the lifeline mark them "?"). Before the first change it is the first change's flag.
     */
    public boolean inferredAt(Side side, long t) {
        int k = side.ordinal();
        int i = upper(changeTime[k], changeTime[k].length, t) - 1;
        return i < 0 ? initialInferred[k] : inferredAfter[k][i];
    }

    public List<TraceEvent.StateChange> stateChanges(Side side) { return changes.get(side.ordinal()); }

    /** The last segment sent at or before {@code t}, or null. */
    public TraceEvent.Segment segmentAt(long t) {
        int i = upper(eventTime, eventTime.length, t) - 1;
        int k = upper(segmentPos, i) - 1; // the last segment at or before event i
        return i < 0 || k < 0 ? null : segment(k);
    }

    /** The last state change (either side) at or before {@code t}, or null. */
    public TraceEvent.StateChange changeAt(long t) {
        int i = upper(eventTime, eventTime.length, t) - 1;
        int k = upper(changePos, i) - 1;
        return i < 0 || k < 0 ? null : (TraceEvent.StateChange) events.get(changePos[k]);
    }

    /** The last TCB snapshot of {@code side} at or before {@code t}, or null (as {@link Trace#tcbAt}). */
    public Tcb tcbAt(Side side, long t) {
        int k = side.ordinal();
        int[] pos = tcbPos[k];
        int i;
        if (compactTcbs == null) {
            i = upper(tcbTime[k], tcbTime[k].length, t) - 1;
        } else {
            int lo = 0, hi = pos.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (compactTcbs.time(pos[mid]) <= t) lo = mid + 1; else hi = mid;
            }
            i = lo - 1;
        }
        return i < 0 ? null : trace.tcbs().get(pos[i]).tcb();
    }

    public List<TraceEvent.Note> notes() { return notes; }

    /** The trace's timer events, in time order. */
    public List<TraceEvent.Timer> timers() { return timers; }

    /** Notes up to and including {@code t}, in time order. */
    public List<TraceEvent.Note> notesUntil(long t) {
        int lo = 0, hi = notes.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (notes.get(mid).t() <= t) lo = mid + 1; else hi = mid;
        }
        return notes.subList(0, lo);
    }

    /** Number of events at or before {@code t} (an event's index is its position in {@link Trace#events()}). */
    public int eventsUntil(long t) { return upper(eventTime, eventTime.length, t); }

    /** As {@link Trace#endTime()}, computed once. */
    public long endTime() { return endTime; }

    /** The typical one-way delay, used to place lost segments' stopping points. */
    public long nominalDelay() { return nominalDelay; }

    /** Distinct instants where something happens (0, every event, every arrival or loss), ascending. */
    public long[] instants() { return instants; }

    private static long nominalDelay(long[] sent, long[] end, byte[] bits, int n) {
        long[] d = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            // arrived: not dropped, arrival known, after sending (end() is the arrival then)
            if ((bits[i] & 6) == 0 && end[i] > sent[i]) d[m++] = end[i] - sent[i];
        }
        if (m == 0) return 50_000;
        Arrays.sort(d, 0, m);
        return d[m / 2];
    }

    /** A lost segment's arrow ends at its drop time, or half a flight after sending if dropped on send. */
    public static long lostOrEnd(TraceEvent.Segment s, long nominalDelay) {
        if (s.isDropped()) return s.dropped() > s.sent() ? s.dropped() : s.sent() + nominalDelay / 2;
        return s.end();
    }

    static long[] distinctSorted(long[] a, int n) {
        long[] c = Arrays.copyOf(a, n);
        Arrays.sort(c);
        int m = 0;
        for (int i = 0; i < n; i++) if (m == 0 || c[i] != c[m - 1]) c[m++] = c[i];
        return Arrays.copyOf(c, m);
    }

    /** First index in the ascending {@code a} whose value is greater than {@code v}. */
    static int upper(int[] a, int v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** First index in a[0..n) whose value is greater than {@code v}. */
    static int upper(long[] a, int n, long v) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
