package cn.shenhe.material.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The banded lookup's promise, on random hashes: what the index probes reach, against the Hamming distance. */
class ReuseBandsTest {

    private final SplittableRandom random = new SplittableRandom(11);

    private long flip(long hash, int bits) {
        long h = hash;
        while (Long.bitCount(h ^ hash) < bits) {
            h ^= 1L << random.nextInt(64);
        }
        return h;
    }

    @Test
    void everyHashWithinSevenBitsIsReached() {
        for (int i = 0; i < 200_000; i++) {
            long h = random.nextLong();
            int d = random.nextInt(8);
            assertTrue(ReuseBands.reaches(h, flip(h, d)), "distance " + d);
        }
    }

    @Test
    void atEightBitsAllButTheEvenSplitsAreReached() {
        int n = 200_000, missed = 0;
        for (int i = 0; i < n; i++) {
            long h = random.nextLong();
            if (!ReuseBands.reaches(h, flip(h, 8))) {
                missed++;
            }
        }
        // C(16,2)^4 / C(64,8) = 0.0468
        assertEquals(0.0468, (double) missed / n, 0.003);
    }

    @Test
    void bandsAndProbes() {
        long h = 0x0123_4567_89AB_CDEFL;
        assertTrue(Arrays.equals(new int[] {0xCDEF, 0x89AB, 0x4567, 0x0123}, ReuseBands.of(h)));
        int[] probes = ReuseBands.probes(0);
        assertEquals(17, probes.length);
        assertEquals(17, Arrays.stream(probes).distinct().count());
        assertTrue(Arrays.stream(probes).allMatch(p -> Integer.bitCount(p) <= 1));
    }
}
