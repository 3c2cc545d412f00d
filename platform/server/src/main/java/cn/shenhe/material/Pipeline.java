package cn.shenhe.material;

import cn.shenhe.material.image.ImagePipeline;
import cn.shenhe.material.image.JpegCodecs;
import cn.shenhe.material.image.WatermarkFont;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Produces the one shared image pipeline, sized to the machine, and the JPEG codec it runs on. */
@ApplicationScoped
public class Pipeline {

    @Inject
    @ConfigProperty(name = "shenhe.upload.decode-timeout", defaultValue = "PT10S")
    String decodeTimeout;

    /** auto (libjpeg-turbo when it loads, else ImageIO), native (fail to start without it) or imageio. */
    @Inject
    @ConfigProperty(name = "shenhe.image.codec", defaultValue = "auto")
    String codec;

    /** The TurboJPEG library's file name (looked up as dlopen does) or path. */
    @Inject
    @ConfigProperty(name = "shenhe.image.turbojpeg-library", defaultValue = "libturbojpeg.so.0")
    String turbojpegLibrary;

    @Produces
    @Singleton
    JpegCodecs.Choice jpegCodec() {
        return JpegCodecs.choose(JpegCodecs.mode(codec), turbojpegLibrary);
    }

    private ImagePipeline produced;

    /** A pseudo-scoped singleton: the pipeline is a final class, so it cannot stand behind a proxy. */
    @Produces
    @Singleton
    synchronized ImagePipeline imagePipeline(JpegCodecs.Choice jpeg) {
        // Decoding and encoding are CPU- and memory-heavy: one worker per core, each holding one picture.
        produced = new ImagePipeline(jpeg.codec(), WatermarkFont.locate(), Duration.parse(decodeTimeout),
                Runtime.getRuntime().availableProcessors());
        return produced;
    }

    /**
     * The workers stop with the application. Not a disposer method: Weld failed to call it on this application-scoped
     * bean while the application stopped (WELD-000019 at every redeploy), so the workers went on and held the stopped
     * application's classes and data; a test server that redeploys once per test class ran out of heap.
     */
    @PreDestroy
    synchronized void close() {
        if (produced != null) produced.close();
    }
}
