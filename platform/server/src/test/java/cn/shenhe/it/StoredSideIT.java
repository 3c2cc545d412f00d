package cn.shenhe.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A district's own stored side (issue 14 §3, {@code pictures.storedSide}): the same large picture is stored at
 * 1600 px in {@code tside}, at the server's 2400 px in {@code tsidedefault} (no setting), and at a new side once
 * the district's admin changes it through the configuration API, which refuses a side out of range.
 */
@ExtendWith(ArquillianExtension.class)
class StoredSideIT {

    /** 3200x2400: over every side tested, under the districts' 4 MB limit. */
    private static final byte[] LARGE = TestImages.jpeg(TestImages.photo(3200, 2400, 11), 0.8f);

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @Test
    void eachDistrictStoresAtItsOwnSideOrTheServers() throws IOException {
        assertStoredAt("tside", 1600);
        assertStoredAt("tsidedefault", 2400);

        String admin = Keycloak.createUser("district-admin", "tside", null).token();
        String seed = Files.readString(Path.of("src/it/tenant-configs/tside.yaml"));
        try {
            for (String side : new String[] {"1199", "4001", "big"}) {
                put(admin, seed.replace("storedSide: 1600", "storedSide: " + side)).then().statusCode(422)
                        .contentType("application/problem+json").body("code", equalTo("config-invalid"))
                        .body("field", equalTo("pictures.storedSide")).body("messages.en", containsString("pictures.storedSide"));
            }
            put(admin, seed.replace("storedSide: 1600", "storedSide: 3000")).then().statusCode(200);
            assertStoredAt("tside", 3000);
        } finally {
            put(admin, seed).then().statusCode(200);
        }
    }

    private static void assertStoredAt(String district, int side) {
        String token = Keycloak.createUser("candidate", district, null).token();
        String r = Api.register(token, district, 2027, district + "-01");
        JsonPath up = Api.upload(token, district, r, "diploma", LARGE, "image/jpeg").then().statusCode(201).extract().jsonPath();
        assertEquals(side, up.getInt("width"), district + ": the stored width");
        assertEquals(side * 3 / 4, up.getInt("height"), district + ": the stored height");
        byte[] stored = Api.as(token).get(up.getString("url").substring("/api/v1".length())).then().statusCode(200).extract().asByteArray();
        BufferedImage image = TestImages.decode(stored);
        assertEquals(side, image.getWidth(), district + ": the picture read back");
        assertEquals(stored.length, up.getLong("bytes"));
    }

    private static io.restassured.response.Response put(String admin, String yaml) {
        return Api.as(admin, "en").contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .put("/districts/tside/config");
    }
}
