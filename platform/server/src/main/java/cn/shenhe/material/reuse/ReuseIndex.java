package cn.shenhe.material.reuse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The banded lookup itself, in plain JDBC (the server and the benchmark run this same code): the stored
 * pictures within {@link ReuseBands#THRESHOLD} of a hash, in one district or in all. One statement, four
 * index range reads (a UNION ALL of one per band: each is answered from its band's index alone); the exact
 * distance is checked here, on the few that come back.
 */
public final class ReuseIndex {

    /** A stored picture near the hash. */
    public record Near(String imageId, long hash, int distance) {
    }

    private static final String BAND_SQL = "SELECT id, phash FROM material_image WHERE phash_b%d IN (%s)%s";

    private ReuseIndex() {
    }

    /** @param district a district to look in, or {@code null} for every district (national detection) */
    public static List<Near> near(Connection c, long hash, String district) throws SQLException {
        String marks = String.join(",", java.util.Collections.nCopies(ReuseBands.BAND_BITS + 1, "?"));
        StringBuilder sql = new StringBuilder();
        for (int b = 0; b < ReuseBands.BANDS; b++) {
            if (b > 0) {
                sql.append(" UNION ALL ");
            }
            sql.append(BAND_SQL.formatted(b, marks, district == null ? "" : " AND district_id = ?"));
        }
        int[] bands = ReuseBands.of(hash);
        List<Near> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (PreparedStatement q = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (int b = 0; b < ReuseBands.BANDS; b++) {
                for (int probe : ReuseBands.probes(bands[b])) {
                    q.setInt(i++, probe);
                }
                if (district != null) {
                    q.setString(i++, district);
                }
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long other = rs.getLong(2);
                    int d = PerceptualHash.distance(hash, other);
                    if (d <= ReuseBands.THRESHOLD && seen.add(rs.getString(1))) {
                        out.add(new Near(rs.getString(1), other, d));
                    }
                }
            }
        }
        return out;
    }
}
