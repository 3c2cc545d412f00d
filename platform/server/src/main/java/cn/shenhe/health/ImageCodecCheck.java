package cn.shenhe.health;

import cn.shenhe.material.image.JpegCodecs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;

/**
 * Says in {@code /health} which JPEG codec the uploads run on and, on ImageIO, why: a node that
 * silently lost libjpeg-turbo handles a sixth of the uploads per core. Always UP: ImageIO works.
 */
@Startup
@ApplicationScoped
public class ImageCodecCheck implements HealthCheck {

    @Inject
    JpegCodecs.Choice jpeg;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("image-codec").up()
                .withData("jpeg", jpeg.codec().name())
                .withData("native", jpeg.isNative());
        if (jpeg.reason() != null) b.withData("reason", jpeg.reason());
        return b.build();
    }
}
