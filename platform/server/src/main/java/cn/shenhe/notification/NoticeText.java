package cn.shenhe.notification;

import cn.shenhe.plugin.api.LocalizedText;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** What a notice says, in zh-CN and English, and where it points: the same columns in the inbox and the outbox. */
@Embeddable
public class NoticeText {

    @Column(name = "title_zh", nullable = false, updatable = false)
    private String titleZh;
    @Column(name = "title_en", nullable = false, updatable = false)
    private String titleEn;
    @Column(name = "body_zh", nullable = false, updatable = false)
    private String bodyZh;
    @Column(name = "body_en", nullable = false, updatable = false)
    private String bodyEn;
    @Column(name = "link", updatable = false)
    private String link;

    protected NoticeText() {
        // for JPA
    }

    NoticeText(LocalizedText title, LocalizedText body, String link) {
        this.titleZh = Texts.clip(title.zh(), 200);
        this.titleEn = Texts.clip(title.en(), 200);
        this.bodyZh = Texts.clip(body.zh(), 2000);
        this.bodyEn = Texts.clip(body.en(), 2000);
        this.link = link == null ? null : Texts.clip(link, 500);
    }

    public LocalizedText title() { return LocalizedText.of(titleZh, titleEn); }
    public LocalizedText body() { return LocalizedText.of(bodyZh, bodyEn); }
    public String link() { return link; }
}
