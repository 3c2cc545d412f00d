package cn.shenhe.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Copies a district's pictures (or every blob) from one blob store to another (the file system's to the
 * object store's, or back for a backup), verifying each copy by its SHA-256 read back from the target. It never changes the
 * source, so it is safe while the service runs on either store, and it is idempotent: a picture
 * already in the target with the same SHA-256 is skipped. One with other bytes is kept when it is the same
 * picture, sealed (see {@link EncryptedBlobStore}): it opens under the district's keys to the source's picture (the
 * SHA-256 of the two plaintexts), as after {@code keys.sh rewrap} on the target, which gives every picture a new
 * header; any other (a copy cut short or damaged) is written again. Resuming an interrupted run is running it again.
 *
 * <p>A district's blobs are its pictures ({@code <district>/...}) and its sample pictures
 * ({@code samples/<district>/...}). Run it once while the service still stores on the file system,
 * switch the service to the object store, then run it again for what was uploaded meanwhile.
 *
 * <pre>
 * SHENHE_BLOBS_S3_ENDPOINT=http://127.0.0.1:9400 SHENHE_BLOBS_S3_BUCKET=shenhe \
 * SHENHE_BLOBS_S3_ACCESS_KEY=... SHENHE_BLOBS_S3_SECRET_KEY=... \
 *   bash scripts/blobs-migrate.sh --from DATA_DIR/blobs --district bj [--district sh]
 * </pre>
 */
public final class BlobMigration {

    /** What became of the blobs: copied and verified, already there, or failed (read on in the log). */
    public record Result(int copied, int skipped, int failed) {
    }

    private enum Outcome { COPIED, SKIPPED, FAILED }

    private final BlobStore from;
    private final BlobStore to;
    /** Null: none given, and a target picture with other bytes than the source's fails (it cannot be told valid or not). */
    private final DistrictKeys districtKeys;
    private final PrintStream log;

    /** The stores as they are (the raw ones, not the encrypting view), and the districts' keys to open pictures with. */
    public BlobMigration(BlobStore from, BlobStore to, DistrictKeys keys, PrintStream log) {
        this.from = from;
        this.to = to;
        this.districtKeys = keys;
        this.log = log;
    }

    /** Copies every blob of the district; a blob that fails is reported and the others go on. */
    public Result migrate(String district) throws IOException {
        if (!district.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("Not a district code: " + district);
        }
        List<String> keys = new ArrayList<>();
        from.forEach(district + "/", e -> keys.add(e.key()));
        from.forEach("samples/" + district + "/", e -> keys.add(e.key()));
        return copyEach(district, keys);
    }

    /** Copies every blob of the store (a backup's copy of the bucket, or its restore), each verified as above. */
    public Result migrateAll() throws IOException {
        List<String> keys = new ArrayList<>();
        from.forEach("", e -> keys.add(e.key()));
        return copyEach("every district", keys);
    }

    private Result copyEach(String district, List<String> keys) {
        int copied = 0;
        int skipped = 0;
        int failed = 0;
        for (String key : keys) {
            Outcome o;
            try {
                o = copy(key);
            } catch (IOException | RuntimeException e) {
                log.println("FAILED  " + key + ": " + e.getMessage());
                o = Outcome.FAILED;
            }
            switch (o) {
                case COPIED -> copied++;
                case SKIPPED -> skipped++;
                case FAILED -> failed++;
            }
            int done = copied + skipped + failed;
            if (done % 1000 == 0) {
                log.printf("%s: %d of %d (copied %d, already there %d, failed %d)%n", district, done, keys.size(), copied, skipped, failed);
            }
        }
        log.printf("%s: %d blob(s): copied and verified %d, already there %d, failed %d%n", district, keys.size(), copied, skipped, failed);
        return new Result(copied, skipped, failed);
    }

    private Outcome copy(String key) throws IOException {
        Optional<byte[]> source = read(from, key);
        if (source.isEmpty()) {
            return Outcome.SKIPPED;   // deleted since it was listed: nothing to carry over
        }
        String sha = sha256(source.get());
        Optional<byte[]> there = read(to, key);
        if (there.isEmpty()) {
            to.put(key, source.get());
        } else if (sha256(there.get()).equals(sha) || samePicture(key, source.get(), there.get())) {
            return Outcome.SKIPPED;
        } else {
            to.replace(key, source.get());   // a copy cut short or damaged: replaced whole
        }
        Optional<byte[]> back = read(to, key);
        if (back.isEmpty() || !sha256(back.get()).equals(sha)) {
            log.println("FAILED  " + key + ": the copy read back does not have the source's SHA-256 " + sha);
            return Outcome.FAILED;
        }
        return Outcome.COPIED;
    }

    /**
     * Whether the target's other bytes are a valid picture: sealed, opening under the district's keys, to the same
     * picture as the source's (sealed or, stored before encryption, not). A public sample, or a target not sealed, is
     * only ever the source's bytes.
     *
     * @throws IOException it cannot be told: no keys given, the source does not open, or the target's key version is
     *                     not in the key file (or the district's keys are revoked); the target is left as it is
     */
    private boolean samePicture(String key, byte[] source, byte[] there) throws IOException {
        if (EncryptedBlobStore.isPublic(key) || !Envelope.isSealed(there)) {
            return false;
        }
        if (districtKeys == null) {
            throw new IOException("the target holds other bytes; without the district keys (SHENHE_KEYS_FILE) they cannot be told"
                    + " a valid picture (re-wrapped there) or a damaged copy: left as it is");
        }
        try {
            String picture;
            try {
                picture = sha256(EncryptedBlobStore.plaintext(key, source, districtKeys));
            } catch (IOException e) {
                throw new IOException("the target holds other bytes, and the source does not open to compare them with ("
                        + e.getMessage() + "): left as it is", e);
            }
            try {
                return sha256(EncryptedBlobStore.plaintext(key, there, districtKeys)).equals(picture);
            } catch (IOException damaged) {
                return false;
            }
        } catch (DistrictKeys.RevokedException | IllegalStateException e) {
            throw new IOException("the target holds other bytes and cannot be checked (" + e.getMessage() + "): left as it is", e);
        }
    }

    private static Optional<byte[]> read(BlobStore store, String key) throws IOException {
        Optional<InputStream> in = store.open(key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream i = in.get()) {
            return Optional.of(i.readAllBytes());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code --from <blob directory>} (into the object store) or {@code --to <blob directory>} (out of it: a
     * backup's copy of the bucket), and {@code --district <code> [--district <code> ...]} or {@code --all};
     * {@code --create-bucket} makes the object store's bucket first when missing (a restore into a fresh one);
     * {@code --empty-check} alone copies nothing and exits 3 when the bucket holds blobs (a restore's precondition).
     * The object store from {@code shenhe.blobs.s3.*} system properties or {@code SHENHE_BLOBS_S3_*} environment
     * variables, as the server reads them; the districts' keys likewise from {@code shenhe.keys.file} and
     * {@code shenhe.keys.password} ({@code SHENHE_KEYS_FILE}, {@code SHENHE_KEYS_PASSWORD}), the file by default
     * {@code keys/district-keys.p12} beside the blob directory (the server's data directory), and none when that is
     * missing (a picture in the target with other bytes than the source's then fails, left as it is). Exit status 0
     * when every blob is in the target, 1 when
     * some failed or the store cannot be reached (run again), 2 for a wrong command line or configuration.
     */
    public static void main(String[] args) throws Exception {
        Path source = null;
        Path target = null;
        boolean all = false;
        boolean createBucket = false;
        boolean emptyCheck = false;
        List<String> districts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--empty-check" -> emptyCheck = true;
                case "--from" -> source = Path.of(args[++i]);
                case "--to" -> target = Path.of(args[++i]);
                case "--district" -> districts.addAll(Arrays.asList(args[++i].split(",")));
                case "--all" -> all = true;
                case "--create-bucket" -> createBucket = true;
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (!emptyCheck && ((source == null) == (target == null) || districts.isEmpty() == !all)) {
            usage("one of --from and --to, and --district or --all, are required");
        }
        if (source != null && !Files.isDirectory(source)) {
            usage("no such directory: " + source);
        }
        Function<String, Optional<String>> setting = name -> Optional.ofNullable(System.getProperty(name))
                .or(() -> ToolSettings.environment(name))
                .filter(v -> !v.isBlank());
        S3BlobStore.Settings settings;
        try {
            settings = S3BlobStore.Settings.from(setting);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage() + " (set SHENHE_BLOBS_S3_BUCKET, SHENHE_BLOBS_S3_ENDPOINT, ...)");
            return;
        }
        int failed = 0;
        try (S3BlobStore s3 = new S3BlobStore(settings)) {
            try {
                if (createBucket) s3.createBucketIfMissing();
                s3.probe();
            } catch (StorageUnavailableException e) {
                System.err.println("The object store cannot be reached (" + settings + "): " + e.getMessage());
                System.exit(1);
            }
            if (emptyCheck) {
                System.exit(holdsBlobs(s3) ? 3 : 0);
            }
            Path folder = source != null ? source : target;
            DistrictKeys keys = keys(setting, folder);
            FileSystemBlobStore files = new FileSystemBlobStore(folder);
            BlobMigration migration = source != null ? new BlobMigration(files, s3, keys, System.out) : new BlobMigration(s3, files, keys, System.out);
            System.out.println(source != null ? "Copying from " + folder.toAbsolutePath() + " to " + settings
                    : "Copying from " + settings + " to " + folder.toAbsolutePath());
            if (all) {
                failed = migration.migrateAll().failed();
            }
            for (String d : districts) {
                failed += migration.migrate(d.trim()).failed();
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /** The key file named, or the one beside the blob directory if there is one; null without. */
    private static DistrictKeys keys(Function<String, Optional<String>> setting, Path blobs) throws IOException {
        Optional<String> named = setting.apply("shenhe.keys.file");
        Path file = named.map(Path::of).orElse(blobs.toAbsolutePath().resolveSibling("keys").resolve("district-keys.p12"));
        if (!Files.exists(file)) {
            if (named.isPresent()) usage("no key file at " + file + " (SHENHE_KEYS_FILE)");
            System.out.println("No key file at " + file + " (SHENHE_KEYS_FILE): a picture in the target with other bytes than the"
                    + " source's is reported, not replaced");
            return null;
        }
        try {
            return DistrictKeys.open(file, setting.apply("shenhe.keys.password").orElse(Blobs.DEMO_PASSWORD).toCharArray(), false);
        } catch (IllegalStateException e) {
            usage(e.getMessage() + " (SHENHE_KEYS_PASSWORD)");
            return null;
        }
    }

    /** Whether the store holds any of our blobs (stops at the first). */
    static boolean holdsBlobs(S3BlobStore store) {
        final class Found extends RuntimeException {
            Found() {
                super(null, null, false, false);
            }
        }
        try {
            store.forEach("", e -> {
                throw new Found();
            });
            return false;
        } catch (Found f) {
            return true;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);   // probed just before: the store went away
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: BlobMigration --from|--to <blob directory> --district <code> [--district <code> ...] | --all [--create-bucket] | --empty-check");
        System.exit(2);
    }
}
