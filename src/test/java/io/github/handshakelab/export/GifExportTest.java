package io.github.handshakelab.export;

import io.github.handshakelab.diagram.Palette;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GifExportTest {

    private static Trace trace(String id) {
        return Simulator.run(Scenarios.byId(id).orElseThrow());
    }

    /** The decoded animation: each frame composed over the previous ones, as a viewer shows it. */
    record Decoded(List<BufferedImage> screens, List<Integer> delaysCs, boolean loops, int width, int height) {}

    static Decoded decode(byte[] gif) throws IOException {
        ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            r.setInput(in);
            int n = r.getNumImages(true);
            IIOMetadataNode stream = (IIOMetadataNode) r.getStreamMetadata().getAsTree("javax_imageio_gif_stream_1.0");
            IIOMetadataNode sd = (IIOMetadataNode) stream.getElementsByTagName("LogicalScreenDescriptor").item(0);
            int w = Integer.parseInt(sd.getAttribute("logicalScreenWidth")), h = Integer.parseInt(sd.getAttribute("logicalScreenHeight"));
            BufferedImage screen = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            List<BufferedImage> screens = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            boolean loops = false;
            for (int i = 0; i < n; i++) {
                IIOMetadataNode m = (IIOMetadataNode) r.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode d = (IIOMetadataNode) m.getElementsByTagName("ImageDescriptor").item(0);
                IIOMetadataNode gce = (IIOMetadataNode) m.getElementsByTagName("GraphicControlExtension").item(0);
                delays.add(Integer.parseInt(gce.getAttribute("delayTime")));
                Node apps = m.getElementsByTagName("ApplicationExtension").item(0);
                if (apps != null && "NETSCAPE".equals(((IIOMetadataNode) apps).getAttribute("applicationID"))) {
                    byte[] b = (byte[]) ((IIOMetadataNode) apps).getUserObject();
                    loops |= b[0] == 1 && b[1] == 0 && b[2] == 0;
                }
                Graphics2D g = screen.createGraphics();
                g.drawImage(r.read(i), Integer.parseInt(d.getAttribute("imageLeftPosition")),
                        Integer.parseInt(d.getAttribute("imageTopPosition")), null);
                g.dispose();
                BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
                copy.getGraphics().drawImage(screen, 0, 0, null);
                screens.add(copy);
            }
            return new Decoded(screens, delays, loops, w, h);
        } finally {
            r.dispose();
        }
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }

    @Test
    void handshakeAnimatesFromListenToEstablishedAndLoops() throws IOException {
        Trace t = trace("three-way-handshake");
        GifExport.Options o = GifExport.Options.defaults();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> progress = new ArrayList<>();
        GifExport.Result res = GifExport.write(t, o, out, (done, total) -> progress.add(done));
        Decoded d = decode(out.toByteArray());

        assertEquals(res.frames(), d.screens().size(), "frames written = frames decoded");
        assertEquals(GifExport.frameTimes(t, o).length, progress.size(), "progress told once per rendered frame");
        assertTrue(res.frames() > 10, "an animation, not a still: " + res.frames());
        assertEquals(res.width(), d.width());
        assertEquals(res.height(), d.height());
        assertTrue(d.loops(), "NETSCAPE2.0 loop forever");
        assertEquals(res.durationMs(), d.delaysCs().stream().mapToLong(c -> c * 10L).sum(), 10L * res.frames());
        assertTrue(d.delaysCs().get(0) * 10 >= GifExport.HOLD_START_MS);
        assertTrue(d.delaysCs().get(d.delaysCs().size() - 1) * 10 >= GifExport.HOLD_END_MS);

        // The badges: the server LISTENs and the client has sent its SYN at the start; both ESTABLISHED at the end.
        // Inside the badge, left of its text: every state name is at least 6 letters wide.
        int badgeY = (int) (8 + 13 * 1.2 + 3);
        int[] xs = {badgeX(d, t, Side.CLIENT), badgeX(d, t, Side.SERVER)};
        BufferedImage first = d.screens().get(0), last = d.screens().get(d.screens().size() - 1);
        assertEquals(rgb(Palette.stateHex(t.stateAt(Side.CLIENT, 0))), first.getRGB(xs[0] - 36, badgeY) & 0xffffff);
        assertEquals(rgb(Palette.stateHex(TcpState.LISTEN)), first.getRGB(xs[1] - 36, badgeY) & 0xffffff);
        assertEquals(rgb(Palette.stateHex(TcpState.ESTABLISHED)), last.getRGB(xs[0] - 36, badgeY) & 0xffffff);
        assertEquals(rgb(Palette.stateHex(TcpState.ESTABLISHED)), last.getRGB(xs[1] - 36, badgeY) & 0xffffff);
    }

    /** x of a lifeline in the GIF: the export layout's margin (110 + 50) from either edge of its 860 px. */
    private static int badgeX(Decoded d, Trace t, Side side) {
        return (int) (side == Side.CLIENT ? 110 + 50 : 760 + 100 - 110 - 50);
    }

    @Test
    void aCompressedGapIsShownLongEnoughToReadItsCountdown() {
        Trace t = trace("lost-final-ack");
        GifExport.Options o = GifExport.Options.defaults();
        long[] ts = GifExport.frameTimes(t, o);
        assertEquals(0, ts[0]);
        assertEquals(t.endTime(), ts[ts.length - 1]);
        for (int i = 1; i < ts.length; i++) assertTrue(ts[i] >= ts[i - 1], "monotone at " + i);
        // TIME_WAIT's 60 s pass in a compressed gap: at least GAP_SECONDS of frames with the clock inside it.
        int inLongGap = 0;
        for (int i = 1; i < ts.length; i++) if (ts[i] - ts[i - 1] > 1_000_000) inLongGap++;
        assertTrue(inLongGap >= GifExport.GAP_SECONDS * o.fps() - 1, "frames stepping through the gap: " + inLongGap);
        // Twice the speed: about half the frames.
        long[] fast = GifExport.frameTimes(t, o.with(o.fps(), 2, 1));
        assertTrue(Math.abs(fast.length - ts.length / 2.0) <= ts.length * 0.1, fast.length + " vs " + ts.length);
    }

    @Test
    void scaleTwoDoublesThePixels() throws IOException {
        Trace t = trace("three-way-handshake");
        GifExport.Options o = GifExport.Options.defaults();
        GifExport.Result one = GifExport.write(t, o, new ByteArrayOutputStream(), null);
        GifExport.Result two = GifExport.write(t, o.with(6, 1, 2), new ByteArrayOutputStream(), null);
        assertEquals(2 * one.width(), two.width());
        assertEquals(2 * one.height(), two.height());
    }

    @Test
    void cancellingStopsEarly() throws IOException {
        Trace t = trace("lost-final-ack");
        GifExport.Result r = GifExport.write(t, GifExport.Options.defaults(), new ByteArrayOutputStream(), (done, total) -> done < 5);
        assertTrue(r.frames() <= 5, "frames " + r.frames());
    }

    @Test
    void unchangedPixelsAreNotStoredAgain() {
        int[] a = {1, 1, 1, 1, 1, 1}, b = {1, 1, 1, 1, 2, 1};
        assertArrayEquals(new int[]{1, 1, 1, 1}, GifExport.changed(a, b, 3, 2));
        assertEquals(null, GifExport.changed(a, a.clone(), 3, 2));
    }
}
