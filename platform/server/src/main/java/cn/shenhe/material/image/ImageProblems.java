package cn.shenhe.material.image;

import cn.shenhe.plugin.api.ImageFormat;

import cn.shenhe.problem.ProblemException;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The refusals of the upload pipeline; codes are stable API, messages are written for candidates. */
public final class ImageProblems {

    public static final String FILE_TOO_LARGE = "file-too-large";
    public static final String FORMAT_NOT_ACCEPTED = "format-not-accepted";
    public static final String DIMENSIONS_TOO_LARGE = "image-dimensions-too-large";
    public static final String UNREADABLE = "image-unreadable";
    public static final String TIMEOUT = "image-processing-timeout";
    public static final String EMPTY_FILE = "empty-file";

    private ImageProblems() {}

    static ProblemException fileTooLarge(long maxBytes) {
        String size = humanSize(maxBytes);
        return new ProblemException(413, FILE_TOO_LARGE,
                "图片不能超过 " + size + "，请压缩后重新上传",
                "The image must not be larger than " + size + ". Please compress it and upload again.",
                Map.of("maxBytes", maxBytes));
    }

    static ProblemException formatNotAccepted(Set<ImageFormat> accepted) {
        var sorted = accepted.stream().sorted().toList();
        String names = sorted.stream().map(Formats::displayName).collect(Collectors.joining(" 或 "));
        String namesEn = sorted.stream().map(Formats::displayName).collect(Collectors.joining(" or "));
        return new ProblemException(415, FORMAT_NOT_ACCEPTED,
                "只能上传 " + names + " 格式的图片，请重新选择",
                "Only " + namesEn + " images are accepted. Please choose another file.",
                Map.of("accepted", sorted.stream().map(ImageFormat::mediaType).toList()));
    }

    static ProblemException dimensionsTooLarge(int width, int height, long maxPixels, int maxSide) {
        return new ProblemException(422, DIMENSIONS_TOO_LARGE,
                "图片尺寸过大，请缩小图片后重新上传",
                "The image dimensions are too large. Please resize it and upload again.",
                Map.of("width", width, "height", height, "maxPixels", maxPixels, "maxSide", maxSide));
    }

    static ProblemException unreadable() {
        return new ProblemException(422, UNREADABLE,
                "图片无法打开，可能已损坏或没有上传完整，请重新拍照或保存后再上传",
                "The image cannot be opened; it may be damaged or incomplete. Please take or save it again and upload.");
    }

    static ProblemException timeout() {
        return new ProblemException(503, TIMEOUT,
                "图片处理超时，请稍后重试",
                "Processing the image took too long. Please try again in a moment.");
    }

    static ProblemException emptyFile() {
        return new ProblemException(400, EMPTY_FILE,
                "上传的文件是空的，请重新选择图片",
                "The uploaded file is empty. Please choose an image.");
    }

    static String humanSize(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return bytes / (1024 * 1024) + " MB";
        if (bytes >= 1024) return Math.round(bytes / 1024.0) + " KB";
        return bytes + " B";
    }
}
