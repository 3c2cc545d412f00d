package cn.shenhe.material.reuse;

import cn.shenhe.material.image.SampleImages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;

/**
 * ID-card-like photos of one template for the reuse tests: the same card, desk, lighting and label layout
 * for everyone, only the person differs (name, birth date, address, ID number, the portrait). The hard case
 * for a perceptual hash: two such photos must still be told apart, while a copy of one must not.
 */
public final class SyntheticIdCards {

    private static final String[] SURNAMES = {"ZHANG", "WANG", "LI", "ZHAO", "CHEN", "LIU", "YANG", "HUANG", "ZHOU", "WU"};
    private static final String[] GIVEN = {"Wei", "Fang", "Min", "Jing", "Lei", "Qiang", "Yan", "Jun", "Hui", "Xiu Ying"};
    private static final String[] STREETS = {"Chaoyang Rd", "Haidian St", "Xinjiekou", "Dongcheng Hutong", "Fengtai Ave",
            "Tongzhou Ln", "Changping Rd", "Xicheng Alley"};

    private SyntheticIdCards() {
    }

    /**
     * The card of person {@code person}, photographed at 1000x750 on a desk; {@code shot} decides what differs
     * between two people's photos of their cards: where the card lies (a few percent of the frame), its tilt
     * (up to 3 degrees), the light, and the sensor noise.
     */
    public static BufferedImage card(long person, long shot) {
        int w = 1000, h = 750;
        Random p = new Random(person);
        Random n = new Random(shot);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(90, 70, 52), w, h, new Color(140, 112, 84)));
        g.fillRect(0, 0, w, h);                                                   // the desk
        g.rotate(Math.toRadians(n.nextDouble() * 6 - 3), w / 2.0, h / 2.0);
        g.translate(n.nextInt(61) - 30, n.nextInt(41) - 20);
        int cx = 100, cy = 120, cw = 800, ch = 505;                               // ISO ID-1 proportions
        g.setPaint(new GradientPaint(cx, cy, new Color(226, 236, 240), cx + cw, cy + ch, new Color(200, 214, 222)));
        g.fill(new RoundRectangle2D.Double(cx, cy, cw, ch, 40, 40));              // the card
        g.setColor(new Color(180, 200, 214));
        g.setStroke(new BasicStroke(2));
        for (int i = 0; i < 12; i++) {                                            // the template's guilloche
            g.drawOval(cx + 40 + i * 30, cy + 280 - i * 8, 300, 120);
        }
        // the portrait: a lighter field with a head, hair and shoulders, shaped by the person
        int fx = cx + 560, fy = cy + 60, fw = 190, fh = 240;
        g.setColor(new Color(236, 240, 244));
        g.fillRect(fx, fy, fw, fh);
        int skin = 170 + p.nextInt(60);
        int headW = 80 + p.nextInt(30), headH = 100 + p.nextInt(30), headX = fx + fw / 2 - headW / 2 + p.nextInt(21) - 10;
        g.setColor(new Color(40 + p.nextInt(120), 40 + p.nextInt(90), 40 + p.nextInt(140)));
        g.fillRoundRect(fx + 20 + p.nextInt(20), fy + 170 + p.nextInt(20), fw - 40, 80, 60, 60);   // shoulders, clothes
        g.setColor(new Color(skin, skin * 4 / 5, skin * 2 / 3));
        g.fillOval(headX, fy + 40 + p.nextInt(20), headW, headH);
        g.setColor(new Color(20 + p.nextInt(40), 15 + p.nextInt(30), 10 + p.nextInt(30)));
        int hair = 20 + p.nextInt(40);
        g.fillArc(headX - 5, fy + 30 + p.nextInt(10), headW + 10, headH / 2 + hair, 0, 180);
        // the labels (the template) and the values (the person)
        g.setColor(new Color(60, 90, 130));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
        String[] labels = {"Name", "Sex", "Nation", "Born", "Address"};
        for (int i = 0; i < labels.length; i++) {
            g.drawString(labels[i], cx + 40, cy + 80 + i * 60);
        }
        g.drawString("Citizen ID number", cx + 40, cy + 450);
        g.setColor(new Color(25, 25, 30));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
        g.drawString(SURNAMES[p.nextInt(SURNAMES.length)] + " " + GIVEN[p.nextInt(GIVEN.length)], cx + 170, cy + 80);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
        g.drawString(p.nextBoolean() ? "Male" : "Female", cx + 170, cy + 140);
        g.drawString("Han", cx + 330, cy + 140);
        g.drawString((1970 + p.nextInt(35)) + " " + (1 + p.nextInt(12)) + " " + (1 + p.nextInt(28)), cx + 170, cy + 260);
        g.drawString((1 + p.nextInt(300)) + " " + STREETS[p.nextInt(STREETS.length)], cx + 170, cy + 320);
        g.drawString("Building " + (1 + p.nextInt(30)) + ", Unit " + (1 + p.nextInt(9)) + ", Beijing", cx + 170, cy + 360);
        StringBuilder id = new StringBuilder("1101");
        for (int i = 0; i < 14; i++) {
            id.append(p.nextInt(10));
        }
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 32));
        g.drawString(id.toString(), cx + 300, cy + 455);
        g.dispose();

        double light = 0.9 + n.nextDouble() * 0.2;
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            int d = n.nextInt(7) - 3, c = px[i];
            px[i] = clamp((int) (((c >> 16) & 0xFF) * light) + d) << 16 | clamp((int) (((c >> 8) & 0xFF) * light) + d) << 8
                    | clamp((int) ((c & 0xFF) * light) + d);
        }
        return img;
    }

    /** What someone does to reuse another's stored picture: scaled to {@code scale}, encoded again at {@code quality}. */
    public static byte[] copied(BufferedImage stored, double scale, float quality) {
        int w = (int) Math.round(stored.getWidth() * scale), h = (int) Math.round(stored.getHeight() * scale);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(stored, 0, 0, w, h, null);
        g.dispose();
        return SampleImages.jpeg(out, quality);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
