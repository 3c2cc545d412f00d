package cn.shenhe.material.image;

import cn.shenhe.plugin.api.GreyImage;
import cn.shenhe.plugin.api.ImageFormat;

import cn.shenhe.material.reuse.PerceptualHash;
import cn.shenhe.problem.ProblemException;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
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
 * <p>JPEG is decoded and encoded by a {@link JpegCodec} (libjpeg-turbo where it loads); PNG, and any
 * JPEG the codec declines, is decoded by ImageIO, which stays the judge of what is unreadable.
 *
 * <p>Resource bounds: the pictures are decoded, watermarked and encoded by a pool of
 * {@code workerCount} workers (one per core in the server), so at most that many are in
 * memory at once (a 40 MP image needs ~160 MB per copy). A picture that waits longer than
 * {@code decodeTimeout} for a worker, or whose decode takes longer, is refused and abandoned.
 *
 * <p>Why a pool that runs the whole transform rather than a semaphore around the caller's own
 * thread: with more uploads in flight than permits, each release woke a parked request thread that
 * the kernel often queued behind a busy core while the freed core idled. A worker that finishes takes
 * the next queued picture without sleeping, and the cores stay busy (measured: docs/benchmarks.md).
 */
public final class ImagePipeline implements AutoCloseable {

    public static final int MAX_SIDE = 20_000;
    /** libjpeg's quality scale; ImageIO's 0.85 before the codecs were split. */
    static final int JPEG_QUALITY = 85;
    /** When the usual quality does not fit the byte limit: still legible, visibly coarser below ~55. */
    private static final int[] FALLBACK_QUALITIES = {JPEG_QUALITY, 70, 55};

    private final JpegCodec codec;
    private final WatermarkPainter painter;
    private final Duration decodeTimeout;
    private final ThreadPoolExecutor workers;

    /** With the codec the server would choose by default (see {@link JpegCodecs}). */
    public ImagePipeline(WatermarkFont font, Duration decodeTimeout, int workerCount) {
        this(JpegCodecs.choose(JpegCodecs.Mode.AUTO, null).codec(), font, decodeTimeout, workerCount, daemonThreads());
    }

    public ImagePipeline(JpegCodec codec, WatermarkFont font, Duration decodeTimeout, int workerCount) {
        this(codec, font, decodeTimeout, workerCount, daemonThreads());
    }

    /** For a container-managed ThreadFactory (e.g. a Jakarta Concurrency ManagedThreadFactory). */
    public ImagePipeline(JpegCodec codec, WatermarkFont font, Duration decodeTimeout, int workerCount, ThreadFactory threads) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.painter = new WatermarkPainter(font);
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
            ImageIoCodec.Decoded d;
            try {
                d = decode(original, format, rules, abandoned);
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
            // the stored size from the full size: a decode scaled by eighths rounds its sides up
            boolean turned = orientation >= 5;
            image = Downscale.toLongSide(image, turned ? d.fullHeight() : d.fullWidth(), turned ? d.fullWidth() : d.fullHeight(),
                    rules.storedSide());
            GreyImage grey = GreyThumbnail.of(image);   // the checks judge the photo, not our watermark
            long hash = PerceptualHash.of(grey);        // nor does reuse detection: a copy carries another watermark
            long t4 = System.nanoTime();
            painter.paint(image, watermark);
            long t5 = System.nanoTime();
            Encoded stored = encodeWithin(image, rules.maxBytes());
            long t6 = System.nanoTime();
            var timings = new StageTimings(readNanos, sniffNanos, d.headerNanos(), d.decodeNanos(), t4 - t3, t5 - t4, t6 - t5);
            return new ProcessedImage(stored.jpeg(), stored.width(), stored.height(), format, original.length, sha256, grey, hash, timings);
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

    /**
     * A JPEG goes to the codec once its frame header, read in Java, is within the limits; whatever the
     * codec declines (and every PNG) goes to ImageIO, which checks the header again itself.
     */
    private ImageIoCodec.Decoded decode(byte[] bytes, ImageFormat format, UploadRules rules, AtomicBoolean abandoned)
            throws IOException {
        if (format == ImageFormat.JPEG && codec != ImageIoCodec.INSTANCE) {
            long t0 = System.nanoTime();
            JpegHeader header = JpegHeader.read(bytes).orElseThrow(ImageProblems::unreadable);
            checkDimensions(header.width(), header.height(), rules.maxPixels());
            long t1 = System.nanoTime();
            Optional<BufferedImage> image = codec.decode(bytes, header, rules.storedSide());
            // a native decode cannot be interrupted; it is bounded by the checked pixel count
            if (abandoned.get()) throw ImageProblems.timeout();
            if (image.isPresent()) {
                return new ImageIoCodec.Decoded(image.get(), header.width(), header.height(), t1 - t0, System.nanoTime() - t1);
            }
        }
        return ImageIoCodec.INSTANCE.read(bytes, rules.maxPixels(), abandoned);
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

    /** @throws ProblemException unreadable (no size) or too large, from the header alone */
    static void checkDimensions(int w, int h, long maxPixels) {
        if (w <= 0 || h <= 0) throw ImageProblems.unreadable();
        if (w > MAX_SIDE || h > MAX_SIDE || (long) w * h > maxPixels) {
            throw ImageProblems.dimensionsTooLarge(w, h, maxPixels, MAX_SIDE);
        }
    }

    /**
     * The grey copy of a picture already stored (a JPEG we encoded: trusted, bounded by our own limits), for
     * pictures stored before a use of the grey copy existed (the reuse backfill). Runs on the caller's thread.
     */
    public GreyImage greyOfStored(byte[] storedJpeg) throws IOException {
        UploadRules rules = UploadRules.defaults().withMaxBytes(storedJpeg.length);
        BufferedImage image = toBgr(decode(storedJpeg, ImageFormat.JPEG, rules, new AtomicBoolean()).image());
        return GreyThumbnail.of(image);
    }

    /** The codec encoding every picture, and decoding the JPEGs it accepts. */
    public JpegCodec codec() { return codec; }

    /** Pictures being processed, including decodes still running after their caller gave up (tests). */
    int busyWorkers() { return workers.getActiveCount(); }

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
