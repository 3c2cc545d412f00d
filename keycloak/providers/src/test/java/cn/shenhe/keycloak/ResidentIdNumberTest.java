package cn.shenhe.keycloak;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResidentIdNumberTest {

    @Test
    void acceptsTheStandardsExamplesAndAnXInEitherCase() {
        assertTrue(ResidentIdNumber.checksumValid("11010519491231002X"));
        assertTrue(ResidentIdNumber.checksumValid("11010519491231002x"));
        assertTrue(ResidentIdNumber.checksumValid("440524188001010014"));
    }

    @Test
    void refusesAWrongCheckCharacterOrShape() {
        assertFalse(ResidentIdNumber.checksumValid("110105194912310021"));
        assertFalse(ResidentIdNumber.checksumValid("440524188001010015"));
        assertFalse(ResidentIdNumber.wellFormed("44052418800101001"));
        assertFalse(ResidentIdNumber.wellFormed("4405241880010100X4"));
        assertFalse(ResidentIdNumber.wellFormed(null));
    }

    @Test
    void everySeventeenDigitsHaveExactlyOneCheckCharacter() {
        String first17 = "32010219900307123";
        long valid = "0123456789X".chars().filter(c -> ResidentIdNumber.checksumValid(first17 + (char) c)).count();
        assertTrue(valid == 1, "one check character, not " + valid);
    }
}
