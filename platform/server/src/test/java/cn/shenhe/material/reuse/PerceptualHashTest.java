package cn.shenhe.material.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.material.image.ImagePipeline;
import cn.shenhe.material.image.ProcessedImage;
import cn.shenhe.material.image.SampleImages;
import cn.shenhe.material.image.TestCodecs;
import cn.shenhe.material.image.UploadRules;
import cn.shenhe.material.image.Watermark;
import cn.shenhe.material.image.WatermarkFont;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hash through the real upload pipeline (its grey copy, its watermark): copies of a stored picture, as a
 * second candidate would make them, stay within {@link ReuseBands#THRESHOLD} and are reached by the index's banded
 * probes; photos of other people's cards of the same template stay beyond it.
 */
class PerceptualHashTest {

    private static final Logger LOG = Logger.getLogger(PerceptualHashTest.class.getName());
    private static final int PEOPLE = 16;
    private static final UploadRules RULES = UploadRules.defaults().withMaxBytes(4_000_000);
    private static final Watermark FIRST = Watermark.of("北京考区", "仅用于医师资格考试", "2026-11-26");
    private static final Watermark SECOND = Watermark.of("上海考区", "仅用于医师资格考试", "2026-12-01");
    private static ImagePipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = new ImagePipeline(TestCodecs.codec("imageio"), WatermarkFont.locate(), Duration.ofSeconds(30), 2);
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void copiesAreCloseAndOtherPeoplesCardsFar() {
        List<Integer> copies = new ArrayList<>(), others = new ArrayList<>();
        List<String> unreached = new ArrayList<>();
        long[] originals = new long[PEOPLE];
        for (int i = 0; i < PEOPLE; i++) {
            ProcessedImage stored = upload(SampleImages.jpeg(SyntheticIdCards.card(i, 1000 + i), 0.9f), FIRST);
            originals[i] = PerceptualHash.of(stored.grey());
            // the stored (watermarked) picture downloaded, scaled, recompressed, uploaded elsewhere (watermarked again)
            for (double[] change : new double[][] {{0.95, 0.6}, {1.0, 0.5}, {0.9, 0.75}}) {
                byte[] copy = SyntheticIdCards.copied(decode(stored.bytes()), change[0], (float) change[1]);
                long copied = PerceptualHash.of(upload(copy, SECOND).grey());
                int distance = PerceptualHash.distance(originals[i], copied);
                copies.add(distance);
                if (!ReuseBands.reaches(originals[i], copied)) {
                    unreached.add("card " + i + " scaled " + change[0] + " quality " + change[1] + ": " + distance + " bits, "
                            + Long.toHexString(originals[i]) + " vs " + Long.toHexString(copied));
                }
            }
        }
        for (int i = 0; i < PEOPLE; i++) {
            for (int j = i + 1; j < PEOPLE; j++) {
                others.add(PerceptualHash.distance(originals[i], originals[j]));
            }
        }
        Collections.sort(copies);
        Collections.sort(others);
        LOG.info("copies " + copies + "; other people's cards, lowest " + others.subList(0, 20));
        assertTrue(copies.getLast() <= ReuseBands.THRESHOLD, "a copy beyond the threshold: " + copies);
        assertTrue(others.getFirst() > ReuseBands.THRESHOLD, "another person's card within the threshold: " + others.subList(0, 10));
        // within the threshold is not enough: the index must read the copy, or it is never flagged (the lookup
        // probes each band's value and its one-bit neighbours, ReuseIndex.near; the relation is symmetric, so
        // this is the copy's lookup finding the original as much as the other way round)
        assertEquals(List.of(), unreached, "copies the banded lookup does not reach");
    }

    @Test
    void theSamePictureHashesTheSameAndTheHashIsStable() {
        byte[] jpeg = SampleImages.jpeg(SyntheticIdCards.card(7, 7), 0.9f);
        long a = PerceptualHash.of(upload(jpeg, FIRST).grey());
        assertEquals(a, PerceptualHash.of(upload(jpeg, SECOND).grey()));   // the watermark comes after the hash
        int set = Long.bitCount(a);
        assertTrue(set > 16 && set < 48, "bits set: " + set);
    }

    private static ProcessedImage upload(byte[] jpeg, Watermark watermark) {
        return pipeline.process(jpeg, RULES, watermark);
    }

    private static java.awt.image.BufferedImage decode(byte[] jpeg) {
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
