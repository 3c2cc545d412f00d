package cn.shenhe.district;

import cn.shenhe.district.ConfigDiff.Change;
import cn.shenhe.district.DistrictDirectory.Current;
import cn.shenhe.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * A district administrator's changes to their district's configuration: validated by the same
 * reader as the files, checked against stranding registered candidates, stored as a new version
 * (with who, when and what changed, and an audit entry), then put in force on this node at once.
 */
@ApplicationScoped
public class ConfigAdmin {

    @Inject
    DistrictDirectory directory;
    @Inject
    ConfigVersions versions;
    @Inject
    ConfigValidator validator;

    /** The outcome of a change: the version in force, and what changed (empty: nothing did, no version was made). */
    public record Outcome(int version, String summary, List<Change> changes) {
    }

    public Current current(String district) {
        return directory.current(district).orElseThrow(() -> Problems.notFound("考区 " + district, "District " + district));
    }

    /**
     * @param tree     the new document's tree (from JSON or YAML)
     * @param document its YAML text, as stored and exported
     * @param ifMatch  the version the change was made to, or {@code null} to apply it to whatever is in force
     */
    public Outcome change(String district, Object tree, String document, Integer ifMatch, String summary) {
        Current now = current(district);
        if (ifMatch != null && ifMatch != now.version()) {
            throw ConfigProblems.versionMismatch(ifMatch, now.version());
        }
        DistrictConfig next = validate(district, tree, document);
        List<Change> changes = ConfigDiff.between(ConfigDocument.treeOfYaml(now.document()), tree);
        if (changes.isEmpty()) {
            return new Outcome(now.version(), "no change", changes);
        }
        String text = summary == null || summary.isBlank() ? ConfigDiff.summary(changes) : summary.strip();
        ConfigVersion v = versions.append(now.version(), now.config(), next, document, text, null,
                "district-config.changed", Map.of("changes", changes.size()));
        directory.install(district, v.number(), next, document);
        return new Outcome(v.number(), v.summary(), changes);
    }

    /** A new version equal to version {@code n} (validated and checked again: plugins and registrations may have changed since). */
    public Outcome revert(String district, int n, Integer ifMatch) {
        Current now = current(district);
        if (ifMatch != null && ifMatch != now.version()) {
            throw ConfigProblems.versionMismatch(ifMatch, now.version());
        }
        ConfigVersion old = versions.find(n).orElseThrow(() -> ConfigProblems.noSuchVersion(n));
        Object tree = ConfigDocument.treeOfYaml(old.document());
        DistrictConfig next = validate(district, tree, old.document());
        List<Change> changes = ConfigDiff.between(ConfigDocument.treeOfYaml(now.document()), tree);
        ConfigVersion v = versions.append(now.version(), now.config(), next, old.document(), "revert to version " + n
                + (changes.isEmpty() ? "" : " (" + ConfigDiff.summary(changes) + ")"), n,
                "district-config.reverted", Map.of("revertedTo", n, "changes", changes.size()));
        directory.install(district, v.number(), next, old.document());
        return new Outcome(v.number(), v.summary(), changes);
    }

    /** Re-reads the district's latest version from the database (a change made on another node). */
    public Current reload(String district) {
        current(district);
        Current now;
        try {
            now = directory.reload(district).orElseThrow();
        } catch (TenantConfigException e) {
            throw ConfigProblems.invalid(e);
        }
        versions.recordReload(now.version());
        return now;
    }

    public List<Change> diff(String district, int from, Integer to) {
        ConfigVersion a = versions.find(from).orElseThrow(() -> ConfigProblems.noSuchVersion(from));
        String b = to == null ? current(district).document()
                : versions.find(to).orElseThrow(() -> ConfigProblems.noSuchVersion(to)).document();
        return ConfigDiff.between(ConfigDocument.treeOfYaml(a.document()), ConfigDocument.treeOfYaml(b));
    }

    private DistrictConfig validate(String district, Object tree, String document) {
        if (tree instanceof Map<?, ?> m && m.get("code") != null && !district.equals(String.valueOf(m.get("code")))) {
            throw ConfigProblems.codeChanged(district, m.get("code"));
        }
        try {
            return validator.validate(district, document);
        } catch (TenantConfigException e) {
            throw ConfigProblems.invalid(e);
        }
    }
}
