package cn.shenhe.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest {

    @TempDir
    Path root;

    @Test
    void storesReadsAndDeletes() throws Exception {
        BlobStore store = new FileSystemBlobStore(root);
        byte[] bytes = {1, 2, 3, 4};
        store.put("bj/01abc/01def.jpg", bytes);
        try (InputStream in = store.open("bj/01abc/01def.jpg").orElseThrow()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        List<String> keys = new ArrayList<>();
        store.forEach(e -> keys.add(e.key()));
        assertEquals(List.of("bj/01abc/01def.jpg"), keys);
        store.delete("bj/01abc/01def.jpg");
        assertTrue(store.open("bj/01abc/01def.jpg").isEmpty());
        store.delete("bj/01abc/01def.jpg");
    }

    @Test
    void neverOverwritesNorRemovesAnExistingBlob() throws Exception {
        BlobStore store = new FileSystemBlobStore(root);
        store.put("bj/01abc/01def.jpg", new byte[] {1});
        assertThrows(FileAlreadyExistsException.class, () -> store.put("bj/01abc/01def.jpg", new byte[] {2}));
        try (InputStream in = store.open("bj/01abc/01def.jpg").orElseThrow()) {
            assertArrayEquals(new byte[] {1}, in.readAllBytes());
        }
    }

    @Test
    void listsOnlyBlobs() throws Exception {
        BlobStore store = new FileSystemBlobStore(root);
        store.put("bj/01abc/01def.jpg", new byte[] {1});
        Files.createDirectories(root.resolve(".tmp"));
        Files.write(root.resolve(".tmp/leftover.part"), new byte[] {2});
        List<String> keys = new ArrayList<>();
        store.forEach(e -> keys.add(e.key()));
        assertEquals(List.of("bj/01abc/01def.jpg"), keys);
    }

    @Test
    void refusesKeysThatCouldLeaveTheRoot() throws Exception {
        BlobStore store = new FileSystemBlobStore(root);
        for (String key : new String[] {"../x.jpg", "bj/../../x.jpg", "/etc/passwd", "bj", "BJ/x.jpg", ""}) {
            assertThrows(IllegalArgumentException.class, () -> store.put(key, new byte[] {1}), key);
        }
    }

    @Test
    void listsByPrefix() throws Exception {
        BlobStore store = new FileSystemBlobStore(root);
        for (String key : new String[] {"bj/01abc/01def.jpg", "bj/01xyz/01def.jpg", "bjx/01abc/01def.jpg", "samples/bj/id-card/01s.png"}) {
            store.put(key, new byte[] {1});
        }
        List<String> keys = new ArrayList<>();
        store.forEach("bj/", e -> keys.add(e.key()));
        assertEquals(List.of("bj/01abc/01def.jpg", "bj/01xyz/01def.jpg"), keys.stream().sorted().toList());
        keys.clear();
        store.forEach("samples/bj/", e -> keys.add(e.key()));
        assertEquals(List.of("samples/bj/id-card/01s.png"), keys);
        keys.clear();
        store.forEach("sh/", e -> keys.add(e.key()));
        store.forEach("../", e -> keys.add(e.key()));
        assertEquals(List.of(), keys);
    }

    @Test
    void probeFailsWhenTheDirectoryIsGone() throws Exception {
        Path blobs = root.resolve("blobs");
        BlobStore store = new FileSystemBlobStore(blobs);
        store.probe();
        Files.delete(blobs);
        assertThrows(StorageUnavailableException.class, store::probe);
    }
}
