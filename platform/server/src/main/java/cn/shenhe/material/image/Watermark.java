package cn.shenhe.material.image;

import java.time.LocalDate;
import java.util.List;

/**
 * Text tiled over every stored image, e.g. ["北京考区", "仅用于医师资格考试", "2026-11-26"], so a leaked
 * copy cannot be reused for another purpose. {@link #NONE} exists for tests and benchmarks only.
 */
public record Watermark(List<String> lines) {

    public static final Watermark NONE = new Watermark(List.of());

    public Watermark {
        lines = lines.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public static Watermark of(String... lines) { return new Watermark(List.of(lines)); }

    /** What a candidate's picture carries: the district's text, the purpose (the FAQ: "used only for the physician qualification exam") and the day. */
    public static Watermark ofUpload(String district, LocalDate day) {
        return of(district, "仅用于医师资格考试", day.toString());
    }

    /** The lines as drawn: one run of text, so each tile carries the whole statement. */
    public String text() { return String.join("   ", lines); }

    public boolean isEmpty() { return lines.isEmpty(); }
}
