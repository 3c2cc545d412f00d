package cn.shenhe.search;

import cn.shenhe.bench.BlockingHttp;
import cn.shenhe.it.Keycloak;
import cn.shenhe.material.image.SampleImages;
import cn.shenhe.persistence.Ids;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page a reviewer opens, at the search benchmark's scale (issue 18 §2: server time p95 ≤ 50 ms at 1 M
 * registrations, the server's resident memory ≤ 1 GiB): a registration with ten pictures (id-card ×2, diploma ×2,
 * practice-proof ×3, other ×3) and eight comments, read as the workbench reads it (the registration, then its
 * review context) by a district reviewer, {@code times} times after a warm-up. Times are the client's over
 * loopback, so an upper bound of the server's.
 */
final class ReviewerPage {

    private static final String[] PICTURES = {"id-card", "id-card", "diploma", "diploma", "practice-proof", "practice-proof",
            "practice-proof", "other", "other", "other"};

    private ReviewerPage() {
    }

    static void measure(String api, String district, String site, Connection c, int times) throws Exception {
        Keycloak.User candidate = Keycloak.createUser("candidate", district, null);
        String token = candidate.token();
        String body = "{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"" + site + "\"}";
        String created = BlockingHttp.expect(201, "POST", api + "/districts/" + district + "/registrations", token,
                "application/json", body.getBytes(StandardCharsets.UTF_8)).body();
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(created);
        if (!id.find()) {
            throw new IllegalStateException("no registration id in " + created);
        }
        String registration = api + "/districts/" + district + "/registrations/" + id.group(1);
        byte[] photo = SampleImages.photoJpeg();
        for (String type : PICTURES) {
            BlockingHttp.expect(201, "POST", registration + "/materials/" + type + "/images", token, "image/jpeg", photo);
        }
        comment(c, district, id.group(1));

        String reviewer = Keycloak.token(System.getProperty("bench.reviewer", district + "-district-reviewer"), "demo");
        long[] page = new long[times], view = new long[times], context = new long[times];
        for (int i = -Math.min(times, 100); i < times; i++) {   // the first hundred warm up
            long s = System.nanoTime();
            BlockingHttp.expect(200, "GET", registration, reviewer, null, null);
            long m = System.nanoTime();
            BlockingHttp.expect(200, "GET", registration + "/review-context", reviewer, null, null);
            long e = System.nanoTime();
            if (i >= 0) {
                view[i] = m - s;
                context[i] = e - m;
                page[i] = e - s;
            }
        }
        SearchBenchmark.report("page: registration", view);
        SearchBenchmark.report("page: context", context);
        SearchBenchmark.report("page: both", page);
        System.out.printf("RESULT reviewer's page (10 pictures, 8 comments) p95 %.2f ms (target <= 50)%n",
                SearchBenchmark.percentile(page, 95) / 1e6);
    }

    /** Eight comments on the registration, two per material type, as reviewers of both levels leave them. */
    private static void comment(Connection c, String district, String registrationId) throws Exception {
        try (PreparedStatement com = c.prepareStatement(SyntheticData.INSERT_COMMENT)) {
            String[] types = {"id-card", "diploma", "practice-proof", "other"};
            for (int i = 0; i < 8; i++) {
                com.setString(1, Ids.next());
                com.setString(2, district);
                com.setString(3, registrationId);
                com.setString(4, types[i % 4]);
                com.setString(5, i < 4 ? "SITE" : "DISTRICT");
                com.setString(6, "照片模糊,请重新上传清晰的原件照片(第 " + (i + 1) + " 条)");
                com.setString(7, "审核员");
                com.setObject(8, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10 - i));
                com.setObject(9, null);
                com.addBatch();
            }
            com.executeBatch();
        }
    }

    /** The server's resident memory (VmRSS) in MiB, or -1 when its pid is unknown or its /proc unreadable. */
    static long residentMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // below
        }
        return -1;
    }
}
