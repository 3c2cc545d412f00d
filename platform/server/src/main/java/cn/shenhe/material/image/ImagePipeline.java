package cn.shenhe.material.image;

import cn.shenhe.plugin.api.ImageFormat;

import cn.shenhe.problem.ProblemException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns an uploaded photo of a document into the stored form: checked, decoded, upright, watermarked
 * and freshly re-encoded as a metadata-free JPEG. One instance is shared by all requests.
 *
 * <p>Resource bounds: the pictures are decoded, watermarked and encoded by a pool of
 * {@code workerCount} workers (one per core in the server), so at most that many are in
 * memory at once (a 40 MP image needs ~160 MB per copy). A picture that waits longer than
 * {@code decodeTimeout} for a worker, or whose decode takes longer, is refused and abandoned.
 *
 * <p>Why a pool that runs the whole transform rather than a semaphore around the caller's own
 * thread: with more uploads in flight than permits, each release woke a parked request thread that
 * the kernel often queued behind a busy core while the freed core idled (in-process, 3 threads on
 * 2 permits: 10 % idle, 41 images/s). A worker that finishes takes the next queued picture without
 * sleeping: 1 % idle, 47 images/s on the same 2-core machine.
 */
public final class ImagePipeline implements AutoCloseable {

    public static final int MAX_SIDE = 20_000;
    static final float JPEG_QUALITY = 0.85f;
    private static final double WATERMARK_ANGLE = Math.toRadians(-30);
    private static final Color WATERMARK_INK = new Color(64, 64, 64);
    private static final Color WATERMARK_HALO = Color.WHITE;
    /** Light enough that the document underneath stays readable, dark enough to survive re-encoding. */
    private static final float WATERMARK_ALPHA = 0.30f;

    static {
        registerImageIoPlugins();
    }

    private final WatermarkFont font;
    private final Duration decodeTimeout;
    private final ThreadPoolExecutor workers;

    public ImagePipeline(WatermarkFont font, Duration decodeTimeout, int workerCount) {
        this(font, decodeTimeout, workerCount, daemonThreads());
    }

    /** For a container-managed ThreadFactory (e.g. a Jakarta Concurrency ManagedThreadFactory). */
    public ImagePipeline(WatermarkFont font, Duration decodeTimeout, int workerCount, ThreadFactory threads) {
        this.font = Objects.requireNonNull(font, "font");
        if (decodeTimeout.isNegative() || decodeTimeout.isZero()) throw new IllegalArgumentException("decodeTimeout must be positive");
        if (workerCount < 1) throw new IllegalArgumentException("workerCount must be >= 1");
        this.decodeTimeout = decodeTimeout;
        // Unbounded queue: each entry is a caller waiting for it (request threads are bounded by the server).
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
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

        Job job = new Job(original, rules, watermark, format, orientation, sha256, readNanos + (t1 - t0), t2 - t1);
        return job.awaitOn(workers, decodeTimeout);
    }

    /**
     * The costly part of one picture, run by a worker: header check, decode (abandoned when its caller
     * gives up), orientation, watermark, encode. The caller waits for at most {@code timeout} for a
     * worker and, once started, for the decode; the later stages are bounded by the checked pixel count.
     */
    private final class Job implements Callable<ProcessedImage> {
        private final byte[] original;
        private final UploadRules rules;
        private final Watermark watermark;
        private final ImageFormat format;
        private final int orientation;
        private final String sha256;
        private final long readNanos;
        private final long sniffNanos;
        private final AtomicBoolean abandoned = new AtomicBoolean();
        private volatile long startedAt;
        private volatile boolean decoded;

        Job(byte[] original, UploadRules rules, Watermark watermark, ImageFormat format, int orientation,
            String sha256, long readNanos, long sniffNanos) {
            this.original = original;
            this.rules = rules;
            this.watermark = watermark;
            this.format = format;
            this.orientation = orientation;
            this.sha256 = sha256;
            this.readNanos = readNanos;
            this.sniffNanos = sniffNanos;
        }

        @Override
        public ProcessedImage call() {
            startedAt = System.nanoTime();
            Decoded d;
            try {
                d = decodeNow(original, rules, abandoned);
            } catch (ProblemException | Error e) {
                throw e;
            } catch (Exception e) {   // any decoder exception means a bad file
                ProblemException p = ImageProblems.unreadable();
                p.initCause(e);
                throw p;
            }
            decoded = true;
            long t3 = System.nanoTime();
            BufferedImage image = ExifOrientation.apply(toBgr(d.image()), orientation);
            long t4 = System.nanoTime();
            if (!watermark.isEmpty()) drawWatermark(image, watermark.text());
            long t5 = System.nanoTime();
            byte[] jpeg = encodeJpeg(image);
            long t6 = System.nanoTime();
            var timings = new StageTimings(readNanos, sniffNanos, d.headerNanos(), d.decodeNanos(), t4 - t3, t5 - t4, t6 - t5);
            return new ProcessedImage(jpeg, image.getWidth(), image.getHeight(), format, original.length, sha256, timings);
        }

        /** Queues this job and waits for its result; one wait in the common case, no hand-offs in between. */
        ProcessedImage awaitOn(ThreadPoolExecutor pool, Duration timeout) {
            FutureTask<ProcessedImage> task = new FutureTask<>(this);
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                throw new IllegalStateException("ImagePipeline is closed", e);
            }
            long deadline = System.nanoTime() + timeout.toNanos();   // for a worker to take it
            try {
                while (true) {
                    try {
                        return decoded ? task.get() : task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        long started = startedAt;
                        if (decoded) continue;                                  // the rest is bounded: wait it out
                        if (started == 0 || System.nanoTime() - started >= timeout.toNanos()) throw abandon(task);
                        deadline = started + timeout.toNanos();                 // started in time: the decode gets its own
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw abandon(task);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) throw r;
                if (cause instanceof Error err) throw err;                  // e.g. OutOfMemoryError: not the candidate's fault
                throw new IllegalStateException("processing the image failed", cause);
            }
        }

        private ProblemException abandon(Future<?> task) {
            abandoned.set(true);   // a running decode sees it at its next progress callback and aborts
            task.cancel(true);     // a queued one never starts
            return ImageProblems.timeout();
        }
    }

    private record Decoded(BufferedImage image, long headerNanos, long decodeNanos) {}

    private static Decoded decodeNow(byte[] bytes, UploadRules rules, AtomicBoolean abandoned) throws IOException {
        long t0 = System.nanoTime();
        // MemoryCache, not ImageIO.createImageInputStream: the latter may spill to temp files.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw ImageProblems.unreadable();
            ImageReader reader = readers.next();   // TwelveMonkeys orders its JPEG reader before the JDK's
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0), h = reader.getHeight(0);   // header only: nothing decoded yet
                if (w <= 0 || h <= 0) throw ImageProblems.unreadable();
                if (w > MAX_SIDE || h > MAX_SIDE || (long) w * h > rules.maxPixels()) {
                    throw ImageProblems.dimensionsTooLarge(w, h, rules.maxPixels(), MAX_SIDE);
                }
                long t1 = System.nanoTime();
                // Decoders report truncation ("Premature end of JPEG file") as a warning and return
                // a half-grey image; for a document photo that is a refusal, not a result.
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (!isBenignWarning(warning)) warnings.add(warning);
                });
                // The JDK JPEG reader refuses abort() from any thread but the decoding one
                // (IllegalStateException "locked on thread"), so abort from its own progress callback.
                reader.addIIOReadProgressListener(new AbortWhen(abandoned));
                BufferedImage image = reader.read(0, reader.getDefaultReadParam());
                if (abandoned.get()) throw ImageProblems.timeout();
                if (!warnings.isEmpty() || image == null) throw ImageProblems.unreadable();
                return new Decoded(image, t1 - t0, System.nanoTime() - t1);
            } finally {
                reader.dispose();
            }
        }
    }

    private record AbortWhen(AtomicBoolean abandoned) implements IIOReadProgressListener {
        @Override public void imageProgress(ImageReader source, float percentageDone) {
            if (abandoned.get()) source.abort();
        }
        @Override public void sequenceStarted(ImageReader source, int minIndex) {}
        @Override public void sequenceComplete(ImageReader source) {}
        @Override public void imageStarted(ImageReader source, int imageIndex) {}
        @Override public void imageComplete(ImageReader source) {}
        @Override public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}
        @Override public void thumbnailProgress(ImageReader source, float percentageDone) {}
        @Override public void thumbnailComplete(ImageReader source) {}
        @Override public void readAborted(ImageReader source) {}
    }

    /** Pictures being processed, including decodes still running after their caller gave up (tests). */
    int busyWorkers() { return workers.getActiveCount(); }

    /**
     * TwelveMonkeys also warns about colour metadata it repairs or ignores (e.g. "No embedded ICC
     * color profile, will convert using inaccurate CMYK to RGB conversion"); those images decode
     * fully. Everything else, notably the libjpeg "Corrupt JPEG data" family, is damage.
     */
    static boolean isBenignWarning(String warning) {
        if (warning == null) return false;
        String w = warning.toLowerCase(java.util.Locale.ROOT);
        return w.contains("icc") || w.contains("color profile") || w.contains("thumbnail")
                || w.contains("jfxx") || w.contains("adobe app14");
    }

    /**
     * Flattens transparency onto white (paper), and gives one pixel layout to the later stages:
     * packed 3-byte BGR, which is what the JPEG decoder produces (so a JPEG is not copied at all) and
     * what the JPEG encoder copies row by row cheaply (from int pixels it converts pixel by pixel).
     */
    static BufferedImage toBgr(BufferedImage src) {
        if (PackedBgr.is(src)) return src;
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            if (src.getColorModel().hasAlpha()) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, out.getWidth(), out.getHeight());
            }
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Font pixel size for an image: proportional to the short side, in steps of 4 px so derived fonts are reused. */
    static int watermarkFontSize(int width, int height) {
        int size = Math.min(width, height) / 22;
        return Math.max(12, Math.min(400, Math.round(size / 4f) * 4));
    }

    /** Tiles the text diagonally over the whole image, staggering rows so no strip is left clear. */
    void drawWatermark(BufferedImage image, String text) {
        int w = image.getWidth(), h = image.getHeight();
        int size = watermarkFontSize(w, h);
        Font f = font.sized(size);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, WATERMARK_ALPHA));
            GlyphVector glyphs = f.createGlyphVector(g.getFontRenderContext(), text);
            double stepX = glyphs.getLogicalBounds().getWidth() + size * 2;
            double stepY = size * 3;
            float halo = Math.max(1, size / 16f);
            double cx = w / 2.0, cy = h / 2.0, half = Math.hypot(w, h) / 2;
            g.rotate(WATERMARK_ANGLE, cx, cy);
            // In rotated space a square of side = diagonal around the centre covers the whole image.
            int row = 0;
            for (double y = cy - half; y <= cy + half + size; y += stepY, row++) {
                double stagger = (row % 2) * stepX / 2;
                for (double x = cx - half - stepX + stagger; x <= cx + half; x += stepX) {
                    // dark ink shows on paper, its light offset copy on dark desks and shadows
                    g.setColor(WATERMARK_HALO);
                    g.drawGlyphVector(glyphs, (float) x + halo, (float) y + halo);
                    g.setColor(WATERMARK_INK);
                    g.drawGlyphVector(glyphs, (float) x, (float) y);
                }
            }
        } finally {
            g.dispose();
        }
    }

    /** A fresh baseline encode with no metadata passed in: no Exif/GPS can survive, nothing trails EOI. */
    static byte[] encodeJpeg(BufferedImage rgb) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) throw new IllegalStateException("no JPEG ImageWriter registered");
        ImageWriter writer = writers.next();
        var out = new ByteArrayOutputStream(rgb.getWidth() * rgb.getHeight() / 4);
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    /**
     * ImageIO's registry scans the context class loader once; in an application server that may
     * happen before the web module's jars are visible, leaving CMYK JPEGs unreadable. Rescan with
     * our own loader if the TwelveMonkeys reader is missing.
     */
    private static void registerImageIoPlugins() {
        if (hasTwelveMonkeysJpegReader()) return;
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(ImagePipeline.class.getClassLoader());
        try {
            ImageIO.scanForPlugins();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    static boolean hasTwelveMonkeysJpegReader() {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
            if (it.next().getClass().getName().startsWith("com.twelvemonkeys.")) return true;
        }
        return false;
    }

    /** Stops the workers; in-flight and later calls fail. */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "shenhe-image-" + n.incrementAndGet());
            t.setDaemon(true);   // never keeps the JVM alive
            return t;
        };
    }
}
