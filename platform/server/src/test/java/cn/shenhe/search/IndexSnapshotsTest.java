package cn.shenhe.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cn.shenhe.storage.FileSystemBlobStore;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot parts are blob keys whatever Lucene names its files ({@code _3_Lucene104_0.psm}, upper case). */
class IndexSnapshotsTest {

    @TempDir
    Path dir;

    @Test
    void partsAreStoredUnderValidKeys() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(dir);   // refuses anything that is not a blob key
        String prefix = IndexSnapshots.prefix("bj", 4387);
        String key = IndexSnapshots.partKey(prefix, 12, 3);
        store.put(key, new byte[] {1, 2, 3});
        try (InputStream in = store.open(key).orElseThrow()) {
            assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
        }
        assertNotEquals(prefix, IndexSnapshots.prefix("bj", 4387), "one prefix per publish");
    }
}
