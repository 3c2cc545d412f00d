package cn.shenhe.material.image;

import cn.shenhe.material.reuse.PerceptualHash;
import cn.shenhe.plugin.api.GreyImage;
import cn.shenhe.plugin.api.ImageFormat;
import cn.shenhe.problem.ProblemException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns an uploaded photo of a document into the stored form: checked, decoded, upright, watermarked
 * and freshly re-encoded as a metadata-free JPEG. One instance is shared by all requests.
 *
 * <p>The cheap checks run on the caller's thread; the rest runs on one of the {@link ImageWorkers}, which
 * bound how many pictures are in memory at once and how long a caller waits. Decoding is the
 * {@link ImageDecoder}'s (the {@link JpegCodec}, libjpeg-turbo where it loads, or ImageIO), the watermark the
 * {@link WatermarkPainter}'s; the JPEG codec encodes what is stored.
 */
public final class ImagePipeline implements AutoCloseable {

    public static final int MAX_SIDE = 20_000;
    /** libjpeg's quality scale; ImageIO's 0.85 before the codecs were split. */
    static final int JPEG_QUALITY = 85;
    /** When the usual quality does not fit the byte limit: still legible, visibly coarser below ~55. */
    private static final int[] FALLBACK_QUALITIES = {JPEG_QUALITY, 70, 55};

    private final JpegCodec codec;
    private final ImageDecoder decoder;
    private final WatermarkPainter painter;
    private final ImageWorkers workers;

    /** With the codec the server would choose by default (see {@link JpegCodecs}). */
    public ImagePipeline(WatermarkFont font, Duration decodeTimeout, int workerCount) {
        this(JpegCodecs.choose(JpegCodecs.Mode.AUTO, null).codec(), font, decodeTimeout, workerCount, ImageWorkers.daemonThreads());
    }

    public ImagePipeline(JpegCodec codec, WatermarkFont font, Duration decodeTimeout, int workerCount) {
        this(codec, font, decodeTimeout, workerCount, ImageWorkers.daemonThreads());
    }

    /** For a container-managed ThreadFactory (e.g. a Jakarta Concurrency ManagedThreadFactory). */
    public ImagePipeline(JpegCodec codec, WatermarkFont font, Duration decodeTimeout, int workerCount, ThreadFactory threads) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.decoder = new ImageDecoder(codec);
        this.painter = new WatermarkPainter(font);
        this.workers = new ImageWorkers(decodeTimeout, workerCount, threads);
    }

    /**
     * Reads an upload of at most {@code maxBytes}. Refuses a declared length over the limit without
     * reading, and never reads more than {@code maxBytes + 1} bytes, so an oversized body costs
     * nothing beyond the limit.
     *
     * @param declaredLength Content-Length, or -1 if unknown
     * @throws ProblemException file-too-large
     * @throws UncheckedIOException if the client's stream fails (e.g. the connection dropped)
     */
    public byte[] readBounded(InputStream in, long declaredLength, long maxBytes) {
        if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
        if (declaredLength > maxBytes) throw ImageProblems.fileTooLarge(maxBytes);
        try {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);   // reads in chunks, never past the limit
            if (bytes.length > maxBytes) throw ImageProblems.fileTooLarge(maxBytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload failed", e);
        }
    }

    /** {@link #readBounded} then {@link #process(byte[], UploadRules, Watermark)}, with the read timed. */
    public ProcessedImage process(InputStream in, long declaredLength, UploadRules rules, Watermark watermark) {
        long t0 = System.nanoTime();
        byte[] original = readBounded(in, declaredLength, rules.maxBytes());
        return process(original, rules, watermark, System.nanoTime() - t0);
    }

    /** @throws ProblemException with one of the codes in {@link ImageProblems} */
    public ProcessedImage process(byte[] original, UploadRules rules, Watermark watermark) {
        return process(original, rules, watermark, 0);
    }

    private ProcessedImage process(byte[] original, UploadRules rules, Watermark watermark, long readNanos) {
        long t0 = System.nanoTime();
        if (original.length == 0) throw ImageProblems.emptyFile();
        if (original.length > rules.maxBytes()) throw ImageProblems.fileTooLarge(rules.maxBytes());
        String sha256 = sha256Hex(original);
        long t1 = System.nanoTime();

        ImageFormat format = Formats.sniff(original)
                .filter(rules.accepted()::contains)
                .orElseThrow(() -> ImageProblems.formatNotAccepted(rules.accepted()));
        int orientation = format == ImageFormat.JPEG ? ExifOrientation.read(original) : 1;
        long t2 = System.nanoTime();

        Upload upload = new Upload(original, rules, watermark, format, orientation, sha256, readNanos + (t1 - t0), t2 - t1);
        return workers.run(progress -> transform(upload, progress));
    }

    /** What a worker needs of one upload, checked and sniffed on the caller's thread. */
    private record Upload(byte[] original, UploadRules rules, Watermark watermark, ImageFormat format, int orientation,
                          String sha256, long readNanos, long sniffNanos) {
    }

    /**
     * The costly part of one picture, run by a worker: header check, decode (abandoned when its caller
     * gives up), orientation, watermark, encode.
     */
    private ProcessedImage transform(Upload u, ImageWorkers.Progress progress) {
        ImageIoCodec.Decoded d;
        try {
            d = decoder.decode(u.original(), u.format(), u.rules(), progress.abandoned());
        } catch (ProblemException | Error e) {
            throw e;
        } catch (Exception e) {   // any decoder exception means a bad file
            ProblemException p = ImageProblems.unreadable();
            p.initCause(e);
            throw p;
        }
        progress.decoded();
        long t3 = System.nanoTime();
        BufferedImage image = ExifOrientation.apply(ImageDecoder.toBgr(d.image()), u.orientation());
        // the stored size from the full size: a decode scaled by eighths rounds its sides up
        boolean turned = u.orientation() >= 5;
        image = Downscale.toLongSide(image, turned ? d.fullHeight() : d.fullWidth(), turned ? d.fullWidth() : d.fullHeight(),
                u.rules().storedSide());
        GreyImage grey = GreyThumbnail.of(image);   // the checks judge the photo, not our watermark
        long hash = PerceptualHash.of(grey);        // nor does reuse detection: a copy carries another watermark
        long t4 = System.nanoTime();
        painter.paint(image, u.watermark());
        long t5 = System.nanoTime();
        Encoded stored = encodeWithin(image, u.rules().maxBytes());
        long t6 = System.nanoTime();
        var timings = new StageTimings(u.readNanos(), u.sniffNanos(), d.headerNanos(), d.decodeNanos(), t4 - t3, t5 - t4, t6 - t5);
        return new ProcessedImage(stored.jpeg(), stored.width(), stored.height(), u.format(), u.original().length, u.sha256(),
                grey, hash, timings);
    }

    private record Encoded(byte[] jpeg, int width, int height) {}

    /**
     * What is stored is never larger than what the candidate may send: a picture that encodes larger at
     * the usual quality (a noisy photo at the limit, a large PNG of a scan) is encoded at lower qualities,
     * then smaller, a quarter at a time.
     */
    private Encoded encodeWithin(BufferedImage image, long maxBytes) {
        BufferedImage current = image;
        for (int smaller = 0; smaller <= 8; smaller++) {
            for (int quality : FALLBACK_QUALITIES) {
                byte[] jpeg = codec.encode(current, quality);
                if (jpeg.length <= maxBytes) return new Encoded(jpeg, current.getWidth(), current.getHeight());
            }
            current = Downscale.by(current, 0.75);
        }
        throw new IllegalStateException("no encoding of " + image.getWidth() + "x" + image.getHeight() + " fits " + maxBytes + " bytes");
    }

    /**
     * The grey copy of a picture already stored (a JPEG we encoded: trusted, bounded by our own limits), for
     * pictures stored before a use of the grey copy existed (the reuse backfill). Runs on the caller's thread.
     */
    public GreyImage greyOfStored(byte[] storedJpeg) throws IOException {
        UploadRules rules = UploadRules.defaults().withMaxBytes(storedJpeg.length);
        BufferedImage image = ImageDecoder.toBgr(decoder.decode(storedJpeg, ImageFormat.JPEG, rules, new AtomicBoolean()).image());
        return GreyThumbnail.of(image);
    }

    /** The codec encoding every picture, and decoding the JPEGs it accepts. */
    public JpegCodec codec() { return codec; }

    /** Pictures being processed, including decodes still running after their caller gave up (tests). */
    int busyWorkers() { return workers.busy(); }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    /** Stops the workers; in-flight and later calls fail. */
    @Override
    public void close() {
        workers.close();
    }
}
