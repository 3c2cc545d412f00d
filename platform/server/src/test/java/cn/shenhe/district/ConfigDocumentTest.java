package cn.shenhe.district;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.district.ConfigDiff.Change;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration as a document: YAML and JSON give the same tree, the diff reads well, the reader validates both. */
class ConfigDocumentTest {

    private static final String YAML = """
            # comment
            code: bj
            name: { zh: 北京考区, en: Beijing }
            examYear: 2027
            review:
              mode: online-review
            uploadWindow:
              opens: 2026-11-01T00:00:00+08:00
              closes: 2027-12-31T23:59:59+08:00
            watermark: 北京考区
            sites:
              - code: bj-01
                name: { zh: 东城考点, en: Dongcheng }
              - code: bj-02
                name: { zh: 海淀考点, en: Haidian }
            plugins:
              - id: standard-materials
                settings:
                  maxBytes: 204800
              - id: online-review
            """;

    @Test
    void yamlAndJsonGiveTheSameTreeAndTimestampsStayText() {
        Object fromYaml = ConfigDocument.treeOfYaml(YAML);
        String json = ConfigDocument.jsonText(ConfigDocument.jsonOf(fromYaml));
        assertTrue(json.contains("\"opens\":\"2026-11-01T00:00:00+08:00\""), json);
        Object fromJson = ConfigDocument.treeOfJson(json);
        assertEquals(fromYaml, fromJson);
        assertEquals(List.of(), ConfigDiff.between(fromYaml, fromJson));
    }

    @Test
    void jsonStoredAsYamlReadsBackIdenticallyAndValidates() {
        Object tree = ConfigDocument.treeOfJson(ConfigDocument.jsonText(ConfigDocument.jsonOf(ConfigDocument.treeOfYaml(YAML))));
        String yaml = ConfigDocument.yamlOf(tree);
        assertEquals(tree, ConfigDocument.treeOfYaml(yaml));
        DistrictConfig d = TenantConfigReader.read("bj.yaml", new StringReader(yaml));
        assertEquals("bj", d.code());
        assertEquals(2, d.sites().size());
        assertEquals(2027, d.examYear());
        assertEquals(2026, d.uploadWindow().opens().getYear());
    }

    @Test
    void dateOnlyValuesStayDates() {
        Object tree = ConfigDocument.treeOfYaml("slots:\n  - { site: sh-01, date: 2027-03-09, start: \"09:00\" }\n");
        assertEquals("2027-03-09", ((Map<?, ?>) ((List<?>) ((Map<?, ?>) tree).get("slots")).getFirst()).get("date"));
    }

    @Test
    void theDiffNamesFieldsAndMatchesListItemsByCode() {
        Object before = ConfigDocument.treeOfYaml(YAML);
        Object after = ConfigDocument.treeOfYaml(YAML
                .replace("maxBytes: 204800", "maxBytes: 204800\n      types:\n        diploma: { max: 1 }")
                .replace("  - code: bj-01\n    name: { zh: 东城考点, en: Dongcheng }\n", "")
                .replace("watermark: 北京考区", "watermark: 北京考区 2027"));
        List<Change> changes = ConfigDiff.between(before, after);
        assertEquals(List.of(
                new Change("watermark", "北京考区", "北京考区 2027"),
                new Change("sites[bj-01]", Map.of("code", "bj-01", "name", Map.of("zh", "东城考点", "en", "Dongcheng")), null),
                new Change("plugins[standard-materials].settings.types", null, Map.of("diploma", Map.of("max", 1)))), changes);
        assertEquals("3 changes: watermark, sites[bj-01], plugins[standard-materials].settings.types", ConfigDiff.summary(changes));
    }

    @Test
    void theDiffOfALeafShowsBeforeAndAfterAndReordersAreNamed() {
        Object before = ConfigDocument.treeOfYaml(YAML);
        Object after = ConfigDocument.treeOfYaml(YAML.replace("examYear: 2027", "examYear: 2028")
                .replace("en: Haidian", "en: Haidian District"));
        assertEquals(List.of(new Change("examYear", 2027, 2028), new Change("sites[bj-02].name.en", "Haidian", "Haidian District")),
                ConfigDiff.between(before, after));
        Object swapped = ConfigDocument.treeOfYaml("sites:\n  - code: b\n  - code: a\n");
        Object original = ConfigDocument.treeOfYaml("sites:\n  - code: a\n  - code: b\n");
        assertEquals(List.of(new Change("sites (order)", List.of("a", "b"), List.of("b", "a"))), ConfigDiff.between(original, swapped));
        assertEquals("no change", ConfigDiff.summary(List.of()));
    }

    @Test
    void listsWithoutIdentityAreComparedByPosition() {
        Object a = ConfigDocument.treeOfYaml("review:\n  commentTemplates:\n    - { zh: 甲, en: A }\n");
        Object b = ConfigDocument.treeOfYaml("review:\n  commentTemplates:\n    - { zh: 甲, en: A2 }\n    - { zh: 乙, en: B }\n");
        List<Change> changes = ConfigDiff.between(a, b);
        assertEquals("review.commentTemplates[0].en", changes.get(0).path());
        assertEquals("review.commentTemplates[1]", changes.get(1).path());
        assertNull(changes.get(1).before());
    }

    @Test
    void badDocumentsAreRefusedNamingTheDocument() {
        TenantConfigException yaml = assertThrows(TenantConfigException.class, () -> ConfigDocument.treeOfYaml("code: [unclosed"));
        assertEquals("(document)", yaml.field());
        TenantConfigException json = assertThrows(TenantConfigException.class, () -> ConfigDocument.treeOfJson("{\"code\": "));
        assertEquals("(document)", json.field());
        assertTrue(json.getMessage().contains("not valid JSON"));
    }

    @Test
    void invalidValuesAreNamedByTheReader() {
        String bad = ConfigDocument.yamlOf(ConfigDocument.treeOfYaml(YAML.replace("examYear: 2027", "examYear: soon")));
        TenantConfigException e = assertThrows(TenantConfigException.class, () -> TenantConfigReader.read("bj.yaml", new StringReader(bad)));
        assertEquals("examYear", e.field());
        var problem = ConfigProblems.invalid(e);
        assertEquals(422, problem.status());
        assertEquals("config-invalid", problem.code());
        assertEquals("examYear", problem.details().get("field"));
        assertTrue(problem.messageEn().contains("examYear"), problem.messageEn());
        assertTrue(problem.messageZh().contains("examYear"), problem.messageZh());
    }

    @Test
    void anUnquotedCommaInAFlowMapIsRefusedNotTruncated() {
        String yaml = YAML.replace("  mode: online-review\n", "  mode: online-review\n  commentTemplates:\n    - { zh: 照片模糊,请重拍, en: Blurred }\n");
        TenantConfigException e = assertThrows(TenantConfigException.class, () -> TenantConfigReader.read("bj.yaml", new StringReader(yaml)));
        assertEquals("review.commentTemplates[0]", e.field());
        assertTrue(e.getMessage().contains("quote"), e.getMessage());
        DistrictConfig quoted = TenantConfigReader.read("bj.yaml", new StringReader(yaml.replace("zh: 照片模糊,请重拍", "zh: \"照片模糊,请重拍\"")));
        assertEquals("照片模糊,请重拍", quoted.review().commentTemplates().getFirst().zh());
    }

    @Test
    void pluginSettingMessagesBecomeFieldPaths() {
        assertEquals("plugins[0].settings.types.diploma.max", ConfigValidator.settingsField(0, "settings.types.diploma.max: not a whole number: lots"));
        assertEquals("plugins[2].settings", ConfigValidator.settingsField(2, "need 0 <= minImages <= maxImages and maxImages >= 1 for diploma"));
    }

    @Test
    void ifMatchAcceptsQuotedAndWeakVersions() {
        assertEquals(3, ConfigResource.version("\"3\""));
        assertEquals(3, ConfigResource.version("W/\"3\""));
        assertEquals(3, ConfigResource.version("3"));
        assertNull(ConfigResource.version("*"));
        assertNull(ConfigResource.version(null));
        assertEquals("bad-if-match", assertThrows(cn.shenhe.problem.ProblemException.class, () -> ConfigResource.version("\"abc\"")).code());
    }

    @Test
    void theDemoDistrictsRoundTripThroughJson() throws Exception {
        try (var files = Files.newDirectoryStream(Path.of("../../tenant-configs"), "*.yaml")) {
            int n = 0;
            for (Path f : files) {
                String yaml = Files.readString(f);
                Object tree = ConfigDocument.treeOfYaml(yaml);
                Object back = ConfigDocument.treeOfJson(ConfigDocument.jsonText(ConfigDocument.jsonOf(tree)));
                assertEquals(List.of(), ConfigDiff.between(tree, back), f.toString());
                String code = f.getFileName().toString().replace(".yaml", "");
                DistrictConfig viaJson = TenantConfigReader.read(f.getFileName().toString(), new StringReader(ConfigDocument.yamlOf(back)));
                DistrictConfig viaFile = TenantConfigReader.read(f.getFileName().toString(), new StringReader(yaml));
                assertEquals(viaFile.code(), viaJson.code());
                assertEquals(viaFile.uploadWindow().opens().toInstant(), viaJson.uploadWindow().opens().toInstant(), code);
                assertEquals(viaFile.sites(), viaJson.sites(), code);
                n++;
            }
            assertFalse(n == 0);
        }
    }
}
