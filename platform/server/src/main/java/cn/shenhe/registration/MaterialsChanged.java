package cn.shenhe.registration;

/**
 * The candidate stored or deleted a picture (the registration's row is locked). Whether that moved
 * it into or out of the review queue was decided where it happened ({@link Registration#addImage}).
 */
public record MaterialsChanged(String district, String registrationId, Change change, String imageId, String materialType)
        implements RegistrationChanged {

    public enum Change {
        UPLOADED("material-image.uploaded"), DELETED("material-image.deleted");

        private final String kind;

        Change(String kind) {
            this.kind = kind;
        }
    }

    @Override
    public String kind() {
        return change.kind;
    }
}
