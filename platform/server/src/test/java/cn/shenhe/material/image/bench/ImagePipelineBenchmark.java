package cn.shenhe.material.image.bench;

import cn.shenhe.material.image.ImagePipeline;
import cn.shenhe.material.image.ProcessedImage;
import cn.shenhe.material.image.SampleImages;
import cn.shenhe.material.image.StageTimings;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throughput of {@link ImagePipeline#process} plus mean per-stage times (measurement iterations only).
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -q test-compile exec:exec \
 *     -Djmh.args="ImagePipelineBenchmark -f 1 -wi 2 -i 3 -r 5s -w 5s [-t 2] [-p sample=photo-1000x750]"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ImagePipelineBenchmark {

    private static final Watermark WATERMARK = Watermark.of("北京考区", "仅用于医师资格考试", "2026-11-26");

    /** photo-1000x750: the ~150 KB upload we expect; phone-4000x3000: an unreduced ~1.6 MB phone photo, orientation 6. */
    @Param({"photo-1000x750", "phone-4000x3000"})
    public String sample;

    private ImagePipeline pipeline;
    private byte[] bytes;
    private UploadRules rules;
    private volatile boolean measuring;
    private final LongAdder count = new LongAdder();
    private final LongAdder[] stages = new LongAdder[STAGES.length];
    private static final String[] STAGES = {"read+hash", "sniff", "header", "decode", "orient+rgb", "watermark", "encode", "total"};

    @Setup(Level.Trial)
    public void setUp() {
        pipeline = new ImagePipeline(WatermarkFont.locate(), Duration.ofSeconds(30), Runtime.getRuntime().availableProcessors());
        bytes = sample.startsWith("phone") ? SampleImages.phonePhotoJpeg(6) : SampleImages.photoJpeg();
        rules = UploadRules.defaults().withMaxBytes(Math.max(UploadRules.DEFAULT_MAX_BYTES, bytes.length));
        for (int i = 0; i < stages.length; i++) stages[i] = new LongAdder();
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    @Benchmark
    public ProcessedImage process() {
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
    public void report() {
        long n = Math.max(1, count.sum());
        StringBuilder sb = new StringBuilder("\nMean stage times for " + sample + " (" + bytes.length + " bytes, " + n + " images):\n");
        for (int i = 0; i < STAGES.length; i++) {
            sb.append(String.format("  %-11s %8.2f ms%n", STAGES[i], stages[i].sum() / 1e6 / n));
        }
        System.out.print(sb);
        pipeline.close();
    }

    /** Same as the documented command, for an IDE: JMH main with the brief default settings. */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args
                : new String[] {ImagePipelineBenchmark.class.getSimpleName(), "-f", "1", "-wi", "2", "-i", "3", "-r", "5s", "-w", "5s"});
    }
}
