package cn.shenhe.plugins.mail;

import cn.shenhe.plugin.api.NoticeSender;
import cn.shenhe.plugin.api.Notification;
import cn.shenhe.plugin.api.PluginSettings;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * Sends each notice as a plain-text e-mail over SMTP, Chinese first, English below. Called by the
 * host's outbox worker (never on a request); a refusal or a time-out throws, and the host retries.
 * Settings:
 * <pre>
 * settings:
 *   smtp:
 *     host: smtp.example.cn          # required
 *     port: 587                      # default 587 (465 with security: tls, 25 with none)
 *     security: starttls             # starttls (required, the default) | tls | none
 *     username: notice@example.cn    # optional: no authentication without it
 *     password: { env: SHENHE_SMTP_PASSWORD }   # or { file: /run/secrets/smtp }: never in clear
 *   from: notice@example.cn          # required
 *   fromName: 北京考区报名审核          # optional
 *   subjectPrefix: 【报名审核】         # optional, before the notice's title
 *   linkBase: https://shenhe.example.cn   # optional: the notice's page, as a link
 *   timeoutSeconds: 10               # connect, read and write time-outs
 * </pre>
 */
@Extension
public class MailSender implements NoticeSender {

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void validate(PluginSettings settings) {
        Smtp.of(settings);
        from(settings);
    }

    @Override
    public void send(Notification notification, String address, PluginSettings settings) throws MessagingException {
        Smtp smtp = Smtp.of(settings);
        // Jakarta Mail finds its providers through the context class loader: the plugin's, not the server's.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MailSender.class.getClassLoader());
        try {
            Session session = Session.getInstance(smtp.properties(), smtp.authenticator());
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from(settings));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(address, true));
            message.setSubject(settings.string("subjectPrefix").orElse("") + notification.title().zh(), "UTF-8");
            message.setText(text(notification, settings.string("linkBase")), "UTF-8");
            message.setSentDate(new Date());
            message.setHeader("Auto-Submitted", "auto-generated");
            Transport.send(message);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Chinese first; the link once; English below, for those who read it. */
    static String text(Notification n, Optional<String> linkBase) {
        StringBuilder s = new StringBuilder();
        s.append(n.title().zh()).append("\n\n").append(n.body().zh()).append('\n');
        if (n.link() != null && linkBase.isPresent()) {
            s.append("\n查看详情 / Details: ").append(linkBase.get().replaceAll("/+$", "")).append(n.link()).append('\n');
        }
        s.append("\n——\n").append(n.title().en()).append("\n\n").append(n.body().en()).append('\n');
        return s.toString();
    }

    private static InternetAddress from(PluginSettings settings) {
        String from = settings.string("from").orElseThrow(() -> new IllegalArgumentException(settings.path() + ".from: required"));
        try {
            InternetAddress address = new InternetAddress(from, true);
            Optional<String> name = settings.string("fromName");
            if (name.isPresent()) {
                address.setPersonal(name.get(), "UTF-8");
            }
            return address;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException(settings.path() + ".from: not an e-mail address: " + from);
        }
    }

    /** The SMTP settings, read and checked once per call. */
    record Smtp(String host, int port, String security, Optional<String> username, Optional<String> password, int timeoutMillis) {

        static Smtp of(PluginSettings settings) {
            PluginSettings smtp = settings.section("smtp");
            String host = smtp.string("host").filter(h -> !h.isBlank())
                    .orElseThrow(() -> new IllegalArgumentException(smtp.path() + ".host: required"));
            String security = smtp.string("security").orElse("starttls").trim().toLowerCase(Locale.ROOT);
            int defaultPort = switch (security) {
                case "starttls" -> 587;
                case "tls" -> 465;
                case "none" -> 25;
                default -> throw new IllegalArgumentException(smtp.path() + ".security: not starttls, tls or none: " + security);
            };
            int port = smtp.intValue("port", defaultPort);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(smtp.path() + ".port: not a port: " + port);
            }
            int timeout = settings.intValue("timeoutSeconds", 10);
            if (timeout < 1 || timeout > 300) {
                throw new IllegalArgumentException(settings.path() + ".timeoutSeconds: 1 to 300");
            }
            Optional<String> username = smtp.string("username");
            Optional<String> password = smtp.secret("password");
            if (password.isPresent() && username.isEmpty()) {
                throw new IllegalArgumentException(smtp.path() + ".username: required with a password");
            }
            return new Smtp(host, port, security, username, password, timeout * 1000);
        }

        Properties properties() {
            Properties p = new Properties();
            p.setProperty("mail.transport.protocol", "smtp");
            p.setProperty("mail.smtp.host", host);
            p.setProperty("mail.smtp.port", Integer.toString(port));
            p.setProperty("mail.smtp.connectiontimeout", Integer.toString(timeoutMillis));
            p.setProperty("mail.smtp.timeout", Integer.toString(timeoutMillis));
            p.setProperty("mail.smtp.writetimeout", Integer.toString(timeoutMillis));
            p.setProperty("mail.smtp.auth", Boolean.toString(username.isPresent()));
            switch (security) {
                case "starttls" -> {
                    p.setProperty("mail.smtp.starttls.enable", "true");
                    p.setProperty("mail.smtp.starttls.required", "true");
                    p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
                }
                case "tls" -> {
                    p.setProperty("mail.smtp.ssl.enable", "true");
                    p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
                }
                default -> {
                    // none: a relay on a trusted network (and the tests' GreenMail)
                }
            }
            return p;
        }

        Authenticator authenticator() {
            if (username.isEmpty()) {
                return null;
            }
            PasswordAuthentication credentials = new PasswordAuthentication(username.get(), password.orElse(""));
            return new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return credentials;
                }
            };
        }
    }
}
