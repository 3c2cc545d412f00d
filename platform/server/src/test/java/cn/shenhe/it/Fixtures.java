package cn.shenhe.it;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Test deployment only (ConfigAdminIT and ObjectStoreIT add it to the WAR): what no API offers yet, straight in
 * the database: approve (lock) a picture as the review would, count audit entries; run the orphan sweep now;
 * make a picture look as if stored before reuse detection (ReuseIT).
 */
@Path("/it/fixtures")
@RequestScoped
@PermitAll
public class Fixtures {

    @Resource(lookup = "jdbc/shenhe")
    DataSource dataSource;
    @Inject
    cn.shenhe.storage.OrphanSweeper sweeper;

    /** The orphan sweep, with the end of its grace period given; answers how many blobs it removed. */
    @POST
    @Path("/orphan-sweep")
    @Produces(MediaType.TEXT_PLAIN)
    public String sweep(@QueryParam("cutoff") String cutoff) {
        return Integer.toString(sweeper.sweep(Instant.parse(cutoff)));
    }

    @POST
    @Path("/images/{id}/approve")
    public void approve(@PathParam("id") String image) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("UPDATE material_image SET state = 'APPROVED' WHERE id = ?")) {
            u.setString(1, image);
            if (u.executeUpdate() != 1) {
                throw new IllegalStateException("no image " + image);
            }
        }
    }

    /** The picture as if stored before reuse detection: no hash, no recorded pairs (for the backfill). */
    @POST
    @Path("/images/{id}/forget-hash")
    public void forgetHash(@PathParam("id") String image) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("UPDATE material_image SET phash = NULL, phash_b0 = NULL, phash_b1 = NULL,"
                     + " phash_b2 = NULL, phash_b3 = NULL WHERE id = ?");
             PreparedStatement d = c.prepareStatement("DELETE FROM image_reuse WHERE image_id = ? OR other_image_id = ?")) {
            u.setString(1, image);
            if (u.executeUpdate() != 1) {
                throw new IllegalStateException("no image " + image);
            }
            d.setString(1, image);
            d.setString(2, image);
            d.executeUpdate();
        }
    }

    /** A booking of the slot for the registration, as if the candidate had booked it. */
    @POST
    @Path("/registrations/{id}/appointment")
    public void book(@PathParam("id") String registration, @QueryParam("district") String district,
                     @QueryParam("slot") String slot) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("INSERT INTO appointment (id, district_id, registration_id, slot_id, status,"
                     + " booked_at, version) VALUES (?, ?, ?, ?, 'BOOKED', CURRENT_TIMESTAMP, 1)")) {
            u.setString(1, cn.shenhe.persistence.Ids.next());
            u.setString(2, district);
            u.setString(3, registration);
            u.setString(4, slot);
            u.executeUpdate();
        }
    }

    @GET
    @Path("/audit")
    @Produces(MediaType.TEXT_PLAIN)
    public String auditCount(@QueryParam("district") String district, @QueryParam("action") String action) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE district_id = ? AND action = ?")) {
            q.setString(1, district);
            q.setString(2, action);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return Long.toString(rs.getLong(1));
            }
        }
    }
}
