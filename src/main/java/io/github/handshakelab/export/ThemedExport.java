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

/**
 * The app's File > Export of the whole diagram: as {@link DiagramExport} (same layout, same
 * painter), in the window's theme and at 1x, 2x or 3x, so a file matches what the teacher sees.
 */
public final class ThemedExport {
    private ThemedExport() {}

    public static BufferedImage image(Trace trace, Locale locale, boolean absolute, Palette palette, double scale) {
        DiagramLayout layout = GifExport.exportLayout(trace, palette, locale, absolute);
        ImagePainter p = new ImagePainter(layout.width(), layout.height(), scale);
        new DiagramPainter(layout, palette, k -> Messages.get(locale, k)).paintAll(p);
        return p.finish();
    }

    public static byte[] png(Trace trace, Locale locale, boolean absolute, Palette palette, double scale) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image(trace, locale, absolute, palette, scale), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String svg(Trace trace, Locale locale, boolean absolute, Palette palette) {
        DiagramLayout layout = GifExport.exportLayout(trace, palette, locale, absolute);
        SvgPainter p = new SvgPainter(layout.width(), layout.height());
        new DiagramPainter(layout, palette, k -> Messages.get(locale, k)).paintAll(p);
        return p.finish();
    }
}
