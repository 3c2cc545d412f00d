package cn.shenhe.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
