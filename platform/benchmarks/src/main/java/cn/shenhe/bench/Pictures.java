package cn.shenhe.bench;

import cn.shenhe.material.image.JpegCodec;
import cn.shenhe.material.image.JpegCodecs;
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
 * The upload benchmark's pictures: {@code count} variants of one photo, each with pieces of the photo moved
 * about, so that their perceptual hashes lie far apart (issue 16's reuse lookup runs after
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
        byte[][] all = IntStream.range(0, count).parallel().mapToObj(i -> encode(codec, variant(base, i))).toArray(byte[][]::new);
        return new Pictures(all);
    }

    /**
     * The photo (as TYPE_3BYTE_BGR, the codec's layout) with sixteen pieces of itself moved elsewhere, placed by
     * {@code seed}: as detailed as the photo (157 KB on average at quality 90 against its 147 KB), and far apart by
     * the perceptual hash. Four translucent patches, as before, left 564 of 79,800 pairs of 400 variants within the
     * reuse threshold, so every upload of a soak found and recorded up to fifty "reuses"; these leave none (closest
     * pair 12 bits apart, the threshold 8).
     */
    private static BufferedImage variant(BufferedImage base, long seed) {
        int w = base.getWidth(), h = base.getHeight();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.drawImage(base, 0, 0, null);
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < 16; k++) {
            int pw = w / 8 + r.nextInt(w / 4), ph = h / 8 + r.nextInt(h / 4);
            int x = r.nextInt(w - pw), y = r.nextInt(h - ph), sx = r.nextInt(w - pw), sy = r.nextInt(h - ph);
            g.drawImage(base, x, y, x + pw, y + ph, sx, sy, sx + pw, sy + ph, null);
        }
        g.dispose();
        return img;
    }

    /**
     * A new variant for every upload, made ahead by one daemon thread: a soak stores tens of thousands of
     * pictures, and a fixed set sent round and round made every upload after the first round an exact copy of
     * earlier ones (the reuse detector then found and recorded up to fifty pairs per upload, and the soak
     * measured that). Costs the client ~5 ms of CPU per picture, on the server's cores: a timed phase takes
     * them from a stock made before it ({@link #stockUp}).
     */
    static Pictures fresh(byte[] photo) {
        BufferedImage base = decode(photo);
        JpegCodec codec = JpegCodecs.choose(JpegCodecs.Mode.AUTO, null).codec();
        // seeds of this run only: a server that kept an earlier run's pictures must not find this run's among them
        java.util.concurrent.atomic.AtomicLong seeds = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        java.util.concurrent.BlockingQueue<byte[]> ahead = new java.util.concurrent.ArrayBlockingQueue<>(256);
        java.util.Queue<byte[]> stock = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicInteger takenAhead = new AtomicInteger();
        Thread maker = new Thread(() -> {
            while (true) {
                try {
                    ahead.put(encode(codec, variant(base, seeds.getAndIncrement())));
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
            void stockUp(int count) {
                IntStream.range(0, count).parallel().forEach(i -> stock.add(encode(codec, variant(base, seeds.getAndIncrement()))));
                takenAhead.set(0);
            }

            @Override
            int stocked() {
                return stock.size();
            }

            @Override
            int madeDuringTiming() {
                return takenAhead.get();
            }

            @Override
            byte[] next() {
                byte[] stocked = stock.poll();
                if (stocked != null) {
                    return stocked;
                }
                takenAhead.incrementAndGet();
                try {
                    return ahead.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /** Pictures in the stock, not handed out yet. */
    int stocked() {
        return 0;
    }

    /**
     * Makes {@code count} more new pictures now, on every core, for {@link #next} to hand out before it makes any more:
     * the client's picture making then does not take the server's CPU while a phase is timed. No-op for a fixed set.
     */
    void stockUp(int count) {
    }

    /** Pictures handed out since the last {@link #stockUp} that were not in its stock (made while timing). */
    int madeDuringTiming() {
        return 0;
    }

    /** At quality 90 as the photo, or a little lower for the few variants that would exceed the 200 KB candidates are held to. */
    private static byte[] encode(JpegCodec codec, BufferedImage variant) {
        byte[] jpeg = codec.encode(variant, 90);
        for (int q = 85; jpeg.length > 200 * 1024 - 1024 && q >= 60; q -= 5) {
            jpeg = codec.encode(variant, q);
        }
        return jpeg;
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
