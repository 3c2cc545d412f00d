package cn.shenhe.material.quality.bench;

import cn.shenhe.material.image.GreyThumbnail;
import cn.shenhe.material.image.SampleImages;
import cn.shenhe.plugin.api.CheckResult;
import cn.shenhe.plugin.api.GreyImage;
import cn.shenhe.plugin.api.ImageFacts;
import cn.shenhe.plugin.api.ImageFormat;
import cn.shenhe.plugin.api.PluginSettings;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.plugins.quality.QualityChecks;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Milliseconds per picture of each quality check alone (with the measures it needs: the overexposure
 * check also measures sharpness, blur the document's extent), of all five together, and of the
 * pipeline's grey copy they look at. The checks run on the largest grey copy the host makes (512x384,
 * from a 1024x768 photo); the grey copy is made from photos at the sizes uploads are stored at.
 *
 * <pre>
 * ./mvnw -q -pl platform/benchmarks -am test-compile -Pjmh -Djmh.args="QualityCheckBenchmark.checkPicture -f 1 -wi 3 -i 5 -w 2s -r 2s"
 * ./mvnw -q -pl platform/benchmarks -am test-compile -Pjmh -Djmh.args="QualityCheckBenchmark.greyCopy -p check=all -f 1 -wi 3 -i 5 -w 2s -r 2s"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class QualityCheckBenchmark {

    private static final List<String> CHECKS = List.of("blur", "dark", "overexposed", "framing", "sideways");
    private static final RegistrationFacts FACTS = new RegistrationFacts("bj", "bj-01", "clinical-physician", 2027);

    @Param({"blur", "dark", "overexposed", "framing", "sideways", "all"})
    public String check;

    private final QualityChecks checks = new QualityChecks();
    private GreyImage grey;
    private ImageFacts facts;
    private PluginSettings settings;

    @Setup(Level.Trial)
    public void setUp() {
        grey = GreyThumbnail.of(bgr(SampleImages.documentPhoto(1024, 768, 3, 42)));
        facts = new ImageFacts("id-card", ImageFormat.JPEG, 150_000, 1024, 768);
        Map<String, Object> values = new HashMap<>();
        for (String c : CHECKS) {
            values.put(c, Map.of("mode", check.equals("all") || check.equals(c) ? "warn" : "off"));
        }
        values.put("types", Map.of("id-card", Map.of("orientation", "landscape")));
        settings = new PluginSettings(values);
    }

    @Benchmark
    public CheckResult checkPicture() {
        return checks.check(FACTS, facts, grey, settings);
    }

    /** The grey copy, from a stored picture's size. */
    @State(Scope.Benchmark)
    public static class Stored {
        @Param({"1000x750", "2400x1800"})
        public String size;
        BufferedImage picture;

        @Setup(Level.Trial)
        public void setUp() {
            String[] wh = size.split("x");
            picture = bgr(SampleImages.documentPhoto(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 3, 42));
        }
    }

    @Benchmark
    public GreyImage greyCopy(Stored stored) {
        return GreyThumbnail.of(stored.picture);
    }

    static BufferedImage bgr(BufferedImage rgb) {
        BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.drawImage(rgb, 0, 0, null);
        g.dispose();
        return out;
    }
}
