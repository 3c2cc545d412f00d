package cn.shenhe.plugins.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.plugin.api.ImageFacts;
import cn.shenhe.plugin.api.ImageFormat;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.plugin.api.PluginSettings;
import cn.shenhe.plugin.api.RegistrationFacts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardMaterialsTest {

    private static final RegistrationFacts FACTS = new RegistrationFacts("bj", "bj-01", "clinical-physician", 2027);

    @Test
    void theNationalDefaults() {
        List<MaterialType> types = new StandardMaterials().requiredFor(FACTS, PluginSettings.empty());
        assertEquals(List.of("id-card", "diploma", "practice-proof", "other"), types.stream().map(MaterialType::code).toList());
        MaterialType id = types.getFirst();
        assertTrue(id.fixedCount());
        assertEquals(2, id.maxImages());
        assertEquals(204_800, id.maxBytes());
        assertFalse(types.get(3).required());
        for (MaterialType t : types) {
            assertNotNull(getClass().getResource(t.sample().resource()), "sample for " + t.code());
        }
    }

    @Test
    void aDistrictAdjustsLimitsInItsSettings() {
        PluginSettings settings = new PluginSettings(Map.of("maxBytes", 102400,
                "types", Map.of("practice-proof", Map.of("min", 1, "max", 3))));
        List<MaterialType> types = new StandardMaterials().requiredFor(FACTS, settings);
        MaterialType proof = types.stream().filter(t -> t.code().equals("practice-proof")).findFirst().orElseThrow();
        assertEquals(3, proof.maxImages());
        assertEquals(102_400, proof.maxBytes());
        assertThrows(IllegalArgumentException.class, () -> new StandardMaterials().requiredFor(FACTS,
                new PluginSettings(Map.of("types", Map.of("id-card", Map.of("max", 0))))));
        assertThrows(IllegalArgumentException.class, () -> new StandardMaterials().requiredFor(FACTS,
                new PluginSettings(Map.of("maxBytes", "lots"))));
    }

    @Test
    void minimumResolution() {
        MinimumResolution check = new MinimumResolution();
        assertEquals(1, check.check(FACTS, new ImageFacts("diploma", ImageFormat.JPEG, 1000, 200, 150), PluginSettings.empty()).errors().size());
        assertEquals(1, check.check(FACTS, new ImageFacts("diploma", ImageFormat.JPEG, 1000, 800, 500), PluginSettings.empty()).warnings().size());
        assertTrue(check.check(FACTS, new ImageFacts("diploma", ImageFormat.JPEG, 1000, 1000, 750), PluginSettings.empty()).errors().isEmpty());
    }
}
