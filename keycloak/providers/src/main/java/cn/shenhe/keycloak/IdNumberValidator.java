package cn.shenhe.keycloak;

import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ConfiguredProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.validate.AbstractStringValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * {@value #ID}: the attribute holds a resident identity number with the right check character that no
 * other user of the realm holds. Checked wherever the profile is validated: the sign-up form, the
 * account console, the admin API. Uniqueness is looked up, not constrained: two sign-ups with one
 * number at the same instant could both pass (see docs/operations.md).
 */
public final class IdNumberValidator extends AbstractStringValidator implements ConfiguredProvider {

    public static final String ID = "shenhe-id-number";
    /** Message keys, translated by the realm's localization texts. */
    static final String FORMAT = "shenheIdNumberFormat";
    static final String CHECKSUM = "shenheIdNumberChecksum";
    static final String TAKEN = "shenheIdNumberTaken";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    protected void doValidate(String value, String attribute, ValidationContext context, ValidatorConfig config) {
        if (!ResidentIdNumber.wellFormed(value)) {
            context.addError(new ValidationError(ID, attribute, FORMAT));
        } else if (!ResidentIdNumber.checksumValid(value)) {
            context.addError(new ValidationError(ID, attribute, CHECKSUM));
        } else if (heldByAnother(value, attribute, context)) {
            context.addError(new ValidationError(ID, attribute, TAKEN));
        }
    }

    /** Another user has the number, with its X in either case. */
    private static boolean heldByAnother(String value, String attribute, ValidationContext context) {
        KeycloakSession session = context.getSession();
        UserModel self = UserProfileAttributeValidationContext.from(context).getAttributeContext().getUser();
        return List.of(value.toUpperCase(), value.toLowerCase()).stream().distinct()
                .flatMap(v -> session.users().searchForUserByUserAttributeStream(session.getContext().getRealm(), attribute, v))
                .anyMatch(other -> self == null || !other.getId().equals(self.getId()));
    }

    @Override
    public String getHelpText() {
        return "A Chinese resident identity number (GB 11643): 18 characters, the check character right, held by no other user.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
