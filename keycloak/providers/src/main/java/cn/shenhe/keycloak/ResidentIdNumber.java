package cn.shenhe.keycloak;

/**
 * The GB 11643 check of an 18-character resident identity number: 17 digits, then the ISO 7064
 * MOD 11-2 check character ('X' for 10). The server checks registrations with the same rule
 * ({@code cn.shenhe.registration.IdNumber}); Keycloak loads this jar alone, so it cannot share that class.
 */
final class ResidentIdNumber {

    private static final String CHECK = "10X98765432";

    private ResidentIdNumber() {
    }

    /** 18 characters: 17 digits and a digit or X (either case). */
    static boolean wellFormed(String s) {
        return s != null && s.matches("[0-9]{17}[0-9Xx]");
    }

    /** A well-formed number whose last character is the check character of the first 17. */
    static boolean checksumValid(String s) {
        if (!wellFormed(s)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            // weight 2^(17-i) mod 11: 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, ...
            sum += (s.charAt(i) - '0') * (1 << (17 - i)) % 11;
        }
        return Character.toUpperCase(s.charAt(17)) == CHECK.charAt(sum % 11);
    }
}
