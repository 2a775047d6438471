import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Draws the application icon (a sequence diagram: two lifelines, SYN, SYN-ACK, ACK) and writes
 * it as PNG (Linux), ICO (Windows) and ICNS (macOS), both containers holding PNG images.
 * Run once, output committed: {@code java src/packaging/MakeIcon.java src/packaging}.
 */
public class MakeIcon {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/packaging");
        Files.createDirectories(dir);
        Files.write(dir.resolve("handshake-lab.png"), png(draw(256)));
        Files.write(dir.resolve("handshake-lab.ico"), ico(new int[]{16, 32, 48, 256}));
        Files.write(dir.resolve("handshake-lab.icns"), icns());
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size / 256.0;
        g.scale(s, s);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f4e8c), 0, 256, new Color(0x0f2a4d)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 52, 52));
        // lifelines, coloured like the states they pass through (SYN amber, then ESTABLISHED green)
        float w = size < 40 ? 14f : 10f;
        g.setStroke(new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0xe69f00));
        g.drawLine(64, 40, 64, 120);
        g.drawLine(192, 40, 192, 140);
        g.setColor(new Color(0x2fc896));
        g.drawLine(64, 150, 64, 216);
        g.drawLine(192, 176, 192, 216);
        // SYN, SYN-ACK, ACK
        g.setColor(Color.WHITE);
        float a = size < 40 ? 12f : 8f;
        g.setStroke(new BasicStroke(a, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        arrow(g, 64, 56, 192, 96);
        arrow(g, 192, 104, 64, 144);
        arrow(g, 64, 152, 192, 192);
        g.dispose();
        return img;
    }

    static void arrow(Graphics2D g, double x1, double y1, double x2, double y2) {
        double ang = Math.atan2(y2 - y1, x2 - x1), head = 22;
        double bx = x2 - Math.cos(ang) * head * 0.8, by = y2 - Math.sin(ang) * head * 0.8;
        g.draw(new java.awt.geom.Line2D.Double(x1, y1, bx, by));
        Path2D p = new Path2D.Double();
        p.moveTo(x2, y2);
        p.lineTo(x2 - head * Math.cos(ang - 0.45), y2 - head * Math.sin(ang - 0.45));
        p.lineTo(x2 - head * Math.cos(ang + 0.45), y2 - head * Math.sin(ang + 0.45));
        p.closePath();
        g.fill(p);
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** ICO with PNG-compressed entries (Windows Vista and later). */
    static byte[] ico(int[] sizes) throws IOException {
        byte[][] pngs = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) pngs[i] = png(draw(sizes[i]));
        int offset = 6 + 16 * sizes.length;
        ByteBuffer b = ByteBuffer.allocate(offset + java.util.Arrays.stream(pngs).mapToInt(x -> x.length).sum()).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            b.put((byte) (sizes[i] >= 256 ? 0 : sizes[i])).put((byte) (sizes[i] >= 256 ? 0 : sizes[i]));
            b.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            b.putInt(pngs[i].length).putInt(offset);
            offset += pngs[i].length;
        }
        for (byte[] p : pngs) b.put(p);
        return b.array();
    }

    /** ICNS with PNG entries: ic07 128, ic08 256, ic09 512. */
    static byte[] icns() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        String[] types = {"ic07", "ic08", "ic09"};
        int[] sizes = {128, 256, 512};
        for (int i = 0; i < types.length; i++) {
            byte[] p = png(draw(sizes[i]));
            d.writeBytes(types[i]);
            d.writeInt(8 + p.length);
            d.write(p);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.writeBytes("icns");
        o.writeInt(8 + body.size());
        o.write(body.toByteArray());
        return out.toByteArray();
    }
}
