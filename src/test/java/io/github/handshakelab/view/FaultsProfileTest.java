package io.github.handshakelab.view;

import io.github.handshakelab.app.Windows;
import io.github.handshakelab.tcp.Profile;
import io.github.handshakelab.trace.Trace;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;


import static org.junit.jupiter.api.Assertions.*;

/** Faults tab > Parameters: the TCP behaviour (RFC 9293 | Linux), applied by re-simulating, undoable. */
@ExtendWith(ApplicationExtension.class)
class FaultsProfileTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        TestWindow.open(stage, "handshakelab-test-profile");
    }

    private MainController c() { return Windows.controller(stage); }

    @Test
    void applyingTheLinuxProfileSimulatesAgainAndUndoReturnsToRfc(FxRobot robot) {
        robot.interact(() -> {
            c().model().loadScenario("four-way-close");
            c().sideTabs().getSelectionModel().select(c().faultsTab);
        });
        FaultsController f = c().faults();
        Trace rfc = c().model().getTrace();
        assertEquals(Profile.RFC, f.profileChoice.getValue());
        assertEquals("rfc", rfc.profile());
        assertEquals("RFC 9293", f.profileChoice.getConverter().toString(Profile.RFC));
        assertEquals("Linux", f.profileChoice.getConverter().toString(Profile.LINUX));

        robot.interact(() -> f.profileChoice.setValue(Profile.LINUX));
        assertSame(rfc, c().model().getTrace(), "choosing alone changes nothing until Apply");
        // fire() rather than a mouse click: windows other test classes leave open (questions,
        // sockets, a detached state machine) can lie over the button on Monocle's one screen
        robot.interact(() -> c().faults().applyParams.fire());
        try {
            WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> "linux".equals(c().model().getTrace().profile()));
        } catch (java.util.concurrent.TimeoutException e) {
            // the assertions below say what is wrong
        }
        Trace linux = c().model().getTrace();
        assertEquals("linux", linux.profile());
        assertNotEquals(rfc.events(), linux.events(), "Linux delays the ACK of a FIN: another exchange");
        assertEquals(Profile.LINUX, f.profileChoice.getValue(), "the pane shows what is in effect");
        assertEquals("Parameters applied (Linux behaviour); the scenario was simulated again.", c().model().statusProperty().get());

        robot.clickOn("#undoButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("rfc", c().model().getTrace().profile());
        assertEquals(Profile.RFC, f.profileChoice.getValue());
    }
}
