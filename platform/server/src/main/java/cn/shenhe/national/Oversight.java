package cn.shenhe.national;

import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.district.ExamCategory;
import cn.shenhe.registration.RegistrationStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The figures behind national status and the exports, read with SQL aggregates over all
 * districts at once: this is the one cross-district reader, and it is only reachable by national
 * administrators (and, for {@link #writeResults}, by one district's administrator for that
 * district, named explicitly in every statement). Rows of districts the server does not serve
 * (none in production; test fixtures) are left out.
 */
@ApplicationScoped
public class Oversight {

    static final List<String> STATUSES = Arrays.stream(RegistrationStatus.values()).map(Enum::name).toList();
    static final List<String> DECISIONS = List.of(RegistrationStatus.SITE_PASSED.name(), RegistrationStatus.APPROVED.name(),
            RegistrationStatus.REJECTED.name());

    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;
    @Inject
    DistrictDirectory districts;

    public NationalStatus status() throws SQLException {
        return status(districts.all(), null);
    }

    /** One district's figures (its row, and its days), read with the district named in every statement. */
    public DistrictProgress progress(String district) throws SQLException {
        NationalStatus s = status(List.of(districts.find(district).orElseThrow()), district);
        return new DistrictProgress(s.generatedAt(), s.districts().get(0), s.progress());
    }

    /** @param only {@code null} for every district, or the one district whose rows to read */
    private NationalStatus status(Collection<DistrictConfig> served, String only) throws SQLException {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        Map<String, Map<String, Long>> queued = new HashMap<>();
        Map<String, Map<String, List<Long>>> durations = new HashMap<>();
        Map<String, Map<LocalDate, long[]>> days = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            query(c, "SELECT district_id, status, COUNT(*) FROM registration" + where(only, " WHERE") + " GROUP BY district_id, status", only,
                    rs -> counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3)));
            // The review queues themselves (registration.queue_level): complete and waiting at SITE, passed and waiting at DISTRICT.
            query(c, "SELECT district_id, queue_level, COUNT(*) FROM registration WHERE queue_level IS NOT NULL" + where(only, " AND")
                            + " GROUP BY district_id, queue_level", only,
                    rs -> queued.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3)));
            // Durations in Java: the SQL for a timestamp difference differs between H2 and PostgreSQL.
            // From complete (every required picture present) to the site's pass, and to the district's decision.
            query(c, "SELECT district_id, status, completed_at, site_passed_at, decided_at FROM registration"
                    + " WHERE completed_at IS NOT NULL AND (site_passed_at IS NOT NULL OR decided_at IS NOT NULL)" + where(only, " AND"), only,
                    rs -> {
                        Instant complete = instant(rs, 3);
                        Map<String, List<Long>> of = durations.computeIfAbsent(rs.getString(1), k -> new HashMap<>());
                        if (instant(rs, 4) != null) {
                            of.computeIfAbsent(RegistrationStatus.SITE_PASSED.name(), k -> new ArrayList<>())
                                    .add(Math.max(0, Duration.between(complete, instant(rs, 4)).toSeconds()));
                        }
                        String status = rs.getString(2);
                        if (instant(rs, 5) != null && !RegistrationStatus.SITE_PASSED.name().equals(status)) {
                            of.computeIfAbsent(status, k -> new ArrayList<>())
                                    .add(Math.max(0, Duration.between(complete, instant(rs, 5)).toSeconds()));
                        }
                    });
            query(c, "SELECT district_id, CAST(created_at AS DATE), COUNT(*) FROM registration" + where(only, " WHERE")
                            + " GROUP BY district_id, CAST(created_at AS DATE)", only,
                    rs -> days.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .computeIfAbsent(rs.getObject(2, LocalDate.class), k -> new long[2])[0] += rs.getLong(3));
            query(c, "SELECT district_id, CAST(updated_at AS DATE), COUNT(*) FROM registration WHERE status <> 'FILLING'" + where(only, " AND")
                            + " GROUP BY district_id, CAST(updated_at AS DATE)", only,
                    rs -> days.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .computeIfAbsent(rs.getObject(2, LocalDate.class), k -> new long[2])[1] += rs.getLong(3));
        }
        List<NationalStatus.District> rows = new ArrayList<>();
        List<NationalStatus.Day> progress = new ArrayList<>();
        Map<String, Long> totalCounts = zeroCounts();
        Map<String, List<Long>> allDurations = new HashMap<>();
        long totalSite = 0;
        long totalDistrict = 0;
        for (DistrictConfig d : served) {
            Map<String, Long> dc = zeroCounts();
            dc.putAll(counts.getOrDefault(d.code(), Map.of()));
            dc.forEach((k, v) -> totalCounts.merge(k, v, Long::sum));
            long site = queued.getOrDefault(d.code(), Map.of()).getOrDefault("SITE", 0L);
            long district = queued.getOrDefault(d.code(), Map.of()).getOrDefault("DISTRICT", 0L);
            totalSite += site;
            totalDistrict += district;
            Map<String, List<Long>> dd = durations.getOrDefault(d.code(), Map.of());
            dd.forEach((k, v) -> allDurations.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            rows.add(new NationalStatus.District(d.code(), d.name().zh(), sum(dc), dc, backlog(site, district), medians(dd)));
            days.getOrDefault(d.code(), Map.of()).forEach((day, n) -> progress.add(new NationalStatus.Day(day, d.code(), n[0], n[1])));
        }
        progress.sort(Comparator.comparing(NationalStatus.Day::date).thenComparing(NationalStatus.Day::district));
        NationalStatus.District total = new NationalStatus.District("*", "全国", sum(totalCounts), totalCounts,
                backlog(totalSite, totalDistrict), medians(allDurations));
        return new NationalStatus(Instant.now(), rows, total, progress);
    }

    /** The national summary as a table: one row per district, then the national total. */
    public void writeSummary(TableWriter out) throws SQLException, IOException {
        NationalStatus s = status();
        List<Object> header = new ArrayList<>(List.of("考区代码 district", "考区 name", "报名总数 registrations"));
        for (RegistrationStatus st : RegistrationStatus.values()) {
            header.add(st.label().zh() + " " + st.name());
        }
        header.addAll(List.of("待考点审核 backlog SITE", "待考区审核 backlog DISTRICT"));
        for (String d : DECISIONS) {
            header.add("中位小时数 median hours " + d);
        }
        out.row(header);
        List<NationalStatus.District> all = new ArrayList<>(s.districts());
        all.add(s.total());
        for (NationalStatus.District d : all) {
            List<Object> row = new ArrayList<>(List.of(d.district(), d.name(), d.registrations()));
            STATUSES.forEach(st -> row.add(d.counts().get(st)));
            row.add(d.backlog().get("SITE"));
            row.add(d.backlog().get("DISTRICT"));
            DECISIONS.forEach(st -> row.add(d.medianHoursToDecision().get(st)));
            out.row(row);
        }
    }

    /** One district's registrations and where each stands, in registration order. */
    public void writeResults(String district, TableWriter out) throws SQLException, IOException {
        DistrictConfig d = districts.find(district).orElseThrow();
        out.row(List.of("报名号 registration", "姓名 name", "身份证号 ID number", "考点代码 site", "考点 site name",
                "考试类别 category", "类别名称 category name", "状态 status", "状态名称 status name", "未处理意见 open comments",
                "报名时间 registered at", "最后更新 updated at"));
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL streams a result set only inside a transaction and with a fetch size.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.candidate_name, r.id_number, r.site_code, r.exam_category,"
                    + " r.status, r.created_at, r.updated_at, (SELECT COUNT(*) FROM review_comment x WHERE x.district_id = r.district_id"
                    + " AND x.registration_id = r.id AND x.resolved_at IS NULL) FROM registration r WHERE r.district_id = ?"
                    + " ORDER BY r.created_at, r.id")) {
                ps.setFetchSize(1000);
                ps.setString(1, district);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String site = rs.getString(4);
                        String category = rs.getString(5);
                        String status = rs.getString(6);
                        out.row(Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3), site,
                                d.site(site).map(x -> x.name().zh()).orElse(""), category,
                                ExamCategory.ofCode(category).map(x -> x.displayName().zh()).orElse(""), status,
                                label(status), rs.getLong(9), instant(rs, 7).toString(), instant(rs, 8).toString()));
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static String label(String status) {
        try {
            return RegistrationStatus.valueOf(status).label().zh();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static Map<String, Long> zeroCounts() {
        Map<String, Long> m = new LinkedHashMap<>();
        STATUSES.forEach(s -> m.put(s, 0L));
        return m;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> backlog(long site, long district) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("SITE", site);
        m.put("DISTRICT", district);
        return m;
    }

    private static Map<String, Double> medians(Map<String, List<Long>> secondsByStatus) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String s : DECISIONS) {
            List<Long> v = secondsByStatus.get(s);
            if (v != null && !v.isEmpty()) {
                m.put(s, Math.round(median(v) / 36.0) / 100.0);
            }
        }
        return m;
    }

    static double median(List<Long> values) {
        long[] a = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2.0;
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    /** The condition naming one district (native SQL is not tenant-filtered), or nothing for all of them. */
    private static String where(String only, String keyword) {
        return only == null ? "" : keyword + " district_id = ?";
    }

    private static void query(Connection c, String sql, String only, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (only != null) {
                ps.setString(1, only);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

}
