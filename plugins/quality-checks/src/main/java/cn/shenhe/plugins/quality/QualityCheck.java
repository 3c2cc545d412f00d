package cn.shenhe.plugins.quality;

import cn.shenhe.plugin.api.GreyImage;
import cn.shenhe.plugin.api.LocalizedText;

/**
 * The checks, each a measure of the grey picture compared with a threshold the district may set
 * (whole numbers, so that they read plainly in the tenant-config). The defaults were chosen on a
 * labelled set of degraded sample photos and checked on another (see the server's
 * {@code QualityEvaluationTest}).
 */
enum QualityCheck {

    /** Laplacian variance of the range-stretched picture per share of the frame the document fills, below the threshold. */
    BLUR("blur", LocalizedText.of("模糊", "Blur"), "image-blurred", 1500,
            LocalizedText.of("照片模糊,建议重新拍摄", "The photo is blurred: consider taking it again"),
            LocalizedText.of("照片模糊,请重新拍摄清晰的照片后上传", "The photo is blurred: take a sharp photo and upload it again")) {
        @Override
        boolean fails(Picture p, int threshold) {
            return p.sharpness() < threshold;
        }
    },

    /** The 98th percentile of the grey levels (the paper, in a document photo) below the threshold. */
    DARK("dark", LocalizedText.of("太暗", "Too dark"), "image-too-dark", 130,
            LocalizedText.of("照片太暗,建议在光线充足处重新拍摄", "The photo is too dark: consider taking it again in better light"),
            LocalizedText.of("照片太暗,请在光线充足处重新拍摄后上传", "The photo is too dark: take it again in better light and upload it")) {
        @Override
        boolean fails(Picture p, int threshold) {
            return p.levels().high() < threshold;
        }
    },

    /**
     * At least the threshold's percentage of the picture clipped to white, and what is not white
     * lifted into light grey (the median below paper white at {@link #LIFTED_CONTENT} or above):
     * over-exposure lifts the desk and the print with the paper, while a clean scan is as white but
     * keeps its print dark. A blurred picture is not judged: blur smears print into light greys that
     * a histogram cannot tell from lifted ones (and the blur check already asks for a new photo).
     */
    OVEREXPOSED("overexposed", LocalizedText.of("过亮", "Overexposed"), "image-overexposed", 40,
            LocalizedText.of("照片过亮(曝光过度),建议避开强光重新拍摄", "The photo is overexposed: consider taking it again away from strong light"),
            LocalizedText.of("照片过亮(曝光过度),请避开强光重新拍摄后上传", "The photo is overexposed: take it again away from strong light and upload it")) {
        @Override
        boolean fails(Picture p, int threshold) {
            return p.levels().clipped() * 100 >= threshold && p.levels().content() >= LIFTED_CONTENT
                    && p.sharpness() >= BLUR.defaultThreshold();
        }
    },

    /** The document (the bounding box of the picture's edges) covers less than the threshold's percentage of the frame. */
    FRAMING("framing", LocalizedText.of("材料太小", "Document too small"), "document-too-small", 39,
            LocalizedText.of("材料在照片中太小,建议靠近拍摄,使材料占满画面", "The document is small in the photo: consider taking it closer so that it fills the frame"),
            LocalizedText.of("材料在照片中太小,请靠近拍摄,使材料占满画面后上传", "The document is too small in the photo: take it closer so that it fills the frame")) {
        @Override
        boolean fails(Picture p, int threshold) {
            return p.layout().fill() * 100 < threshold;
        }
    },

    /**
     * Text lines running up and down: their direction (hundredths of the log ratio of the row and
     * column profiles' variation) below minus the threshold. Where no lines are clear, a picture whose
     * long side contradicts the type's expected orientation ({@code types.<code>.orientation}).
     */
    SIDEWAYS("sideways", LocalizedText.of("方向不对", "Sideways"), "image-sideways", 30,
            LocalizedText.of("照片方向不对(横竖颠倒),建议转正后重新上传", "The photo is sideways: consider turning it upright and uploading it again"),
            LocalizedText.of("照片方向不对(横竖颠倒),请转正后重新上传", "The photo is sideways: turn it upright and upload it again")) {
        @Override
        boolean fails(Picture p, int threshold) {
            double direction = p.layout().textDirection() * 100;
            if (direction <= -threshold) {
                return true;
            }
            return direction < threshold && p.expected() != null && p.expected().contradictedBy(p.grey());
        }
    };

    /** The content of a well-exposed document photo (print, the desk around it) is mostly darker than this. */
    static final int LIFTED_CONTENT = 168;

    private final String key;
    private final LocalizedText name;
    private final String code;
    private final int defaultThreshold;
    private final LocalizedText warning;
    private final LocalizedText refusal;

    QualityCheck(String key, LocalizedText name, String code, int defaultThreshold, LocalizedText warning, LocalizedText refusal) {
        this.key = key;
        this.name = name;
        this.code = code;
        this.defaultThreshold = defaultThreshold;
        this.warning = warning;
        this.refusal = refusal;
    }

    abstract boolean fails(Picture p, int threshold);

    /** The settings key: {@code blur}, {@code dark}, ... */
    String key() {
        return key;
    }

    /** What the check looks for, as a form heads its settings. */
    LocalizedText checkName() {
        return name;
    }

    /** The finding's stable code, also the refusal's problem code. */
    String code() {
        return code;
    }

    int defaultThreshold() {
        return defaultThreshold;
    }

    LocalizedText warning() {
        return warning;
    }

    LocalizedText refusal() {
        return refusal;
    }

    /** How a material type's documents are meant to be photographed. */
    enum Orientation {
        LANDSCAPE, PORTRAIT;

        /** The picture's long side runs the other way, by more than a tenth (a square-ish photo is not judged). */
        boolean contradictedBy(GreyImage g) {
            return this == LANDSCAPE ? g.height() > g.width() * 1.1 : g.width() > g.height() * 1.1;
        }
    }

    /**
     * The picture with its measures, each taken when a check first asks for it (a district that turns
     * a check off does not pay for its measure).
     */
    static final class Picture {
        private final GreyImage grey;
        private final Orientation expected;
        private Measures.Levels levels;
        private Double sharpness;
        private Measures.Layout layout;

        Picture(GreyImage grey, Orientation expected) {
            this.grey = grey;
            this.expected = expected;
        }

        GreyImage grey() {
            return grey;
        }

        Orientation expected() {
            return expected;
        }

        Measures.Levels levels() {
            if (levels == null) {
                levels = Measures.levels(grey);
            }
            return levels;
        }

        double sharpness() {
            if (sharpness == null) {
                sharpness = Measures.sharpness(grey, levels(), layout().fill());
            }
            return sharpness;
        }

        Measures.Layout layout() {
            if (layout == null) {
                layout = Measures.layout(grey, levels());
            }
            return layout;
        }
    }
}
