package io.github.handshakelab.export;

import io.github.handshakelab.diagram.Painter;

import java.util.Locale;

/** Writes {@link Painter} calls as SVG 1.1 elements; the output is the same bytes for the same calls. */
final class SvgPainter implements Painter {

    private final StringBuilder out = new StringBuilder(64 * 1024);

    SvgPainter(double width, double height) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
           .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(width)).append("\" height=\"")
           .append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height)).append("\">\n");
    }

    String finish() {
        return out.append("</svg>\n").toString();
    }

    @Override
    public void fillRect(double x, double y, double w, double h, String fill, double alpha) {
        if (w <= 0 || h <= 0) return;
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
           .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append('"').append(opacity("fill-opacity", alpha)).append("/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String stroke, double width, double[] dash, double alpha) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
           .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width)).append('"');
        if (dash.length > 0) out.append(" stroke-dasharray=\"").append(list(dash)).append('"');
        out.append(opacity("stroke-opacity", alpha)).append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, String stroke, double width) {
        out.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width))
           .append("\" points=\"").append(points(xs, ys)).append("\"/>\n");
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, String fill, double alpha) {
        out.append("<polygon fill=\"").append(fill).append('"').append(opacity("fill-opacity", alpha))
           .append(" points=\"").append(points(xs, ys)).append("\"/>\n");
    }

    @Override
    public void fillCircle(double cx, double cy, double r, String fill, double alpha) {
        out.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
           .append("\" fill=\"").append(fill).append('"').append(opacity("fill-opacity", alpha)).append("/>\n");
    }

    @Override
    public void text(String text, double x, double y, Font font, String fill, Align align, Baseline baseline, double alpha) {
        String anchor = switch (align) { case LEFT -> "start"; case CENTER -> "middle"; case RIGHT -> "end"; };
        String base = switch (baseline) { case TOP -> "text-before-edge"; case CENTER -> "central"; case BOTTOM -> "text-after-edge"; };
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-family=\"")
           .append(font.mono() ? "DejaVu Sans Mono, Menlo, Consolas, monospace" : "DejaVu Sans, Noto Sans CJK SC, Helvetica, Arial, sans-serif")
           .append("\" font-size=\"").append(n(font.size())).append('"');
        if (font.bold()) out.append(" font-weight=\"bold\"");
        out.append(" text-anchor=\"").append(anchor).append("\" dominant-baseline=\"").append(base).append("\" fill=\"")
           .append(fill).append('"').append(opacity("fill-opacity", alpha)).append(" xml:space=\"preserve\">")
           .append(escape(text)).append("</text>\n");
    }

    private static String opacity(String attr, double alpha) {
        return alpha >= 1 ? "" : " " + attr + "=\"" + n(alpha) + "\"";
    }

    private static String points(double[] xs, double[] ys) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < xs.length; i++) b.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        return b.toString();
    }

    private static String list(double[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : " ").append(n(v[i]));
        return b.toString();
    }

    static String n(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.indexOf('.') >= 0 ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
