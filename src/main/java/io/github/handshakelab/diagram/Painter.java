package io.github.handshakelab.diagram;

/**
 * The few drawing operations a sequence diagram needs, so one {@link DiagramPainter} can draw
 * to SVG, to a PNG and to the screen alike. Colours are {@code #rrggbb}; alpha is 0..1.
 */
public interface Painter {

    enum Align { LEFT, CENTER, RIGHT }

    enum Baseline { TOP, CENTER, BOTTOM }

    /** Monospace is used for segment labels, whose widths the layout estimates per character. */
    record Font(boolean mono, boolean bold, double size) {}

    void fillRect(double x, double y, double w, double h, String fill, double alpha);

    /** A line; {@code dash} empty for solid, else on/off lengths. */
    void line(double x1, double y1, double x2, double y2, String stroke, double width, double[] dash, double alpha);

    void polyline(double[] xs, double[] ys, String stroke, double width);

    void fillPolygon(double[] xs, double[] ys, String fill, double alpha);

    void fillCircle(double cx, double cy, double r, String fill, double alpha);

    void text(String text, double x, double y, Font font, String fill, Align align, Baseline baseline, double alpha);
}
