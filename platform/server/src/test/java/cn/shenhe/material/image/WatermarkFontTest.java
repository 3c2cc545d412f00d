package cn.shenhe.material.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatermarkFontTest {

    @Test
    void locatedFontDisplaysTheWatermarkText() {
        WatermarkFont font = WatermarkFont.locate();
        assertTrue(font.canDisplay("仅用于医师资格考试北京考区"), font.toString());
        assertEquals(-1, font.sized(40).canDisplayUpTo("仅用于医师资格考试北京考区2026-11-26"));
    }

    @Test
    void derivedSizesAreCached() {
        WatermarkFont font = WatermarkFont.locate();
        assertTrue(font.sized(36) == font.sized(36));
        assertEquals(36f, font.sized(36).getSize2D());
    }

    @Test
    void configuredTtcIsUsed() {
        Path known = WatermarkFont.KNOWN_PATHS.getFirst();
        WatermarkFont font = WatermarkFont.locate(known.toString(), List.of(), null, false);
        assertEquals(known.toString(), font.source());
    }

    @Test
    void brokenConfigurationFailsInsteadOfGuessing(@TempDir Path dir) throws Exception {
        Path notAFont = Files.writeString(dir.resolve("font.ttc"), "not a font");
        var e = assertThrows(IllegalStateException.class,
                () -> WatermarkFont.locate(notAFont.toString(), WatermarkFont.KNOWN_PATHS, null, true));
        assertTrue(e.getMessage().contains(notAFont.toString()), e.getMessage());
    }

    @Test
    void missingFontNamesThePackageToInstall(@TempDir Path empty) {
        var e = assertThrows(IllegalStateException.class,
                () -> WatermarkFont.locate(null, List.of(empty.resolve("none.ttc")), empty, false));
        assertTrue(e.getMessage().contains("apt-get install fonts-wqy-microhei"), e.getMessage());
    }
}
