package cn.shenhe.plugin.api;

/**
 * What the host knows of an uploaded picture once decoded and turned upright.
 *
 * @param materialType   the material type's code
 * @param originalFormat the format the candidate sent
 * @param originalBytes  the size of what the candidate sent
 * @param width          width in pixels, upright
 * @param height         height in pixels, upright
 */
public record ImageFacts(String materialType, ImageFormat originalFormat, long originalBytes, int width, int height) {
}
