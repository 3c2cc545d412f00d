package cn.shenhe.bench;

import cn.shenhe.material.image.JpegCodec;
import cn.shenhe.material.image.JpegCodecs;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * The upload benchmark's pictures: {@code count} variants of one photo, each with a few large translucent
 * patches of its own, so that their perceptual hashes lie far apart (issue 16's reuse lookup runs after
 * every upload). Real candidates upload different pictures and the lookup finds next to nothing; the same
 * photo sent again and again made every upload a copy of all the earlier ones (up to fifty pairs recorded
 * each time, and a lookup reading every earlier copy), which is the service's worst case, not its day.
 * Same size, content and JPEG quality as the photo, so decoding and encoding cost as much.
 */
class Pictures {

    private final byte[][] all;
    private final AtomicInteger next = new AtomicInteger();

    private Pictures(byte[][] all) {
        this.all = all;
    }

    /** The photo itself only: every upload the same picture, as the benchmark sent before. */
    static Pictures same(byte[] photo) {
        return new Pictures(new byte[][] {photo});
    }

    static Pictures variants(byte[] photo, int count) {
        BufferedImage base = decode(photo);
        JpegCodec codec = JpegCodecs.choose(JpegCodecs.Mode.AUTO, null).codec();
        byte[][] all = IntStream.range(0, count).parallel().mapToObj(i -> codec.encode(variant(base, i), 90)).toArray(byte[][]::new);
        return new Pictures(all);
    }

    /** The photo (as TYPE_3BYTE_BGR, the codec's layout) under four patches placed by {@code seed}. */
    private static BufferedImage variant(BufferedImage base, long seed) {
        int w = base.getWidth(), h = base.getHeight();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.drawImage(base, 0, 0, null);
        SplittableRandom r = new SplittableRandom(seed);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.45f));
        for (int k = 0; k < 4; k++) {
            int pw = w / 6 + r.nextInt(w / 4), ph = h / 6 + r.nextInt(h / 4);
            g.setColor(r.nextBoolean() ? Color.BLACK : Color.WHITE);
            g.fillRect(r.nextInt(w - pw), r.nextInt(h - ph), pw, ph);
        }
        g.dispose();
        return img;
    }

    /**
     * A new variant for every upload, made ahead by one daemon thread: a soak stores tens of thousands of
     * pictures, and a fixed set sent round and round made every upload after the first round an exact copy of
     * earlier ones (the reuse detector then found and recorded up to fifty pairs per upload, and the soak
     * measured that). Costs the client ~5 ms of CPU per picture.
     */
    static Pictures fresh(byte[] photo) {
        BufferedImage base = decode(photo);
        JpegCodec codec = JpegCodecs.choose(JpegCodecs.Mode.AUTO, null).codec();
        java.util.concurrent.BlockingQueue<byte[]> ahead = new java.util.concurrent.ArrayBlockingQueue<>(256);
        Thread maker = new Thread(() -> {
            // seeds of this run only: a server that kept an earlier run's pictures must not find this run's among them
            for (long seed = System.nanoTime(); ; seed++) {
                try {
                    ahead.put(codec.encode(variant(base, seed), 90));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "pictures");
        maker.setDaemon(true);
        maker.start();
        return new Pictures(null) {
            @Override
            long makingCpuNanos() {
                return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(maker.threadId());
            }

            @Override
            byte[] next() {
                try {
                    return ahead.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static BufferedImage decode(byte[] photo) {
        try {
            return ImageIO.read(new ByteArrayInputStream(photo));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CPU this JVM spent making pictures so far (a client's CPU per upload leaves it out). */
    long makingCpuNanos() {
        return 0;
    }

    /** How many pictures go round; 0 for {@link #fresh}. */
    int count() {
        return all == null ? 0 : all.length;
    }

    byte[] next() {
        return all[Math.floorMod(next.getAndIncrement(), all.length)];
    }
}
