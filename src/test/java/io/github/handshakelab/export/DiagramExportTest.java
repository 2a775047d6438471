package io.github.handshakelab.export;

import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.trace.Trace;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagramExportTest {

    private static Trace lostFinalAck() {
        return Simulator.run(Scenarios.byId("lost-final-ack").orElseThrow());
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void svgDrawsEverySegmentStateAndTheLoss() {
        Trace t = lostFinalAck();
        String svg = DiagramExport.svg(t, Locale.ROOT, false);
        assertTrue(svg.startsWith("<?xml") && svg.endsWith("</svg>\n"));
        // 9 segments: 8 delivered with a head, 1 lost with a cross and the word "lost"
        assertEquals(8, count(svg, "<polygon "), "one arrow head per delivered segment");
        assertEquals(1, count(svg, ">lost</text>"));
        assertEquals(2, count(svg, ">FIN, ACK  seq=1 ack=2</text>"), "the FIN and its retransmission");
        assertTrue(svg.contains("stroke-dasharray=\"9 6\""), "the retransmission is dashed");
        for (String state : new String[]{"SYN_SENT", "LISTEN", "SYN_RCVD", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT",
                "LAST_ACK", "TIME_WAIT"}) {
            assertTrue(svg.contains(">" + state + "</text>"), state);
        }
        assertTrue(svg.contains(">RTO fired (1.0 s)</text>"), "the server's RTO bracket");
        assertEquals(svg, DiagramExport.svg(lostFinalAck(), Locale.ROOT, false), "same trace, same bytes");
    }

    @Test
    void svgSpeaksChineseAndShowsAbsoluteNumbersOnRequest() {
        Trace t = lostFinalAck();
        String svg = DiagramExport.svg(t, Locale.SIMPLIFIED_CHINESE, true);
        assertTrue(svg.contains(">丢失</text>"));
        long iss = t.segments().get(0).seqAbs();
        assertTrue(svg.contains(">SYN  seq=" + iss + "</text>"), "absolute ISN in the first label");
    }

    @Test
    void pngIsTwiceTheLayoutSizeWithTheStateColoursOnIt() throws Exception {
        byte[] png = DiagramExport.png(lostFinalAck(), Locale.ROOT, false);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(1720, img.getWidth());
        boolean timeWaitOrange = false;
        for (int y = 0; y < img.getHeight() && !timeWaitOrange; y += 2) {
            for (int x = 0; x < img.getWidth() / 3; x += 2) {
                if ((img.getRGB(x, y) & 0xffffff) == 0xd55e00) { timeWaitOrange = true; break; }
            }
        }
        assertTrue(timeWaitOrange, "the client's TIME_WAIT band is drawn in the palette's orange");
    }
}
