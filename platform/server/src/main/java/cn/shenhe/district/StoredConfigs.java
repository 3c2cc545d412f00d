package cn.shenhe.district;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The latest stored configuration version of every district (a system read across districts: plain JDBC). */
@ApplicationScoped
public class StoredConfigs {

    /** Who made the versions seeded from a tenant-config file. */
    static final String SEEDER = "system";

    @Resource(lookup = "jdbc/shenhe")
    DataSource dataSource;

    record Stored(String district, int version, String document, String author) {
        /** Never changed through the API: every version so far came from the district's file. */
        boolean onlySeeded() {
            return SEEDER.equals(author) && version >= 1;
        }
    }

    Map<String, Stored> latest() {
        Map<String, Stored> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT v.district_id, v.version_no, v.document, v.author_username FROM district_config_version v"
                     + " WHERE v.version_no = (SELECT MAX(w.version_no) FROM district_config_version w WHERE w.district_id = v.district_id)");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the district configurations", e);
        }
        return out;
    }
}
