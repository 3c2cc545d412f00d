package cn.shenhe.material;

import cn.shenhe.material.image.ImagePipeline;
import cn.shenhe.material.image.WatermarkFont;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Produces the one shared image pipeline, sized to the machine. */
@ApplicationScoped
public class Pipeline {

    @Inject
    @ConfigProperty(name = "shenhe.upload.decode-timeout", defaultValue = "PT10S")
    String decodeTimeout;

    /** A pseudo-scoped singleton: the pipeline is a final class, so it cannot stand behind a proxy. */
    @Produces
    @Singleton
    ImagePipeline imagePipeline() {
        // Decoding and encoding are CPU- and memory-heavy: one worker per core, each holding one picture.
        return new ImagePipeline(WatermarkFont.locate(), Duration.parse(decodeTimeout),
                Runtime.getRuntime().availableProcessors());
    }

    void close(@Disposes ImagePipeline pipeline) {
        pipeline.close();
    }
}
