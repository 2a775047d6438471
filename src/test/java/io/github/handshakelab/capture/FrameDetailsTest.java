package io.github.handshakelab.capture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class FrameDetailsTest {

    @Test
    void decodesEveryLayerOfASampleFrame() throws IOException {
        String s = FrameDetails.describe(Path.of("resources/captures/handshake-data-close.pcap"), 1);
        assertTrue(s.startsWith("Frame 1: 74 bytes captured, 74 on the wire, link type 1\n"), s);
        assertTrue(s.contains("[Ethernet Header (14 bytes)]"), s);
        assertTrue(s.contains("Source address: /10.99.0.1"), s);
        assertTrue(s.contains("Destination port: 8080"), s);
        assertTrue(s.contains("SYN: true"), s);
    }

    @Test
    void linuxCookedV2AndMissingFrames() throws IOException {
        String s = FrameDetails.describe(Path.of("resources/captures/rst-closed-port.pcap"), 2);
        assertTrue(s.contains("link type 276"), s);
        assertTrue(s.contains("RST: true"), s);
        CaptureException e = assertThrows(CaptureException.class,
                () -> FrameDetails.describe(Path.of("resources/captures/rst-closed-port.pcap"), 3));
        assertEquals("rst-closed-port.pcap: no frame 3 (the file has 2 frames)", e.getMessage());
    }
}
