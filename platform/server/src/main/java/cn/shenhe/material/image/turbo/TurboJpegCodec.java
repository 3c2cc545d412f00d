package cn.shenhe.material.image.turbo;

import cn.shenhe.material.image.JpegCodec;
import cn.shenhe.material.image.JpegHeader;
import cn.shenhe.material.image.PackedBgr;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * JPEG through libjpeg-turbo's TurboJPEG 2 API (Debian's {@code libturbojpeg0}, 2.1.x: no {@code tj3*}
 * functions), called with the Java FFM API: no JNI library of our own to build or ship.
 *
 * <p>Safety: the caller has checked the header's dimensions in Java before this class sees a file. Each
 * call has its own TurboJPEG handle and its own confined arena, both released in {@code finally}, so
 * no native memory outlives a picture and no handle is shared between threads. The library reports
 * damage (including libjpeg warnings such as a premature end of data) as an error code, never a crash
 * of the JVM: a picture it refuses is declined, its error text logged, and ImageIO decides.
 *
 * <p>Compiled for Java 22+ (the FFM API is final there) and loaded by name through {@code JpegCodecs},
 * so the server still runs, on ImageIO, on a Java 21 runtime.
 */
public final class TurboJpegCodec implements JpegCodec {

    private static final Logger LOG = Logger.getLogger(TurboJpegCodec.class.getName());

    public static final String DEFAULT_LIBRARY = "libturbojpeg.so.0";

    // turbojpeg.h (2.1)
    private static final int TJPF_BGR = 1;
    private static final int TJSAMP_420 = 2;
    private static final int TJCS_CMYK = 3;
    private static final int TJCS_YCCK = 4;
    private static final int TJFLAG_NOREALLOC = 1024;
    /** Decoding is accurate by default; encoding is not, and ImageIO's encoder is: match it. */
    private static final int TJFLAG_ACCURATEDCT = 4096;
    /** Refuses progressive files with an absurd number of scans (a known CPU exhaustion trick). */
    private static final int TJFLAG_LIMITSCANS = 32768;

    private final String library;
    private final MethodHandle initDecompress;
    private final MethodHandle decompressHeader3;
    private final MethodHandle decompress2;
    private final MethodHandle initCompress;
    private final MethodHandle compress2;
    private final MethodHandle bufSize;
    private final MethodHandle errorStr2;
    private final MethodHandle destroy;

    private TurboJpegCodec(String library, SymbolLookup lib) {
        this.library = library;
        Linker linker = Linker.nativeLinker();
        initDecompress = bind(linker, lib, "tjInitDecompress", FunctionDescriptor.of(ADDRESS));
        decompressHeader3 = bind(linker, lib, "tjDecompressHeader3", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        decompress2 = bind(linker, lib, "tjDecompress2", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        initCompress = bind(linker, lib, "tjInitCompress", FunctionDescriptor.of(ADDRESS));
        compress2 = bind(linker, lib, "tjCompress2", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
        bufSize = bind(linker, lib, "tjBufSize", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT));
        errorStr2 = bind(linker, lib, "tjGetErrorStr2", FunctionDescriptor.of(ADDRESS, ADDRESS));
        destroy = bind(linker, lib, "tjDestroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    /**
     * Loads the library (a file name looked up as {@code dlopen} does, or a path) and checks that it
     * round-trips a tiny picture.
     *
     * @param library null or blank for {@link #DEFAULT_LIBRARY}
     * @throws IllegalArgumentException if the library cannot be loaded or lacks a function
     * @throws IllegalStateException if it loads but does not work
     */
    public static TurboJpegCodec load(String library) {
        String name = library == null || library.isBlank() ? DEFAULT_LIBRARY : library.strip();
        // The global arena: the library stays loaded for the life of the JVM (ImageIO's codec is also global).
        TurboJpegCodec codec = new TurboJpegCodec(name, SymbolLookup.libraryLookup(name, Arena.global()));
        codec.selfTest();
        return codec;
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String function, FunctionDescriptor signature) {
        MemorySegment address = lib.find(function)
                .orElseThrow(() -> new IllegalArgumentException(function + " not found: not the TurboJPEG 2 API"));
        return linker.downcallHandle(address, signature);
    }

    @Override
    public String name() {
        return "libjpeg-turbo (" + library + ")";
    }

    @Override
    public Optional<BufferedImage> decode(byte[] jpeg, JpegHeader header, int minLongSide) {
        return withHandle(initDecompress, (arena, handle) -> {
            MemorySegment src = arena.allocate(jpeg.length);
            MemorySegment.copy(jpeg, 0, src, JAVA_BYTE, 0, jpeg.length);
            MemorySegment info = arena.allocate(JAVA_INT, 4);   // width, height, subsampling, colour space
            int rc = (int) decompressHeader3.invokeExact(handle, src, (long) jpeg.length,
                    info, info.asSlice(4), info.asSlice(8), info.asSlice(12));
            if (rc != 0) return declined(handle, "header");
            int width = info.getAtIndex(JAVA_INT, 0), height = info.getAtIndex(JAVA_INT, 1);
            int colourSpace = info.getAtIndex(JAVA_INT, 3);
            if (width != header.width() || height != header.height()) {
                return declined("its header says " + width + "x" + height + ", the frame " + header.width() + "x" + header.height());
            }
            // TurboJPEG gives CMYK only as CMYK pixels; ImageIO (TwelveMonkeys) converts it properly.
            if (colourSpace == TJCS_CMYK || colourSpace == TJCS_YCCK) return Optional.empty();

            // TurboJPEG scales by the largest factor whose result fits the size asked for: ask for m/8 exactly.
            int eighths = eighths(Math.max(width, height), minLongSide);
            int scaledW = scaled(width, eighths), scaledH = scaled(height, eighths);
            BufferedImage image = new BufferedImage(scaledW, scaledH, BufferedImage.TYPE_3BYTE_BGR);
            byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            MemorySegment dst = arena.allocate(pixels.length);
            rc = (int) decompress2.invokeExact(handle, src, (long) jpeg.length, dst,
                    scaledW, 0, scaledH, TJPF_BGR, TJFLAG_LIMITSCANS);
            if (rc != 0) return declined(handle, "decode");
            MemorySegment.copy(dst, JAVA_BYTE, 0, pixels, 0, pixels.length);
            return Optional.of(image);
        });
    }

    @Override
    public byte[] encode(BufferedImage bgr, int quality) {
        if (!PackedBgr.is(bgr)) throw new IllegalArgumentException("not packed BGR: " + bgr);
        if (quality < 1 || quality > 100) throw new IllegalArgumentException("quality " + quality);
        byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        int width = bgr.getWidth(), height = bgr.getHeight();
        return withHandle(initCompress, (arena, handle) -> {
            MemorySegment src = arena.allocate(pixels.length);
            MemorySegment.copy(pixels, 0, src, JAVA_BYTE, 0, pixels.length);
            // The worst case for these dimensions, in our arena: TurboJPEG never reallocates it (NOREALLOC),
            // so there is nothing of the library's to free with tjFree.
            long capacity = (long) bufSize.invokeExact(width, height, TJSAMP_420);
            if (capacity <= 0) throw new IllegalStateException("tjBufSize failed for " + width + "x" + height);
            MemorySegment out = arena.allocate(capacity);
            MemorySegment outPointer = arena.allocate(ADDRESS);
            outPointer.set(ADDRESS, 0, out);
            MemorySegment outSize = arena.allocate(JAVA_LONG);
            outSize.set(JAVA_LONG, 0, capacity);
            int rc = (int) compress2.invokeExact(handle, src, width, 0, height, TJPF_BGR,
                    outPointer, outSize, TJSAMP_420, quality, TJFLAG_NOREALLOC | TJFLAG_ACCURATEDCT);
            if (rc != 0) throw new IllegalStateException("libjpeg-turbo could not encode: " + errorText(handle));
            long size = outSize.get(JAVA_LONG, 0);
            if (size <= 0 || size > capacity) throw new IllegalStateException("libjpeg-turbo reported " + size + " bytes");
            return out.asSlice(0, size).toArray(JAVA_BYTE);
        });
    }

    /** The smallest m/8 (m = 1..8) that keeps the longest side at least {@code minLongSide}. */
    static int eighths(int longSide, int minLongSide) {
        if (minLongSide <= 0 || longSide <= minLongSide) return 8;
        return Math.max(1, Math.min(8, (int) Math.ceil(8.0 * minLongSide / longSide)));
    }

    /** TJSCALED: libjpeg rounds a scaled dimension up. */
    static int scaled(int dimension, int eighths) {
        return (dimension * eighths + 7) / 8;
    }

    /** One picture's native work: its arena and its TurboJPEG handle, both released whatever happens. */
    @FunctionalInterface
    private interface NativeWork<T> {
        T run(Arena arena, MemorySegment handle) throws Throwable;
    }

    private <T> T withHandle(MethodHandle init, NativeWork<T> work) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) init.invokeExact();
            if (handle.equals(MemorySegment.NULL)) throw new IllegalStateException("TurboJPEG could not make a handle");
            try {
                return work.run(arena, handle);
            } finally {
                int ignored = (int) destroy.invokeExact(handle);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libjpeg-turbo call failed", t);
        }
    }

    private Optional<BufferedImage> declined(MemorySegment handle, String stage) {
        return declined(stage + ": " + errorText(handle));
    }

    private static Optional<BufferedImage> declined(String why) {
        LOG.log(Level.INFO, "libjpeg-turbo declined a picture ({0}); ImageIO decides", why);
        return Optional.empty();
    }

    private String errorText(MemorySegment handle) {
        try {
            MemorySegment text = (MemorySegment) errorStr2.invokeExact(handle);
            // TurboJPEG's messages live in a fixed 200-byte buffer (JMSG_LENGTH_MAX)
            return text.equals(MemorySegment.NULL) ? "(no message)" : text.reinterpret(200).getString(0);
        } catch (Throwable t) {
            return "(no message: " + t + ")";
        }
    }

    /** A working library encodes and decodes a small grey square; a wrong or broken one fails here, at start. */
    private void selfTest() {
        BufferedImage probe = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
        java.util.Arrays.fill(((DataBufferByte) probe.getRaster().getDataBuffer()).getData(), (byte) 0x80);
        byte[] jpeg = encode(probe, 85);
        BufferedImage back = JpegHeader.read(jpeg).flatMap(h -> decode(jpeg, h, 0))
                .orElseThrow(() -> new IllegalStateException(library + " could not decode its own output"));
        int grey = back.getRGB(8, 8) & 0xFF;
        if (Math.abs(grey - 0x80) > 4) throw new IllegalStateException(library + " decoded grey 128 as " + grey);
    }
}
