package cn.shenhe.problem;

import cn.shenhe.plugin.api.LocalizedText;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why a request field is refused ({@link Problem#INVALID_FIELD}, 422): the second half of its message.
 * The words are in the same bundles as the problems', under {@link #key()}, as MessageFormat patterns
 * over the arguments {@link #refuse} takes, so domain code names a reason and never writes a language.
 */
public enum InvalidField {

    /** {0}: the category asked for. */
    UNKNOWN_CATEGORY,
    /** {0}: the site asked for. */
    UNKNOWN_SITE,
    /** {0}: the district asked for. */
    UNKNOWN_DISTRICT,
    ID_NUMBER_CHECK_DIGIT,
    NAME_REQUIRED,
    /** {0}: the outcome, {1}: the review level. */
    OUTCOME_NOT_AT_LEVEL,
    NOTICE_STATUS,
    /** {0}, {1}: the smallest and the largest value accepted. */
    OUT_OF_RANGE,
    REQUIRED,
    BODY_REQUIRED,
    /** {0}: the most characters accepted. */
    TOO_LONG,
    /** {0}: the values accepted, {1}: the value given. */
    NOT_ONE_OF,
    /** {0}: how many hits can be paged through. */
    PAGE_WINDOW,
    PUBLISH_SITE_REQUIRED,
    ON_SITE_BY_MATERIAL,
    ONLINE_BY_PICTURE,
    /** {0}: the material type named. */
    UNKNOWN_MATERIAL_TYPE,
    /** {0}: the picture named. */
    UNKNOWN_PICTURE,
    /** {0}: the material type named. */
    NO_PICTURES_OF_TYPE,
    SLOT_REQUIRED,
    /** {0}: the slot named. */
    UNKNOWN_SLOT,
    SLOT_AT_OTHER_SITE,
    DATE_FORMAT;

    /** Where its words are in the bundles: {@code invalid-field.<name>}. */
    public String key() {
        return Problem.INVALID_FIELD.key() + "." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The refusal of {@code field}, to throw; {@code args} fill this reason's placeholders. */
    public ProblemException refuse(String field, Object... args) {
        List<Object> values = Arrays.asList(args);
        LocalizedText why = LocalizedText.of(ProblemTexts.format(key(), Locale.SIMPLIFIED_CHINESE, values),
                ProblemTexts.format(key(), Locale.ENGLISH, values));
        return Problem.INVALID_FIELD.refuse(Map.of("field", field), field, why);
    }
}
