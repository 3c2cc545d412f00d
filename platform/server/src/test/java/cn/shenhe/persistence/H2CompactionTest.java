package cn.shenhe.persistence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file of an H2 database written with {@code WRITE_DELAY=0}, as {@code ./run.sh}'s is, and what compaction does to it. */
class H2CompactionTest {

    @TempDir
    Path dir;

    @Test
    void compactionGivesBackTheSpaceThatCommitsWithoutAWriteDelayLeaveBehind() throws Exception {
        Path file = dir.resolve("db.mv.db");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0", "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE r (id INT PRIMARY KEY, n INT, payload VARCHAR(300))");
                s.execute("INSERT INTO r SELECT x, 0, REPEAT('x', 300) FROM SYSTEM_RANGE(1, 2000)");
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE r SET n = n + 1 WHERE id = ?")) {
                for (int i = 0; i < 3000; i++) { // one commit each, as uploads are
                    update.setInt(1, 1 + i % 2000);
                    update.executeUpdate();
                }
            }
            long grown = Files.size(file);
            H2Compaction.compact(c, 5000);
            H2Compaction.compact(c, 5000); // the alias exists now: created only if missing
            long compacted = Files.size(file);
            assertTrue(grown > 20_000_000, "3,000 commits should have grown the file by tens of MB, got " + grown);
            assertTrue(compacted < grown / 4, "compacted " + compacted + " of " + grown + " bytes");
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT SUM(n), COUNT(*) FROM r")) {
                rs.next();
                assertTrue(rs.getInt(1) == 3000 && rs.getInt(2) == 2000, "the data is intact after compaction");
            }
        }
    }
}
