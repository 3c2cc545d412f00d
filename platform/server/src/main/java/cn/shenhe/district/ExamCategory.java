package cn.shenhe.district;

import cn.shenhe.plugin.api.LocalizedText;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the candidate registers for (考试类别): the exam's categories, which every district offers at each of
 * its sites (its configuration is checked for each), and which a registration names.
 */
public enum ExamCategory {
    CLINICAL_PHYSICIAN("clinical-physician", LocalizedText.of("临床执业医师", "Clinical physician")),
    CLINICAL_ASSISTANT("clinical-assistant", LocalizedText.of("临床执业助理医师", "Clinical assistant physician"));

    private final String code;
    private final LocalizedText name;

    ExamCategory(String code, LocalizedText name) {
        this.code = code;
        this.name = name;
    }

    public String code() {
        return code;
    }

    public LocalizedText displayName() {
        return name;
    }

    public static Optional<ExamCategory> ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
