package cn.shenhe.material.reuse;

/**
 * How a hash is found among a million without reading them all (multi-index hashing): the 64 bits are cut into
 * {@value #BANDS} bands of 16, each an indexed column. A lookup asks each band's index for the query's band value
 * and its 16 one-bit neighbours (17 values, 68 over the four bands), and checks the exact distance of what comes
 * back. Two hashes at most 7 bits apart always meet this way (pigeonhole: differing in two or more bits in every
 * band takes 8); at {@value #THRESHOLD} bits they are missed only when the 8 bits fall exactly two in each band
 * (C(16,2)^4 / C(64,8), 4.7 % of such pairs). Asking for two-bit neighbours too would make it certain at 8, for
 * 137 values a band instead of 17: eight times the index reads at every upload, for that one distance.
 * With the hash's bits independent and evenly set ({@link PerceptualHash}), a band value holds one picture in
 * 65,536: at a million pictures a lookup reads about 1,000 index entries.
 *
 * <p>Why {@value #THRESHOLD}: copies (re-encoded, scaled to 90-95 %, recompressed at quality 50-75, watermarked
 * again) came at most 8 bits from their original, other people's cards of one template at least 10
 * ({@code PerceptualHashTest}; the figures in docs/operations.md).
 */
public final class ReuseBands {

    /** The largest Hamming distance flagged as a reuse. */
    public static final int THRESHOLD = 8;
    public static final int BANDS = 4;
    static final int BAND_BITS = 16;

    private ReuseBands() {
    }

    /** The hash's band values, band 0 from the lowest bits. */
    public static int[] of(long hash) {
        int[] bands = new int[BANDS];
        for (int b = 0; b < BANDS; b++) {
            bands[b] = (int) (hash >>> (b * BAND_BITS)) & 0xFFFF;
        }
        return bands;
    }

    /**
     * Whether a lookup for {@code query} reads {@code stored} from the index ({@link ReuseIndex#near}): some band
     * of {@code stored} is among the {@link #probes} of the query's same band. Only what it reads can be flagged.
     */
    public static boolean reaches(long query, long stored) {
        int[] q = of(query), s = of(stored);
        for (int b = 0; b < BANDS; b++) {
            for (int probe : probes(q[b])) {
                if (probe == s[b]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A band value and its one-bit neighbours: what a lookup asks that band's index for. */
    public static int[] probes(int band) {
        int[] out = new int[BAND_BITS + 1];
        out[0] = band;
        for (int i = 0; i < BAND_BITS; i++) {
            out[i + 1] = band ^ (1 << i);
        }
        return out;
    }
}
