package cn.shenhe.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void uniqueTimeOrderedAndRecognisable() throws InterruptedException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.next();
            assertEquals(26, id.length());
            assertTrue(Ids.plausible(id), id);
            assertTrue(seen.add(id));
        }
        String a = Ids.next();
        Thread.sleep(2);
        String b = Ids.next();
        assertTrue(a.substring(0, 10).compareTo(b.substring(0, 10)) < 0, "time prefix grows");
        assertFalse(Ids.plausible("../../etc/passwd"));
        assertFalse(Ids.plausible("01HZZZZZZZZZZZZZZZZZZZZZZU")); // u is not in the alphabet
        assertFalse(Ids.plausible(null));
    }
}
