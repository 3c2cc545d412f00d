package cn.shenhe.keycloak;

import java.util.List;
import java.util.Objects;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ConfiguredProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.validate.AbstractSimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * {@value #ID}: a person chooses the value when signing up and cannot change it afterwards (in the
 * account console or an update-profile form); administrators can. Keycloak's permissions know only
 * "user may edit" or not, and the district a candidate signs up in decides which district's data
 * their tokens open, so moving is an administrator's act.
 */
public final class SetAtSignUpValidator extends AbstractSimpleValidator implements ConfiguredProvider {

    public static final String ID = "shenhe-set-at-sign-up";
    static final String CHANGED = "shenheSetAtSignUp";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    protected boolean skipValidation(Object value, ValidatorConfig config) {
        return false;
    }

    @Override
    protected void doValidate(Object value, String attribute, ValidationContext context, ValidatorConfig config) {
        AttributeContext a = UserProfileAttributeValidationContext.from(context).getAttributeContext();
        UserModel user = a.getUser();
        UserProfileContext where = a.getContext();
        if (user == null || where == UserProfileContext.REGISTRATION || where.isAdminContext()) {
            return;
        }
        List<String> stored = user.getAttributeStream(attribute).filter(v -> !v.isBlank()).toList();
        List<String> given = a.getAttribute().getValue() == null ? List.of()
                : a.getAttribute().getValue().stream().filter(v -> v != null && !v.isBlank()).toList();
        if (!Objects.equals(stored, given)) {
            context.addError(new ValidationError(ID, attribute, CHANGED));
        }
    }

    @Override
    public String getHelpText() {
        return "Set by the user when signing up only; afterwards only administrators can change it.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
