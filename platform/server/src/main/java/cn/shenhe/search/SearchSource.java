package cn.shenhe.search;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads what the index holds from the database, with plain JDBC: indexing runs after the request's
 * transaction (or in a rebuild), outside any request and its tenant-bound EntityManager, and a
 * rebuild streams a million rows, which JPA would cache. Every statement here names the district
 * explicitly ({@code district_id = ?}): this class is the one place where that discipline is
 * ours rather than EclipseLink's.
 */
@ApplicationScoped
public class SearchSource {

    private static final String REGISTRATION_COLUMNS = "id, candidate_name, id_number, phone, exam_year, exam_category,"
            + " site_code, status, created_at, updated_at";
    private static final String COMMENT_COLUMNS = "registration_id, id, image_id, material_type, review_level, body,"
            + " author_name, created_at, resolved_at";
    /** Registrations per page of a rebuild. */
    private static final int PAGE = 2000;
    private static final int IN_BATCH = 500;

    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;

    /** The registrations among {@code ids} that exist, with their comments; missing ids are absent. */
    public Map<String, SearchFields.Registration> load(String district, Collection<String> ids) throws SQLException {
        Map<String, SearchFields.Registration> out = new HashMap<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < all.size(); from += IN_BATCH) {
                List<String> batch = all.subList(from, Math.min(all.size(), from + IN_BATCH));
                String in = String.join(",", java.util.Collections.nCopies(batch.size(), "?"));
                Map<String, List<SearchFields.Comment>> comments = new HashMap<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COMMENT_COLUMNS
                        + " FROM review_comment WHERE district_id = ? AND registration_id IN (" + in + ") ORDER BY created_at, id")) {
                    bind(ps, district, batch);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            comments.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(comment(rs));
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT " + REGISTRATION_COLUMNS
                        + " FROM registration WHERE district_id = ? AND id IN (" + in + ")")) {
                    bind(ps, district, batch);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            SearchFields.Registration r = registration(district, rs, comments.getOrDefault(rs.getString(1), List.of()));
                            out.put(r.id(), r);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Every registration of the district with its comments, a page at a time in id order (keyset
     * paging: each page starts after the previous page's last id, and its comments are those whose
     * registration id falls in the same range), so memory stays flat and every comparison of ids
     * is the database's own, whatever its collation.
     */
    public long forEach(String district, Consumer<SearchFields.Registration> sink) throws SQLException {
        long n = 0;
        String after = "";
        try (Connection c = dataSource.getConnection();
             PreparedStatement regs = c.prepareStatement("SELECT " + REGISTRATION_COLUMNS
                     + " FROM registration WHERE district_id = ? AND id > ? ORDER BY id FETCH FIRST " + PAGE + " ROWS ONLY");
             PreparedStatement coms = c.prepareStatement("SELECT " + COMMENT_COLUMNS
                     + " FROM review_comment WHERE district_id = ? AND registration_id > ? AND registration_id <= ?"
                     + " ORDER BY created_at, id")) {
            while (true) {
                List<Object[]> rows = new ArrayList<>(PAGE);
                regs.setString(1, district);
                regs.setString(2, after);
                try (ResultSet rs = regs.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9), instant(rs, 10)});
                    }
                }
                if (rows.isEmpty()) {
                    return n;
                }
                String last = (String) rows.getLast()[0];
                Map<String, List<SearchFields.Comment>> comments = new HashMap<>();
                coms.setString(1, district);
                coms.setString(2, after);
                coms.setString(3, last);
                try (ResultSet rs = coms.executeQuery()) {
                    while (rs.next()) {
                        comments.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(2)).add(comment(rs));
                    }
                }
                for (Object[] r : rows) {
                    sink.accept(new SearchFields.Registration(district, (String) r[0], (String) r[1], (String) r[2],
                            (String) r[3], (Integer) r[4], (String) r[5], (String) r[6], (String) r[7], (Instant) r[8],
                            (Instant) r[9], comments.getOrDefault((String) r[0], List.of())));
                    n++;
                }
                after = last;
            }
        }
    }

    /**
     * Which database this is: when Flyway first migrated it (the first row of its history). A
     * schema recreated or restored from elsewhere answers differently, and an index built from
     * the old one is rebuilt even if it happens to hold as many registrations. "unknown" when
     * the history cannot be read (the count check then stands alone).
     */
    public String databaseIdentity() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT \"installed_on\" FROM \"flyway_schema_history\" WHERE \"installed_rank\" = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? String.valueOf(rs.getObject(1)) : "unknown";
        } catch (SQLException e) {
            java.util.logging.Logger.getLogger(SearchSource.class.getName()).fine(() -> "No migration history: " + e);
            return "unknown";
        }
    }

    public long count(String district) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM registration WHERE district_id = ?")) {
            ps.setString(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Registrations changed, or commented on, at or after {@code since}: what a crash may have left unindexed. */
    public Set<String> changedSince(String district, Instant since) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        OffsetDateTime t = OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            for (String sql : new String[] {
                    "SELECT id FROM registration WHERE district_id = ? AND updated_at >= ?",
                    "SELECT registration_id FROM review_comment WHERE district_id = ? AND (created_at >= ? OR resolved_at >= ?)"}) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, district);
                    ps.setObject(2, t);
                    if (ps.getParameterMetaData().getParameterCount() > 2) {
                        ps.setObject(3, t);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        return ids;
    }

    private static void bind(PreparedStatement ps, String district, List<String> ids) throws SQLException {
        ps.setString(1, district);
        for (int i = 0; i < ids.size(); i++) {
            ps.setString(i + 2, ids.get(i));
        }
    }

    private static SearchFields.Registration registration(String district, ResultSet rs, List<SearchFields.Comment> comments)
            throws SQLException {
        return new SearchFields.Registration(district, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9), instant(rs, 10), comments);
    }

    private static SearchFields.Comment comment(ResultSet rs) throws SQLException {
        return new SearchFields.Comment(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), instant(rs, 8), instant(rs, 9));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
