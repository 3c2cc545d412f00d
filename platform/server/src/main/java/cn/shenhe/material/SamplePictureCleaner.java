package cn.shenhe.material;

import cn.shenhe.district.SamplePictures;
import cn.shenhe.material.image.Formats;
import cn.shenhe.material.image.ImagePipeline;
import cn.shenhe.material.image.ImageProblems;
import cn.shenhe.material.image.ProcessedImage;
import cn.shenhe.material.image.UploadRules;
import cn.shenhe.material.image.Watermark;
import cn.shenhe.plugin.api.ImageFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A district's sample pictures go through the image pipeline as candidates' pictures do: a sample is served
 * to anyone, so whatever the administrator's file carried (the GPS position and camera of the photo, an
 * embedded comment or thumbnail, bytes a browser might sniff as something else) must not reach them. No
 * watermark: a sample is the district's own illustration, not a candidate's document.
 */
@ApplicationScoped
public class SamplePictureCleaner implements SamplePictures {

    @Inject
    ImagePipeline pipeline;

    @Override
    public Cleaned clean(byte[] bytes, long maxBytes, int maxSide) {
        // The pipeline's bounds for a sample: the size and format checks, and the pixels they allow.
        UploadRules rules = new UploadRules(maxBytes, EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG), (long) maxSide * maxSide);
        if (bytes.length == 0) {
            throw ImageProblems.emptyFile();
        }
        if (bytes.length > maxBytes) {
            throw ImageProblems.fileTooLarge(maxBytes);
        }
        Formats.sniff(bytes).orElseThrow(() -> ImageProblems.formatNotAccepted(rules.accepted()));
        checkHeader(bytes, maxSide);
        ProcessedImage picture = pipeline.process(bytes, rules, Watermark.NONE);
        return new Cleaned(picture.bytes(), picture.mimeType(), picture.originalSha256Hex());
    }

    private static void checkHeader(byte[] bytes, int maxSide) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw ImageProblems.unreadable();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w > maxSide || h > maxSide) {
                    throw ImageProblems.dimensionsTooLarge(w, h, (long) maxSide * maxSide, maxSide);
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw ImageProblems.unreadable();
        }
    }
}
