package cn.shenhe.registration;

/** A picture's review state. APPROVED pictures are locked: they show a check mark (对号) and cannot be deleted or replaced. */
public enum ImageState {
    SUBMITTED, APPROVED, CHANGES_REQUESTED;

    public boolean locked() {
        return this == APPROVED;
    }
}
