package cn.shenhe.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.shenhe.problem.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refusals the OpenAPI filter adds by rule take their statuses and codes from the catalogue. */
class OpenApiProblemsTest {

    @Test
    void sharedRefusalsAreTheCataloguesProblems() {
        assertEquals(List.of("400", "401", "403", "404", "415", "500", "503"), List.copyOf(OpenApiProblems.SHARED.keySet()));
        assertEquals("The database or the object store is unreachable: retry after Retry-After (database-unavailable, storage-unavailable)",
                OpenApiProblems.SHARED.get("503").description());
        assertEquals("The caller's role may not do this; national administrators read only (forbidden, read-only)",
                OpenApiProblems.SHARED.get("403").description());
    }

    @Test
    void aSharedRefusalHasOneStatus() {
        assertThrows(IllegalArgumentException.class, () -> new OpenApiProblems.Shared("Odd", "mixed", Problem.FORBIDDEN, Problem.NOT_FOUND));
        assertThrows(IllegalArgumentException.class, () -> new OpenApiProblems.Shared("None", "nothing"));
    }
}
