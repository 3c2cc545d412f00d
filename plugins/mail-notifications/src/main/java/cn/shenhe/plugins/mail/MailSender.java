package cn.shenhe.plugins.mail;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.NoticeSender;
import cn.shenhe.plugin.api.Notification;
import cn.shenhe.plugin.api.PluginSettings;
import cn.shenhe.plugin.api.SettingsSchema;
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
import java.util.List;
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
public class MailSender implements NoticeSender, SettingsSchema {

    private static final LocalizedText SERVER = LocalizedText.of("邮件服务器", "Mail server");
    private static final LocalizedText MESSAGE = LocalizedText.of("邮件", "Messages");

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("邮件通知", "E-mail notices");
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("smtp.host", Type.TEXT, LocalizedText.of("SMTP 服务器", "SMTP host")).mandatory().in(SERVER),
                Setting.choice("smtp.security", LocalizedText.of("加密方式", "Security"), "starttls",
                        new Choice("starttls", LocalizedText.of("STARTTLS(必需)", "STARTTLS (required)")),
                        new Choice("tls", LocalizedText.of("TLS", "TLS")),
                        new Choice("none", LocalizedText.of("不加密", "None"))).in(SERVER),
                Setting.of("smtp.port", Type.NUMBER, LocalizedText.of("端口(默认随加密方式:587、465 或 25)", "Port (default by security: 587, 465 or 25)"))
                        .withRange(1L, 65_535L).in(SERVER),
                Setting.of("smtp.username", Type.TEXT, LocalizedText.of("用户名", "User name")).in(SERVER),
                Setting.of("smtp.password", Type.SECRET, LocalizedText.of("密码", "Password")).in(SERVER),
                Setting.number("timeoutSeconds", LocalizedText.of("超时(秒)", "Time-out (s)"), 10, 1, 300).in(SERVER),
                Setting.of("from", Type.TEXT, LocalizedText.of("发件地址", "From address")).mandatory().in(MESSAGE),
                Setting.of("fromName", Type.TEXT, LocalizedText.of("发件人名称", "From name")).in(MESSAGE),
                Setting.of("subjectPrefix", Type.TEXT, LocalizedText.of("标题前缀", "Subject prefix")).in(MESSAGE),
                Setting.of("linkBase", Type.TEXT, LocalizedText.of("链接地址", "Link base URL")).in(MESSAGE));
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
