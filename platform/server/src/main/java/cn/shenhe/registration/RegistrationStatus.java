package cn.shenhe.registration;

import cn.shenhe.plugin.api.LocalizedText;

/** Shown at the top right of the candidate's registration: 填报 → 考点通过 → 审核通过 / 审核拒绝. */
public enum RegistrationStatus {
    FILLING(LocalizedText.of("填报", "Filling in")),
    SITE_PASSED(LocalizedText.of("考点通过", "Passed at exam site")),
    APPROVED(LocalizedText.of("审核通过", "Approved")),
    REJECTED(LocalizedText.of("审核拒绝", "Rejected"));

    private final LocalizedText label;

    RegistrationStatus(LocalizedText label) {
        this.label = label;
    }

    public LocalizedText label() {
        return label;
    }
}
