package io.github.handshakelab.view.capture;

import io.github.handshakelab.capture.Conversation;
import io.github.handshakelab.trace.Trace;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
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
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** Opens real sample captures through the opener, headless (Monocle), as File > Open does. */
@ExtendWith(ApplicationExtension.class)
class CaptureOpenerTest {

    @TempDir
    Path dir;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.Pane(), 400, 300));
        stage.show();
    }

    /** Two sample captures (both Ethernet pcap) joined into one file: two conversations. */
    private Path twoConversations() throws IOException {
        byte[] a = Files.readAllBytes(Path.of("resources/captures/handshake-data-close.pcap"));
        byte[] b = Files.readAllBytes(Path.of("resources/captures/simultaneous-close.pcap"));
        byte[] both = Arrays.copyOf(a, a.length + b.length - 24);
        System.arraycopy(b, 24, both, a.length, b.length - 24);
        return Files.write(dir.resolve("two.pcap"), both);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pickAConversationAfterFiltering(FxRobot robot) throws Exception {
        Path file = twoConversations();
        AtomicReference<Trace> got = new AtomicReference<>();
        robot.interact(() -> CaptureOpener.open(stage, file, got::set));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#conversationTable").tryQuery().isPresent());
        TableView<Conversation> table = robot.lookup("#conversationTable").queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        robot.clickOn("#conversationFilter").write("8082");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, table.getItems().size());
        assertEquals(8082, table.getItems().get(0).serverPort());
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#openConversation");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> got.get() != null);
        Trace t = got.get();
        assertEquals(8082, t.server().port());
        assertEquals("two.pcap", t.file());
        assertEquals(9, t.segments().size());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#conversationTable").tryQuery().isPresent(), "the picker closes");
    }

    @Test
    void badFileShowsTheReadersMessage(FxRobot robot) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pcap"), "not a capture at all");
        AtomicReference<Trace> got = new AtomicReference<>();
        robot.interact(() -> CaptureOpener.open(stage, junk, got::set));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("junk.pcap: offset 0: unknown file format: magic number 0x6e6f7420 is neither pcap nor pcapng",
                pane.getContentText());
        assertNull(got.get());
        robot.interact(() -> ((Button) pane.lookupButton(javafx.scene.control.ButtonType.OK)).fire());
    }

    @Test
    void warningsAreListed(FxRobot robot) throws Exception {
        byte[] good = Files.readAllBytes(Path.of("resources/captures/handshake-data-close.pcap"));
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(good, good.length - 7));
        robot.interact(() -> CaptureOpener.open(stage, cut, java.util.Locale.SIMPLIFIED_CHINESE, t -> { }));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#captureWarnings").tryQuery().isPresent());
        javafx.scene.control.ListView<?> w = robot.lookup("#captureWarnings").queryAs(javafx.scene.control.ListView.class);
        assertEquals(1, w.getItems().size());
        assertTrue(w.getItems().get(0).toString().contains("packet 11: truncated packet data"), w.getItems().get(0).toString());
        assertEquals("显示会话", robot.lookup("#openConversation").queryAs(Button.class).getText()); // the chosen language
        robot.interact(() -> ((Stage) w.getScene().getWindow()).close());
    }
}
