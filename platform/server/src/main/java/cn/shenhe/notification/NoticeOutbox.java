package cn.shenhe.notification;

import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.persistence.Ids;
import cn.shenhe.persistence.TenantEntityManager;
import cn.shenhe.plugin.PluginHost;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.NoticeSender;
import cn.shenhe.plugin.api.Notification;
import cn.shenhe.registration.Registration;
import cn.shenhe.security.RequestContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.SynchronizationType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.eclipse.persistence.config.EntityManagerProperties;

/**
 * The outbox of notices sent by e-mail or SMS ({@code notice_outbox}). A {@link CandidateNotice}
 * becomes one row per {@link NoticeSender} of the district's plugins, written in the transaction
 * that fires it: the notice exists if and only if the change committed, and nothing is sent on the
 * request's thread. {@link NoticeWorker} claims due rows and sends them.
 *
 * <p>Claiming is safe between nodes: due rows are selected {@code FOR UPDATE SKIP LOCKED} (rows
 * another node is claiming are passed over, not waited for) and, in the same short transaction,
 * leased: {@code next_attempt_at} moves past the lease and {@code claimed_by} names the claimer, so
 * no one else sees them due while they are being sent. Each later update names the claimer and the
 * attempt: a claimer whose lease lapsed (a node paused past it) cannot overwrite the newer claim.
 */
@ApplicationScoped
public class NoticeOutbox {

    /** A claimed row: the notice, where it goes, and which try this is (1 for the first). */
    public record Claimed(String id, String district, String pluginId, NoticeSender.Channel channel, String address,
                          Notification notification, int attempt) {
    }

    @Inject
    DistrictDirectory districts;
    @Inject
    PluginHost plugins;
    @Inject
    RequestContext request;
    @Inject
    TenantEntityManager tenantEm;
    @PersistenceUnit(unitName = "shenhe")
    EntityManagerFactory emf;
    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;

    /** Synchronous, so inside the firing transaction: the rows commit or roll back with the change. */
    void onNotice(@Observes CandidateNotice notice) {
        if (notice.registrationId() == null) {
            return;
        }
        Optional<DistrictConfig> district = districts.find(notice.district());
        if (district.isEmpty()) {
            return;
        }
        inDistrict(notice.district(), em -> {
            Registration r = null;
            for (DistrictConfig.PluginUse use : district.get().plugins()) {
                for (NoticeSender sender : plugins.extensions(NoticeSender.class, use.id())) {
                    Notification n = NotificationDispatcher.toNotification(notice, Instant.now());
                    if (!SenderSettings.of(use.settings()).kinds().contains(n.kind())) {
                        continue;
                    }
                    r = r != null ? r : em.find(Registration.class, notice.registrationId());
                    String address = r == null ? null : switch (sender.channel()) {
                        case EMAIL -> r.email();
                        case SMS -> r.phone();
                    };
                    if (address != null && !address.isBlank()) {
                        em.persist(new OutboundNotice(n, use.id(), sender.channel(), address));
                    }
                }
            }
        });
    }

    /**
     * Claims up to {@code max} rows due at {@code now} for {@code holder} until {@code now + lease};
     * each claim counts as a try. Rows claimed by another caller at the same moment are skipped.
     */
    public List<Claimed> claim(String holder, Instant now, Duration lease, int max) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement("SELECT id, district_id, plugin_id, channel, address, recipient_sub,"
                    + " registration_id, kind, title_zh, title_en, body_zh, body_en, link, created_at, attempts FROM notice_outbox"
                    + " WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, id"
                    + " FETCH FIRST " + max + " ROWS ONLY FOR UPDATE SKIP LOCKED");
                 PreparedStatement take = c.prepareStatement(
                         "UPDATE notice_outbox SET claimed_by = ?, next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?")) {
                select.setObject(1, utc(now));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Notification n = new Notification(rs.getString(2), rs.getString(6), rs.getString(7),
                                Notification.Kind.valueOf(rs.getString(8)), LocalizedText.of(rs.getString(9), rs.getString(10)),
                                LocalizedText.of(rs.getString(11), rs.getString(12)),
                                rs.getObject(14, OffsetDateTime.class).toInstant(), rs.getString(13));
                        claimed.add(new Claimed(rs.getString(1), rs.getString(2), rs.getString(3),
                                NoticeSender.Channel.valueOf(rs.getString(4)), rs.getString(5), n, rs.getInt(15) + 1));
                    }
                }
                for (Claimed row : claimed) {
                    take.setString(1, holder);
                    take.setObject(2, utc(now.plus(lease)));
                    take.setString(3, row.id());
                    take.addBatch();
                }
                if (!claimed.isEmpty()) {
                    take.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return claimed;
    }

    /**
     * Moves the claims of sends still under way to {@code until}, so that a send slower than the
     * lease (a mail server answering each command near its time-out) is never taken by another node
     * while it runs. Only this holder's claims of these attempts; returns how many were renewed.
     */
    public int extend(Collection<Claimed> rows, String holder, Instant until) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE notice_outbox SET next_attempt_at = ?"
                     + " WHERE id = ? AND claimed_by = ? AND attempts = ? AND status = 'PENDING'")) {
            for (Claimed row : rows) {
                ps.setObject(1, utc(until));
                ps.setString(2, row.id());
                ps.setString(3, holder);
                ps.setInt(4, row.attempt());
                ps.addBatch();
            }
            int renewed = 0;
            for (int n : ps.executeBatch()) {
                renewed += n > 0 ? 1 : 0;
            }
            return renewed;
        }
    }

    /** Sent: the row keeps a masked address only. False if the claim was no longer this holder's. */
    public boolean sent(Claimed row, String holder, Instant now) throws SQLException {
        return finish(row, holder, "UPDATE notice_outbox SET status = 'SENT', finished_at = ?, address = ?, claimed_by = NULL, last_error = NULL",
                utc(now), Texts.mask(row.address()));
    }

    /** Not sent this time: due again at {@code next}. */
    public boolean retryAt(Claimed row, String holder, Instant next, String error) throws SQLException {
        return finish(row, holder, "UPDATE notice_outbox SET next_attempt_at = ?, last_error = ?, claimed_by = NULL",
                utc(next), Texts.clip(error, 500));
    }

    /** Given up: FAILED, listed to the district's admins (who may send it again: the address is kept). */
    public boolean failed(Claimed row, String holder, Instant now, String error) throws SQLException {
        return finish(row, holder, "UPDATE notice_outbox SET status = 'FAILED', finished_at = ?, last_error = ?, claimed_by = NULL",
                utc(now), Texts.clip(error, 500));
    }

    /** Deletes sent notices finished before {@code before}. */
    public int pruneSent(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM notice_outbox WHERE status = 'SENT' AND finished_at < ?")) {
            ps.setObject(1, utc(before));
            return ps.executeUpdate();
        }
    }

    private boolean finish(Claimed row, String holder, String update, Object first, Object second) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(update + " WHERE id = ? AND claimed_by = ? AND attempts = ? AND status = 'PENDING'")) {
            ps.setObject(1, first);
            ps.setObject(2, second);
            ps.setString(3, row.id());
            ps.setString(4, holder);
            ps.setInt(5, row.attempt());
            return ps.executeUpdate() == 1;
        }
    }

    /** The request district's notices in one state, newest first. */
    public List<OutboundNotice> list(OutboundNotice.Status status, int limit) {
        return tenantEm.get().createQuery("SELECT n FROM OutboundNotice n WHERE n.status = :s ORDER BY n.createdAt DESC, n.id DESC",
                        OutboundNotice.class)
                .setParameter("s", status.name()).setMaxResults(limit).getResultList();
    }

    /** A FAILED notice of the request's district, due again now from its first try; empty if there is no such notice. */
    @Transactional
    public Optional<OutboundNotice> resend(String id) {
        if (!Ids.plausible(id)) {
            return Optional.empty();
        }
        OutboundNotice n = tenantEm.get().find(OutboundNotice.class, id);
        return n != null && n.retry(Instant.now()) ? Optional.of(n) : Optional.empty();
    }

    /** The request's EntityManager when the notice is of the request's district (one connection, one transaction), else one for the notice's district joined to the transaction. */
    private void inDistrict(String district, Consumer<EntityManager> work) {
        if (requestDistrict().filter(district::equals).isPresent()) {
            work.accept(tenantEm.get());
            return;
        }
        EntityManager em = emf.createEntityManager(SynchronizationType.SYNCHRONIZED,
                Map.of(EntityManagerProperties.MULTITENANT_PROPERTY_DEFAULT, district));
        try {
            em.joinTransaction();
            work.accept(em);
            em.flush();
        } finally {
            em.close();
        }
    }

    private Optional<String> requestDistrict() {
        try {
            return request.hasDistrict() ? Optional.of(request.district()) : Optional.empty();
        } catch (ContextNotActiveException e) {
            return Optional.empty();
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
