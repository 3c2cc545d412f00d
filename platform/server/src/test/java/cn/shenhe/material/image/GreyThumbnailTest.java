package cn.shenhe.material.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.shenhe.plugin.api.GreyImage;
import cn.shenhe.plugin.api.ImageFormat;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GreyThumbnailTest {

    @Test
    void averagesSquaresIntoGreyLevelsWithTheLongSideAtMost512() {
        BufferedImage img = new BufferedImage(1030, 700, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 515, 700);   // the right half black, its top red
        g.setColor(Color.RED);
        g.fillRect(515, 0, 515, 350);
        g.dispose();
        GreyImage grey = GreyThumbnail.of(img);
        assertEquals(343, grey.width());    // factor 3: 1030 / 3, the last column left out
        assertEquals(233, grey.height());
        assertEquals(255, grey.at(0, 0));
        assertEquals(77, grey.at(200, 10));  // red: 0.299 of white
        assertEquals(0, grey.at(200, 200));
        assertEquals(170, grey.at(171, 200));   // the square straddling white and black: two thirds white
    }

    @Test
    void thePipelineHandsTheChecksThePictureWithoutItsWatermark() {
        BufferedImage white = SampleImages.markerImage(800, 600, 0);   // white, no markers
        ProcessedImage p = TestCodecs.pipeline("imageio").process(SampleImages.jpeg(white, 0.95f),
                new UploadRules(1 << 20, Set.of(ImageFormat.JPEG), 16_000_000, 2400), Watermark.of("北京考区", "仅用于医师资格考试", "2026-12-05"));
        int[] histogram = p.grey().histogram();
        assertEquals(400 * 300, histogram[255] + histogram[254], "all white: no watermark text in it");
    }
}
