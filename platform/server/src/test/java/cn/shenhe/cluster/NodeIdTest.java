package cn.shenhe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdTest {

    @TempDir
    Path data;

    private NodeId start(Optional<String> configured, Path dataDir) {
        NodeId node = new NodeId();
        node.configured = configured;
        node.dataDir = Optional.of(dataDir.toString());
        return node;
    }

    @Test
    void aNodeKeepsItsNameAcrossRestartsOfItsDataFolder() throws Exception {
        String first = start(Optional.empty(), data).get();
        assertEquals(first, start(Optional.empty(), data).get(), "the same name after a restart");
        assertEquals(first, Files.readString(data.resolve("node-id")).strip());
        assertNotEquals(first, start(Optional.empty(), data.resolve("other")).get(), "another data folder, another node");
    }

    @Test
    void aConfiguredNameWins() {
        assertEquals("node-a", start(Optional.of("node-a"), data).get());
        assertEquals(false, Files.exists(data.resolve("node-id")));
    }
}
