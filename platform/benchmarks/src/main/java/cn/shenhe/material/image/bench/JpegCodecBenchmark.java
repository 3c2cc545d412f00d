package cn.shenhe.material.image.bench;

import cn.shenhe.material.image.ImagePipeline;
import cn.shenhe.material.image.JpegCodec;
import cn.shenhe.material.image.JpegHeader;
import cn.shenhe.material.image.ProcessedImage;
import cn.shenhe.material.image.SampleImages;
import cn.shenhe.material.image.StageTimings;
import cn.shenhe.material.image.TestCodecs;
import cn.shenhe.material.image.UploadRules;
import cn.shenhe.material.image.Watermark;
import cn.shenhe.material.image.WatermarkFont;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * libjpeg-turbo against ImageIO in one run: decode, encode, and the whole pipeline (header check,
 * decode, orientation, watermark, encode) for the ~150 KB 1000x750 photo, a 1280x960 one and an
 * unreduced 4000x3000 phone photo (Exif orientation 6). Milliseconds per picture on one thread; the
 * pipeline also prints its mean time per stage (measurement iterations only).
 *
 * <pre>
 * ./mvnw -q -pl platform/benchmarks -am test-compile -Pjmh [-Djmh.args="JpegCodecBenchmark -f 1 -wi 3 -i 5 -r 5s -w 5s -p size=1000x750"]
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JpegCodecBenchmark {

    private static final Watermark WATERMARK = Watermark.of("北京考区", "仅用于医师资格考试", "2026-11-26");
    private static final String[] STAGES = {"read+hash", "sniff", "header", "decode", "orient+rgb", "watermark", "encode", "total"};

    @Param({"native", "imageio"})
    public String codec;

    @Param({"1000x750", "1280x960", "4000x3000"})
    public String size;

    private JpegCodec jpeg;
    private ImagePipeline pipeline;
    private byte[] bytes;
    private JpegHeader header;
    private BufferedImage pixels;
    private UploadRules rules;
    private volatile boolean measuring;
    private final LongAdder count = new LongAdder();
    private final LongAdder[] stages = new LongAdder[STAGES.length];

    @Setup(Level.Trial)
    public void setUp() {
        jpeg = TestCodecs.codec(codec);
        // one worker: the benchmark thread hands each picture over and waits, as a request thread does
        pipeline = new ImagePipeline(jpeg, WatermarkFont.locate(), Duration.ofSeconds(30), 1);
        bytes = switch (size) {
            case "1000x750" -> SampleImages.photoJpeg();
            case "4000x3000" -> SampleImages.phonePhotoJpeg(6);
            default -> {
                String[] wh = size.split("x");
                yield SampleImages.jpeg(SampleImages.documentPhoto(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 3, 42), 0.85f);
            }
        };
        header = JpegHeader.read(bytes).orElseThrow();
        pixels = jpeg.decode(bytes, header, 0).orElseThrow();
        rules = UploadRules.defaults().withMaxBytes(Math.max(UploadRules.DEFAULT_MAX_BYTES, bytes.length));
        for (int i = 0; i < stages.length; i++) stages[i] = new LongAdder();
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    @Benchmark
    public BufferedImage decode() {
        return jpeg.decode(bytes, header, 0).orElseThrow();
    }

    @Benchmark
    public byte[] encode() {
        return jpeg.encode(pixels, 85);
    }

    @Benchmark
    public ProcessedImage pipeline() {
        ProcessedImage out = pipeline.process(bytes, rules, WATERMARK);
        if (measuring) {
            StageTimings t = out.timings();
            long[] v = {t.readNanos(), t.sniffNanos(), t.headerNanos(), t.decodeNanos(), t.orientNanos(),
                    t.watermarkNanos(), t.encodeNanos(), t.totalNanos()};
            for (int i = 0; i < v.length; i++) stages[i].add(v[i]);
            count.increment();
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
        pipeline.close();
        long n = count.sum();
        if (n == 0) return;   // decode or encode: no stages
        StringBuilder sb = new StringBuilder("\nMean stage times, " + codec + ", " + size + " (" + bytes.length + " bytes, " + n + " pictures):\n");
        for (int i = 0; i < STAGES.length; i++) {
            sb.append(String.format("  %-11s %8.2f ms%n", STAGES[i], stages[i].sum() / 1e6 / n));
        }
        System.out.print(sb);
    }
}
