package cn.shenhe.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Identity and tenancy: only Keycloak's valid tokens get in; a user of one district never reads
 * or changes another's data, through any endpoint or image URL; candidates see only their own.
 */
@ExtendWith(ArquillianExtension.class)
class TenancyIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    static Keycloak.User bjCandidate;
    static String bjToken;
    static String bjRegistration;
    static String bjImage;

    @BeforeAll
    static void aBeijingCandidateWithAPicture() {
        bjCandidate = Keycloak.createUser("candidate", "bj", null);
        bjToken = bjCandidate.token();
        bjRegistration = Api.register(bjToken, "bj", 2027, "bj-01");
        bjImage = Api.upload(bjToken, "bj", bjRegistration, "diploma", TestImages.jpeg(1000, 750), "image/jpeg")
                .then().statusCode(201).extract().jsonPath().getString("url").substring("/api/v1".length());
    }

    @Test
    void noTokenOrABadOneIsRefused() {
        String path = "/districts/bj/registrations/" + bjRegistration;
        Api.anonymous().get(path).then().statusCode(401);
        Api.as("not-a-token").get(path).then().statusCode(401);
        Api.as(forged(bjToken)).get(path).then().statusCode(401);
        // a real Keycloak token of this realm, but for another audience (the realm's own admin-cli client)
        Api.as(Keycloak.token("shenhe", "admin-cli", bjCandidate.username(), "demo")).get(path).then().statusCode(401);
        // a real Keycloak token from another issuer (realm master)
        Api.as(Keycloak.adminToken()).get(path).then().statusCode(401);
        Api.as(bjToken).get(path).then().statusCode(200);
    }

    @Test
    void expiredTokensAreRefused() throws InterruptedException {
        String client = Keycloak.ensureShortLivedClient();
        String token = Keycloak.token("shenhe", client, bjCandidate.username(), "demo");
        Api.as(token).get("/districts/bj/registrations/" + bjRegistration).then().statusCode(200);
        Thread.sleep(8_000); // lifespan 1 s + the server's 5 s clock skew
        Api.as(token).get("/districts/bj/registrations/" + bjRegistration).then().statusCode(401);
    }

    @Test
    void anotherDistrictSeesNothing() {
        String sh = Keycloak.createUser("candidate", "sh", null).token();
        String shReviewer = Keycloak.createUser("district-reviewer", "sh", null).token();
        for (String token : new String[] {sh, shReviewer}) {
            notFound(Api.as(token).get("/districts/bj/registrations/" + bjRegistration));
            notFound(Api.as(token).get("/districts/bj/registrations"));
            notFound(Api.as(token).get(bjImage));
            notFound(Api.as(token).delete(bjImage));
            // the same ids under the caller's own district: not there either
            notFound(Api.as(token).get("/districts/sh/registrations/" + bjRegistration));
            notFound(Api.as(token).get(bjImage.replace("/districts/bj/", "/districts/sh/")));
        }
        notFound(Api.upload(sh, "bj", bjRegistration, "diploma", TestImages.jpeg(1000, 750), "image/jpeg"));
        Api.as(sh).get("/districts/sh/registrations").then().statusCode(200).body("id", not(hasItem(bjRegistration)));
        Api.as(bjToken).get(bjImage).then().statusCode(200);
    }

    @Test
    void candidatesSeeOnlyTheirOwn() {
        String other = Keycloak.createUser("candidate", "bj", null).token();
        notFound(Api.as(other).get("/districts/bj/registrations/" + bjRegistration));
        notFound(Api.as(other).get(bjImage));
        notFound(Api.as(other).delete(bjImage));
        notFound(Api.upload(other, "bj", bjRegistration, "diploma", TestImages.jpeg(1000, 750), "image/jpeg"));
        Api.as(other).get("/districts/bj/registrations").then().statusCode(200).body("id", not(hasItem(bjRegistration)));
        Api.as(bjToken).get("/districts/bj/registrations").then().statusCode(200).body("id", hasItem(bjRegistration));
    }

    @Test
    void siteReviewersSeeTheirSiteOnly() {
        String site1 = Keycloak.createUser("site-reviewer", "bj", "bj-01").token();
        String site2 = Keycloak.createUser("site-reviewer", "bj", "bj-02").token();
        Api.as(site1).get("/districts/bj/registrations/" + bjRegistration).then().statusCode(200);
        Api.as(site1).get(bjImage).then().statusCode(200).contentType("image/jpeg");
        notFound(Api.as(site2).get("/districts/bj/registrations/" + bjRegistration));
        notFound(Api.as(site2).get(bjImage));
        Api.as(site2).get("/districts/bj/registrations").then().statusCode(200).body("id", not(hasItem(bjRegistration)));
        // reviewers do not upload or delete a candidate's pictures
        Api.as(site1).delete(bjImage).then().statusCode(403);
    }

    @Test
    void nationalAdministratorsReadEverythingAndChangeNothing() {
        String national = Keycloak.token("national-admin", "demo");
        Api.as(national).get("/districts/bj/registrations/" + bjRegistration).then().statusCode(200);
        Api.as(national).get(bjImage).then().statusCode(200);
        Api.as(national).delete(bjImage).then().statusCode(403).body("code", equalTo("read-only"));
        Api.as(national).contentType("application/json").body("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"bj-01\"}")
                .post("/districts/bj/registrations").then().statusCode(403);
        Api.as(bjToken).get(bjImage).then().statusCode(200);
    }

    @Test
    void theDemoUsersOfTheRealmSignIn() {
        Api.as(Keycloak.token("bj-candidate-1", "demo")).get("/districts/bj/registrations").then().statusCode(200);
        notFound(Api.as(Keycloak.token("gd-candidate-2", "demo")).get("/districts/bj/registrations"));
        Api.as(Keycloak.token("sh-site-reviewer", "demo")).get("/districts/sh/registrations").then().statusCode(200);
    }

    private static void notFound(io.restassured.response.Response r) {
        r.then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not-found"));
    }

    /** The same claims, signed with a key Keycloak never had. */
    private static String forged(String token) {
        try {
            String[] parts = token.split("\\.");
            var gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            RSAPrivateKey key = (RSAPrivateKey) gen.generateKeyPair().getPrivate();
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initSign(key);
            sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
