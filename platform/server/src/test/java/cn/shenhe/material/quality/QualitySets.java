package cn.shenhe.material.quality;

import cn.shenhe.material.image.ImagePipeline;
import cn.shenhe.material.image.UploadRules;
import cn.shenhe.material.image.Watermark;
import cn.shenhe.material.image.WatermarkFont;
import cn.shenhe.plugin.api.GreyImage;
import cn.shenhe.plugin.api.ImageFormat;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The labelled sets. The thresholds were chosen on {@link #TUNING}; {@link #CHECK}, made with other
 * seeds, sizes, blur radii, exposures and scales, then showed two weak checks (overexposure took clean
 * scans for overexposed photos; framing missed documents at 0.6 of the frame), which were changed
 * with both sets in view; {@link #VALIDATION}, made only after that and never tuned on, is the one
 * the figures are asserted on. Each picture goes through the server's own pipeline, which makes the
 * grey copy the checks see.
 */
public final class QualitySets {

    public static final DegradedPhotos TUNING = new DegradedPhotos(1, List.of(new int[] {1000, 750}, new int[] {1200, 900},
            new int[] {800, 1000}, new int[] {1600, 1200}),
            new double[] {0.003, 0.005, 0.008}, new double[] {0.05, 0.08, 0.12}, new double[] {4, 6, 9},
            new double[] {0.35, 0.45, 0.55}, new double[] {0.0008, 0.5, 1.3, 0.9});

    public static final DegradedPhotos CHECK = new DegradedPhotos(2, List.of(new int[] {1100, 825}, new int[] {900, 1200},
            new int[] {1400, 1050}, new int[] {1000, 700}),
            new double[] {0.0035, 0.006, 0.01}, new double[] {0.06, 0.1, 0.14}, new double[] {5, 7, 10},
            new double[] {0.4, 0.5, 0.6}, new double[] {0.001, 0.45, 1.25, 0.85});

    public static final DegradedPhotos VALIDATION = new DegradedPhotos(3, List.of(new int[] {1300, 975}, new int[] {960, 1280},
            new int[] {1050, 800}, new int[] {1500, 1000}),
            new double[] {0.004, 0.007, 0.009}, new double[] {0.07, 0.11, 0.13}, new double[] {4.5, 6.5, 8},
            new double[] {0.38, 0.48, 0.58}, new double[] {0.0009, 0.48, 1.28, 0.88});

    /** A picture of a set as the checks get it. */
    public record Graded(DegradedPhotos.Labelled picture, GreyImage grey, int width, int height) {
    }

    private QualitySets() {
    }

    /** The tuning set takes the first two samples (id card, diploma), the check set the others, the validation set all. */
    public static List<Graded> graded(DegradedPhotos set) {
        List<String[]> samples = set == TUNING ? DegradedPhotos.SAMPLES.subList(0, 2)
                : set == CHECK ? DegradedPhotos.SAMPLES.subList(2, 5) : DegradedPhotos.SAMPLES;
        try (ImagePipeline pipeline = new ImagePipeline(WatermarkFont.locate(), Duration.ofSeconds(60), 1)) {
            UploadRules rules = new UploadRules(8L << 20, Set.of(ImageFormat.JPEG, ImageFormat.PNG), 16_000_000, 2400);
            Watermark watermark = Watermark.of("北京考区", "仅用于医师资格考试", "2026-12-05");
            return set.pictures(samples).stream().map(p -> {
                var processed = pipeline.process(p.jpeg(), rules, watermark);
                return new Graded(p, processed.grey(), processed.width(), processed.height());
            }).toList();
        }
    }
}
