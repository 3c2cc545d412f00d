package cn.shenhe.material.image;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ImagePipelineConcurrencyTest {

    @Test
    void eightThreadsTimesTenImagesThroughOneInstance() throws Exception {
        byte[] jpeg = SampleImages.photoJpeg();
        byte[] png = SampleImages.png(800, 600, true);
        UploadRules rules = UploadRules.defaults().withMaxBytes(2_000_000);
        Watermark watermark = ImagePipelineTest.WATERMARK;
        try (ImagePipeline pipeline = new ImagePipeline(WatermarkFont.locate(), Duration.ofSeconds(60), 2);
             ExecutorService clients = Executors.newFixedThreadPool(8)) {
            byte[] expectedJpeg = pipeline.process(jpeg, rules, watermark).bytes();
            byte[] expectedPng = pipeline.process(png, rules, watermark).bytes();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(clients.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10; i++) {
                        boolean usePng = (thread + i) % 4 == 0;
                        ProcessedImage out = pipeline.process(usePng ? png : jpeg, rules, watermark);
                        // identical bytes prove no state leaked between concurrent calls
                        assertArrayEquals(usePng ? expectedPng : expectedJpeg, out.bytes());
                    }
                    return 10;
                }));
            }
            start.countDown();
            int done = 0;
            for (Future<Integer> f : results) done += f.get();
            assertEquals(80, done);
        }
    }
}
