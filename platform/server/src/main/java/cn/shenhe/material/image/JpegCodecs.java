package cn.shenhe.material.image;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Picks the JPEG codec once, at start: libjpeg-turbo when it loads (Java 22+ and Debian's
 * {@code libturbojpeg0}), otherwise ImageIO. The setting {@code shenhe.image.codec} forces either.
 */
public final class JpegCodecs {

    private static final Logger LOG = Logger.getLogger(JpegCodecs.class.getName());
    private static final String NATIVE_CLASS = "cn.shenhe.material.image.turbo.TurboJpegCodec";

    /** What the setting may say. */
    public enum Mode { AUTO, NATIVE, IMAGEIO }

    /** The codec in use and, when it is not the native one, why. */
    public record Choice(JpegCodec codec, String reason) {
        public boolean isNative() { return codec != ImageIoCodec.INSTANCE; }
    }

    private JpegCodecs() {
    }

    public static Mode mode(String setting) {
        try {
            return Mode.valueOf(setting == null || setting.isBlank() ? "AUTO" : setting.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("shenhe.image.codec must be auto, native or imageio, not '" + setting + "'");
        }
    }

    /**
     * @param library the TurboJPEG library's file name or path, null for the default
     * @throws IllegalStateException when {@code NATIVE} is asked for and the library does not load:
     *         an operator who forces it wants to know at start, not to run at a sixth of the speed
     */
    public static Choice choose(Mode mode, String library) {
        if (mode == Mode.IMAGEIO) return logged(new Choice(ImageIoCodec.INSTANCE, "shenhe.image.codec=imageio"));
        try {
            return logged(new Choice(loadNative(library), null));
        } catch (RuntimeException | LinkageError e) {
            String why = describe(e);
            if (mode == Mode.NATIVE) throw new IllegalStateException("shenhe.image.codec=native, but libjpeg-turbo does not load: " + why, e);
            return logged(new Choice(ImageIoCodec.INSTANCE, why));
        }
    }

    /** The native codec, or an exception saying why it is not available here. */
    public static JpegCodec loadNative(String library) {
        if (Runtime.version().feature() < 22) {
            throw new UnsupportedOperationException("the native codec needs Java 22+ (FFM API), this is " + Runtime.version());
        }
        try {
            return (JpegCodec) Class.forName(NATIVE_CLASS).getMethod("load", String.class).invoke(null, library);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("this build has no native codec (built on Java < 22)", e);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return e == root ? message : e.getMessage() + " (" + message + ")";
    }

    private static Choice logged(Choice choice) {
        if (choice.isNative()) {
            LOG.info(() -> "JPEG codec: " + choice.codec().name());
        } else {
            LOG.log(Level.INFO, "JPEG codec: ImageIO ({0}); install libturbojpeg0 for the native codec", choice.reason());
        }
        return choice;
    }
}
