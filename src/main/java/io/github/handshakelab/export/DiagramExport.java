package io.github.handshakelab.export;

import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.diagram.DiagramPainter;
import io.github.handshakelab.diagram.Palette;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Trace;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/** The whole diagram of a trace as SVG or PNG, drawn from the same layout and painter as the screen. */
public final class DiagramExport {

    private DiagramExport() {}

    public static String svg(Trace trace, Locale locale, boolean absolute) {
        return svg(trace, locale, absolute, DiagramLayout.Spacing.AUTO);
    }

    public static String svg(Trace trace, Locale locale, boolean absolute, DiagramLayout.Spacing spacing) {
        return svg(trace, PALETTE, locale, absolute, spacing);
    }

    /** In a theme of the app (File > Export), so the file matches what the teacher sees. */
    public static String svg(Trace trace, Palette palette, Locale locale, boolean absolute, DiagramLayout.Spacing spacing) {
        DiagramLayout layout = layout(trace, palette, locale, absolute, spacing);
        SvgPainter p = new SvgPainter(layout.width(), layout.height());
        new DiagramPainter(layout, palette, k -> Messages.get(locale, k)).paintAll(p);
        return p.finish();
    }

    public static byte[] png(Trace trace, Locale locale, boolean absolute) {
        return png(trace, locale, absolute, DiagramLayout.Spacing.AUTO);
    }

    /** A PNG at twice the layout's size, sharp on a projector. */
    public static byte[] png(Trace trace, Locale locale, boolean absolute, DiagramLayout.Spacing spacing) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image(trace, PALETTE, locale, absolute, spacing, 2), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole diagram as an image, {@code scale} pixels per layout unit, in any theme. */
    public static BufferedImage image(Trace trace, Palette palette, Locale locale, boolean absolute,
                                      DiagramLayout.Spacing spacing, double scale) {
        DiagramLayout layout = layout(trace, palette, locale, absolute, spacing);
        ImagePainter p = new ImagePainter(layout.width(), layout.height(), scale);
        new DiagramPainter(layout, palette, k -> Messages.get(locale, k)).paintAll(p);
        return p.finish();
    }

    /** Files are printed and projected on white: the light theme, 860 px wide. */
    private static final Palette PALETTE = Palette.LIGHT;

    public static DiagramLayout layout(Trace trace, Locale locale, boolean absolute, DiagramLayout.Spacing spacing) {
        return layout(trace, PALETTE, locale, absolute, spacing);
    }

    /** The same geometry as the screen's ({@link DiagramLayout.Options#of}), with the export's wider margins. */
    public static DiagramLayout layout(Trace trace, Palette palette, Locale locale, boolean absolute, DiagramLayout.Spacing spacing) {
        return new DiagramLayout(trace, DiagramLayout.Options.of(palette, 860, 1, absolute, spacing, locale, true));
    }

    /** Tallest PNG page in pixels: a taller diagram is split into pages (a 1720 x 8192 page takes 56 MB while drawn). */
    public static final int MAX_PAGE_PX = 8192;

    /** Receives each page of {@link #pngPages}: page numbers from 1. */
    @FunctionalInterface
    public interface PageSink {
        void page(int page, int pages, byte[] png) throws IOException;
    }

    /**
     * The PNG as pages of at most {@link #MAX_PAGE_PX} pixels each, one at a time, so that memory
     * stays bounded however tall the trace (one image of a 10,000-segment capture would need
     * more than 2^31 pixels). Returns the number of pages; one page is exactly {@link #png}.
     */
    public static int pngPages(Trace trace, Locale locale, boolean absolute, PageSink sink) throws IOException {
        DiagramLayout layout = layout(trace, locale, absolute, DiagramLayout.Spacing.AUTO);
        // Twice the size for sharp slides; a very tall diagram at the layout's own size (a quarter of the
        // pixels to draw and compress: 10,000 segments would otherwise be 2.4 gigapixels).
        double scale = layout.height() * 2 > 4.0 * MAX_PAGE_PX ? 1 : 2, pageH = MAX_PAGE_PX / scale;
        int pages = (int) Math.max(1, Math.ceil(layout.height() / pageH));
        DiagramPainter painter = new DiagramPainter(layout, PALETTE, k -> Messages.get(locale, k));
        for (int i = 0; i < pages; i++) {
            double top = i * pageH, h = Math.min(pageH, layout.height() - top);
            ImagePainter p = new ImagePainter(layout.width(), h, scale, top);
            if (i == 0) {
                painter.paintAll(p); // the header with both endpoints; Java2D clips the rest
            } else {
                // Only what touches this page (the painter culls by band), so pages cost O(visible), not O(all).
                p.fillRect(0, top, layout.width(), h, PALETTE.background(), 1);
                painter.paint(p, layout.trace().endTime(), top - 40, top + h + 40, -1, false, false);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(p.finish(), "png", out);
            sink.page(i + 1, pages, out.toByteArray());
        }
        return pages;
    }
}
