package cn.shenhe.material.quality;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.plugin.api.CheckResult;
import cn.shenhe.plugin.api.ImageFacts;
import cn.shenhe.plugin.api.ImageFormat;
import cn.shenhe.plugin.api.PluginSettings;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.plugins.quality.QualityChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of each quality check at its default threshold, through the server's own
 * pipeline: printed for every set, asserted (at least 0.9 both) on the validation set, which no
 * threshold was chosen on ({@link QualitySets}).
 */
class QualityEvaluationTest {

    static final List<String> CODES = List.of("image-blurred", "image-too-dark", "image-overexposed",
            "document-too-small", "image-sideways");
    private static final RegistrationFacts FACTS = new RegistrationFacts("bj", "bj-01", "clinical-physician", 2027);
    /** Every check warns at its default; the documents photographed in landscape say so, as the demo districts do. */
    private static final PluginSettings SETTINGS = new PluginSettings(Map.of("types", Map.of(
            "id-card", Map.of("orientation", "landscape"), "diploma", Map.of("orientation", "landscape"),
            "practice-proof", Map.of("orientation", "landscape"), "residence-proof", Map.of("orientation", "landscape"))));

    record Score(int truePositives, int falsePositives, int falseNegatives) {
        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }
    }

    @Test
    void eachCheckFindsItsDefectAndLittleElseOnPicturesItWasNotTunedOn() {
        evaluate("tuning set", QualitySets.graded(QualitySets.TUNING));
        evaluate("check set", QualitySets.graded(QualitySets.CHECK));
        Map<String, Score> validation = evaluate("validation set", QualitySets.graded(QualitySets.VALIDATION));
        assertTrue(validation.size() == CODES.size());
        validation.forEach((code, s) -> {
            assertTrue(s.precision() >= 0.9, code + " precision " + s.precision());
            assertTrue(s.recall() >= 0.9, code + " recall " + s.recall());
        });
    }

    static Map<String, Score> evaluate(String name, List<QualitySets.Graded> set) {
        QualityChecks checks = new QualityChecks();
        Map<String, int[]> counts = new LinkedHashMap<>();
        CODES.forEach(c -> counts.put(c, new int[3]));
        List<String> mistakes = new ArrayList<>();
        for (QualitySets.Graded g : set) {
            CheckResult r = checks.check(FACTS, new ImageFacts(g.picture().materialType(), ImageFormat.JPEG,
                    g.picture().jpeg().length, g.width(), g.height()), g.grey(), SETTINGS);
            Set<String> found = r.warnings().stream().map(CheckResult.Finding::code).collect(Collectors.toSet());
            for (String code : CODES) {
                boolean expected = g.picture().expected().contains(code), flagged = found.contains(code);
                int[] c = counts.get(code);
                if (expected && flagged) c[0]++;
                if (!expected && flagged) c[1]++;
                if (expected && !flagged) c[2]++;
                if (expected != flagged) mistakes.add(g.picture().name() + (flagged ? ": false " : ": missed ") + code);
            }
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder("Quality checks on the " + name + " (" + set.size() + " pictures):\n");
        counts.forEach((code, c) -> {
            Score s = new Score(c[0], c[1], c[2]);
            scores.put(code, s);
            report.append(String.format("  %-20s precision %.3f  recall %.3f  (tp %d, fp %d, fn %d)%n",
                    code, s.precision(), s.recall(), c[0], c[1], c[2]));
        });
        mistakes.forEach(m -> report.append("  ").append(m).append('\n'));
        System.out.print(report);
        return scores;
    }
}
