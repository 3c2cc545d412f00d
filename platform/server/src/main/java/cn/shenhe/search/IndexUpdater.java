package cn.shenhe.search;

import cn.shenhe.cluster.ChangeLog.Entry;
import cn.shenhe.cluster.LogAdvanced;
import cn.shenhe.cluster.LogFollower;
import cn.shenhe.cluster.LoggedChanges;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.registration.RegistrationChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps this node's indexes current from the change log, which every change to a registration (its
 * row, pictures, comments, review state, appointment) writes in its own transaction, on whichever node
 * made it. The {@link LogFollower} reads it one round at a time and hands the new rows here: their
 * registrations are re-read from the database, so the index ends with the last committed state
 * whatever the order of the commits. This node's own commits wake the follower at once (a change is
 * searchable about {@value LogFollower#GATHER_MILLIS} ms after its commit); other nodes' within a poll.
 */
@ApplicationScoped
public class IndexUpdater {

    @Inject
    SearchIndexes indexes;
    @Inject
    LogFollower follower;
    @Inject
    DistrictDirectory districts;

    /** Only after the commit: the log row of a change that rolled back never existed. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) RegistrationChanged change) {
        follower.wake(true);
    }

    /**
     * Applies a round's changes; a failure is thrown back to the follower, which reads them again
     * (the database is right, and the index is rebuildable: nothing is lost by waiting).
     */
    void onLogged(@Observes LoggedChanges logged) {
        Map<String, Set<String>> byDistrict = new LinkedHashMap<>();
        for (Entry e : logged.entries()) {
            if (e.registrationId() != null && districts.find(e.district()).isPresent()) {
                byDistrict.computeIfAbsent(e.district(), d -> new LinkedHashSet<>()).add(e.registrationId());
            }
        }
        byDistrict.forEach((district, ids) -> {
            try {
                indexes.apply(district, ids);
            } catch (IOException e) {
                throw new UncheckedIOException("Search index of " + district + " not updated for " + ids, e);
            } catch (SQLException e) {
                throw new IllegalStateException("Search index of " + district + " not updated for " + ids, e);
            }
        });
    }

    void onAdvanced(@Observes LogAdvanced advanced) {
        try {
            indexes.advanced(advanced);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
