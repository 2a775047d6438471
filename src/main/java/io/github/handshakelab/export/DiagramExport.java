package io.github.handshakelab.export;

import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.diagram.DiagramPainter;
import io.github.handshakelab.diagram.Palette;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Trace;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/** The whole diagram of a trace as SVG or PNG, drawn from the same layout and painter as the screen. */
public final class DiagramExport {

    private DiagramExport() {}

    public static String svg(Trace trace, Locale locale, boolean absolute) {
        DiagramLayout layout = layout(trace, absolute);
        SvgPainter p = new SvgPainter(layout.width(), layout.height());
        new DiagramPainter(layout, Palette.LIGHT, k -> Messages.get(locale, k)).paintAll(p);
        return p.finish();
    }

    /** A PNG at twice the layout's size, sharp on a projector. */
    public static byte[] png(Trace trace, Locale locale, boolean absolute) {
        DiagramLayout layout = layout(trace, absolute);
        ImagePainter p = new ImagePainter(layout.width(), layout.height(), 2);
        new DiagramPainter(layout, Palette.LIGHT, k -> Messages.get(locale, k)).paintAll(p);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(p.finish(), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wider margins than the screen's: a file has no badges above the lifelines, so state names must fit beside them. */
    private static DiagramLayout layout(Trace trace, boolean absolute) {
        DiagramLayout.Options d = DiagramLayout.Options.defaults();
        return new DiagramLayout(trace, new DiagramLayout.Options(d.width() + 100, d.top(), d.margin() + 50, d.pxPerMs(),
                d.compressAboveUs(), d.gapPx(), d.sameTimePx(), d.charWidth(), d.lineHeight(), absolute));
    }
}
