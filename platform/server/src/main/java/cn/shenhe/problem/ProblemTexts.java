package cn.shenhe.problem;

import cn.shenhe.plugin.api.LocalizedText;
import java.text.DecimalFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of the refusals, from {@code cn/shenhe/problem/problems_<locale>.properties} (UTF-8):
 * zh-CN, and English for callers who prefer it. Arguments that are a {@link LocalizedText} (a district's
 * or material type's name, a check's finding) are put in the language of the message.
 */
public final class ProblemTexts {

    static final String BUNDLE = "cn.shenhe.problem.problems";
    /** The languages a refusal is written in, the default first. */
    public static final List<Locale> LANGUAGES = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);
    // Only the two files: never the JVM's default locale's, which would answer a zh-CN caller in whatever the host runs in.
    private static final ResourceBundle.Control EXACT = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ProblemTexts() {
    }

    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, english(locale) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE, EXACT);
    }

    static String format(Problem problem, Locale locale, List<Object> args) {
        return format(problem.key(), locale, args);
    }

    /** The words under {@code key} (a problem's, or an {@link InvalidField}'s) in {@code locale}'s language. */
    static String format(String key, Locale locale, List<Object> args) {
        boolean english = english(locale);
        MessageFormat pattern = new MessageFormat(bundle(locale).getString(key), english ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
        Object[] values = args.stream().map(a -> a instanceof LocalizedText t ? (english ? t.en() : t.zh()) : a).toArray();
        Format[] formats = pattern.getFormatsByArgumentIndex();
        for (int i = 0; i < Math.min(formats.length, values.length); i++) {
            if (formats[i] == null && values[i] instanceof Number) {
                // years, versions and counts as written ("2027", not "2,027")
                pattern.setFormatByArgumentIndex(i, new DecimalFormat("0"));
            }
        }
        return pattern.format(values);
    }

    private static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }
}
