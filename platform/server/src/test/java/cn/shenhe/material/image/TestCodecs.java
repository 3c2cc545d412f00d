package cn.shenhe.material.image;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codecs every pipeline test runs through: ImageIO always, libjpeg-turbo on Java 22+, where it must
 * load (the scripts install {@code libturbojpeg0}; a missing library fails these tests rather than
 * skipping half of them).
 */
public final class TestCodecs {

    private static final Map<String, ImagePipeline> PIPELINES = new ConcurrentHashMap<>();

    private TestCodecs() {}

    public static List<String> names() {
        return Runtime.version().feature() >= 22 ? List.of("imageio", "native") : List.of("imageio");
    }

    public static JpegCodec codec(String name) {
        return switch (name) {
            case "imageio" -> ImageIoCodec.INSTANCE;
            case "native" -> JpegCodecs.loadNative(null);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** One shared pipeline per codec, two workers, as the tests always used. */
    static ImagePipeline pipeline(String name) {
        return PIPELINES.computeIfAbsent(name, n -> new ImagePipeline(codec(n), WatermarkFont.locate(), Duration.ofSeconds(30), 2));
    }
}
