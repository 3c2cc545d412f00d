package cn.shenhe.material.image;

import cn.shenhe.plugin.api.ImageFormat;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.problem.Problem;
import cn.shenhe.problem.ProblemException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The refusals of the upload pipeline (and of district sample pictures, which it processes too). */
public final class ImageProblems {

    public static final String FILE_TOO_LARGE = Problem.FILE_TOO_LARGE.code();
    public static final String FORMAT_NOT_ACCEPTED = Problem.FORMAT_NOT_ACCEPTED.code();
    public static final String DIMENSIONS_TOO_LARGE = Problem.IMAGE_DIMENSIONS_TOO_LARGE.code();
    public static final String UNREADABLE = Problem.IMAGE_UNREADABLE.code();
    public static final String TIMEOUT = Problem.IMAGE_PROCESSING_TIMEOUT.code();
    public static final String EMPTY_FILE = Problem.EMPTY_FILE.code();

    private ImageProblems() {}

    public static ProblemException fileTooLarge(long maxBytes) {
        return Problem.FILE_TOO_LARGE.refuse(Map.of("maxBytes", maxBytes), humanSize(maxBytes));
    }

    public static ProblemException formatNotAccepted(Set<ImageFormat> accepted) {
        var sorted = accepted.stream().sorted().toList();
        LocalizedText names = LocalizedText.of(sorted.stream().map(Formats::displayName).collect(Collectors.joining(" 或 ")),
                sorted.stream().map(Formats::displayName).collect(Collectors.joining(" or ")));
        return Problem.FORMAT_NOT_ACCEPTED.refuse(Map.of("accepted", sorted.stream().map(ImageFormat::mediaType).toList()), names);
    }

    public static ProblemException dimensionsTooLarge(int width, int height, long maxPixels, int maxSide) {
        return Problem.IMAGE_DIMENSIONS_TOO_LARGE.refuse(Map.of("width", width, "height", height, "maxPixels", maxPixels, "maxSide", maxSide));
    }

    public static ProblemException unreadable() {
        return Problem.IMAGE_UNREADABLE.refuse();
    }

    static ProblemException timeout() {
        return Problem.IMAGE_PROCESSING_TIMEOUT.refuse();
    }

    public static ProblemException emptyFile() {
        return Problem.EMPTY_FILE.refuse();
    }

    static String humanSize(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return bytes / (1024 * 1024) + " MB";
        if (bytes >= 1024) return Math.round(bytes / 1024.0) + " KB";
        return bytes + " B";
    }
}
