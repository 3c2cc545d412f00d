package cn.shenhe.cluster;

import cn.shenhe.persistence.TenantEntityManager;
import cn.shenhe.registration.RegistrationChanged;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The change log table: written inside the transaction of each change, read (outside any
 * transaction, plain JDBC: the reader is no request and serves every district) by {@link LogFollower}
 * and by an index catching up.
 */
@ApplicationScoped
public class ChangeLog {

    /** A row: its place in the order ({@code seq}, {@code id}), and what changed. {@code registrationId} is null for a district-wide change. */
    public record Entry(long id, long seq, String district, String registrationId, String kind) {
    }

    /** Rows read after a position, and the horizon read before them (every row below it has committed). */
    public record Page(long horizon, List<Entry> entries) {
    }

    public static final String CONFIG_CHANGED = "district-config.changed";
    private static final int PAGE = 1000;

    @Inject
    TenantEntityManager em;
    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;

    private volatile LogDialect dialect;
    /** The horizon never decreases; H2's search for the next one starts from the last. */
    private final AtomicLong lastHorizon = new AtomicLong();

    /** Every change to a registration is logged where it is announced: inside its transaction. */
    void onChange(@Observes RegistrationChanged change) {
        record(change.district(), change.registrationId(), change.kind());
    }

    /** A new configuration version of the request's district, in its transaction: other nodes install it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void configChanged(String district) {
        record(district, null, CONFIG_CHANGED);
    }

    private void record(String district, String registrationId, String kind) {
        // Through the request's EntityManager: the row shares the change's connection and transaction.
        em.get().createNativeQuery("INSERT INTO change_log (district_id, registration_id, kind) VALUES (?1, ?2, ?3)")
                .setParameter(1, district).setParameter(2, registrationId).setParameter(3, kind)
                .executeUpdate();
    }

    /** Below this, every row has committed (or never will): a cursor may move up to it. Never decreases. */
    public long horizon() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return horizon(c, dialect(c));
        }
    }

    private long horizon(Connection c, LogDialect d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(d.horizon)) {
            long last = lastHorizon.get();
            for (int i = 1; i <= d.horizonParameters; i++) {
                ps.setLong(i, last);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long h = rs.getLong(1);
                return lastHorizon.accumulateAndGet(h, Math::max);
            }
        }
    }

    /** Whether rows are read in id order (H2): see {@link LogCursor#firstUnhandedId}. */
    boolean ordersById() throws SQLException {
        LogDialect d = dialect;
        if (d != null) {
            return d.ordersById;
        }
        try (Connection c = dataSource.getConnection()) {
            return dialect(c).ordersById;
        }
    }

    /**
     * Up to {@code limit} visible rows after position ({@code afterSeq}, {@code afterId}) in log
     * order, and the horizon read before them; ({@code seq}, {@link Long#MIN_VALUE}) starts at {@code seq}.
     */
    public Page read(long afterSeq, long afterId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            LogDialect d = dialect(c);
            long horizon = horizon(c, d);
            // A second statement, so a later snapshot: every row below the horizon is visible to it.
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, " + d.seq + ", district_id, registration_id, kind"
                    + " FROM change_log WHERE " + d.after + " " + d.order + " FETCH FIRST " + limit + " ROWS ONLY")) {
                ps.setLong(1, afterSeq);
                ps.setLong(2, afterId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return new Page(horizon, entries);
        }
    }

    /**
     * Hands every visible row from {@code position} on to {@code pages}, a page at a time in log
     * order, and returns the horizon read before the first page: every row below it was among them.
     */
    public long readFrom(long position, Consumer<List<Entry>> pages) throws SQLException {
        long afterSeq = position;
        long afterId = Long.MIN_VALUE;
        Long horizon = null;
        while (true) {
            Page page = read(afterSeq, afterId, PAGE);
            if (horizon == null) {
                horizon = page.horizon();
            }
            if (!page.entries().isEmpty()) {
                pages.accept(page.entries());
            }
            if (page.entries().size() < PAGE) {
                return horizon;
            }
            Entry last = page.entries().getLast();
            afterSeq = last.seq();
            afterId = last.id();
        }
    }

    /** How far the log has been pruned: a reader whose position is below it has missed rows. */
    public long prunedBelow() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT below FROM change_log_pruned WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Deletes the rows below {@code position} and records it (first, so no reader trusts a position in the gap). */
    public int prune(long position) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement mark = c.prepareStatement("UPDATE change_log_pruned SET below = ? WHERE id = 1 AND below < ?");
                 PreparedStatement delete = c.prepareStatement(dialect(c).pruneBelow)) {
                mark.setLong(1, position);
                mark.setLong(2, position);
                mark.executeUpdate();
                delete.setLong(1, position);
                int n = delete.executeUpdate();
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private LogDialect dialect(Connection c) throws SQLException {
        LogDialect d = dialect;
        if (d == null) {
            dialect = d = LogDialect.of(c.getMetaData().getDatabaseProductName());
        }
        return d;
    }
}
