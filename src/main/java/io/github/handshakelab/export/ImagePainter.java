package io.github.handshakelab.export;

import io.github.handshakelab.diagram.Painter;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * {@link Painter} on a Java2D image, for PNG export without a display or JavaFX (the CLI runs
 * headless). {@code scale} renders at a higher pixel density for sharp slides.
 */
final class ImagePainter implements Painter {

    private final BufferedImage image;
    private final Graphics2D g;

    ImagePainter(double width, double height, double scale) {
        this(width, height, scale, 0);
    }

    /** A page of a tall diagram: the band from {@code top} (layout units), {@code height} high. */
    ImagePainter(double width, double height, double scale, double top) {
        image = new BufferedImage((int) Math.ceil(width * scale), (int) Math.ceil(height * scale), BufferedImage.TYPE_INT_ARGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(scale, scale);
        g.translate(0, -top);
    }

    BufferedImage finish() {
        g.dispose();
        return image;
    }

    private void paint(String hex, double alpha) {
        g.setColor(Color.decode(hex));
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) Math.max(0, Math.min(1, alpha))));
    }

    @Override
    public void fillRect(double x, double y, double w, double h, String fill, double alpha) {
        if (w <= 0 || h <= 0) return;
        paint(fill, alpha);
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String stroke, double width, double[] dash, double alpha) {
        paint(stroke, alpha);
        float[] d = null;
        if (dash.length > 0) {
            d = new float[dash.length];
            for (int i = 0; i < dash.length; i++) d[i] = (float) dash[i];
        }
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, d, 0f));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, String stroke, double width) {
        paint(stroke, 1);
        g.setStroke(new BasicStroke((float) width));
        g.draw(path(xs, ys, false));
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, String fill, double alpha) {
        paint(fill, alpha);
        g.fill(path(xs, ys, true));
    }

    @Override
    public void fillCircle(double cx, double cy, double r, String fill, double alpha) {
        paint(fill, alpha);
        g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    }

    @Override
    public void text(String text, double x, double y, Font font, String fill, Align align, Baseline baseline, double alpha) {
        paint(fill, alpha);
        g.setFont(new java.awt.Font(font.mono() ? java.awt.Font.MONOSPACED : java.awt.Font.SANS_SERIF,
                font.bold() ? java.awt.Font.BOLD : java.awt.Font.PLAIN, 1).deriveFont((float) font.size()));
        FontMetrics m = g.getFontMetrics();
        double w = m.stringWidth(text);
        double tx = switch (align) { case LEFT -> x; case CENTER -> x - w / 2; case RIGHT -> x - w; };
        double ty = switch (baseline) {
            case TOP -> y + m.getAscent();
            case CENTER -> y + (m.getAscent() - m.getDescent()) / 2.0;
            case BOTTOM -> y - m.getDescent();
        };
        g.drawString(text, (float) tx, (float) ty);
    }

    private static Path2D path(double[] xs, double[] ys, boolean close) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) p.lineTo(xs[i], ys[i]);
        if (close) p.closePath();
        return p;
    }
}
