package cn.shenhe.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.registration.IdNumber.Reading;
import cn.shenhe.registration.IdNumber.Sex;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdNumberTest {

    @Test
    void checksTheCheckCharacter() {
        assertTrue(IdNumber.isValid("11010519491231002X"));
        assertTrue(IdNumber.isValid("11010519491231002x"));
        assertTrue(IdNumber.isValid("440301198512032219"));
        assertFalse(IdNumber.isValid("440301198512032218"));
        assertFalse(IdNumber.isValid("4403011985120322"));
        assertFalse(IdNumber.isValid("44030119851203221A"));
        assertFalse(IdNumber.isValid(null));
        assertEquals('X', IdNumber.checkCharacter("11010519491231002"));
    }

    @Test
    void readsBirthDateSexAndChecksum() {
        // GB 11643's own example: born 1949-12-31, sequence 002 (even: a woman), check character X
        assertEquals(new Reading(LocalDate.of(1949, 12, 31), Sex.FEMALE, true), IdNumber.read("11010519491231002X"));
        assertEquals(new Reading(LocalDate.of(1949, 12, 31), Sex.FEMALE, true), IdNumber.read("11010519491231002x"));
        assertEquals(new Reading(LocalDate.of(1985, 12, 3), Sex.MALE, true), IdNumber.read("440301198512032219"));
        // a wrong check character still tells what the number claims, flagged invalid
        assertEquals(new Reading(LocalDate.of(1985, 12, 3), Sex.MALE, false), IdNumber.read("440301198512032218"));
        // no such day: no birth date (Feb 30th), whatever the check character
        String feb30 = "44030119850230221";
        assertEquals(new Reading(null, Sex.MALE, true), IdNumber.read(feb30 + IdNumber.checkCharacter(feb30)));
    }

    @Test
    void readsNothingFromWhatIsNotANumber() {
        Reading nothing = new Reading(null, null, false);
        assertEquals(nothing, IdNumber.read(null));
        assertEquals(nothing, IdNumber.read("4403011985120322"));
        assertEquals(nothing, IdNumber.read("44030119851203221A9"));
        assertEquals(nothing, IdNumber.read("4403011985120322A9"));
    }
}
