package cn.shenhe.material.image;

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
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ImageIO with TwelveMonkeys' JPEG reader: decodes every format the pipeline accepts (PNG always,
 * and the JPEGs the native codec declines, CMYK among them) and encodes JPEG where libjpeg-turbo is
 * not available. Its decode checks the header's dimensions itself and can be abandoned mid-way.
 */
public final class ImageIoCodec implements JpegCodec {

    public static final ImageIoCodec INSTANCE = new ImageIoCodec();

    static {
        registerImageIoPlugins();
    }

    private ImageIoCodec() {
    }

    @Override
    public String name() {
        return "ImageIO";
    }

    /** Always in full: subsampling would alias fine print, and the pixel cap bounds the cost. */
    @Override
    public Optional<BufferedImage> decode(byte[] jpeg, JpegHeader header, int minLongSide) {
        try {
            return Optional.of(ImageDecoder.toBgr(read(jpeg, (long) header.width() * header.height(), new AtomicBoolean()).image()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A decoded picture (possibly decoded smaller than its full size), its full size as the header gave
     * it, and what its header check and its decode took.
     */
    record Decoded(BufferedImage image, int fullWidth, int fullHeight, long headerNanos, long decodeNanos) {}

    /**
     * Reads any accepted format, refusing from the header alone a picture over the limits.
     *
     * @param abandoned set by the caller that gave up: the decode stops at its next progress report
     * @throws cn.shenhe.problem.ProblemException unreadable, too large or abandoned (timeout)
     * @throws IOException or any runtime exception from a decoder: the file is damaged
     */
    Decoded read(byte[] bytes, long maxPixels, AtomicBoolean abandoned) throws IOException {
        long t0 = System.nanoTime();
        // MemoryCache, not ImageIO.createImageInputStream: the latter may spill to temp files.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw ImageProblems.unreadable();
            ImageReader reader = readers.next();   // TwelveMonkeys orders its JPEG reader before the JDK's
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0), h = reader.getHeight(0);   // header only: nothing decoded yet
                ImageDecoder.checkDimensions(w, h, maxPixels);
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
                return new Decoded(image, w, h, t1 - t0, System.nanoTime() - t1);
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

    /**
     * TwelveMonkeys also warns about colour metadata it repairs or ignores (e.g. "No embedded ICC
     * color profile, will convert using inaccurate CMYK to RGB conversion"); those images decode
     * fully. Everything else, notably the libjpeg "Corrupt JPEG data" family, is damage.
     */
    static boolean isBenignWarning(String warning) {
        if (warning == null) return false;
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("icc") || w.contains("color profile") || w.contains("thumbnail")
                || w.contains("jfxx") || w.contains("adobe app14");
    }

    /** A fresh baseline encode with no metadata passed in: no Exif/GPS can survive, nothing trails EOI. */
    @Override
    public byte[] encode(BufferedImage bgr, int quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) throw new IllegalStateException("no JPEG ImageWriter registered");
        ImageWriter writer = writers.next();
        var out = new ByteArrayOutputStream(bgr.getWidth() * bgr.getHeight() / 4);
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);   // scales the standard tables as libjpeg's quality does
            writer.write(null, new IIOImage(bgr, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
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
        t.setContextClassLoader(ImageIoCodec.class.getClassLoader());
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
}
