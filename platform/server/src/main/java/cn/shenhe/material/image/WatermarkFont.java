package cn.shenhe.material.image;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The CJK font the watermark is drawn with. Located once at startup: without a CJK font Java draws
 * tofu boxes, and a watermark nobody can read is worse than a startup failure.
 */
public final class WatermarkFont {

    /** Must render; the watermark texts are made of these kinds of characters. */
    static final String SAMPLE = "仅用于医师资格考试北京考区2026-11-26";
    public static final String PROPERTY = "shenhe.watermark.font";
    public static final String ENV = "SHENHE_WATERMARK_FONT";

    static final List<Path> KNOWN_PATHS = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),          // Debian/Ubuntu fonts-wqy-microhei
            Path.of("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),          // Fedora/RHEL
            Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),  // Debian fonts-noto-cjk
            Path.of("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"),// Fedora/RHEL/UBI
            Path.of("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),       // Arch, Alpine
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"));
    private static final Path FONT_ROOT = Path.of("/usr/share/fonts");

    private final Font base;
    private final String source;
    private final ConcurrentHashMap<Integer, Font> sized = new ConcurrentHashMap<>();

    private WatermarkFont(Font base, String source) {
        this.base = base;
        this.source = source;
    }

    public static WatermarkFont locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) configured = System.getenv(ENV);
        return locate(configured, KNOWN_PATHS, FONT_ROOT, true);
    }

    /** Seams for tests: explicit config, candidate files, a directory to search for Noto CJK, and the installed-font scan. */
    static WatermarkFont locate(String configured, List<Path> knownPaths, Path fontRoot, boolean scanInstalled) {
        if (configured != null && !configured.isBlank()) {
            // An explicit setting that does not work is a deployment error, not a cue to guess.
            Path p = Path.of(configured.strip());
            return fromFile(p).orElseThrow(() -> new IllegalStateException(
                    "Watermark font configured via " + PROPERTY + "/" + ENV + " is missing or cannot display "
                            + "Chinese text: " + p));
        }
        List<Path> candidates = new ArrayList<>(knownPaths);
        candidates.addAll(notoCjkUnder(fontRoot));
        for (Path p : candidates) {
            Optional<WatermarkFont> f = fromFile(p);
            if (f.isPresent()) return f.get();
        }
        if (scanInstalled) {
            Optional<WatermarkFont> f = installed();
            if (f.isPresent()) return f.get();
        }
        throw new IllegalStateException("No font that can display Chinese was found for the upload watermark. "
                + "Install one (Debian/Ubuntu: `apt-get install fonts-wqy-microhei`) or point the system property "
                + PROPERTY + " / environment variable " + ENV + " at a .ttf/.ttc/.otf file.");
    }

    /** The first face in the file (a .ttc holds several) that can display the sample. */
    static Optional<WatermarkFont> fromFile(Path path) {
        if (!Files.isRegularFile(path)) return Optional.empty();
        try {
            for (Font f : Font.createFonts(path.toFile())) {
                if (f.canDisplayUpTo(SAMPLE) == -1) return Optional.of(new WatermarkFont(f, path.toString()));
            }
        } catch (IOException | FontFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static List<Path> notoCjkUnder(Path root) {
        if (root == null || !Files.isDirectory(root)) return List.of();
        try (Stream<Path> files = Files.walk(root, 4)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".ttc") && n.contains("CJK") && n.contains("Sans");
            }).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static Optional<WatermarkFont> installed() {
        try {
            for (Font f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts()) {
                if (f.canDisplayUpTo(SAMPLE) == -1) return Optional.of(new WatermarkFont(f, "installed:" + f.getFontName()));
            }
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {   // no fontconfig / AWT natives: "no fonts"
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Plain face at a pixel size; derived once per size (callers bucket sizes), deriveFont is not free. */
    Font sized(int pixelSize) {
        return sized.computeIfAbsent(pixelSize, s -> base.deriveFont(Font.PLAIN, (float) s));
    }

    public boolean canDisplay(String text) { return base.canDisplayUpTo(text) == -1; }

    /** Where the font came from, for the startup log. */
    public String source() { return source; }

    public String fontName() { return base.getFontName(); }

    @Override
    public String toString() { return "WatermarkFont[" + base.getFontName() + " from " + source + "]"; }
}
