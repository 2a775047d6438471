package io.github.handshakelab.capture;

import io.github.handshakelab.cli.ScenarioOptions;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every recording of the real Linux stack in resources/captures/linux/ (scripts/record-linux.sh)
 * replayed and compared with {@code render --scenario ID} plus the options stored beside it in
 * {@code ID.options} (the Linux profile): see {@link LinuxComparison} for what is compared and
 * the tolerances. {@code -Dlinuxrec.dir=DIR} checks a fresh recording before it is committed.
 */
class LinuxRecordingsTest {

    static final Path DIR = Path.of(System.getProperty("linuxrec.dir", "resources/captures/linux"));

    static List<String> recorded() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap"))
                    .map(n -> n.substring(0, n.length() - ".pcap".length())).sorted().toList();
        }
    }

    /**
     * {@code ID.options}: the first line is the render options of the run; then, one a line,
     * {@code no-states SIDE reason} (a side whose states the replay cannot infer here),
     * {@code no-numbers reason} (seq/ack are not compared: the old duplicate SYN's offset), and
     * {@code known TEXT} (a difference between Linux and the profile that is known and explained
     * in the README: the comparison must report exactly these, no more and no fewer).
     */
    record Options(List<String> render, Set<Side> noStates, List<String> known, boolean numbers) {
        static Options read(String id) throws IOException {
            List<String> lines = Files.readAllLines(DIR.resolve(id + ".options"));
            List<String> render = lines.get(0).isBlank() ? List.of() : Arrays.asList(lines.get(0).strip().split("\\s+"));
            Set<Side> noStates = EnumSet.noneOf(Side.class);
            List<String> known = new ArrayList<>();
            boolean numbers = true;
            for (String l : lines.subList(1, lines.size())) {
                if (l.startsWith("no-states ")) noStates.add(Side.valueOf(l.split("\\s+")[1]));
                else if (l.startsWith("no-numbers ")) numbers = false;
                else if (l.startsWith("known ")) known.add(l.substring("known ".length()).strip());
                else if (!l.isBlank() && !l.startsWith("#")) throw new IllegalArgumentException(id + ".options: " + l);
            }
            return new Options(render, noStates, known, numbers);
        }
    }

    /** {@code ID} or {@code ID@VARIANT} (one outcome of a race): the scenario id. */
    static String scenarioOf(String name) {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    static Trace simulation(String name, Options o) {
        assertTrue(o.render().containsAll(List.of("--profile", "linux")), name + ".options compares with the Linux profile");
        return Simulator.run(ScenarioOptions.parse(scenarioOf(name), o.render()));
    }

    @TestFactory
    Stream<DynamicTest> everyRecordingAgreesWithTheLinuxProfile() throws IOException {
        return recorded().stream().map(id -> DynamicTest.dynamicTest(id, () -> {
            Options o = Options.read(id);
            Path file = DIR.resolve(id + ".pcap");
            CaptureTraces.Loaded first = CaptureTraces.loadDetailed(file, 0, null, null);
            List<Trace> conversations = new ArrayList<>(List.of(first.trace()));
            for (int i = 1; i < first.index().conversations().size(); i++) conversations.add(CaptureTraces.load(file, i));
            List<Long> starts = new ArrayList<>();
            List<Long> frameTimes = PcapTimes.read(file);
            for (Trace c : conversations) starts.add(frameTimes.get((int) c.segments().get(0).frame() - 1) - frameTimes.get(0));
            // States follow the simulation's client, the first conversation from 10.99.0.1 (not a forged source).
            int statesOf = 0;
            while (statesOf < conversations.size() - 1 && !conversations.get(statesOf).client().address().equals("10.99.0.1")) statesOf++;
            List<String> diffs = LinuxComparison.compare(conversations, starts, statesOf, simulation(id, o), o.noStates(), o.numbers());
            List<String> unexplained = diffs.stream().filter(d -> o.known().stream().noneMatch(d::startsWith)).toList();
            List<String> gone = o.known().stream().filter(k -> diffs.stream().noneMatch(d -> d.startsWith(k))).toList();
            assertEquals(List.of(), unexplained, id + ": the Linux recording and the Linux profile differ");
            assertEquals(List.of(), gone, id + ": a known difference is no longer there; remove it from " + id + ".options and the README");
        }));
    }

    /** The README beside the recordings names every built-in scenario: its file, or why Linux cannot produce it. */
    @Test
    void everyScenarioIsRecordedOrExplained() throws IOException {
        String readme = Files.readString(Path.of("resources/captures/linux/README.md"));
        List<String> recorded = recorded().stream().map(LinuxRecordingsTest::scenarioOf).distinct().toList();
        List<String> missing = new ArrayList<>();
        for (String id : Scenarios.ids()) {
            boolean hasFile = recorded.contains(id);
            String row = readme.lines().filter(l -> l.startsWith("| `" + id + "` |")).findFirst().orElse(null);
            if (row == null) missing.add(id + ": no row");
            else if (hasFile && !row.contains("`" + id + ".pcap`")) missing.add(id + ": row does not name " + id + ".pcap");
            else if (!hasFile && !row.contains("not recorded:")) missing.add(id + ": no recording and no reason");
        }
        assertEquals(List.of(), missing);
        for (String id : recorded) assertTrue(Scenarios.byId(id).isPresent(), id + ".pcap names no scenario");
        for (String name : recorded()) assertTrue(readme.contains("`" + name + ".pcap`"), "README names " + name + ".pcap");
        assertTrue(recorded.size() >= 15, "most scenarios are recorded: " + recorded);
    }

    // --- the comparison itself must fail on a real difference ---

    private static Trace sim(String id) {
        return Simulator.run(ScenarioOptions.parse(id, List.of("--profile", "linux")));
    }

    @Test
    void aTraceAgreesWithItself() {
        // The simulation's own segments at the tap, replayed through the same comparator as a capture would be.
        Trace s = sim("data-transfer");
        assertEquals(List.of(), LinuxComparison.compare(asCapture(s, 0, null, 0), s));
    }

    @Test
    void aChangedFlagIsADifference() {
        Trace s = sim("data-transfer");
        List<String> d = LinuxComparison.compare(asCapture(s, 4, "FIN, PSH, ACK", 0), s);
        assertTrue(d.stream().anyMatch(x -> x.startsWith("segment 4: Linux C>S FIN, PSH, ACK")), d.toString());
    }

    @Test
    void aLateDelayedAckIsADifference() {
        // The ACK of the client's FIN (segment 9) 30 ms later than the delayed-ACK timer allows.
        Trace s = sim("data-transfer");
        List<String> d = LinuxComparison.compare(asCapture(s, 9, null, 30_000), s);
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("segment 9 (S>C ACK seq=201 ack=102 len=0) came 170.0 ms after"), d.toString());
        // 5 ms is within the stated tolerance.
        assertEquals(List.of(), LinuxComparison.compare(asCapture(s, 9, null, 5_000), s));
    }

    @Test
    void aMissingSegmentIsADifference() {
        Trace s = sim("four-way-close");
        Trace cut = asCapture(s, 0, null, 0);
        List<TraceEvent> fewer = new ArrayList<>(cut.events());
        fewer.remove(cut.segments().get(4));
        Trace c = new Trace(cut.source(), null, "x.pcap", cut.client(), cut.server(), fewer, List.of());
        assertFalse(LinuxComparison.compare(c, s).isEmpty());
    }

    @Test
    void aDifferentStateSequenceIsADifference() {
        Trace s = sim("four-way-close");
        Trace c = asCapture(s, 0, null, 0);
        List<TraceEvent> events = new ArrayList<>();
        for (TraceEvent e : c.events()) {
            if (e instanceof TraceEvent.StateChange sc && sc.to() == TcpState.FIN_WAIT_2) continue;
            if (e instanceof TraceEvent.StateChange sc && sc.from() == TcpState.FIN_WAIT_2) {
                e = new TraceEvent.StateChange(sc.t(), sc.endpoint(), TcpState.FIN_WAIT_1, sc.to(), sc.cause(), true);
            }
            events.add(e);
        }
        Trace altered = new Trace(c.source(), null, "x.pcap", c.client(), c.server(), events, List.of());
        List<String> d = LinuxComparison.compare(altered, s);
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("CLIENT states"), d.toString());
    }

    @Test
    void aLostServerSegmentIsNotSeenAndALostClientSegmentIs() {
        // lost-syn-ack: the lost SYN,ACK never reaches the client's tap, so the tap's second segment
        // is the client's retransmitted SYN, 1 s after the first.
        List<LinuxComparison.Seen> lostSynAck = LinuxComparison.fromSimulation(sim("lost-syn-ack"));
        assertEquals(List.of("C>S SYN seq=0 len=0", "C>S SYN seq=0 len=0"),
                lostSynAck.subList(0, 2).stream().map(LinuxComparison.Seen::label).toList());
        assertEquals(1_000_000, lostSynAck.get(1).t() - lostSynAck.get(0).t());
        // lost-syn: the lost SYN was sent past the tap, so it is seen.
        List<LinuxComparison.Seen> lostSyn = LinuxComparison.fromSimulation(sim("lost-syn"));
        assertEquals(List.of("C>S SYN seq=0 len=0", "C>S SYN seq=0 len=0", "S>C SYN, ACK seq=0 ack=1 len=0", "C>S ACK seq=1 ack=1 len=0"),
                lostSyn.stream().map(LinuxComparison.Seen::label).toList());
        assertEquals(100_000, lostSyn.get(2).t() - lostSyn.get(1).t()); // the SYN,ACK one round trip later, at the client
    }

    /**
     * The simulation {@code s} as a capture at the client's tap would record it (times seen there,
     * lost server segments left out, its own states kept), with segment {@code id} (1-based, in
     * tap order) given {@code flags} and moved {@code shiftUs} later.
     */
    private static Trace asCapture(Trace s, int id, String flags, long shiftUs) {
        List<LinuxComparison.Seen> tap = LinuxComparison.fromSimulation(s);
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < tap.size(); i++) {
            LinuxComparison.Seen x = tap.get(i);
            io.github.handshakelab.tcp.TcpFlags f = io.github.handshakelab.tcp.TcpFlags.parse(
                    Arrays.asList((i + 1 == id && flags != null ? flags : x.flags()).split(", ")));
            long t = x.t() + (i + 1 >= id && id > 0 ? shiftUs : 0);
            events.add(new TraceEvent.Segment(i + 1, x.from(), t, TraceEvent.NONE, TraceEvent.NONE, f, x.seq(), x.ack() == LinuxComparison.NO_ACK ? TraceEvent.NONE : x.ack(),
                    x.len(), 0, x.seq(), x.ack() == LinuxComparison.NO_ACK ? TraceEvent.NONE : x.ack(), false, List.of(), List.of(), i + 1, List.of(), null));
        }
        long last = tap.get(tap.size() - 1).t(), end = 0;
        for (TraceEvent.Segment x : s.segments()) if (x.sent() <= last) end = Math.max(end, x.end());
        for (Side side : Side.values()) {
            List<TraceEvent.StateChange> changes = s.stateChanges(side);
            for (TraceEvent.StateChange c : changes) {
                if (!LinuxComparison.INVISIBLE.contains(c.cause()) && c.t() <= end) events.add(c);
            }
        }
        events.sort((a, b) -> Long.compare(a.time(), b.time()));
        return new Trace(Trace.Source.CAPTURE, null, "x.pcap", s.client(), s.server(), events, List.of());
    }
}
