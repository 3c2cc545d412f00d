package cn.shenhe.plugins.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.Notification;
import cn.shenhe.plugin.api.PluginSettings;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Against a real SMTP server (GreenMail) that requires a login. */
class MailSenderTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("notice@shenhe.test", "notice", "smtp-pass"));
    @TempDir
    Path dir;

    private PluginSettings settings(String password) throws Exception {
        Path secret = dir.resolve("smtp-password");
        Files.writeString(secret, password);
        return new PluginSettings(Map.of(
                "smtp", Map.of("host", "127.0.0.1", "port", smtp.getSmtp().getPort(), "security", "none",
                        "username", "notice", "password", Map.of("file", secret.toString())),
                "from", "notice@shenhe.test", "fromName", "测试考区报名审核", "subjectPrefix", "【报名审核】",
                "linkBase", "https://shenhe.test/"));
    }

    private static Notification comment() {
        return new Notification("t", "sub-1", "01JREG", Notification.Kind.COMMENT,
                LocalizedText.of("您的报名材料有新的审核意见", "New review comments on your materials"),
                LocalizedText.of("执业证明照片模糊,请重新上传", "The practice proof is blurred"), Instant.now(), "/districts/t/registrations/01JREG");
    }

    @Test
    void aNoticeArrivesInChineseFirst() throws Exception {
        new MailSender().send(comment(), "candidate@shenhe.test", settings("smtp-pass"));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage m = received[0];
        assertEquals("【报名审核】您的报名材料有新的审核意见", m.getSubject());
        assertEquals("测试考区报名审核", ((InternetAddress) m.getFrom()[0]).getPersonal());
        assertEquals("candidate@shenhe.test", m.getAllRecipients()[0].toString());
        String body = GreenMailUtil.getBody(m);
        String text = ((String) m.getContent()).replace("\r\n", "\n");   // SMTP carries CRLF
        assertTrue(text.startsWith("您的报名材料有新的审核意见\n\n执业证明照片模糊,请重新上传\n"), text);
        assertTrue(text.contains("https://shenhe.test/districts/t/registrations/01JREG"), text);
        assertTrue(text.indexOf("The practice proof is blurred") > text.indexOf("执业证明"), text);
        assertTrue(!body.isEmpty());
    }

    @Test
    void aRefusedLoginThrowsSoTheHostRetries() throws Exception {
        PluginSettings wrong = settings("wrong");
        assertThrows(MessagingException.class, () -> new MailSender().send(comment(), "candidate@shenhe.test", wrong));
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void settingsAreChecked() throws Exception {
        MailSender sender = new MailSender();
        sender.validate(settings("x"));
        assertEquals("settings.from: required", assertThrows(IllegalArgumentException.class,
                () -> sender.validate(new PluginSettings(Map.of("smtp", Map.of("host", "h"))))).getMessage());
        assertEquals("settings.smtp.host: required", assertThrows(IllegalArgumentException.class,
                () -> sender.validate(new PluginSettings(Map.of("from", "a@b.cn")))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sender.validate(new PluginSettings(Map.of("from", "a@b.cn",
                "smtp", Map.of("host", "h", "username", "u", "password", "in-clear"))))).getMessage()
                .startsWith("settings.smtp.password: a secret is named"));
    }
}
