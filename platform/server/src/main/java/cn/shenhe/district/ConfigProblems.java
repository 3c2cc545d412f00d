package cn.shenhe.district;

import cn.shenhe.plugin.SettingRefusal;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.problem.Problem;
import cn.shenhe.problem.ProblemException;
import cn.shenhe.problem.Problems;
import java.util.List;
import java.util.Map;

/** The refusals of district administration whose arguments take some building. */
final class ConfigProblems {

    private ConfigProblems() {
    }

    /** A document the reader refuses: names the field. */
    static ProblemException invalid(TenantConfigException e) {
        if (e.getCause() instanceof SettingRefusal r) {
            return Problem.CONFIG_INVALID.refuse(Map.of("field", e.field()), e.field(), r.reason());
        }
        String prefix = e.file() + ": " + e.field() + ": ";
        String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return Problem.CONFIG_INVALID.refuse(Map.of("field", e.field()), e.field(), problem);
    }

    static ProblemException codeChanged(String district, Object given) {
        return Problem.CONFIG_INVALID.refuse(Map.of("field", "code"), "code",
                LocalizedText.of("考区代码不能修改(应为 " + district + ",而不是 " + given + ")",
                        "the district code cannot change (must stay " + district + ", not " + given + ")"));
    }

    static ProblemException versionMismatch(int expected, int current) {
        return Problem.CONFIG_VERSION_MISMATCH.refuse(Map.of("currentVersion", current), expected, current);
    }

    static ProblemException badIfMatch(String value) {
        return Problem.BAD_IF_MATCH.refuse(value);
    }

    /** One way a change would strand candidates. */
    record Stranding(String field, String zh, String en) {
    }

    static ProblemException strands(List<Stranding> reasons) {
        Stranding first = reasons.getFirst();
        return Problem.CONFIG_STRANDS_CANDIDATES.refuse(Map.of("field", first.field(), "reasons", reasons.stream()
                        .map(r -> Map.of("field", r.field(), "zh-CN", r.zh(), "en", r.en())).toList()),
                LocalizedText.of(first.zh(), first.en()), reasons.size() - 1);
    }

    static ProblemException concurrentChange() {
        return Problem.CONFIG_CHANGED_CONCURRENTLY.refuse();
    }

    static ProblemException noSuchVersion(int n) {
        return Problems.notFound("配置第 " + n + " 版", "Configuration version " + n);
    }
}
