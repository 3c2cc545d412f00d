package cn.shenhe.material.reuse;

import cn.shenhe.registration.Registration;
import cn.shenhe.registration.ReuseFlag;
import cn.shenhe.registration.ReuseLookup;
import cn.shenhe.security.Caller;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads the recorded pairs (see {@link ReuseDetector}) as a caller may see them. Plain SQL, because a pair may
 * join two districts' rows; every statement names the district it reads for, except the national report's.
 * Deleted pictures drop out through the joins (their rows are also removed with them).
 */
@ApplicationScoped
public class ReuseFlags implements ReuseLookup {

    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;

    @Override
    public Map<String, List<ReuseFlag>> flags(String district, Registration r, Caller caller) {
        try {
            return ofRegistration(district, r.id(), caller);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the reuse flags of registration " + r.id(), e);
        }
    }

    private Map<String, List<ReuseFlag>> ofRegistration(String district, String registrationId, Caller caller) throws SQLException {
        Map<String, List<ReuseFlag>> out = new HashMap<>();
        if (!caller.isDistrictStaff() && !caller.isNationalAdmin()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT x.image_id, x.other_district_id, x.other_registration_id,"
                     + " x.other_image_id, m.material_type, r.site_code, x.distance, x.found_at FROM image_reuse x"
                     + " JOIN material_image m ON m.id = x.other_image_id JOIN registration r ON r.id = x.other_registration_id"
                     + " WHERE x.district_id = ? AND x.registration_id = ? ORDER BY x.distance, x.found_at")) {
            q.setString(1, district);
            q.setString(2, registrationId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String otherDistrict = rs.getString(2);
                    boolean sameDistrict = otherDistrict.equals(district);
                    if (!sameDistrict && !caller.isNationalAdmin()) {
                        continue;   // another district's pictures are national admins' business
                    }
                    String otherSite = rs.getString(6);
                    boolean named = caller.isNationalAdmin() || caller.siteLimit().map(otherSite::equals).orElse(true);
                    String otherRegistration = rs.getString(3), otherImage = rs.getString(4);
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ReuseFlag(named, otherDistrict,
                            named ? otherRegistration : null, named ? otherImage : null,
                            named ? imageUrl(otherDistrict, otherRegistration, otherImage) : null,
                            rs.getString(5), rs.getInt(7), instant(rs, 8)));
                }
            }
        }
        return out;
    }

    /** Pairs of pictures of two different districts, newest first, at most {@code limit}; national admins only. */
    public ReuseReport acrossDistricts(int limit) throws SQLException {
        List<ReuseReport.Pair> pairs = new ArrayList<>();
        int total;
        try (Connection c = dataSource.getConnection()) {
            // each pair is recorded in both directions: the direction from the lower district code stands for it
            String from = " FROM image_reuse x JOIN material_image m ON m.id = x.image_id JOIN registration r ON r.id = x.registration_id"
                    + " JOIN material_image om ON om.id = x.other_image_id JOIN registration o ON o.id = x.other_registration_id"
                    + " WHERE x.district_id < x.other_district_id";
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*)" + from); ResultSet rs = q.executeQuery()) {
                rs.next();
                total = rs.getInt(1);
            }
            try (PreparedStatement q = c.prepareStatement("SELECT x.district_id, r.site_code, x.registration_id, x.image_id,"
                    + " m.material_type, x.other_district_id, o.site_code, x.other_registration_id, x.other_image_id,"
                    + " om.material_type, x.distance, x.found_at" + from + " ORDER BY x.found_at DESC, x.image_id")) {
                q.setMaxRows(limit);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        pairs.add(new ReuseReport.Pair(side(rs, 1), side(rs, 6), rs.getInt(11), instant(rs, 12)));
                    }
                }
            }
        }
        return new ReuseReport(Instant.now(), total, pairs);
    }

    private static ReuseReport.Side side(ResultSet rs, int first) throws SQLException {
        String district = rs.getString(first), registration = rs.getString(first + 2), image = rs.getString(first + 3);
        return new ReuseReport.Side(district, rs.getString(first + 1), registration, image, rs.getString(first + 4),
                imageUrl(district, registration, image));
    }

    /** As {@code MaterialImageResource} serves it. */
    static String imageUrl(String district, String registration, String image) {
        return "/api/v1/districts/" + district + "/registrations/" + registration + "/images/" + image;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
