package cn.shenhe.it;

import cn.shenhe.registration.IdNumber;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Valid resident identity numbers no other test has used (random birth date and sequence, so tests that
 * sign people up against one Keycloak, whose validator refuses a number held by someone else, do not clash).
 */
public final class IdNumbers {

    private IdNumbers() {
    }

    public static String next() {
        return next(false);
    }

    /** A new number; endingInX: one whose check character is X, the case people type either way. */
    public static String next(boolean endingInX) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            LocalDate birth = LocalDate.of(1970, 1, 1).plusDays(random.nextInt(30 * 365));
            String first17 = "110105" + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
            char check = IdNumber.checkCharacter(first17);
            if (!endingInX || check == 'X') {
                return first17 + check;
            }
        }
    }
}
