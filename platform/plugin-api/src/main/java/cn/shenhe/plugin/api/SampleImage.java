package cn.shenhe.plugin.api;

import java.util.Objects;

/**
 * A sample picture (示例图片) shown to candidates beside a material type.
 *
 * @param resource  a class-path resource inside the plugin, e.g. {@code /samples/id-card.png}
 * @param mediaType {@code image/png} or {@code image/jpeg}
 */
public record SampleImage(String resource, String mediaType) {
    public SampleImage {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}
