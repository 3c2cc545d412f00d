package cn.shenhe.district;

import cn.shenhe.problem.ProblemException;
import java.util.List;
import java.util.Map;

/** The refusals of district administration, one wording per code. */
final class ConfigProblems {

    private ConfigProblems() {
    }

    /** A document the reader refuses: names the field. */
    static ProblemException invalid(TenantConfigException e) {
        String prefix = e.file() + ": " + e.field() + ": ";
        String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return new ProblemException(422, "config-invalid", "考区配置字段 " + e.field() + " 有误:" + problem,
                "District configuration field " + e.field() + " is invalid: " + problem, Map.of("field", e.field()));
    }

    static ProblemException codeChanged(String district, Object given) {
        return new ProblemException(422, "config-invalid", "考区代码不能修改(应为 " + district + ",而不是 " + given + ")",
                "The district code cannot change (must stay " + district + ", not " + given + ")", Map.of("field", "code"));
    }

    static ProblemException versionMismatch(int expected, int current) {
        return new ProblemException(412, "config-version-mismatch",
                "配置已被他人修改:您编辑的是第 " + expected + " 版,当前为第 " + current + " 版,请重新读取后再改",
                "The configuration has changed: you edited version " + expected + ", the current one is " + current
                        + "; read it again and reapply your change",
                Map.of("currentVersion", current));
    }

    static ProblemException badIfMatch(String value) {
        return new ProblemException(400, "bad-if-match", "If-Match 应为配置版本号,例如 \"3\"",
                "If-Match must be a configuration version number, e.g. \"3\": " + value);
    }

    /** One way a change would strand candidates. */
    record Stranding(String field, String zh, String en) {
    }

    static ProblemException strands(List<Stranding> reasons) {
        Stranding first = reasons.getFirst();
        String more = reasons.size() > 1 ? "(另有 " + (reasons.size() - 1) + " 处)" : "";
        String moreEn = reasons.size() > 1 ? " (and " + (reasons.size() - 1) + " more)" : "";
        return new ProblemException(409, "config-strands-candidates",
                "此修改会使已报名的考生无法继续:" + first.zh() + more,
                "This change would strand candidates who have already registered: " + first.en() + moreEn,
                Map.of("field", first.field(), "reasons", reasons.stream()
                        .map(r -> Map.of("field", r.field(), "zh-CN", r.zh(), "en", r.en())).toList()));
    }

    static ProblemException concurrentChange() {
        return new ProblemException(409, "config-changed-concurrently", "配置正在被他人同时修改,请重新读取后再改",
                "Someone changed the configuration at the same time; read it again and reapply your change");
    }

    static ProblemException noSuchVersion(int n) {
        return new ProblemException(404, "not-found", "找不到配置第 " + n + " 版", "Configuration version " + n + " not found");
    }
}
