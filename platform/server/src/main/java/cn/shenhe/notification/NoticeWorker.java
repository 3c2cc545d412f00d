package cn.shenhe.notification;

import cn.shenhe.cluster.JobLeases;
import cn.shenhe.cluster.NodeId;
import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.plugin.PluginHost;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.NoticeSender;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends what the outbox holds, on every node, from a scheduled task of its own (never a request's
 * thread): every {@code shenhe.notices.poll-millis} it claims due notices for
 * {@code shenhe.notices.lease-seconds}, at most {@code shenhe.notices.batch} under way at once on
 * the node, and hands each (on the managed executor) to its plugin's
 * {@link NoticeSender} with the district's current settings. A send that throws is due again after
 * the plugin's backoff ({@link SenderSettings}); after its last try the notice is FAILED and the
 * district's admins are told (in-app inbox; {@code GET /districts/{d}/notices?status=FAILED}). The
 * claims of sends under way are renewed every third of the lease, so a send that outlasts the lease
 * (each SMTP command may take the plugin's whole time-out) is not sent again by another node while
 * it runs; only a node that stops mid-send leaves its notice to be sent again once its claim lapses.
 */
@ApplicationScoped
public class NoticeWorker {

    private static final Logger LOG = Logger.getLogger(NoticeWorker.class.getName());
    static final Duration PRUNE_EVERY = Duration.ofHours(1);

    @Inject
    NoticeOutbox outbox;
    @Inject
    NodeId node;
    @Inject
    DistrictDirectory districts;
    @Inject
    PluginHost plugins;
    @Inject
    NotificationStore inbox;
    @Inject
    @ConfigProperty(name = "shenhe.notices.poll-millis", defaultValue = "1000")
    long pollMillis;
    @Inject
    @ConfigProperty(name = "shenhe.notices.lease-seconds", defaultValue = "300")
    long leaseSeconds;
    @Inject
    @ConfigProperty(name = "shenhe.notices.batch", defaultValue = "20")
    int batch;
    @Inject
    @ConfigProperty(name = "shenhe.notices.keep-days", defaultValue = "30")
    long keepDays;
    @Inject
    JobLeases leases;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Resource
    ManagedExecutorService executor;

    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    /** Sends under way on this node: at most {@code shenhe.notices.batch}. */
    private Semaphore slots;
    /** Their claims, renewed until each send ends. */
    private final Set<NoticeOutbox.Claimed> underWay = ConcurrentHashMap.newKeySet();

    void schedule(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        slots = new Semaphore(batch);
        scheduled.add(scheduler.scheduleWithFixedDelay(this::round, pollMillis, pollMillis, TimeUnit.MILLISECONDS));
        long renewMillis = Math.max(1, leaseSeconds * 1000 / 3);
        scheduled.add(scheduler.scheduleWithFixedDelay(this::renewClaims, renewMillis, renewMillis, TimeUnit.MILLISECONDS));
        scheduled.add(scheduler.scheduleWithFixedDelay(() -> leases.runExclusively("notice-outbox-prune", PRUNE_EVERY.minusMinutes(1),
                this::prune), PRUNE_EVERY.toMinutes(), PRUNE_EVERY.toMinutes(), TimeUnit.MINUTES));
    }

    @PreDestroy
    void stop() {
        scheduled.forEach(f -> f.cancel(false));
    }

    void renewClaims() {
        try {
            outbox.extend(List.copyOf(underWay), node.get(), Instant.now().plusSeconds(leaseSeconds));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Claims of notices being sent not renewed; the next turn tries again", e);
        }
    }

    /** Sent notices are kept {@code shenhe.notices.keep-days} for the admins' listing, then deleted (failed ones stay). */
    void prune() {
        try {
            int n = outbox.pruneSent(Instant.now().minus(Duration.ofDays(keepDays)));
            LOG.fine(() -> "Pruned " + n + " sent notices");
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Sent notices not pruned; the next turn tries again", e);
        }
    }

    /**
     * One round: claims as many due notices as there are free sending slots and sends each on the
     * managed executor, so a hanging mail server holds only its own notices' slots, not the others'.
     */
    void round() {
        try {
            List<NoticeOutbox.Claimed> rows;
            int free;
            do {
                free = slots.availablePermits();
                if (free == 0) {
                    return;
                }
                rows = outbox.claim(node.get(), Instant.now(), Duration.ofSeconds(leaseSeconds), free);
                for (NoticeOutbox.Claimed row : rows) {
                    slots.acquireUninterruptibly();
                    underWay.add(row);
                    try {
                        executor.execute(() -> {
                            try {
                                deliver(row);
                            } finally {
                                underWay.remove(row);
                                slots.release();
                            }
                        });
                    } catch (RuntimeException e) {
                        underWay.remove(row);
                        slots.release();
                        throw e;
                    }
                }
            } while (rows.size() == free);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Notice outbox round failed; the next round tries again", e);
        }
    }

    private void deliver(NoticeOutbox.Claimed row) {
        String holder = node.get();
        Optional<DistrictConfig.PluginUse> use = districts.find(row.district()).flatMap(d -> d.plugins().stream()
                .filter(p -> p.id().equals(row.pluginId())).findFirst());
        Optional<NoticeSender> sender = use.flatMap(u -> plugins.extensions(NoticeSender.class, u.id()).stream()
                .filter(s -> s.channel() == row.channel()).findFirst());
        try {
            if (sender.isEmpty()) {
                // The district turned the plugin off since: nothing to send it with, nothing to report.
                outbox.failed(row, holder, Instant.now(), "plugin " + row.pluginId() + " is no longer in the district's configuration");
                return;
            }
            SenderSettings settings = SenderSettings.of(use.get().settings());
            try {
                sender.get().send(row.notification(), row.address(), use.get().settings());
                outbox.sent(row, holder, Instant.now());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                if (row.attempt() < settings.attempts()) {
                    outbox.retryAt(row, holder, Instant.now().plus(settings.delayAfter(row.attempt())), error);
                } else if (outbox.failed(row, holder, Instant.now(), error)) {
                    // The class only: a mail server's message may name the address, which stays out of the log.
                    LOG.warning(() -> "Notice " + row.id() + " of district " + row.district() + " by " + row.pluginId()
                            + " given up after " + row.attempt() + " tries (" + e.getClass().getName() + ")");
                    report(row);
                }
            }
        } catch (SQLException | RuntimeException e) {
            // The claim lapses and the notice is tried again then.
            LOG.log(Level.WARNING, "Notice " + row.id() + " could not be recorded; it is due again when its claim lapses", e);
        }
    }

    private void report(NoticeOutbox.Claimed row) {
        LocalizedText channel = row.channel() == NoticeSender.Channel.EMAIL ? LocalizedText.of("邮件", "e-mail")
                : LocalizedText.of("短信", "SMS");
        inbox.reportToAdmins(row.district(),
                LocalizedText.of(channel.zh() + "通知发送失败", "Some " + channel.en() + " notices could not be sent"),
                LocalizedText.of("有给考生的" + channel.zh() + "通知多次重试后仍未送达(插件 " + row.pluginId()
                                + "),请检查网关或邮件服务器设置,并在“通知发送失败”列表中查看和重新发送。",
                        "Some " + channel.en() + " notices to candidates were still not delivered after every retry (plugin "
                                + row.pluginId() + "): check the gateway or mail server settings, then see and resend them in the list of failed notices."),
                Instant.now());
    }
}
