package cn.shenhe.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Blobs as files under a root directory. A put creates the file under its key, forces it and its
 * directory to disk, and only then returns. A crash in the middle can leave a partial file, but no
 * reader ever reaches it: a blob is found through the database row committed after the put
 * returned, and the orphan sweep removes files that no row names. (Writing a temporary file and
 * renaming it cost a rename, an unlink and a second directory's metadata per upload, a clear share
 * of a put's time (docs/benchmarks.md), for a guarantee the row already gives.)
 */
public class FileSystemBlobStore implements BlobStore {

    private final Path root;

    public FileSystemBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        Path target = pathOf(key);
        Path dir = target.getParent();
        Path existing = dir;   // one stat in the usual case: createDirectories on an existing path throws inside
        while (!Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing != dir) {
            Files.createDirectories(dir);
        }
        // CREATE_NEW: an existing file is never overwritten (nor removed below).
        FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (ch) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        // The file's name, then the name of every directory this put created (once per registration).
        for (Path d = dir; !d.equals(existing); d = d.getParent()) {
            forceDirectory(d);
        }
        forceDirectory(existing);
    }

    /** Written beside, synced, then moved over the old file. */
    @Override
    public void replace(String key, byte[] bytes) throws IOException {
        Path target = pathOf(key);
        Path tmp = target.resolveSibling(target.getFileName() + ".replace");
        Files.write(tmp, bytes);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.getParent());
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(pathOf(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(pathOf(key));
    }

    @Override
    public void forEach(String prefix, Consumer<Entry> visitor) throws IOException {
        // Walk only the folder the prefix names up to its last '/', then filter by the whole prefix.
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash)).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start)) {
            return;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String key = root.relativize(file).toString().replace('\\', '/');
                // not a blob (e.g. a .tmp/*.part of older versions): not ours to list
                if (key.startsWith(prefix) && BlobKeys.isKey(key)) {
                    visitor.accept(new Entry(key, attrs.lastModifiedTime().toInstant()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void probe() throws StorageUnavailableException {
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new StorageUnavailableException("The blob directory " + root + " is missing or not writable", null);
        }
    }

    /** Keys are made by the server, never by callers; still, refuse anything that could leave the root. */
    private Path pathOf(String key) {
        Path p = root.resolve(BlobKeys.check(key)).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("Invalid blob key: " + key);
        }
        return p;
    }

    private static void forceDirectory(Path dir) {
        // Makes the new file's name durable. Not every platform lets a directory be opened: best effort.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the file's own content is already forced
        }
    }
}
