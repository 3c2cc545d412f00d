package cn.shenhe.plugin.api;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a {@link MaterialCheck}: errors refuse the upload (shown to the candidate),
 * warnings keep it and are shown to reviewers.
 */
public record CheckResult(List<Finding> errors, List<Finding> warnings) {

    /** @param code stable, e.g. {@code resolution-too-low}; @param message for people */
    public record Finding(String code, LocalizedText message) {
        public Finding {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    public CheckResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public static CheckResult ok() {
        return new CheckResult(List.of(), List.of());
    }

    public static CheckResult error(String code, LocalizedText message) {
        return new CheckResult(List.of(new Finding(code, message)), List.of());
    }

    public static CheckResult warning(String code, LocalizedText message) {
        return new CheckResult(List.of(), List.of(new Finding(code, message)));
    }
}
