package cn.shenhe.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Plugins describe their settings: the server serves each installed plugin's schema to the
 * district's administrators, and refuses a configuration whose settings the schema does not
 * allow, naming the setting in both languages. On the test district tadmin, with changes that are
 * all refused (nothing is stored).
 */
@ExtendWith(ArquillianExtension.class)
class PluginSettingsIT {

    static final String D = "tadmin";
    static final String PLUGINS = "/districts/" + D + "/plugins";
    static String seed;
    static String admin;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @BeforeAll
    static void users() throws IOException {
        seed = Files.readString(Path.of("src/it/tenant-configs/tadmin.yaml"), StandardCharsets.UTF_8);
        admin = Keycloak.createUser("district-admin", D, null).token();
    }

    @Test
    void everyInstalledPluginDescribesItsSettings() {
        Api.as(admin).get(PLUGINS).then().statusCode(200).contentType("application/json")
                .body("id", hasItems("standard-materials", "gd-materials", "online-review", "onsite-review", "inapp-notifications",
                        "quality-checks", "mail-notifications", "sms-notifications"))
                .body("find { it.id == 'standard-materials' }.name.zh", equalTo("标准材料"))
                .body("find { it.id == 'standard-materials' }.reviewMode", equalTo(false))
                .body("find { it.id == 'standard-materials' }.settings.find { it.key == 'types.diploma.max' }.type", equalTo("NUMBER"))
                .body("find { it.id == 'standard-materials' }.settings.find { it.key == 'types.diploma.max' }.group.zh", equalTo("学历证书"))
                .body("find { it.id == 'standard-materials' }.settings.find { it.key == 'types.diploma.max' }.defaultValue", equalTo(2))
                .body("find { it.id == 'standard-materials' }.settings.find { it.key == 'types.diploma.max' }.max", equalTo(20))
                .body("find { it.id == 'standard-materials' }.settings.find { it.key == 'maxBytes' }.type", equalTo("BYTES"))
                .body("find { it.id == 'online-review' }.reviewMode", equalTo(true))
                .body("find { it.id == 'online-review' }.name.zh", equalTo("网上审核"))
                .body("find { it.id == 'onsite-review' }.settings.find { it.key == 'slots' }.type", equalTo("LIST"))
                .body("find { it.id == 'onsite-review' }.settings.find { it.key == 'slots' }.fields.key",
                        equalTo(List.of("site", "date", "start", "end", "capacity")))
                .body("find { it.id == 'quality-checks' }.settings.find { it.key == 'blur.mode' }.choices.value",
                        equalTo(List.of("off", "warn", "refuse")))
                .body("find { it.id == 'quality-checks' }.settings.find { it.key == 'blur.mode' }.choices[2].label.zh", equalTo("拒收"))
                .body("find { it.id == 'mail-notifications' }.settings.find { it.key == 'smtp.password' }.type", equalTo("SECRET"))
                .body("find { it.id == 'mail-notifications' }.settings.find { it.key == 'smtp.host' }.required", equalTo(true));
    }

    @Test
    void theDistrictsWithSettingsStillLoad() {
        Api.anonymous().get("/districts").then().statusCode(200)
                .body("code", hasItems("bj", "sh", "gd", "tquality", "tonsite", "tbooking", "tside", "tadminsite"));
    }

    @Test
    void onlyTheDistrictsAdministratorsReadThem() {
        Api.anonymous().get(PLUGINS).then().statusCode(401);
        Api.as(Keycloak.createUser("candidate", D, null).token()).get(PLUGINS).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
        Api.as(Keycloak.createUser("district-admin", "tadminui", null).token()).get(PLUGINS).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not-found"));
    }

    @Test
    void aSettingTheSchemaRefusesIsRefusedNamingItInBothLanguages() {
        int version = version();
        put(seed.replace("maxBytes: 204800", "maxBytes: 1024")).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("config-invalid"))
                .body("field", equalTo("plugins[0].settings.maxBytes"))
                .body("messages.'zh-CN'", equalTo("考区配置字段 plugins[0].settings.maxBytes 有误:应在 10240 到 10485760 之间: 1024"))
                .body("messages.en", containsString("plugins[0].settings.maxBytes is invalid: must be between 10240 and 10485760: 1024"));
        put(seed.replace("  - id: inapp-notifications\n", "  - id: inapp-notifications\n    settings:\n      kinds: [COMMENT, SPAM]\n"))
                .then().statusCode(422).body("field", equalTo("plugins[2].settings.kinds"))
                .body("messages.'zh-CN'", containsString("应为 COMMENT, STATUS 之一,而不是 SPAM"));
        put(seed + "  - id: mail-notifications\n    settings:\n      smtp: { host: smtp.example.cn, password: hunter2 }\n"
                + "      from: notice@example.cn\n")
                .then().statusCode(422).body("field", equalTo("plugins[4].settings.smtp.password"))
                .body("messages.en", containsString("a secret is named, never written here"));
        put(seed + "  - id: mail-notifications\n    settings:\n      from: notice@example.cn\n")
                .then().statusCode(422).body("field", equalTo("plugins[4].settings.smtp.host"));
        Api.as(admin).get("/districts/" + D + "/config").then().statusCode(200).header("ETag", "\"" + version + "\"");
    }

    private static int version() {
        return Integer.parseInt(Api.as(admin).get("/districts/" + D + "/config").then().statusCode(200).extract().header("ETag")
                .replace("\"", ""));
    }

    private static io.restassured.response.Response put(String yaml) {
        return Api.as(admin).contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8)).put("/districts/" + D + "/config");
    }
}
