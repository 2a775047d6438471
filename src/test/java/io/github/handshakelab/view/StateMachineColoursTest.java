package io.github.handshakelab.view;

import io.github.handshakelab.diagram.Palette;
import io.github.handshakelab.tcp.TcpState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The state machine panel's boxes read in every theme: names at WCAG AA, outlines at 3:1 (1.4.11). */
class StateMachineColoursTest {

    @Test
    void everyStateNameReachesAaAndEveryBoxOutlineStandsOutInEveryTheme() {
        List<String> failures = new ArrayList<>();
        for (Theme th : Theme.values()) {
            Palette p = th.palette;
            for (TcpState s : TcpState.values()) {
                for (boolean current : new boolean[]{false, true}) {
                    StateMachineView.BoxColours c = StateMachineView.colours(p, s, current);
                    double name = Palette.contrast(c.text(), c.fill()), ring = Palette.contrast(c.outline(), p.background());
                    if (name < 4.5) failures.add(p.name() + " " + s + (current ? " current" : "") + " name " + name);
                    if (ring < 3) failures.add(p.name() + " " + s + (current ? " current" : "") + " outline " + ring);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aStateThatIsNotCurrentKeepsItsHueInItsName() {
        // LISTEN's raw blue on the projector's black is 4.0:1: the name is lightened, still blue
        StateMachineView.BoxColours c = StateMachineView.colours(Palette.PROJECTOR, TcpState.LISTEN, false);
        assertTrue(Palette.contrast(Palette.stateHex(TcpState.LISTEN), "#000000") < 4.5);
        assertEquals(Palette.PROJECTOR.stateLabelHex(TcpState.LISTEN), c.text());
        assertNotEquals("#ffffff", c.text().toLowerCase());
        int r = Integer.parseInt(c.text().substring(1, 3), 16), b = Integer.parseInt(c.text().substring(5, 7), 16);
        assertTrue(b > r, "still blue: " + c.text());
        // the current state is a badge in the raw state colour with black or white text
        StateMachineView.BoxColours now = StateMachineView.colours(Palette.PROJECTOR, TcpState.LISTEN, true);
        assertEquals(Palette.stateHex(TcpState.LISTEN), now.fill());
        assertEquals(Palette.stateTextHex(TcpState.LISTEN), now.text());
    }
}
