package cn.shenhe.district;

import cn.shenhe.district.DistrictPlugins.RequiredType;
import cn.shenhe.plugin.api.AppointmentSlot;
import cn.shenhe.plugin.api.RegistrationFacts;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Refuses a configuration change that would leave registered candidates stranded:
 * <ul>
 *   <li>a site removed while registrations name it;</li>
 *   <li>a material type's maximum lowered below the number of pictures some registration
 *       already has of it (checked with each registration's own site and exam category);</li>
 *   <li>a material type removed while some registration has approved (locked) pictures of it;</li>
 *   <li>an on-site review slot removed while booked, or its capacity lowered below its bookings
 *       (the {@code appointment} table; checked once that table exists).</li>
 * </ul>
 * Aggregates only (counts per site, category and type), with the district named explicitly:
 * native SQL is not tenant-filtered.
 */
@ApplicationScoped
public class StrandingCheck {

    @Resource(lookup = "jdbc/shenhe")
    DataSource dataSource;
    @Inject
    DistrictPlugins plugins;

    public void check(String district, DistrictConfig before, DistrictConfig after) {
        List<ConfigProblems.Stranding> reasons = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            sites(c, district, after, reasons);
            materials(c, district, after, reasons);
            slots(c, district, after, reasons);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check district " + district + " for registrations", e);
        }
        if (!reasons.isEmpty()) {
            throw ConfigProblems.strands(reasons);
        }
    }

    private void slots(Connection c, String district, DistrictConfig after, List<ConfigProblems.Stranding> reasons)
            throws SQLException {
        if (!tableExists(c, "appointment")) {
            return;
        }
        Map<String, Integer> capacity = new HashMap<>();
        try {
            for (AppointmentSlot s : plugins.slots(after)) {
                capacity.put(s.id(), s.capacity());
            }
        } catch (RuntimeException e) {
            // a district without a review-mode plugin has no slots
        }
        String field = "plugins[" + indexOf(after, after.review().mode()) + "].settings.slots";
        try (PreparedStatement q = c.prepareStatement("SELECT slot_id, COUNT(*) FROM appointment WHERE district_id = ?"
                + " AND status NOT IN ('CANCELLED', 'CANCELED') GROUP BY slot_id ORDER BY slot_id")) {
            q.setString(1, district);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String slot = rs.getString(1);
                    long booked = rs.getLong(2);
                    Integer cap = capacity.get(slot);
                    if (cap == null) {
                        reasons.add(new ConfigProblems.Stranding(field, "现场审核时段 " + slot + " 已有 " + booked + " 个预约,不能删除",
                                "on-site slot " + slot + " has " + booked + " booking(s) and cannot be removed"));
                    } else if (cap < booked) {
                        reasons.add(new ConfigProblems.Stranding(field, "现场审核时段 " + slot + " 已有 " + booked + " 个预约,容量不能低于此数",
                                "on-site slot " + slot + " has " + booked + " booking(s): its capacity cannot go below that"));
                    }
                }
            }
        }
    }

    private static int indexOf(DistrictConfig d, String pluginId) {
        for (int i = 0; i < d.plugins().size(); i++) {
            if (d.plugins().get(i).id().equals(pluginId)) {
                return i;
            }
        }
        return 0;
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        var meta = c.getMetaData();
        for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(c.getCatalog(), null, name, new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema == null || schema.equalsIgnoreCase(c.getSchema())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void sites(Connection c, String district, DistrictConfig after, List<ConfigProblems.Stranding> reasons)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT site_code, COUNT(*) FROM registration WHERE district_id = ? GROUP BY site_code ORDER BY site_code")) {
            q.setString(1, district);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String site = rs.getString(1);
                    long n = rs.getLong(2);
                    if (after.site(site).isEmpty()) {
                        reasons.add(new ConfigProblems.Stranding("sites",
                                "考点 " + site + " 已有 " + n + " 个报名,不能删除",
                                "site " + site + " has " + n + " registration(s) and cannot be removed"));
                    }
                }
            }
        }
    }

    private record Key(String site, String category, String type) {
    }

    private void materials(Connection c, String district, DistrictConfig after, List<ConfigProblems.Stranding> reasons)
            throws SQLException {
        Map<Key, long[]> counts = new HashMap<>(); // [most pictures of one registration, approved pictures]
        try (PreparedStatement q = c.prepareStatement("SELECT x.site_code, x.exam_category, x.material_type, MAX(x.pictures), SUM(x.approved)"
                + " FROM (SELECT r.site_code AS site_code, r.exam_category AS exam_category, m.material_type AS material_type,"
                + " COUNT(*) AS pictures, SUM(CASE WHEN m.state = 'APPROVED' THEN 1 ELSE 0 END) AS approved"
                + " FROM material_image m JOIN registration r ON r.id = m.registration_id AND r.district_id = m.district_id"
                + " WHERE m.district_id = ? GROUP BY r.site_code, r.exam_category, m.material_type, m.registration_id) x"
                + " GROUP BY x.site_code, x.exam_category, x.material_type")) {
            q.setString(1, district);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    counts.put(new Key(rs.getString(1), rs.getString(2), rs.getString(3)), new long[] {rs.getLong(4), rs.getLong(5)});
                }
            }
        }
        Map<String, String> reported = new HashMap<>();
        for (var e : counts.entrySet()) {
            Key k = e.getKey();
            long most = e.getValue()[0];
            long approved = e.getValue()[1];
            if (after.site(k.site()).isEmpty() || ExamCategory.ofCode(k.category()).isEmpty()) {
                continue; // a removed site is reported above
            }
            Optional<RequiredType> type = plugins.requirement(after,
                    new RegistrationFacts(district, k.site(), k.category(), after.examYear()), k.type());
            if (type.isEmpty()) {
                if (approved > 0 && reported.putIfAbsent(k.type() + "/removed", "") == null) {
                    reasons.add(new ConfigProblems.Stranding("plugins",
                            "材料类型 " + k.type() + " 已有审核通过(锁定)的图片,不能取消",
                            "material type " + k.type() + " has approved (locked) pictures and cannot be removed"));
                }
            } else if (most > type.get().type().maxImages() && reported.putIfAbsent(k.type() + "/max", "") == null) {
                reasons.add(new ConfigProblems.Stranding("plugins",
                        "材料类型 " + k.type() + " 的最多图片数不能低于 " + most + "(已有报名上传了 " + most + " 张)",
                        "material type " + k.type() + ": max cannot go below " + most + " (a registration already has "
                                + most + " pictures of it)"));
            }
        }
    }
}
