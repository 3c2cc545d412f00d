package cn.shenhe.material;

import cn.shenhe.material.image.ImagePipeline;
import cn.shenhe.material.image.WatermarkFont;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Produces the one shared image pipeline, sized to the machine. */
@ApplicationScoped
public class Pipeline {

    @Inject
    @ConfigProperty(name = "shenhe.upload.decode-timeout", defaultValue = "PT10S")
    String decodeTimeout;

    @Produces
    @ApplicationScoped
    ImagePipeline imagePipeline() {
        // Decoding is CPU- and memory-heavy: at most one decode per core at a time.
        return new ImagePipeline(WatermarkFont.locate(), Duration.parse(decodeTimeout),
                Runtime.getRuntime().availableProcessors());
    }
}
