package cn.shenhe.plugin.api;

import java.util.Objects;

/** A text shown to people, in Simplified Chinese (first) and English. */
public record LocalizedText(String zh, String en) {
    public LocalizedText {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    public static LocalizedText of(String zh, String en) {
        return new LocalizedText(zh, en);
    }
}
