package cn.shenhe.material.reuse;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Finds the other candidates' pictures near a stored picture, in every district, and records each pair (one row
 * per direction, see V13). Runs once the picture's row has committed, outside the upload's transaction: of two
 * copies stored at the same moment, the later lookup sees the earlier one. Never fails an upload: a lookup
 * that fails is logged, and the picture keeps its hash (the backfill's {@code rescan} finds it again).
 * Pictures of the same registration or the same candidate (another year, another district) are never flagged:
 * a candidate may upload their own diploma again.
 *
 * <p>This reads across districts on purpose (a reuse between two provinces is what national admins ask for);
 * what each caller may see of the pairs is decided by {@link ReuseFlags}.
 */
@ApplicationScoped
public class ReuseDetector {

    private static final Logger LOG = Logger.getLogger(ReuseDetector.class.getName());
    /** A picture near more than this many others is recorded with the nearest ones only (a blank page, a test pattern). */
    static final int MAX_RECORDED = 50;
    private static final String DUPLICATE = "23505";

    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;

    private record Owner(String imageId, String district, String registrationId, String candidate) {
    }

    /** Looks and records, logging instead of throwing; returns how many other candidates' pictures were found. */
    public int detectQuietly(String imageId, long hash) {
        try {
            return detect(imageId, hash);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Reuse lookup failed for picture " + imageId + "; the picture is stored", e);
            return 0;
        }
    }

    public int detect(String imageId, long hash) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            List<ReuseIndex.Near> near = new ArrayList<>(ReuseIndex.near(c, hash, null));
            near.removeIf(n -> n.imageId().equals(imageId));
            if (near.isEmpty()) {
                return 0;
            }
            near.sort(java.util.Comparator.comparingInt(ReuseIndex.Near::distance));
            List<String> ids = new ArrayList<>(near.stream().limit(MAX_RECORDED).map(ReuseIndex.Near::imageId).toList());
            ids.add(imageId);
            Map<String, Owner> owners = owners(c, ids);
            Owner self = owners.get(imageId);
            if (self == null) {
                return 0;   // deleted meanwhile
            }
            List<Pair> pairs = new ArrayList<>();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (ReuseIndex.Near n : near.subList(0, Math.min(MAX_RECORDED, near.size()))) {
                Owner other = owners.get(n.imageId());
                if (other == null || other.registrationId().equals(self.registrationId()) || other.candidate().equals(self.candidate())) {
                    continue;
                }
                pairs.add(new Pair(self, other, n.distance()));
                pairs.add(new Pair(other, self, n.distance()));
            }
            recordAll(c, pairs, now);
            return pairs.size() / 2;
        }
    }

    /** One direction of a pair of near pictures. */
    private record Pair(Owner from, Owner to, int distance) {
    }

    /**
     * All of a picture's pairs in one transaction: a picture near many others (a blank page, a test pattern: up
     * to {@value #MAX_RECORDED} of them) was a hundred commits, each a file write on H2 and a WAL sync on
     * PostgreSQL. A pair recorded meanwhile (the other picture's lookup at the same moment, a rescan) fails the
     * batch: then the rows go one by one, each kept or skipped on its own, as before.
     */
    private static void recordAll(Connection c, List<Pair> pairs, OffsetDateTime at) throws SQLException {
        if (pairs.isEmpty()) {
            return;
        }
        c.setAutoCommit(false);
        try (PreparedStatement u = c.prepareStatement(INSERT_PAIR)) {
            for (Pair p : pairs) {
                bind(u, p, at);
                u.addBatch();
            }
            u.executeBatch();
            c.commit();
            return;
        } catch (SQLException e) {
            c.rollback();
            if (!isDuplicate(e)) {
                throw e;
            }
        } finally {
            c.setAutoCommit(true);
        }
        for (Pair p : pairs) {
            record(c, p, at);
        }
    }

    private static boolean isDuplicate(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException() == x ? null : x.getNextException()) {
            if (DUPLICATE.equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Owner> owners(Connection c, List<String> ids) throws SQLException {
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        Map<String, Owner> out = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT m.id, m.district_id, m.registration_id, r.candidate_sub"
                + " FROM material_image m JOIN registration r ON r.id = m.registration_id WHERE m.id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                q.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Owner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    private static final String INSERT_PAIR = "INSERT INTO image_reuse (district_id, image_id, registration_id,"
            + " other_district_id, other_image_id, other_registration_id, distance, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    /** One direction of a pair, in its own commit; a pair already recorded (found again by a rescan, or by both sides at once) is kept as it was. */
    private static void record(Connection c, Pair p, OffsetDateTime at) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(INSERT_PAIR)) {
            bind(u, p, at);
            u.executeUpdate();
        } catch (SQLException e) {
            if (!DUPLICATE.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static void bind(PreparedStatement u, Pair p, OffsetDateTime at) throws SQLException {
        u.setString(1, p.from().district());
        u.setString(2, p.from().imageId());
        u.setString(3, p.from().registrationId());
        u.setString(4, p.to().district());
        u.setString(5, p.to().imageId());
        u.setString(6, p.to().registrationId());
        u.setInt(7, p.distance());
        u.setObject(8, at);
    }
}
