package cn.shenhe.plugin.api;

/** The picture formats a material type may accept, judged by the bytes, not the file name. */
public enum ImageFormat {
    JPEG("image/jpeg"),
    PNG("image/png");

    private final String mediaType;

    ImageFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
