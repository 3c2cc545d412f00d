package cn.shenhe.keycloak;

import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ConfiguredProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.validate.AbstractStringValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidationResult;
import org.keycloak.validate.ValidatorConfig;

/**
 * {@value #ID}: what a person may choose (config {@code options}, also the sign-up form's select list
 * through the {@code inputOptionsFromValidation} annotation); administrators may set any value. Keycloak's
 * own {@code options} validator binds administrators too, but districts are created in the Shenhe server
 * (its configuration API) and get their staff before they are offered for sign-up.
 */
public final class SignUpOptionsValidator extends AbstractStringValidator implements ConfiguredProvider {

    public static final String ID = "shenhe-sign-up-options";
    static final String OPTIONS = "options";
    static final String NOT_OFFERED = "shenheNotOffered";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    protected void doValidate(String value, String attribute, ValidationContext context, ValidatorConfig config) {
        if (UserProfileAttributeValidationContext.from(context).getAttributeContext().getContext().isAdminContext()) {
            return;
        }
        if (!config.getStringListOrDefault(OPTIONS).contains(value)) {
            context.addError(new ValidationError(ID, attribute, NOT_OFFERED));
        }
    }

    @Override
    public ValidationResult validateConfig(KeycloakSession session, ValidatorConfig config) {
        List<String> options = config == null ? null : config.getStringListOrDefault(OPTIONS);
        return options == null || options.isEmpty()
                ? ValidationResult.of(new ValidationError(ID, OPTIONS, "shenheOptionsMissing"))
                : ValidationResult.OK;
    }

    @Override
    public String getHelpText() {
        return "Users choose one of the options; administrators may set any value.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        ProviderConfigProperty options = new ProviderConfigProperty(OPTIONS, "Options", "The values a user may choose.",
                ProviderConfigProperty.MULTIVALUED_STRING_TYPE, null);
        return List.of(options);
    }
}
