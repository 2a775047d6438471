package io.github.handshakelab.view;

import io.github.handshakelab.export.GifExport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The GIF plays at the pace of the app's Play (export cannot import the view, so the constant is repeated). */
class GifPaceTest {
    @Test
    void gifAndPlaybackShareThePace() {
        assertEquals(Playback.PX_PER_SECOND, GifExport.PX_PER_SECOND);
    }
}
