package cn.shenhe.it;

import cn.shenhe.notification.NoticeOutbox;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Test deployment only (NoticesIT adds it to the WAR): claimers race for the outbox inside the
 * server, against its database (H2 or PostgreSQL). The rows are due in the year 2200, so the
 * server's own worker (which claims at the present time) never sees them; they are deleted after,
 * and real notices the racers claimed with them are given back.
 */
@Path("/it/outbox-race")
@RequestScoped
@PermitAll
public class OutboxRace {

    private static final Instant FUTURE = Instant.parse("2200-01-01T00:00:00Z");

    @Inject
    NoticeOutbox outbox;
    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;
    @Resource
    ManagedExecutorService executor;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject race(@QueryParam("rows") int rows, @QueryParam("claimers") int claimers, @QueryParam("batch") int batch) throws Exception {
        String district = "race" + UUID.randomUUID().toString().substring(0, 8);
        insert(district, rows);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                String holder = district + "-claimer-" + i;
                Callable<List<String>> claimer = () -> {
                    start.await();
                    List<String> mine = new ArrayList<>();
                    Instant now = FUTURE.plusSeconds(1);
                    // Until nothing is due: a claimer that finds every due row locked by the other gets none this round.
                    while (due(district, now) > 0) {
                        outbox.claim(holder, now, Duration.ofHours(1), batch).forEach(c -> mine.add(c.id()));
                    }
                    return mine;
                };
                results.add(executor.submit(claimer));
            }
            start.countDown();
            List<Integer> counts = new ArrayList<>();
            Set<String> distinct = new HashSet<>();
            int total = 0;
            int ours = 0;
            for (Future<List<String>> f : results) {
                List<String> mine = f.get();
                counts.add(mine.size());
                distinct.addAll(mine);
                total += mine.size();
                ours += (int) mine.stream().filter(id -> id.startsWith(district.substring(4))).count();
            }
            // total and distinct count every row claimed: the race's own and any real notice due by then (claimed once too).
            return Json.createObjectBuilder().add("claimed", Json.createArrayBuilder(counts)).add("total", total)
                    .add("distinct", distinct.size()).add("ours", ours).build();
        } finally {
            delete(district);
            giveBack(district);
        }
    }

    /**
     * One claim with a 10 s lease, renewed at +8 s: another claimer finds nothing at +15 s (the lease
     * alone would have lapsed at +11 s), takes the row once the renewed claim lapses (+19 s), and the
     * first claimer can then no longer record its send.
     */
    @POST
    @Path("renewal")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject renewal() throws Exception {
        String district = "race" + UUID.randomUUID().toString().substring(0, 8);
        insert(district, 1);
        try {
            Instant t0 = FUTURE.plusSeconds(1);
            String a = district + "-claimer-a";
            String b = district + "-claimer-b";
            List<NoticeOutbox.Claimed> first = mine(outbox.claim(a, t0, Duration.ofSeconds(10), 50), district);
            int renewed = outbox.extend(first, a, t0.plusSeconds(18));
            int beforeLapse = mine(outbox.claim(b, t0.plusSeconds(15), Duration.ofSeconds(10), 50), district).size();
            int renewedByB = outbox.extend(first, b, t0.plusSeconds(30));
            List<NoticeOutbox.Claimed> second = mine(outbox.claim(b, t0.plusSeconds(19), Duration.ofSeconds(10), 50), district);
            boolean lateSendRecorded = !first.isEmpty() && outbox.sent(first.get(0), a, t0.plusSeconds(20));
            int renewedLate = outbox.extend(first, a, t0.plusSeconds(40));
            return Json.createObjectBuilder().add("claimedFirst", first.size()).add("renewed", renewed)
                    .add("claimedBeforeLapse", beforeLapse).add("renewedByOther", renewedByB)
                    .add("claimedAfterLapse", second.size()).add("secondAttempt", second.isEmpty() ? 0 : second.get(0).attempt())
                    .add("lateSendRecorded", lateSendRecorded).add("renewedLate", renewedLate).build();
        } finally {
            delete(district);
            giveBack(district);
        }
    }

    private static List<NoticeOutbox.Claimed> mine(List<NoticeOutbox.Claimed> claimed, String district) {
        return claimed.stream().filter(c -> c.district().equals(district)).toList();
    }

    private void insert(String district, int rows) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO notice_outbox (id, district_id, plugin_id, channel, address,"
                     + " recipient_sub, registration_id, kind, title_zh, title_en, body_zh, body_en, created_at, status, attempts,"
                     + " next_attempt_at) VALUES (?, ?, 'sms-notifications', 'SMS', '13800138000', 'sub', NULL, 'STATUS',"
                     + " '报名状态', 'Status', '审核通过', 'Approved', ?, 'PENDING', 0, ?)")) {
            OffsetDateTime at = OffsetDateTime.ofInstant(FUTURE, ZoneOffset.UTC);
            for (int i = 0; i < rows; i++) {
                ps.setString(1, String.format("%s%016d", district.substring(4), i));   // 24 characters, unique per race
                ps.setString(2, district);
                ps.setObject(3, at);
                ps.setObject(4, at);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private long due(String district, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM notice_outbox WHERE district_id = ? AND status = 'PENDING' AND next_attempt_at <= ?")) {
            ps.setString(1, district);
            ps.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Real notices the race claimed with its own (the claim serves every district) are due again now, as they were. */
    private void giveBack(String district) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE notice_outbox SET next_attempt_at = ?, claimed_by = NULL,"
                     + " attempts = attempts - 1 WHERE claimed_by LIKE ? AND status = 'PENDING'")) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setString(2, district + "-claimer-%");
            ps.executeUpdate();
        }
    }

    private void delete(String district) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM notice_outbox WHERE district_id = ?")) {
            ps.setString(1, district);
            ps.executeUpdate();
        }
    }
}
