package cn.shenhe.plugins.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.plugin.api.CheckResult;
import cn.shenhe.plugin.api.GreyImage;
import cn.shenhe.plugin.api.ImageFacts;
import cn.shenhe.plugin.api.ImageFormat;
import cn.shenhe.plugin.api.PluginSettings;
import cn.shenhe.plugin.api.RegistrationFacts;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the settings choose what happens; what the measures find is evaluated in the server's QualityEvaluationTest. */
class QualityChecksTest {

    private static final RegistrationFacts FACTS = new RegistrationFacts("bj", "bj-01", "clinical-physician", 2027);
    /** Flat mid-grey: no edge at all (blurred), nothing brighter than 100 (dark), no document to find. */
    private static final GreyImage FLAT = flat(400, 300, 100);

    private static CheckResult check(String type, GreyImage grey, Map<String, ?> settings) {
        return new QualityChecks().check(FACTS, new ImageFacts(type, ImageFormat.JPEG, 1000, grey.width() * 2, grey.height() * 2),
                grey, new PluginSettings(settings));
    }

    private static List<String> codes(List<CheckResult.Finding> findings) {
        return findings.stream().map(CheckResult.Finding::code).toList();
    }

    @Test
    void withoutSettingsEveryCheckWarns() {
        CheckResult r = check("diploma", FLAT, Map.of());
        assertTrue(r.errors().isEmpty());
        assertEquals(List.of("image-blurred", "image-too-dark"), codes(r.warnings()));
        assertEquals("照片模糊,建议重新拍摄", r.warnings().getFirst().message().zh());
    }

    @Test
    void aDistrictTurnsChecksOffOrMakesThemRefuse() {
        CheckResult r = check("diploma", FLAT, Map.of("blur", Map.of("mode", "refuse"), "dark", Map.of("mode", "off")));
        assertEquals(List.of("image-blurred"), codes(r.errors()));
        assertTrue(r.warnings().isEmpty());
    }

    @Test
    void anUnquotedOffInYamlIsFalseAndStillOff() {
        CheckResult r = check("diploma", FLAT, Map.of("blur", Map.of("mode", false), "dark", Map.of("mode", false)));
        assertTrue(r.errors().isEmpty() && r.warnings().isEmpty());
    }

    @Test
    void aMaterialTypeOverridesTheDistrict() {
        Map<String, ?> settings = Map.of("blur", Map.of("mode", "off"), "dark", Map.of("mode", "warn", "threshold", 50),
                "types", Map.of("id-card", Map.of("blur", Map.of("mode", "refuse"), "dark", Map.of("threshold", 200))));
        assertEquals(List.of("image-blurred"), codes(check("id-card", FLAT, settings).errors()));
        assertEquals(List.of("image-too-dark"), codes(check("id-card", FLAT, settings).warnings()));
        CheckResult other = check("diploma", FLAT, settings);
        assertTrue(other.errors().isEmpty() && other.warnings().isEmpty(), "district: blur off, dark below 50 only");
    }

    @Test
    void aPortraitPictureOfALandscapeDocumentWithoutTextLinesIsSideways() {
        GreyImage portrait = flat(300, 400, 200);
        Map<String, ?> settings = Map.of("blur", Map.of("mode", "off"), "framing", Map.of("mode", "off"),
                "types", Map.of("id-card", Map.of("orientation", "landscape")));
        assertEquals(List.of("image-sideways"), codes(check("id-card", portrait, settings).warnings()));
        assertTrue(check("other", portrait, settings).warnings().isEmpty(), "no expected orientation: no finding");
    }

    @Test
    void badSettingsNameTheirPlace() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> check("id-card", FLAT, Map.of("types", Map.of("id-card", Map.of("blur", Map.of("mode", "loud"))))));
        assertEquals("settings.types.id-card.blur.mode: off, warn or refuse, not loud", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> check("id-card", FLAT, Map.of("types", Map.of("id-card", Map.of("orientation", "diagonal")))));
        assertTrue(e.getMessage().startsWith("settings.types.id-card.orientation"), e.getMessage());
    }

    private static GreyImage flat(int w, int h, int level) {
        byte[] px = new byte[w * h];
        Arrays.fill(px, (byte) level);
        return new GreyImage(w, h, px);
    }
}
