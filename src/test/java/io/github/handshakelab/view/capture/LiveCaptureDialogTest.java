package io.github.handshakelab.view.capture;

import io.github.handshakelab.view.TestWindow;
import io.github.handshakelab.app.Windows;
import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.capture.ConversationIndex;
import io.github.handshakelab.capture.IndexResult;
import io.github.handshakelab.capture.LiveCapture;
import io.github.handshakelab.capture.LiveFixtures;
import io.github.handshakelab.capture.PacketSource;
import io.github.handshakelab.capture.RawPacket;
import io.github.handshakelab.cli.LiveCommandTest;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceJson;
import io.github.handshakelab.view.MainController;
import io.github.handshakelab.view.Session;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.MouseButton;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * File > Capture live, headless, without a network: the capture helper's scripted packet source
 * (a capture file replayed packet by packet) stands in for libpcap, released a few packets at a
 * time so the test sees the conversation grow.
 */
@ExtendWith(ApplicationExtension.class)
class LiveCaptureDialogTest {

    static final Path SAMPLE = Path.of("resources/captures/handshake-data-close.pcap");
    static final LiveCapture.Interface LO = new LiveCapture.Interface("lo", null, List.of("127.0.0.1", "::1"), true, true);

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        TestWindow.open(stage, "handshakelab-test");
    }

    @AfterEach
    void reset() throws Exception {
        // A test that failed half-way must not leave its dialog (and its scripted source) to the next one.
        WaitForAsyncUtils.asyncFx(() -> {
            LiveCaptureDialog d = LiveCaptureDialog.showing(stage);
            if (d != null) d.stage().hide();
        }).get(5, TimeUnit.SECONDS);
        LiveCaptureDialog.setBackend(null);
        LiveCaptureDialog.setSaveChooser(null);
    }

    /** The scripted packets, only as many as the test allows; then quiet, like an idle interface. */
    static final class Gated implements PacketSource {
        final PacketSource inner;
        final AtomicInteger allow = new AtomicInteger();
        volatile boolean closed;
        volatile String filter;
        int given;

        Gated(PacketSource inner) {
            this.inner = inner;
        }

        @Override
        public Poll next(RawPacket p) throws IOException {
            if (given >= allow.get()) return idle();
            Poll r = inner.next(p);
            if (r == Poll.END) return idle();
            if (r == Poll.PACKET) given++;
            return r;
        }

        private Poll idle() {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Poll.IDLE;
        }

        @Override public String name() { return "lo"; }
        @Override public int linkType() { return inner.linkType(); }
        @Override public void close() {
            closed = true;
            inner.close();
        }
    }

    static LiveCaptureDialog.Backend backend(Gated src) {
        return new LiveCaptureDialog.Backend() {
            @Override public List<LiveCapture.Interface> list() { return List.of(LO); }
            @Override public String checkFilter(String filter) throws LiveCapture.Unavailable { return LiveCapture.checkFilter(filter, 1); }
            @Override public PacketSource open(String iface, String filter) {
                assertEquals("lo", iface);
                src.filter = filter;
                return src;
            }
        };
    }

    private MainController c() {
        return Windows.controller(stage);
    }

    /** The window shows a live capture's trace of {@code n} segments. */
    private static boolean live(Trace t, int n) {
        return t != null && t.source() == Trace.Source.CAPTURE && t.segments().size() == n;
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    private static void until(Callable<Boolean> cond) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(cond));
    }

    private LiveCaptureDialog openFromMenu(FxRobot robot) {
        AtomicReference<LiveCaptureDialog> d = new AtomicReference<>();
        robot.interact(() -> {
            for (Menu m : c().menuBar().getMenus()) {
                for (MenuItem mi : m.getItems()) if ("captureLiveItem".equals(mi.getId())) mi.fire();
            }
            d.set(LiveCaptureDialog.showing(stage));
        });
        assertNotNull(d.get(), "File > Capture live… opened no dialog");
        return d.get();
    }

    private <T> T node(LiveCaptureDialog d, String id, Class<T> type) {
        return type.cast(d.stage().getScene().lookup("#" + id));
    }

    @Test
    void conversationsAppearTheChosenOneDrawsLiveAndSavesAsPcapng(FxRobot robot, @TempDir Path dir) throws Exception {
        Gated src = new Gated(new LiveCommandTest.Scripted(SAMPLE));
        LiveCaptureDialog.setBackend(backend(src));
        LiveCaptureDialog d = openFromMenu(robot);
        Button start = node(d, "startButton", Button.class), stop = node(d, "stopButton", Button.class),
                save = node(d, "saveButton", Button.class);
        until(() -> !start.isDisabled());
        assertTrue(save.isDisabled());
        robot.interact(start::fire);
        until(() -> d.capturing() && !stop.isDisabled());

        // The handshake: the conversation is listed and drawn as it stands.
        src.allow.set(3);
        // (a capture's trace: the window opened on three-way-handshake, which has 3 segments too)
        until(() -> d.rows().size() == 1 && d.rows().get(0).packets() == 3 && live(c().model().getTrace(), 3));
        assertEquals(new LiveCaptureDialog.Row(0, "10.99.0.1:58020", "10.99.0.2:8080", 3, "ESTABLISHED | ESTABLISHED"),
                fx(() -> d.rows().get(0)));
        Trace partial = fx(() -> c().model().getTrace());
        assertEquals(List.of(TcpState.CLOSED, TcpState.SYN_SENT, TcpState.ESTABLISHED), partial.stateSequence(Side.CLIENT));
        assertEquals(fx(() -> partial.endTime()), fx(() -> c().model().getPlayhead()), "the playhead follows the newest segment");
        assertTrue(fx(() -> c().model().statusProperty().get()).contains("lo"), "status names the interface");

        // The rest: the diagram grows to the whole exchange, with the states the file gives.
        src.allow.set(Integer.MAX_VALUE);
        until(() -> d.rows().get(0).packets() == 11 && c().model().getTrace().segments().size() == 11);
        Trace live = fx(() -> c().model().getTrace()), file = CaptureTraces.load(SAMPLE, 0);
        assertEquals(11, live.segments().size());
        for (Side side : Side.values()) assertEquals(file.stateSequence(side), live.stateSequence(side), side.name());
        assertEquals(TcpState.TIME_WAIT, live.stateSequence(Side.CLIENT).get(live.stateSequence(Side.CLIENT).size() - 1));
        assertEquals("TIME_WAIT | CLOSED", fx(() -> d.rows().get(0).state()));
        assertEquals(live.endTime(), (long) fx(() -> c().model().getPlayhead()));
        assertEquals(TcpState.TIME_WAIT, fx(() -> c().model().clientStateProperty().get()));
        assertNull(src.filter);

        // Stop, then Save (the chooser's name gets .pcapng) and read it back with our reader.
        assertTrue(save.isDisabled(), "no saving while capturing");
        robot.interact(stop::fire);
        until(() -> !d.capturing() && !save.isDisabled());
        assertTrue(src.closed, "Stop closes the packet source");
        assertTrue(start.isDisabled() == false);
        LiveCaptureDialog.setSaveChooser(w -> dir.resolve("run"));
        robot.interact(save::fire);
        Path saved = dir.resolve("run.pcapng");
        assertTrue(Files.exists(saved));
        IndexResult back = ConversationIndex.index(saved), original = ConversationIndex.index(SAMPLE);
        assertEquals("pcapng", back.format());
        assertEquals(List.of(), back.warnings());
        assertEquals(original.packets(), back.packets());
        assertEquals(TraceJson.write(file).replace("handshake-data-close.pcap", "run.pcapng"), TraceJson.write(CaptureTraces.load(saved, 0)));
        assertEquals("Saved 11 packet(s) to " + saved, fx(() -> node(d, "liveStatus", Label.class).getText()));

        // Closing the dialog leaves the trace in the window.
        robot.interact(() -> d.stage().hide());
        assertNull(fx(() -> LiveCaptureDialog.showing(stage)));
        assertEquals(11, (int) fx(() -> c().model().getTrace().segments().size()));
    }

    /** The chooser confirmed "run"; Save makes it run.pcapng, which exists: it asks, and Cancel keeps the file. */
    @Test
    void saveAsksBeforeReplacingAFile(FxRobot robot, @TempDir Path dir) throws Exception {
        Path existing = dir.resolve("run.pcapng");
        Files.writeString(existing, "keep me");
        Gated src = new Gated(new LiveCommandTest.Scripted(SAMPLE));
        src.allow.set(Integer.MAX_VALUE);
        LiveCaptureDialog.setBackend(backend(src));
        LiveCaptureDialog d = openFromMenu(robot);
        Button start = node(d, "startButton", Button.class), stop = node(d, "stopButton", Button.class),
                save = node(d, "saveButton", Button.class);
        until(() -> !start.isDisabled());
        robot.interact(start::fire);
        until(() -> d.rows().size() == 1 && d.rows().get(0).packets() == 11);
        robot.interact(stop::fire);
        until(() -> !save.isDisabled());
        LiveCaptureDialog.setSaveChooser(w -> dir.resolve("run"));
        javafx.application.Platform.runLater(save::fire); // showAndWait: do not wait for it here
        until(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertEquals(existing + " exists. Replace it?", fx(pane::getContentText));
        robot.interact(() -> ((Button) pane.lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire());
        until(() -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
        assertEquals("keep me", Files.readString(existing));
        // Asked again, OK replaces it with the capture.
        javafx.application.Platform.runLater(save::fire);
        until(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane again = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        robot.interact(() -> ((Button) again.lookupButton(javafx.scene.control.ButtonType.OK)).fire());
        until(() -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
        assertEquals(11, ConversationIndex.index(existing).packets());
        robot.interact(() -> d.stage().hide());
    }

    /** Start again after Stop: an unsaved capture is not thrown away without asking. */
    @Test
    void startingAgainAsksBeforeDiscardingAnUnsavedCapture(FxRobot robot) throws Exception {
        Gated src = new Gated(new LiveCommandTest.Scripted(SAMPLE));
        src.allow.set(Integer.MAX_VALUE);
        LiveCaptureDialog.setBackend(backend(src));
        LiveCaptureDialog d = openFromMenu(robot);
        Button start = node(d, "startButton", Button.class), stop = node(d, "stopButton", Button.class);
        until(() -> !start.isDisabled());
        robot.interact(start::fire);
        until(() -> d.rows().size() == 1 && d.rows().get(0).packets() == 11);
        robot.interact(stop::fire);
        until(() -> !d.capturing() && !start.isDisabled());
        javafx.application.Platform.runLater(start::fire);
        until(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertEquals("The last capture (11 packet(s)) has not been saved. Discard it and start a new one?", fx(pane::getContentText));
        robot.interact(() -> ((Button) pane.lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire());
        until(() -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
        assertFalse(fx(d::capturing), "Cancel keeps the capture");
        assertEquals(1, (int) fx(() -> d.rows().size()));
        assertFalse(fx(() -> node(d, "saveButton", Button.class).isDisabled()), "it can still be saved");
        robot.interact(() -> d.stage().hide());
    }

    @Test
    void closingTheDialogOrTheWindowStopsTheCapture(FxRobot robot) throws Exception {
        Gated src = new Gated(new LiveCommandTest.Scripted(SAMPLE));
        LiveCaptureDialog.setBackend(backend(src));
        LiveCaptureDialog d = openFromMenu(robot);
        Button start = node(d, "startButton", Button.class);
        until(() -> !start.isDisabled());
        robot.interact(start::fire);
        until(d::capturing);
        robot.interact(() -> d.stage().hide());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> src.closed);

        Gated src2 = new Gated(new LiveCommandTest.Scripted(SAMPLE));
        LiveCaptureDialog.setBackend(backend(src2));
        LiveCaptureDialog d2 = openFromMenu(robot);
        Button start2 = node(d2, "startButton", Button.class);
        until(() -> !start2.isDisabled());
        robot.interact(start2::fire);
        until(d2::capturing);
        robot.interact(() -> c().dispose());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> src2.closed);
        assertFalse(fx(() -> d2.stage().isShowing()));
    }

    @Test
    void theFilterIsCheckedByLibpcapAsTyped(FxRobot robot) throws Exception {
        try {
            LiveCapture.library();
        } catch (LiveCapture.Unavailable e) {
            Assumptions.abort("skipped: libpcap is not installed here (" + e.getMessage() + ")");
        }
        Gated src = new Gated(new LiveCommandTest.Scripted(SAMPLE));
        LiveCaptureDialog.setBackend(backend(src));
        LiveCaptureDialog d = openFromMenu(robot);
        Button start = node(d, "startButton", Button.class);
        TextField filter = node(d, "filterField", TextField.class);
        Label error = node(d, "filterError", Label.class);
        until(() -> !start.isDisabled());
        robot.interact(() -> filter.setText("tcp port"));
        until(() -> !error.getText().isEmpty() && !error.getText().equals("checking…"));
        String libpcapSays = LiveCapture.checkFilter("tcp port", 1);
        assertNotNull(libpcapSays);
        assertEquals(libpcapSays, fx(error::getText));
        assertTrue(fx(start::isDisabled), "Start is disabled while the filter is invalid");
        robot.interact(() -> filter.setText("tcp port 8080"));
        until(() -> error.getText().isEmpty() && !start.isDisabled());
        robot.interact(start::fire);
        until(d::capturing);
        assertEquals("tcp port 8080", src.filter);
        assertTrue(fx(filter::isDisabled), "the filter cannot change under a running capture");
        robot.interact(() -> d.stage().hide());
    }

    @Test
    void withoutLibpcapTheDialogSaysWhatIsMissingAndTheWindowKeepsWorking(FxRobot robot) throws Exception {
        String missing = "live capture needs libpcap: install it (Debian/Ubuntu: apt-get install libpcap0.8; Fedora: dnf install libpcap)";
        LiveCaptureDialog.setBackend(new LiveCaptureDialog.Backend() {
            @Override public List<LiveCapture.Interface> list() throws LiveCapture.Unavailable { throw new LiveCapture.Unavailable(missing); }
            @Override public String checkFilter(String filter) throws LiveCapture.Unavailable { throw new LiveCapture.Unavailable(missing); }
            @Override public PacketSource open(String iface, String filter) throws IOException { throw new LiveCapture.Unavailable(missing); }
        });
        LiveCaptureDialog d = openFromMenu(robot);
        Label problem = node(d, "liveProblem", Label.class);
        until(problem::isVisible);
        assertEquals("Live capture is not available here: " + missing + ". Everything else keeps working.", fx(problem::getText));
        assertTrue(fx(() -> node(d, "startButton", Button.class).isDisabled()));
        assertTrue(fx(() -> node(d, "ifaceBox", javafx.scene.Node.class).isDisabled()));
        robot.interact(() -> d.stage().hide());
        robot.interact(() -> c().model().loadScenario("lost-final-ack"));
        assertEquals("lost-final-ack", fx(() -> c().model().getTrace().scenario()));
    }

    @Test
    void noPermissionAtStartIsShownAsTheProblem(FxRobot robot) throws Exception {
        String denied = "no permission to capture on lo: socket: Operation not permitted (run as root, or give Java the capability:"
                + " sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java)))";
        LiveCaptureDialog.setBackend(new LiveCaptureDialog.Backend() {
            @Override public List<LiveCapture.Interface> list() { return List.of(LO); }
            @Override public String checkFilter(String filter) { return null; }
            @Override public PacketSource open(String iface, String filter) throws IOException { throw new LiveCapture.Unavailable(denied); }
        });
        LiveCaptureDialog d = openFromMenu(robot);
        Button start = node(d, "startButton", Button.class);
        until(() -> !start.isDisabled());
        robot.interact(start::fire);
        Label problem = node(d, "liveProblem", Label.class);
        until(problem::isVisible);
        assertEquals(denied, fx(problem::getText));
        assertFalse(fx(d::capturing));
        assertTrue(fx(() -> node(d, "saveButton", Button.class).isDisabled()), "nothing captured, nothing to save");
        robot.interact(() -> d.stage().hide());
    }

    private void startCapture(FxRobot robot, LiveCaptureDialog d) throws Exception {
        Button start = node(d, "startButton", Button.class);
        until(() -> !start.isDisabled());
        robot.interact(start::fire);
        until(d::capturing);
    }

    /** A mouse wheel turn over the diagram's canvas, as the user's wheel sends it. */
    private static void wheel(javafx.scene.Node diagram, double deltaY) {
        javafx.scene.Node canvas = ((javafx.scene.Parent) diagram).getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof javafx.scene.canvas.Canvas).findFirst().orElseThrow();
        javafx.event.Event.fireEvent(canvas, new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL,
                100, 100, 100, 100, false, false, false, false, false, false, 0, deltaY, 0, deltaY,
                javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
    }

    private static int firstVisibleRow(TableView<?> table) {
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        return flow.getFirstVisibleCell().getIndex();
    }

    private static ScrollBar verticalBar(javafx.scene.Node n) {
        for (javafx.scene.Node b : n.lookupAll(".scroll-bar")) {
            if (b instanceof ScrollBar s && s.getOrientation() == Orientation.VERTICAL && s.isVisible()) return s;
        }
        return null;
    }

    /** 40 conversations, then data on every one: rows change in place, the user's row and the table's scroll stay. */
    @Test
    void rowsUpdateInPlaceAndTheTableKeepsItsSelectionAndScroll(FxRobot robot, @TempDir Path dir) throws Exception {
        Gated src = new Gated(new LiveCommandTest.Scripted(LiveFixtures.conversations(dir, 40, 2)));
        LiveCaptureDialog.setBackend(backend(src));
        LiveCaptureDialog d = openFromMenu(robot);
        startCapture(robot, d);
        src.allow.set(40 * 3);
        until(() -> d.rows().size() == 40 && d.rows().get(39).packets() == 3);
        // The user picks a row far down the list (scrolled to it).
        robot.interact(() -> {
            d.table().scrollTo(30);
            d.table().getSelectionModel().select(30);
        });
        until(() -> c().model().getTrace() != null && c().model().getTrace().client().port() == 40030);
        WaitForAsyncUtils.waitForFxEvents();
        int first = fx(() -> firstVisibleRow(d.table()));
        double scroll = fx(() -> verticalBar(d.table()).getValue());
        assertTrue(first > 10 && scroll > 0, "scrolled down: first row " + first + ", scroll " + scroll);
        LiveCaptureDialog.Entry chosen = fx(() -> d.table().getSelectionModel().getSelectedItem());
        AtomicInteger listChanges = new AtomicInteger();
        robot.interact(() -> d.entries().addListener((ListChangeListener<LiveCaptureDialog.Entry>) ch -> listChanges.incrementAndGet()));

        src.allow.set(Integer.MAX_VALUE);
        until(() -> d.rows().stream().allMatch(r -> r.packets() == 7) && c().model().getTrace().segments().size() == 7);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, listChanges.get(), "no row was replaced, added or removed: only their values changed");
        assertSame(chosen, fx(() -> d.table().getSelectionModel().getSelectedItem()));
        assertEquals(30, (int) fx(() -> d.table().getSelectionModel().getSelectedIndex()));
        assertEquals(first, (int) fx(() -> firstVisibleRow(d.table())), "the table did not scroll");
        assertEquals(scroll, fx(() -> verticalBar(d.table()).getValue()), 1e-9);
        assertEquals(new LiveCaptureDialog.Row(30, "10.0.0.1:40030", "10.0.0.2:80", 7, "ESTABLISHED | ESTABLISHED"), fx(() -> chosen.values()));
        assertEquals("7", fx(() -> cellText(d.table(), 30, 3)), "the packets cell shows the new count");
        assertEquals(40030, (int) fx(() -> c().model().getTrace().client().port()), "the chosen conversation is still drawn");
        robot.interact(() -> d.stage().hide());
    }

    private static String cellText(TableView<?> table, int row, int col) {
        for (javafx.scene.Node n : table.lookupAll(".table-cell")) {
            if (n instanceof javafx.scene.control.TableCell<?, ?> cell && cell.getIndex() == row
                    && cell.getTableColumn() == table.getColumns().get(col)) return cell.getText();
        }
        return null;
    }

    /**
     * The diagram follows the newest segment until the user selects one: then the selection, the
     * playhead and the scroll stay while segments are appended; "Follow newest" ticked again
     * moves to the newest one, the selection still kept.
     */
    @Test
    void theDiagramSelectionSurvivesUpdatesAndLookingAwayStopsFollowing(FxRobot robot, @TempDir Path dir) throws Exception {
        Gated src = new Gated(new LiveCommandTest.Scripted(LiveFixtures.conversations(dir, 1, 40)));
        LiveCaptureDialog.setBackend(backend(src));
        LiveCaptureDialog d = openFromMenu(robot);
        startCapture(robot, d);
        src.allow.set(3 + 2 * 20);
        until(() -> c().model().getTrace() != null && c().model().getTrace().segments().size() == 43);
        assertTrue(fx(d::following));
        assertEquals(fx(() -> c().model().getTrace().endTime()), fx(() -> c().model().getPlayhead()), "following: the playhead is on the newest segment");
        var diagram = fx(() -> c().diagram());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> verticalBar(diagram) != null && verticalBar(diagram).getMax() > 0));
        double followed = fx(() -> verticalBar(diagram).getValue());
        assertTrue(followed > 0, "the diagram scrolled down to the newest segment");

        // The user scrolls up with the wheel and clicks segment #5: following stops.
        robot.interact(() -> diagram.scrollTo(0));
        robot.interact(() -> wheel(diagram, -40));
        until(() -> !d.following());
        assertFalse(fx(() -> node(d, "followBox", CheckBox.class).isSelected()));
        robot.interact(() -> c().model().setPlayhead(c().model().getTrace().segments().get(20).sent()));
        robot.interact(() -> diagram.setSelected(c().model().getTrace().segments().get(4)));
        robot.interact(() -> diagram.scrollTo(120));
        assertEquals(5, (int) fx(() -> c().model().getSelection().id()));
        long playhead = fx(() -> c().model().getPlayhead());

        src.allow.set(3 + 2 * 30);
        until(() -> c().model().getTrace().segments().size() == 63);
        WaitForAsyncUtils.waitForFxEvents();
        var sel = fx(() -> c().model().getSelection());
        assertNotNull(sel, "the selection survived the update");
        assertEquals(5, sel.id());
        assertTrue(fx(() -> c().model().getTrace().segments().contains(sel)), "selected in the grown trace");
        assertEquals(sel, fx(diagram::getSelected), "the diagram shows the same selection");
        assertEquals(playhead, (long) fx(() -> c().model().getPlayhead()), "the playhead stays where the user put it");
        assertEquals(120, fx(() -> verticalBar(diagram).getValue()), 1e-9, "the diagram did not scroll");
        assertFalse(fx(d::following));

        // Follow again: the newest segment, the selection still there.
        robot.interact(() -> node(d, "followBox", CheckBox.class).setSelected(true));
        until(() -> c().model().getPlayhead() == c().model().getTrace().endTime());
        assertEquals(5, (int) fx(() -> c().model().getSelection().id()));
        src.allow.set(Integer.MAX_VALUE);
        until(() -> c().model().getTrace().segments().size() == 83 && c().model().getPlayhead() == c().model().getTrace().endTime());
        assertEquals(5, (int) fx(() -> c().model().getSelection().id()));
        assertTrue(fx(d::following));
        robot.interact(() -> d.stage().hide());
    }

    /** A language switch rebuilds the window and the dialog; the capture runs on, its rows and choice kept. */
    @Test
    void aLanguageSwitchKeepsTheCaptureRunning(FxRobot robot, @TempDir Path dir) throws Exception {
        Gated src = new Gated(new LiveCommandTest.Scripted(LiveFixtures.conversations(dir, 3, 2)));
        LiveCaptureDialog.setBackend(backend(src));
        LiveCaptureDialog d = openFromMenu(robot);
        startCapture(robot, d);
        src.allow.set(9);
        until(() -> d.rows().size() == 3);
        robot.interact(() -> d.table().getSelectionModel().select(1));
        until(() -> c().model().getTrace() != null && c().model().getTrace().client().port() == 40001);
        MainController before = fx(this::c);

        robot.interact(() -> {
            Session s = c().session();
            s.locale = Locale.SIMPLIFIED_CHINESE;
            s.rebuild.run();
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
        assertNotSame(before, fx(this::c), "the window was rebuilt");
        assertSame(d, fx(() -> LiveCaptureDialog.showing(stage)), "the same dialog, still open");
        assertTrue(fx(d::capturing), "the capture still runs");
        assertFalse(src.closed, "the packet source is still open");
        assertEquals("实时抓包", fx(() -> d.stage().getTitle()));
        assertEquals("停止", fx(() -> node(d, "stopButton", Button.class).getText()));
        assertTrue(fx(() -> node(d, "liveStatus", Label.class).getText()).startsWith("正在 lo 上抓包"));
        assertEquals(3, (int) fx(() -> d.rows().size()));
        assertEquals(1, (int) fx(() -> d.table().getSelectionModel().getSelectedIndex()), "the chosen row is still chosen");
        assertEquals(40001, (int) fx(() -> c().model().getTrace().client().port()), "the new window shows the chosen conversation");

        // Packets keep coming into the new window.
        src.allow.set(Integer.MAX_VALUE);
        until(() -> d.rows().get(1).packets() == 7 && c().model().getTrace().segments().size() == 7);
        assertTrue(fx(() -> node(d, "liveStatus", Label.class).getText()).contains("21 个分组"));
        robot.interact(() -> node(d, "stopButton", Button.class).fire());
        until(() -> !d.capturing());
        assertTrue(src.closed);

        // Back to English with the capture stopped: the same dialog says so in English and still saves it.
        robot.interact(() -> {
            Session s = c().session();
            s.locale = Locale.ROOT;
            s.rebuild.run();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(d, fx(() -> LiveCaptureDialog.showing(stage)));
        assertEquals("Stopped: 21 packet(s), 3 TCP conversation(s). Save them as pcapng, or start again.",
                fx(() -> node(d, "liveStatus", Label.class).getText()));
        assertFalse(fx(() -> node(d, "saveButton", Button.class).isDisabled()));
        until(() -> c().model().getTrace() != null && c().model().getTrace().client().port() == 40001);
        LiveCaptureDialog.setSaveChooser(w -> dir.resolve("after-switch.pcapng"));
        robot.interact(() -> node(d, "saveButton", Button.class).fire());
        assertEquals(21, ConversationIndex.index(dir.resolve("after-switch.pcapng")).packets());
        robot.interact(() -> d.stage().hide());
    }

    /**
     * A conversation long enough (over 20,000 events) that the playback and the diagram index it
     * in the background: following still puts the playhead on the newest segment once indexed,
     * and that is not taken for the user moving it (Follow stays on).
     */
    @Test
    void aLongConversationIsFollowedToItsEnd(FxRobot robot, @TempDir Path dir) throws Exception {
        Gated src = new Gated(new LiveCommandTest.Scripted(LiveFixtures.conversations(dir, 1, 10_500)));
        LiveCaptureDialog.setBackend(backend(src));
        LiveCaptureDialog d = openFromMenu(robot);
        startCapture(robot, d);
        src.allow.set(Integer.MAX_VALUE);
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> fx(() -> {
                Trace t = c().model().getTrace();
                return t != null && t.segments().size() == 21_003 && c().model().getPlayhead() == t.endTime()
                        && c().model().playback().indexProperty().get() != null;
            }));
        } catch (java.util.concurrent.TimeoutException e) {
            fail(fx(() -> {
                Trace t = c().model().getTrace();
                return "not there: " + (t == null ? "no trace" : t.segments().size() + " segments, end " + t.endTime())
                        + ", playhead " + c().model().getPlayhead() + ", index " + c().model().playback().indexProperty().get()
                        + ", following " + d.following() + ", rows " + d.rows();
            }));
        }
        assertTrue(fx(() -> c().model().getTrace().events().size()) > 20_000, "indexed in the background");
        assertTrue(fx(d::following), "the playhead put back in place is not the user looking away");
        assertEquals(new LiveCaptureDialog.Row(0, "10.0.0.1:40000", "10.0.0.2:80", 21_003, "ESTABLISHED | ESTABLISHED"), fx(() -> d.rows().get(0)));
        robot.interact(() -> d.stage().hide());
    }

    /** The user opens a scenario while capturing: updates no longer replace it; a click on the chosen row brings the capture back. */
    @Test
    void somethingOpenedMeanwhileStaysUntilTheRowIsClicked(FxRobot robot) throws Exception {
        Gated src = new Gated(new LiveCommandTest.Scripted(SAMPLE));
        LiveCaptureDialog.setBackend(backend(src));
        LiveCaptureDialog d = openFromMenu(robot);
        startCapture(robot, d);
        src.allow.set(3);
        until(() -> live(c().model().getTrace(), 3));
        robot.interact(() -> c().model().loadScenario("lost-syn"));
        src.allow.set(Integer.MAX_VALUE);
        until(() -> d.rows().get(0).packets() == 11);
        Thread.sleep(300); // a few more batches
        assertEquals("lost-syn", fx(() -> c().model().getTrace().scenario()), "the capture did not replace what the user opened");
        javafx.scene.Node cell = fx(() -> d.table().lookupAll(".table-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> tc && tc.getIndex() == 0 && "10.99.0.1:58020".equals(tc.getText()))
                .findFirst().orElseThrow());
        robot.clickOn(cell);
        until(() -> c().model().getTrace().scenario() == null && c().model().getTrace().segments().size() == 11);
        assertTrue(fx(() -> c().model().statusProperty().get()).contains("stream 0"));
        robot.interact(() -> d.stage().hide());
    }
}
