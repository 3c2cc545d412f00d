package cn.shenhe.notification;

import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.plugin.PluginHost;
import cn.shenhe.plugin.api.Notification;
import cn.shenhe.plugin.api.NotificationInbox;
import cn.shenhe.plugin.api.Notifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells candidates: for every {@link CandidateNotice} whose transaction committed, calls every
 * {@link Notifier} of every plugin the district names (in its current configuration), passing
 * the plugin's settings and the host's in-app inbox. A notifier that fails is logged and skipped;
 * the change it was about stands. E-mail and SMS are not called here but sent from the outbox
 * ({@link NoticeOutbox}), off the committing thread and with retries.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class.getName());

    @Inject
    DistrictDirectory districts;
    @Inject
    PluginHost plugins;
    @Inject
    NotificationStore store;

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) CandidateNotice notice) {
        dispatch(notice);
    }

    /** The notice as plugins see it, with the path where the candidate reads about it. */
    static Notification toNotification(CandidateNotice notice, Instant at) {
        return new Notification(notice.district(), notice.candidateSubject(), notice.registrationId(),
                Notification.Kind.valueOf(notice.kind().name()), notice.title(), notice.body(), at,
                notice.registrationId() == null ? null
                        : "/districts/" + notice.district() + "/registrations/" + notice.registrationId());
    }

    /** @return how many notifiers were called without failing */
    int dispatch(CandidateNotice notice) {
        Optional<DistrictConfig> district = districts.find(notice.district());
        if (district.isEmpty()) {
            LOG.warning(() -> "Notice for unknown district " + notice.district() + " dropped");
            return 0;
        }
        Notification n = toNotification(notice, Instant.now());
        NotificationInbox inbox = store::deliver;
        int delivered = 0;
        for (DistrictConfig.PluginUse use : district.get().plugins()) {
            for (Notifier notifier : plugins.extensions(Notifier.class, use.id())) {
                try {
                    notifier.notify(n, use.settings(), inbox);
                    delivered++;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Notifier " + notifier.getClass().getName() + " of plugin " + use.id()
                            + " failed for district " + notice.district(), e);
                }
            }
        }
        return delivered;
    }
}
