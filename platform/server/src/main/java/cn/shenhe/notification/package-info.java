/**
 * Telling candidates what happened to their registration. Review code fires a
 * {@link cn.shenhe.notification.CandidateNotice} inside its transaction; once committed,
 * {@link cn.shenhe.notification.NotificationDispatcher} calls the {@code Notifier} of every plugin
 * the district names. The default plugin, {@code inapp-notifications}, stores the notice through
 * the host's inbox ({@link cn.shenhe.notification.NotificationStore}); candidates read it at
 * {@code GET /api/v1/me/notifications}. Plugins that send by e-mail or SMS ({@code NoticeSender}) get
 * the notice through {@link cn.shenhe.notification.NoticeOutbox}: a row written in the change's
 * transaction, sent by {@link cn.shenhe.notification.NoticeWorker} with retries, failures listed
 * ({@link cn.shenhe.notification.NoticeResource}) and reported to the district's admins.
 */
package cn.shenhe.notification;
