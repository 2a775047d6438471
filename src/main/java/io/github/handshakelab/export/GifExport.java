package io.github.handshakelab.export;

import io.github.handshakelab.text.TimeFormat;
import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.diagram.DiagramPainter;
import io.github.handshakelab.diagram.Painter;
import io.github.handshakelab.diagram.Palette;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Endpoint;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The animation of a trace as a looping GIF (DESIGN §6.3 {@code render --format gif}): the
 * playback from start to end as the app plays it, drawn frame by frame with the same layout and
 * {@link DiagramPainter} as the PNG and the screen: arrows grow with their packet dot, the state
 * bands follow the playhead, a badge per endpoint shows its current state, a compressed gap passes
 * in about a second with its countdown running.
 *
 * <p>Small files for slides: one palette for the whole animation (no flicker, one global colour
 * table), and each frame stores only the rectangle that changed, with unchanged pixels
 * transparent so LZW compresses them to almost nothing. The JDK's GIF writer does the encoding.
 */
public final class GifExport {

    private GifExport() {}

    /**
     * Diagram pixels per second of animation at speed 1: the app's {@code view.Playback.PX_PER_SECOND}
     * (a test keeps the two equal), so the GIF runs at the pace of the app's Play.
     */
    public static final double PX_PER_SECOND = 110;

    /** A compressed gap lasts at least this long at speed 1, so its countdown can be read. */
    public static final double GAP_SECONDS = 1.2;

    /** The first frame is held this long, the last one this long (then the loop starts again). */
    public static final int HOLD_START_MS = 800, HOLD_END_MS = 3000;

    /** Height of the band above the diagram with the endpoints' names and live state badges. */
    static final double HEADER = 58;

    /**
     * @param fps        frames per second, 1..50 (GIF delays are in hundredths of a second)
     * @param speed      playback speed, as the app's speed control (0.25..4 there)
     * @param scale      pixel density: 1 for slides, 2 for a sharp projector
     * @param viewport   diagram height shown at once (px at scale 1); a longer trace scrolls with the playhead
     */
    public record Options(int fps, double speed, double scale, boolean absolute, Palette palette, Locale locale,
                          double viewport) {
        public Options {
            if (fps < 1 || fps > 50) throw new IllegalArgumentException("fps must be 1..50: " + fps);
            if (!(speed > 0) || speed > 64) throw new IllegalArgumentException("speed must be > 0 and <= 64: " + speed);
            if (!(scale > 0) || scale > 4) throw new IllegalArgumentException("scale must be > 0 and <= 4: " + scale);
        }

        public static Options defaults() {
            return new Options(12, 1, 1, false, Palette.LIGHT, Locale.ROOT, 560);
        }

        public Options with(int fps, double speed, double scale) {
            return new Options(fps, speed, scale, absolute, palette, locale, viewport);
        }

        public Options withLook(boolean absolute, Palette palette, Locale locale) {
            return new Options(fps, speed, scale, absolute, palette, locale, viewport);
        }
    }

    /** Told after each frame; returning false cancels (the output is then incomplete). */
    public interface Progress {
        boolean frame(int done, int total);
    }

    /** What was written: frames in the file, its pixel size, the loop's length. */
    public record Result(int frames, int width, int height, long durationMs) {}

    /** The playhead time of every frame (before identical frames are merged), start to end. */
    public static long[] frameTimes(Trace trace, Options o) {
        return frameTimes(layout(trace, o), o);
    }

    static long[] frameTimes(DiagramLayout layout, Options o) {
        long end = Math.max(layout.trace().endTime(), last(layout.eventTimes()));
        double y0 = layout.y(0), yEnd = layout.y(end);
        double step = PX_PER_SECOND * o.speed() / o.fps();
        List<DiagramLayout.GapBreak> gaps = layout.gaps();
        List<Long> out = new ArrayList<>();
        double y = y0;
        while (y < yEnd) {
            DiagramLayout.GapBreak gap = gapAt(gaps, y);
            if (gap != null) {
                // Through a gap trace time runs linearly, so the 2MSL countdown visibly runs down.
                int n = (int) Math.max(Math.ceil((gap.y1() - gap.y0()) / step), Math.ceil(GAP_SECONDS * o.fps() / o.speed()));
                for (int i = 0; i < n; i++) out.add(gap.t0() + (gap.t1() - gap.t0()) * i / n);
                y = gap.y1();
                continue;
            }
            out.add(Math.max(0, Math.min(end, layout.t(y))));
            y += step;
        }
        out.add(end);
        long[] ts = new long[out.size()];
        long prev = Long.MIN_VALUE;
        for (int i = 0; i < ts.length; i++) {
            ts[i] = Math.max(prev, out.get(i)); // monotone even where the axis rounds
            prev = ts[i];
        }
        return ts;
    }

    private static DiagramLayout.GapBreak gapAt(List<DiagramLayout.GapBreak> gaps, double y) {
        for (DiagramLayout.GapBreak g : gaps) if (y >= g.y0() && y < g.y1()) return g;
        return null;
    }

    private static long last(long[] a) {
        return a.length == 0 ? 0 : a[a.length - 1];
    }

    /** Writes the animation to {@code out} (not closed). */
    public static Result write(Trace trace, Options o, OutputStream out, Progress progress) throws IOException {
        DiagramLayout layout = layout(trace, o);
        long[] times = frameTimes(layout, o);
        double view = Math.min(o.viewport(), layout.height());
        int w = (int) Math.ceil(layout.width() * o.scale());
        int h = (int) Math.ceil((HEADER + view) * o.scale());
        DiagramPainter painter = new DiagramPainter(layout, o.palette(), k -> Messages.get(o.locale(), k));

        // One palette for all frames, from the colours of the last frame (everything drawn) and a
        // middle one (packet dots, in-flight arrows), so a colour never shifts between frames.
        Quantizer q = new Quantizer();
        q.count(render(layout, painter, o, times[times.length - 1], Math.max(0, layout.height() - view), w, h, view));
        q.count(render(layout, painter, o, times[times.length / 2], 0, w, h, view));
        IndexColorModel cm = q.palette(o.palette().background());

        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(new NoClose(out))) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(streamMetadata(writer, cm, w, h));
            int[] prev = null;
            Pending pending = null;
            int written = 0;
            long durationMs = 0;
            double frameMs = 1000.0 / o.fps();
            double[] tops = scroll(layout, times, view);
            for (int i = 0; i < times.length; i++) {
                BufferedImage rgb = render(layout, painter, o, times[i], tops[i], w, h, view);
                int[] px = q.indices(((java.awt.image.DataBufferInt) rgb.getRaster().getDataBuffer()).getData());
                int[] box = prev == null ? new int[]{0, 0, w, h} : changed(prev, px, w, h);
                if (box == null && pending != null) {
                    pending.delayMs += frameMs; // nothing moved: the previous frame stays longer
                } else {
                    if (pending != null) {
                        if (written == 0) pending.delayMs += HOLD_START_MS;
                        writeFrame(writer, pending, cm, written == 0);
                        durationMs += Math.round(pending.delayMs);
                        written++;
                    }
                    pending = new Pending(box == null ? new int[]{0, 0, 1, 1} : box, px, prev, w, frameMs);
                }
                prev = px;
                if (progress != null && !progress.frame(i + 1, times.length)) break;
            }
            if (pending != null) {
                pending.delayMs += HOLD_END_MS;
                writeFrame(writer, pending, cm, written == 0);
                durationMs += Math.round(pending.delayMs);
                written++;
            }
            writer.endWriteSequence();
            return new Result(written, w, h, durationMs);
        } finally {
            writer.dispose();
        }
    }

    /** A frame waiting for its delay to be known (identical successors lengthen it). */
    private static final class Pending {
        final int[] box;
        final int[] px, prev;
        final int width;
        double delayMs;

        Pending(int[] box, int[] px, int[] prev, int width, double delayMs) {
            this.box = box;
            this.px = px;
            this.prev = prev;
            this.width = width;
            this.delayMs = delayMs;
        }
    }

    /** x, y, w, h of the pixels that differ, or null when none does. */
    static int[] changed(int[] a, int[] b, int w, int h) {
        int minX = w, minY = h, maxX = -1, maxY = -1;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                if (a[row + x] != b[row + x]) {
                    if (x < minX) minX = x;
                    if (x > maxX) maxX = x;
                    if (y < minY) minY = y;
                    maxY = y;
                }
            }
        }
        return maxX < 0 ? null : new int[]{minX, minY, maxX - minX + 1, maxY - minY + 1};
    }

    private static void writeFrame(ImageWriter writer, Pending f, IndexColorModel cm, boolean first)
            throws IOException {
        int x0 = f.box[0], y0 = f.box[1], bw = f.box[2], bh = f.box[3];
        BufferedImage img = new BufferedImage(bw, bh, BufferedImage.TYPE_BYTE_INDEXED, cm);
        byte[] data = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int transparent = cm.getMapSize() - 1;
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                int at = (y0 + y) * f.width + x0 + x;
                int c = f.px[at];
                // Unchanged pixels are transparent: the previous frame shows through and LZW gets long runs.
                data[y * bw + x] = (byte) (f.prev != null && f.prev[at] == c ? transparent : c);
            }
        }
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
        String fmt = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(fmt);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "doNotDispose");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", f.prev != null ? "TRUE" : "FALSE");
        gce.setAttribute("transparentColorIndex", Integer.toString(transparent));
        gce.setAttribute("delayTime", Integer.toString((int) Math.max(2, Math.round(f.delayMs / 10))));
        // Every frame uses the global colour table: no local table (768 bytes saved per frame).
        for (int i = root.getLength() - 1; i >= 0; i--) {
            if (root.item(i).getNodeName().equals("LocalColorTable")) root.removeChild(root.item(i));
        }
        IIOMetadataNode desc = child(root, "ImageDescriptor");
        desc.setAttribute("imageLeftPosition", Integer.toString(x0));
        desc.setAttribute("imageTopPosition", Integer.toString(y0));
        desc.setAttribute("imageWidth", Integer.toString(bw));
        desc.setAttribute("imageHeight", Integer.toString(bh));
        if (first) {
            // NETSCAPE2.0 application extension: loop forever (count 0).
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[]{1, 0, 0});
            apps.appendChild(app);
        }
        try {
            meta.setFromTree(fmt, root);
        } catch (IIOInvalidTreeException e) {
            throw new IOException("GIF metadata: " + e.getMessage(), e);
        }
        writer.writeToSequence(new IIOImage(img, null, meta), param);
    }

    private static IIOMetadata streamMetadata(ImageWriter writer, IndexColorModel cm, int w, int h) throws IOException {
        IIOMetadata meta = writer.getDefaultStreamMetadata(writer.getDefaultWriteParam());
        String fmt = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = new IIOMetadataNode(fmt);
        IIOMetadataNode version = new IIOMetadataNode("Version");
        version.setAttribute("value", "89a");
        root.appendChild(version);
        IIOMetadataNode screen = new IIOMetadataNode("LogicalScreenDescriptor");
        screen.setAttribute("logicalScreenWidth", Integer.toString(w));
        screen.setAttribute("logicalScreenHeight", Integer.toString(h));
        screen.setAttribute("colorResolution", "8");
        screen.setAttribute("pixelAspectRatio", "0");
        root.appendChild(screen);
        IIOMetadataNode table = new IIOMetadataNode("GlobalColorTable");
        table.setAttribute("sizeOfGlobalColorTable", "256");
        table.setAttribute("backgroundColorIndex", "0");
        table.setAttribute("sortFlag", "FALSE");
        for (int i = 0; i < 256; i++) {
            IIOMetadataNode e = new IIOMetadataNode("ColorTableEntry");
            e.setAttribute("index", Integer.toString(i));
            e.setAttribute("red", Integer.toString(cm.getRed(i)));
            e.setAttribute("green", Integer.toString(cm.getGreen(i)));
            e.setAttribute("blue", Integer.toString(cm.getBlue(i)));
            table.appendChild(e);
        }
        root.appendChild(table);
        try {
            meta.setFromTree(fmt, root);
        } catch (IIOInvalidTreeException e) {
            throw new IOException("GIF metadata: " + e.getMessage(), e);
        }
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equals(name)) return (IIOMetadataNode) root.item(i);
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }

    /** Frames a page turn takes. */
    static final int TURN_FRAMES = 4;

    /**
     * The diagram's scroll position per frame. It turns a page (in a few frames) when the playhead
     * nears the bottom, rather than following it pixel by pixel as the app does: a scrolled frame
     * differs everywhere and costs a whole image in the file, a still one only what moved.
     */
    static double[] scroll(DiagramLayout layout, long[] times, double view) {
        double[] tops = new double[times.length];
        double max = Math.max(0, layout.height() - view);
        double top = 0;
        for (int i = 0; i < times.length; i++) {
            double y = layout.y(times[i]);
            if (y > top + view * 0.85 && top < max) {
                double target = Math.min(max, y - view * 0.2);
                for (int k = 0; k < TURN_FRAMES && i + k < times.length; k++) {
                    tops[i + k] = top + (target - top) * (k + 1) / TURN_FRAMES;
                }
                top = target;
                i += TURN_FRAMES - 1;
                continue;
            }
            tops[i] = top;
        }
        return tops;
    }

    /** One frame: the header with live badges, then the diagram from {@code top} down. */
    static BufferedImage render(DiagramLayout layout, DiagramPainter painter, Options o, long now, double top, int w, int h,
                                double view) {
        ImagePainter img = new ImagePainter(w / o.scale(), h / o.scale(), o.scale());
        Palette pal = o.palette();
        img.fillRect(0, 0, layout.width(), HEADER + view, pal.background(), 1);
        Shifted g = new Shifted(img, HEADER - top, HEADER);
        paintFrame(painter, g, layout, now, top, top + view);
        header(img, layout, pal, now);
        return img.finish();
    }

    /** The diagram at {@code now} between {@code vTop} and {@code vBottom}: one call into the shared painter. */
    private static void paintFrame(DiagramPainter painter, Painter g, DiagramLayout layout, long now, double vTop, double vBottom) {
        painter.paint(g, now, vTop, vBottom, -1, false, false);
    }

    private static DiagramLayout layout(Trace trace, Options o) {
        return DiagramExport.layout(trace, o.palette(), o.locale(), o.absolute(), DiagramLayout.Spacing.AUTO);
    }

    /** Endpoint names and a badge per side in the state's colour, as the app's live badges. */
    private static void header(Painter g, DiagramLayout layout, Palette pal, long now) {
        double fs = pal.fontSize();
        g.fillRect(0, 0, layout.width(), HEADER, pal.background(), 1);
        for (Side side : Side.values()) {
            Endpoint e = layout.trace().endpoint(side);
            String where = e.address() == null ? "" : e.address() + (e.port() >= 0 ? ":" + e.port() : "");
            String name = e.label().contains(where) ? e.label() : e.label() + "  " + where;
            double x = layout.x(side);
            g.text(name, x, 4, new Painter.Font(false, false, fs * 0.9), pal.muted(), Painter.Align.CENTER, Painter.Baseline.TOP, 1);
            TcpState s = layout.trace().stateAt(side, now);
            String label = s.name();
            double bw = label.length() * fs * 0.78 + 20, bh = fs * 1.9, by = 8 + fs * 1.2;
            g.fillRect(x - bw / 2, by, bw, bh, Palette.stateHex(s), 1);
            g.text(label, x, by + bh / 2, new Painter.Font(false, true, fs * 1.15), Palette.stateTextHex(s),
                    Painter.Align.CENTER, Painter.Baseline.CENTER, 1);
        }
        g.line(0, HEADER - 0.5, layout.width(), HEADER - 0.5, pal.grid(), 1, new double[0], 1);
        String clock = TimeFormat.duration(now);
        g.text(clock, layout.width() - 8, HEADER - 6, new Painter.Font(true, false, fs * 0.85), pal.muted(),
                Painter.Align.RIGHT, Painter.Baseline.BOTTOM, 1);
    }

    /** A painter that moves the diagram down by {@code dy} and clips it below the header. */
    private static final class Shifted implements Painter {
        private final Painter p;
        private final double dy, clipTop;

        Shifted(Painter p, double dy, double clipTop) {
            this.p = p;
            this.dy = dy;
            this.clipTop = clipTop;
        }

        private double[] shift(double[] ys) {
            double[] out = ys.clone();
            for (int i = 0; i < out.length; i++) out[i] += dy;
            return out;
        }

        @Override public void fillRect(double x, double y, double w, double h, String fill, double alpha) {
            double top = Math.max(y + dy, clipTop);
            p.fillRect(x, top, w, y + dy + h - top, fill, alpha);
        }

        @Override public void line(double x1, double y1, double x2, double y2, String stroke, double width, double[] dash, double alpha) {
            p.line(x1, y1 + dy, x2, y2 + dy, stroke, width, dash, alpha);
        }

        @Override public void polyline(double[] xs, double[] ys, String stroke, double width) {
            p.polyline(xs, shift(ys), stroke, width);
        }

        @Override public void fillPolygon(double[] xs, double[] ys, String fill, double alpha) {
            p.fillPolygon(xs, shift(ys), fill, alpha);
        }

        @Override public void fillCircle(double cx, double cy, double r, String fill, double alpha) {
            p.fillCircle(cx, cy + dy, r, fill, alpha);
        }

        @Override public void text(String text, double x, double y, Font font, String fill, Align align, Baseline baseline, double alpha) {
            p.text(text, x, y + dy, font, fill, align, baseline, alpha);
        }
    }

    /**
     * A popularity palette: the most frequent exact colours (the theme's own colours fill large
     * areas, so they stay exact), at most one per 4-bit-per-channel cell so anti-aliased shades
     * do not crowd out distinct colours; 255 colours and one transparent index.
     */
    static final class Quantizer {
        private final Map<Integer, Long> counts = new HashMap<>();
        private int[] colours;
        private final int[] nearest = new int[1 << 15];

        void count(BufferedImage img) {
            int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
            for (int c : px) counts.merge(c & 0xffffff, 1L, Long::sum);
        }

        IndexColorModel palette(String background) {
            List<Map.Entry<Integer, Long>> byCount = new ArrayList<>(counts.entrySet());
            byCount.sort((x, y) -> Long.compare(y.getValue(), x.getValue()));
            List<Integer> cs = new ArrayList<>();
            boolean[] cellTaken = new boolean[4096];
            int bg = Integer.parseInt(background.substring(1), 16);
            cs.add(bg);
            cellTaken[cell(bg)] = true;
            for (Map.Entry<Integer, Long> e : byCount) {
                if (cs.size() == 255) break;
                int c = e.getKey();
                if (cellTaken[cell(c)]) continue;
                cellTaken[cell(c)] = true;
                cs.add(c);
            }
            colours = cs.stream().mapToInt(Integer::intValue).toArray();
            Arrays.fill(nearest, -1);
            // A palette colour is its own nearest, whatever shade of its 15-bit cell comes first.
            for (int i = colours.length - 1; i >= 0; i--) nearest[key(colours[i])] = i;
            byte[] rr = new byte[256], gg = new byte[256], bb = new byte[256];
            for (int i = 0; i < colours.length; i++) {
                rr[i] = (byte) (colours[i] >> 16);
                gg[i] = (byte) (colours[i] >> 8);
                bb[i] = (byte) colours[i];
            }
            return new IndexColorModel(8, 256, rr, gg, bb, 255);
        }

        private static int key(int c) {
            return ((c >> 19) & 0x1f) << 10 | ((c >> 11) & 0x1f) << 5 | ((c >> 3) & 0x1f);
        }

        private static int cell(int c) {
            return ((c >> 20) & 0xf) << 8 | ((c >> 12) & 0xf) << 4 | ((c >> 4) & 0xf);
        }

        /** Each pixel's palette index, so comparing frames compares what the GIF shows. */
        int[] indices(int[] px) {
            for (int i = 0; i < px.length; i++) {
                int c = px[i];
                int n = nearest[key(c)];
                if (n < 0) {
                    n = closest(c);
                    nearest[key(c)] = n;
                }
                px[i] = n;
            }
            return px;
        }

        private int closest(int c) {
            int best = 0;
            long bestD = Long.MAX_VALUE;
            int cr = (c >> 16) & 0xff, cg = (c >> 8) & 0xff, cb = c & 0xff;
            for (int i = 0; i < colours.length; i++) {
                int dr = cr - ((colours[i] >> 16) & 0xff), dg = cg - ((colours[i] >> 8) & 0xff), db = cb - (colours[i] & 0xff);
                long d = 3L * dr * dr + 4L * dg * dg + 2L * db * db;
                if (d < bestD) {
                    bestD = d;
                    best = i;
                }
            }
            return best;
        }

    }

    /** The caller owns the stream: ImageIO closes what it is given. */
    private static final class NoClose extends java.io.FilterOutputStream {
        NoClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
