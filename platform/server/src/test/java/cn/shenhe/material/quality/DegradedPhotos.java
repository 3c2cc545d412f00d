package cn.shenhe.material.quality;

import cn.shenhe.material.image.SampleImages;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * A labelled set of pictures for the quality checks, made from sharp sample photos: the generated
 * document photos of {@link SampleImages} and the plugins' sample pictures (示例图片), each also
 * blurred, darkened, brightened, turned sideways and shrunk into a corner, as clearly bad versions
 * (labelled with the check that should find them) and as mildly changed ones (labelled clean: a
 * check that fires on them is wrong). Every picture gets fresh sensor noise after the change, as a
 * camera would add it, and is encoded as a JPEG.
 *
 * @param blurs     Gaussian sigmas as a share of the picture's long side, clearly blurred
 * @param darks     exposure factors (linear light) for clearly dark pictures
 * @param brights   exposure factors for clearly overexposed pictures
 * @param shrinks   scales of a document shrunk into a corner
 * @param mild      one mild version of each change: {blur sigma, dark factor, bright factor, shrink scale}
 */
public record DegradedPhotos(long seed, List<int[]> photoSizes, double[] blurs, double[] darks, double[] brights,
                      double[] shrinks, double[] mild) {

    /** A labelled picture: the checks (by code) that should find something on it. */
    public record Labelled(String name, String materialType, byte[] jpeg, Set<String> expected) {
    }

    /** The plugins' sample pictures (480x300 scans of a card or certificate) and the type each stands for. */
    static final List<String[]> SAMPLES = List.of(
            new String[] {"plugins/standard-materials/src/main/resources/samples/id-card.png", "id-card"},
            new String[] {"plugins/standard-materials/src/main/resources/samples/diploma.png", "diploma"},
            new String[] {"plugins/standard-materials/src/main/resources/samples/practice-proof.png", "practice-proof"},
            new String[] {"plugins/standard-materials/src/main/resources/samples/other.png", "other"},
            new String[] {"plugins/gd-materials/src/main/resources/samples/residence-proof.png", "residence-proof"});

    List<Labelled> pictures(List<String[]> samples) {
        Random random = new Random(seed);
        List<Labelled> out = new ArrayList<>();
        List<Object[]> bases = new ArrayList<>();
        for (int[] size : photoSizes) {
            long s = random.nextLong();
            bases.add(new Object[] {"photo" + size[0] + "x" + size[1] + "#" + (s & 0xFFFF), "other",
                    SampleImages.documentPhoto(size[0], size[1], 3, s)});
        }
        for (String[] sample : samples) {
            bases.add(new Object[] {Path.of(sample[0]).getFileName().toString(), sample[1], rgb(read(sample[0]))});
        }
        for (Object[] base : bases) {
            String name = (String) base[0], type = (String) base[1];
            BufferedImage img = (BufferedImage) base[2];
            out.add(labelled(name, type, img, random, Set.of()));
            for (double b : blurs) {
                out.add(labelled(name + " blur " + b, type, blur(img, b), random, Set.of("image-blurred")));
            }
            for (double k : darks) {
                out.add(labelled(name + " dark " + k, type, exposure(img, k), random, Set.of("image-too-dark")));
            }
            for (double k : brights) {
                out.add(labelled(name + " bright " + k, type, exposure(img, k), random, Set.of("image-overexposed")));
            }
            out.add(labelled(name + " sideways cw", type, quarterTurn(img, true), random, Set.of("image-sideways")));
            out.add(labelled(name + " sideways ccw", type, quarterTurn(img, false), random, Set.of("image-sideways")));
            for (double s : shrinks) {
                out.add(labelled(name + " corner " + s, type, intoCorner(img, s, random), random, Set.of("document-too-small")));
            }
            out.add(labelled(name + " mild blur", type, blur(img, mild[0]), random, Set.of()));
            out.add(labelled(name + " mild dark", type, exposure(img, mild[1]), random, Set.of()));
            out.add(labelled(name + " mild bright", type, exposure(img, mild[2]), random, Set.of()));
            out.add(labelled(name + " mild shrink", type, intoCorner(img, mild[3], random), random, Set.of()));
        }
        return out;
    }

    private static Labelled labelled(String name, String type, BufferedImage img, Random random, Set<String> expected) {
        return new Labelled(name, type, SampleImages.jpeg(noisy(img, 3, random), 0.9f), expected);
    }

    static BufferedImage read(String repoPath) {
        Path p = Path.of("../..").resolve(repoPath);
        try {
            return ImageIO.read(Files.newInputStream(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage rgb(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    /** Separable Gaussian blur, edges clamped; sigma as a share of the long side. */
    public static BufferedImage blur(BufferedImage src, double share) {
        int w = src.getWidth(), h = src.getHeight();
        double sigma = share * Math.max(w, h);
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double total = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
            total += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= total;
        }
        int[] px = src.getRGB(0, 0, w, h, null, 0, w);
        float[][] ch = new float[3][w * h];
        for (int i = 0; i < px.length; i++) {
            ch[0][i] = (px[i] >> 16) & 0xFF;
            ch[1][i] = (px[i] >> 8) & 0xFF;
            ch[2][i] = px[i] & 0xFF;
        }
        float[] tmp = new float[w * h];
        for (float[] c : ch) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int i = -r; i <= r; i++) {
                        s += k[i + r] * c[y * w + Math.min(w - 1, Math.max(0, x + i))];
                    }
                    tmp[y * w + x] = (float) s;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int i = -r; i <= r; i++) {
                        s += k[i + r] * tmp[Math.min(h - 1, Math.max(0, y + i)) * w + x];
                    }
                    c[y * w + x] = (float) s;
                }
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < px.length; i++) {
            px[i] = clamp(Math.round(ch[0][i])) << 16 | clamp(Math.round(ch[1][i])) << 8 | clamp(Math.round(ch[2][i]));
        }
        out.setRGB(0, 0, w, h, px, 0, w);
        return out;
    }

    /** A camera's exposure changed by {@code factor} in linear light (sRGB-like gamma 2.2), clipped at white. */
    static BufferedImage exposure(BufferedImage src, double factor) {
        int[] lut = new int[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = clamp((int) Math.round(255 * Math.pow(Math.min(1, Math.pow(v / 255.0, 2.2) * factor), 1 / 2.2)));
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                int c = src.getRGB(x, y);
                out.setRGB(x, y, lut[(c >> 16) & 0xFF] << 16 | lut[(c >> 8) & 0xFF] << 8 | lut[c & 0xFF]);
            }
        }
        return out;
    }

    static BufferedImage quarterTurn(BufferedImage src, boolean clockwise) {
        int w = src.getWidth(), h = src.getHeight();
        BufferedImage out = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (clockwise) {
                    out.setRGB(h - 1 - y, x, src.getRGB(x, y));
                } else {
                    out.setRGB(y, w - 1 - x, src.getRGB(x, y));
                }
            }
        }
        return out;
    }

    /** The picture scaled by {@code scale} into a random corner of a desk of the original size. */
    static BufferedImage intoCorner(BufferedImage src, double scale, Random random) {
        int w = src.getWidth(), h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        Color desk = new Color(70 + random.nextInt(70), 50 + random.nextInt(50), 30 + random.nextInt(40));
        g.setPaint(new GradientPaint(0, 0, desk, w, h, desk.brighter()));
        g.fillRect(0, 0, w, h);
        int sw = (int) (w * scale), sh = (int) (h * scale);
        int margin = (int) (Math.min(w, h) * 0.03);
        int x = random.nextBoolean() ? margin : w - sw - margin;
        int y = random.nextBoolean() ? margin : h - sh - margin;
        g.drawImage(src.getScaledInstance(sw, sh, Image.SCALE_AREA_AVERAGING), x, y, null);
        g.dispose();
        return out;
    }

    private static BufferedImage noisy(BufferedImage src, int noise, Random random) {
        int w = src.getWidth(), h = src.getHeight();
        int[] px = src.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < px.length; i++) {
            int n = random.nextInt(2 * noise + 1) - noise;
            int c = px[i];
            px[i] = clamp(((c >> 16) & 0xFF) + n) << 16 | clamp(((c >> 8) & 0xFF) + n) << 8 | clamp((c & 0xFF) + n);
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, px, 0, w);
        return out;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
