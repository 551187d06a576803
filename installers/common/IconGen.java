// Draws the WhiteMagic Workbench icon and writes it in the formats the installers need.
//
//   cd installers/common && $JAVA_HOME/bin/java IconGen.java          (JDK 25, headless, no network)
//
// Writes, relative to the repository root (found from this file's folder):
//   resources/icons/whitemagic.png                         256x256, Linux (jpackage --icon, .deb), the window icon
//   resources/icons/whitemagic.icns                        PNG-based icns (16..1024 px)
//   resources/icons/whitemagic.ico                     PNG-compressed ico (16..256 px)
//
// The mark: a rounded square with a deep indigo-to-violet gradient and a white hexagram
// (six I Ching lines, solid and broken alternating: 63 "After Completion"), a nod to the
// engine's 64 threading "hexagrams". Every size is drawn from the vector shapes, not scaled
// from a bitmap, so small sizes stay crisp.

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Area;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

public class IconGen {

    /** Draws the icon at size s x s. */
    static BufferedImage draw(int s) {
        var img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);

        double u = s / 256.0;                         // design grid: 256 units
        double m = s <= 32 ? 1 * u : 8 * u;           // margin (small icons use the full square)
        double side = s - 2 * m;
        double r = side * 0.22;                       // corner radius
        var square = new RoundRectangle2D.Double(m, m, side, side, 2 * r, 2 * r);

        // Background: deep indigo (top left) to violet (bottom right), soft light in the top left.
        g.setPaint(new GradientPaint((float) m, (float) m, new Color(0x23, 0x1B, 0x6B),
                (float) (m + side), (float) (m + side), new Color(0x6A, 0x2C, 0xB8)));
        g.fill(square);
        g.setClip(square);
        g.setPaint(new RadialGradientPaint(new Point2D.Double(m + side * 0.25, m + side * 0.2),
                (float) (side * 0.8), new float[] {0f, 1f},
                new Color[] {new Color(255, 255, 255, 46), new Color(255, 255, 255, 0)}));
        g.fill(square);
        g.setClip(null);
        if (s > 32) {                                 // thin inner rim
            g.setStroke(new BasicStroke((float) (2 * u)));
            g.setColor(new Color(255, 255, 255, 40));
            g.draw(new RoundRectangle2D.Double(m + u, m + u, side - 2 * u, side - 2 * u, 2 * r - 2 * u, 2 * r - 2 * u));
        }

        // The hexagram: six bars, read bottom to top; true = solid (yang), false = broken (yin).
        boolean[] lines = {true, false, true, false, true, false};
        double barW = side * 0.60;
        double x0 = (s - barW) / 2;
        double n = lines.length;
        double pitch = side * 0.105;                  // distance between bar tops
        double barH = pitch * (s <= 32 ? 0.62 : 0.58);
        double top = (s - (pitch * (n - 1) + barH)) / 2;
        double gap = barW * 0.16;                     // the break in a yin line
        double br = barH * 0.5;                       // rounded bar ends
        var mark = new Area();
        for (int i = 0; i < n; i++) {
            double y = top + (n - 1 - i) * pitch;
            if (lines[i]) {
                mark.add(new Area(new RoundRectangle2D.Double(x0, y, barW, barH, br, br)));
            } else {
                double half = (barW - gap) / 2;
                mark.add(new Area(new RoundRectangle2D.Double(x0, y, half, barH, br, br)));
                mark.add(new Area(new RoundRectangle2D.Double(x0 + half + gap, y, half, barH, br, br)));
            }
        }
        if (s > 32) {                                 // a faint shadow under the mark
            var shadow = new Area(mark);
            shadow.transform(java.awt.geom.AffineTransform.getTranslateInstance(0, 3 * u));
            g.setColor(new Color(10, 5, 40, 70));
            g.fill(shadow);
        }
        g.setPaint(new GradientPaint(0, (float) top, Color.WHITE,
                0, (float) (top + pitch * n), new Color(0xE4, 0xDC, 0xFF)));
        g.fill(mark);
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** An .ico whose entries are PNG-compressed (read by Windows Vista and later). */
    static byte[] ico(int... sizes) throws IOException {
        List<byte[]> images = new ArrayList<>();
        for (int s : sizes) images.add(png(draw(s)));
        var bytes = new ByteArrayOutputStream();
        var head = java.nio.ByteBuffer.allocate(6 + 16 * sizes.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        head.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int i = 0; i < sizes.length; i++) {
            int s = sizes[i];
            head.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s));
            head.put((byte) 0).put((byte) 0);                   // palette, reserved
            head.putShort((short) 1).putShort((short) 32);      // planes, bits per pixel
            head.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        bytes.write(head.array());
        for (byte[] b : images) bytes.write(b);
        return bytes.toByteArray();
    }

    /** An .icns with PNG entries (macOS 10.7 and later). */
    static byte[] icns() throws IOException {
        String[] types = {"icp4", "icp5", "icp6", "ic07", "ic08", "ic09", "ic10", "ic11", "ic12", "ic13", "ic14"};
        int[] sizes = {16, 32, 64, 128, 256, 512, 1024, 32, 64, 256, 512};
        var body = new ByteArrayOutputStream();
        var d = new DataOutputStream(body);
        for (int i = 0; i < types.length; i++) {
            byte[] p = png(draw(sizes[i]));
            d.writeBytes(types[i]);
            d.writeInt(p.length + 8);
            d.write(p);
        }
        var out = new ByteArrayOutputStream();
        var o = new DataOutputStream(out);
        o.writeBytes("icns");
        o.writeInt(body.size() + 8);
        body.writeTo(o);
        return out.toByteArray();
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path here = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        if (!Files.exists(here.resolve("IconGen.java"))) here = here.resolve("installers/common");
        Path installers = here.getParent();
        Path root = installers.getParent();
        Path icons = root.resolve("resources/icons");
        write(icons.resolve("whitemagic.png"), png(draw(256)));
        write(icons.resolve("whitemagic.icns"), icns());
        write(icons.resolve("whitemagic.ico"), ico(16, 24, 32, 48, 64, 128, 256));
        if (args.length > 1) {                        // preview sheet: IconGen.java . preview.png
            var sheet = new BufferedImage(16 + 32 + 48 + 64 + 128 + 256 + 7 * 12, 280, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = sheet.createGraphics();
            g.setColor(new Color(0xF2, 0xF2, 0xF2));
            g.fillRect(0, 0, sheet.getWidth(), 140);
            g.setColor(new Color(0x20, 0x20, 0x24));
            g.fillRect(0, 140, sheet.getWidth(), 140);
            int x = 12;
            for (int s : new int[] {16, 32, 48, 64, 128, 256}) {
                g.drawImage(draw(s), x, Math.max(4, 70 - s / 2), null);
                if (s < 256) g.drawImage(draw(s), x, 210 - s / 2, null);
                x += s + 12;
            }
            g.dispose();
            ImageIO.write(sheet, "png", Path.of(args[1]).toFile());
        }
    }

    static void write(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        System.out.println("wrote " + file + " (" + data.length + " bytes)");
    }
}
