package cn.shenhe.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's command for the districts' picture keys (scripts/keys.sh): list, rotate, revoke, and
 * re-wrap a district's pictures under its newest key. Runs beside the server on the same key file (a
 * running server picks changes up within seconds) and needs only the JDK.
 *
 * <pre>
 * keys.sh list | provision DISTRICT... | rotate DISTRICT | revoke DISTRICT | rewrap DISTRICT [BLOBS_DIR]
 * </pre>
 * {@code rewrap} rewrites each picture's header only: the data key is unwrapped with the version that
 * wrapped it and wrapped again with the newest; the encrypted picture is not touched. Pictures stored
 * before encryption was on are sealed. Each picture is replaced whole (a file written beside, then moved; an object put again), so a
 * reader sees the old or the new, both readable while the old version is still in the key file;
 * a second run finds nothing left to do. The store is the file system, or the object store when
 * {@code SHENHE_BLOBS_KIND=s3} (with the server's {@code SHENHE_BLOBS_S3_*} settings).
 */
public final class KeyTool {

    private KeyTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) usage();
        Path file = Path.of(env("SHENHE_KEYS_FILE", "data/keys/district-keys.p12"));
        char[] password = env("SHENHE_KEYS_PASSWORD", Blobs.DEMO_PASSWORD).toCharArray();
        boolean makes = args[0].equals("rotate") || args[0].equals("provision");
        if (!java.nio.file.Files.exists(file) && !makes) {
            System.err.println("No key file at " + file + ": the server makes it at its first start (or: keys.sh rotate DISTRICT)");
            System.exit(1);
        }
        DistrictKeys keys = DistrictKeys.open(file, password, makes);
        switch (args[0]) {
            case "list" -> keys.describe().forEach(System.out::println);
            case "rotate" -> {
                DistrictKeys.Kek kek = keys.rotate(district(args));
                System.out.println(kek.alias() + " now wraps new pictures; run rewrap to move older pictures to it");
            }
            case "provision" -> {   // before the nodes start: each district's first key, made once for all of them
                for (String district : java.util.Arrays.copyOfRange(args, 1, args.length)) {
                    if (!district.matches("[a-z0-9][a-z0-9-]*")) usage();
                    System.out.println(keys.current(district).alias());
                }
            }
            case "revoke" -> {
                keys.revoke(district(args));
                System.out.println(district(args) + ": every key destroyed; its pictures can no longer be read");
            }
            case "rewrap" -> {
                BlobStore store = store(args);
                int[] counts;
                try {
                    counts = rewrap(keys, district(args), store);
                } finally {
                    if (store instanceof AutoCloseable closeable) closeable.close();
                }
                System.out.printf("%s: %d re-wrapped, %d sealed, %d already current%n", district(args), counts[0], counts[1], counts[2]);
            }
            default -> usage();
        }
    }

    /**
     * Re-wraps the district's pictures in the store (the raw one, not the encrypting view) under its current
     * key; seals any stored before encryption. Each picture is put back whole (atomically on the file system,
     * as one object in S3), so a run cut short is resumed by running again.
     *
     * @return re-wrapped, newly sealed, already current
     */
    static int[] rewrap(DistrictKeys keys, String district, BlobStore blobs) throws IOException, GeneralSecurityException {
        DistrictKeys.Kek current = keys.current(district);
        int[] counts = new int[3];
        List<String> listed = new ArrayList<>();
        // not a replacement cut short (the file system's, swept as an orphan)
        blobs.forEach(district + "/", e -> {
            if (!e.key().endsWith(".replace")) listed.add(e.key());
        });
        for (String key : listed) {
            byte[] stored;
            try (InputStream in = blobs.open(key).orElse(null)) {
                if (in == null) continue;   // deleted since the listing
                stored = in.readAllBytes();
            }
            byte[] next;
            if (!Envelope.isSealed(stored)) {
                next = Envelope.seal(key, stored, current);
                counts[1]++;
            } else {
                Envelope.Header h = Envelope.header(stored);
                if (h.version() == current.version()) {
                    counts[2]++;
                    continue;
                }
                next = Envelope.rewrap(stored, keys.version(district, h.version()), current);
                counts[0]++;
            }
            blobs.replace(key, next);
        }
        return counts;
    }

    /** The store the server is configured with: {@code SHENHE_BLOBS_KIND=s3} and {@code SHENHE_BLOBS_S3_*}, or a folder. */
    private static BlobStore store(String[] args) throws IOException {
        if ("s3".equals(env("SHENHE_BLOBS_KIND", "fs"))) {
            return new S3BlobStore(S3BlobStore.Settings.from(ToolSettings::environment));
        }
        return new FileSystemBlobStore(Path.of(args.length > 2 ? args[2] : env("SHENHE_DATA_DIR", "data") + "/blobs"));
    }

    private static String district(String[] args) {
        if (args.length < 2 || !args[1].matches("[a-z0-9][a-z0-9-]*")) usage();
        return args[1];
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void usage() {
        System.err.println("usage: keys.sh list | provision DISTRICT... | rotate DISTRICT | revoke DISTRICT | rewrap DISTRICT [BLOBS_DIR]"
                + "  (SHENHE_KEYS_FILE, SHENHE_KEYS_PASSWORD, SHENHE_DATA_DIR)");
        System.exit(2);
    }
}
