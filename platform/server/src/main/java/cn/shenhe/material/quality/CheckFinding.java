package cn.shenhe.material.quality;

import cn.shenhe.plugin.api.CheckResult;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.registration.MaterialImage;
import cn.shenhe.registration.RegistrationView;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A warning an upload check gave a stored picture (a refusal stores nothing), in the words the
 * check chose: {@code code} for machines and filters, {@code message} for the candidate and the
 * reviewers. Kept as a JSON list in the picture's row ({@code check_findings}), next to the codes
 * alone ({@code check_warnings}) that queries filter on.
 *
 * @param severity always {@code warning} for a stored picture; named so that clients need not assume it
 */
public record CheckFinding(String code, String severity, LocalizedText message) {

    public static final String WARNING = "warning";
    /** The column's size; findings beyond it are dropped (their codes stay in {@code check_warnings}). */
    static final int MAX_STORED = 8000;

    /** Made on first use: a picture without findings (as the domain's unit tests build) needs no JSON-B provider. */
    private static final class Json {
        static final Jsonb JSON = JsonbBuilder.create();
    }
    private static final Type LIST = new ArrayList<CheckFinding>() { }.getClass().getGenericSuperclass();

    public static List<CheckFinding> warnings(List<CheckResult.Finding> findings) {
        return findings.stream().map(f -> new CheckFinding(f.code(), WARNING, f.message())).toList();
    }

    /** What the picture's row keeps of them. */
    public static MaterialImage.CheckColumns columns(List<CheckFinding> findings) {
        return new MaterialImage.CheckColumns(codesColumn(findings), toColumn(findings));
    }

    /** The column's value: null when there is nothing to say. */
    static String toColumn(List<CheckFinding> findings) {
        List<CheckFinding> kept = new ArrayList<>(findings);
        while (!kept.isEmpty()) {
            String json = Json.JSON.toJson(kept, LIST);
            if (json.length() <= MAX_STORED) {
                return json;
            }
            kept.removeLast();
        }
        return null;
    }

    /** The codes alone, comma-separated (the older column, which queries filter on): null when none. */
    static String codesColumn(List<CheckFinding> findings) {
        return findings.isEmpty() ? null : String.join(",", findings.stream().map(CheckFinding::code).toList());
    }

    static List<CheckFinding> fromColumn(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return Json.JSON.fromJson(json, LIST);
        } catch (JsonbException e) {
            return List.of();   // a picture's view must not fail on what only annotates it
        }
    }

    /** As the registration's page shows it. */
    RegistrationView.Finding view() {
        return new RegistrationView.Finding(code, severity, message);
    }
}
