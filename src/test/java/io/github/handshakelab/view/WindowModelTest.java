package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.lab.SimLab;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.TimerKind;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The window's view model driven without a window (only the FX toolkit, for the playback timer). */
class WindowModelTest {

    @BeforeAll
    static void toolkit() throws Exception {
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
        } catch (IllegalStateException alreadyRunning) {
            up.countDown();
        }
        assertTrue(up.await(10, TimeUnit.SECONDS));
    }

    private static WindowModel model(Locale l) {
        return new WindowModel(new SimLab(), l, Windows.bundle(l));
    }

    @Test
    void loadingAnotherScenarioClearsTheSelectionAndThePlayhead() {
        WindowModel m = model(Locale.ROOT);
        m.loadScenario("lost-final-ack");
        m.setPlayhead(2_000_000);
        assertTrue(m.select(5));
        assertEquals(5, m.getSelection().id());
        m.loadScenario("three-way-handshake");
        assertNull(m.getSelection(), "the arithmetic must not explain a segment of the old trace");
        assertEquals(0, m.getPlayhead());
        assertEquals("three-way-handshake", m.scenarioProperty().get());
        assertEquals("Loaded: Three-way handshake. Press Space to play.", m.statusProperty().get());
        m.select(2);
        m.showFile(m.getTrace(), java.nio.file.Path.of("x.json"));
        assertNull(m.getSelection(), "a capture or file clears it too");
        assertNull(m.scenarioProperty().get());
    }

    @Test
    void reSimulatingKeepsThePlayheadAndTheSelection() {
        WindowModel m = model(Locale.ROOT);
        m.loadScenario("four-way-close");
        m.setPlayhead(100_000);
        m.select(1);
        int rev = m.labRevisionProperty().get();
        assertTrue(m.change(() -> m.lab().loseFinalAck(true), "status.loseFinalAck"));
        assertEquals(100_000, m.getPlayhead());
        assertEquals(1, m.getSelection().id());
        assertTrue(m.labRevisionProperty().get() > rev);
        assertEquals("The final ACK of the close will be lost.", m.statusProperty().get());
    }

    @Test
    void whatHappenedIsChronologicalAndHasTheTimersAndTheLostAck() {
        WindowModel m = model(Locale.ROOT);
        m.loadScenario("lost-final-ack");
        Trace t = m.getTrace();
        m.setPlayhead(t.endTime());
        List<WindowModel.Happening> h = List.copyOf(m.happened());
        for (int i = 1; i < h.size(); i++) assertTrue(h.get(i - 1).t() <= h.get(i).t(), "oldest first: " + h);
        TraceEvent.Segment lost = t.segments().stream().filter(TraceEvent.Segment::isDropped).findFirst().orElseThrow();
        assertTrue(h.contains(new WindowModel.Happening(lost.sent(), WindowModel.Happening.Kind.LOST,
                "Client: segment #" + lost.id() + " (ACK) lost in the network")), h.toString());
        assertTrue(h.contains(new WindowModel.Happening(1_500_000, WindowModel.Happening.Kind.TIMER,
                "Server: retransmission timer expired")), h.toString());
        assertTrue(h.contains(new WindowModel.Happening(1_550_000, WindowModel.Happening.Kind.TIMER,
                "Client: TIME_WAIT timer restarted: expires 61.550 s")), h.toString());
        // rolls back with the playhead
        m.setPlayhead(lost.sent() - 1);
        assertTrue(m.happened().stream().noneMatch(x -> x.kind() == WindowModel.Happening.Kind.LOST));
    }

    @Test
    void timeWaitReAckingARetransmittedFinIsASelfLoop() {
        WindowModel m = model(Locale.ROOT);
        m.loadScenario("lost-final-ack");
        TraceEvent.Timer restart = m.getTrace().events().stream()
                .filter(e -> e instanceof TraceEvent.Timer x && x.timer() == TimerKind.TIME_WAIT
                        && x.action() == TraceEvent.TimerAction.SET)
                .map(e -> (TraceEvent.Timer) e).skip(1).findFirst().orElseThrow();
        m.setPlayhead(restart.t() - 1);
        assertArrayEquals(new TcpState[]{TcpState.FIN_WAIT_2, TcpState.TIME_WAIT}, m.clientLastProperty().get());
        m.setPlayhead(restart.t());
        assertArrayEquals(new TcpState[]{TcpState.TIME_WAIT, TcpState.TIME_WAIT}, m.clientLastProperty().get());
        assertEquals(TcpState.TIME_WAIT, m.state(Side.CLIENT));
    }

    @Test
    void anyPaneMayHideTheFuture() {
        WindowModel m = model(Locale.SIMPLIFIED_CHINESE);
        assertFalse(m.hideFutureProperty().get());
        m.hideFutureProperty().set(true);
        assertTrue(m.hideFutureProperty().get());
        m.loadScenario("three-way-handshake");
        assertEquals("已加载“三次握手”。按空格键开始播放。", m.statusProperty().get());
    }
}
