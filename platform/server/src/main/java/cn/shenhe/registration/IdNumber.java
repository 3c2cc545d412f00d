package cn.shenhe.registration;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The 18-character resident identity number (公民身份号码, GB 11643): a 6-digit address code, the
 * birth date as yyyyMMdd, a 3-digit sequence whose last digit is odd for men and even for women,
 * and a check character computed over the 17 digits (ISO 7064 MOD 11-2), 'X' standing for 10.
 */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    public enum Sex { MALE, FEMALE }

    /**
     * What a number says of its holder, for a reviewer to hold against the picture.
     *
     * @param birthDate     null when the number has no real date where the birth date belongs
     * @param sex           null when the number is not 17 digits and a check character
     * @param checksumValid the check character matches the 17 digits
     */
    public record Reading(LocalDate birthDate, Sex sex, boolean checksumValid) {
    }

    private IdNumber() {
    }

    public static boolean isValid(String s) {
        return digits17(s) && Character.toUpperCase(s.charAt(17)) == checkCharacter(s);
    }

    /** The check character for 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Reads the birth date and sex a number encodes, and whether its check character is right. */
    public static Reading read(String s) {
        if (!digits17(s)) {
            return new Reading(null, null, false);
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(s.substring(6, 10)), Integer.parseInt(s.substring(10, 12)),
                    Integer.parseInt(s.substring(12, 14)));
        } catch (DateTimeException e) {
            birth = null;
        }
        Sex sex = (s.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
        return new Reading(birth, sex, Character.toUpperCase(s.charAt(17)) == checkCharacter(s));
    }

    /** 18 characters of which the first 17 are digits (the last is checked separately). */
    private static boolean digits17(String s) {
        if (s == null || s.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
