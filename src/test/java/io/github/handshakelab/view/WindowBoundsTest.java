package io.github.handshakelab.view;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.*;

/** The first window fits the screen it opens on; a remembered one never comes back larger than it. */
class WindowBoundsTest {

    @Test
    void aFirstWindowOnA1280x800ProjectorFillsItsVisibleArea() {
        // a 1280x800 screen with a 30 px panel at the top
        assertArrayEquals(new double[]{0, 30, 1280, 770}, WindowBounds.place(new Rectangle2D(0, 30, 1280, 770), null));
    }

    @Test
    void aFirstWindowOnALargeScreenIsCentredAtItsPreferredSize() {
        assertArrayEquals(new double[]{160, 40, 1600, 1000}, WindowBounds.place(new Rectangle2D(0, 0, 1920, 1080), null));
    }

    @Test
    void aSavedWindowIsClampedToTheScreen() {
        // saved on a big monitor at 1440x900 and off to the right; now on 1366x768
        assertArrayEquals(new double[]{0, 0, 1366, 768},
                WindowBounds.place(new Rectangle2D(0, 0, 1366, 768), new double[]{500, 200, 1440, 900}));
        // a small saved window stays as it was, moved back onto the screen
        assertArrayEquals(new double[]{366, 268, 1000, 500},
                WindowBounds.place(new Rectangle2D(0, 0, 1366, 768), new double[]{2000, 900, 1000, 500}));
    }

    @Test
    void boundsAreRememberedPerScreenSize() {
        Settings s = new Settings(Preferences.userRoot().node("handshakelab-test-bounds"));
        s.clear();
        assertNull(s.bounds("1280x800"));
        s.bounds("1280x800", 0, 0, 1200, 700);
        s.bounds("1920x1080", 10, 20, 1500, 900);
        assertArrayEquals(new double[]{0, 0, 1200, 700}, s.bounds("1280x800"));
        assertArrayEquals(new double[]{10, 20, 1500, 900}, s.bounds("1920x1080"));
        s.clear();
    }
}
