package cn.shenhe.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Produces the application's blob store, chosen by {@code shenhe.blobs.kind}: {@code fs} (the
 * default: files under {@code shenhe.data.dir}/blobs, one node) or {@code s3} (an S3-compatible
 * object store shared by every node, configured by {@code shenhe.blobs.s3.*}: see
 * {@link S3BlobStore.Settings#from}). Either way every picture is encrypted under its district's key
 * before it reaches the store ({@link EncryptedBlobStore}, keys in {@link DistrictKeys}).
 */
@ApplicationScoped
public class Blobs {

    private static final Logger LOG = Logger.getLogger(Blobs.class.getName());

    @Inject
    @ConfigProperty(name = "shenhe.data.dir")
    String dataDir;
    @Inject
    @ConfigProperty(name = "shenhe.blobs.kind", defaultValue = "fs")
    String kind;
    @Inject
    Config config;

    /** The keystore of the districts' keys: apart from the pictures and the database (a mounted secret in production). */
    @Inject
    @ConfigProperty(name = "shenhe.keys.file")
    Optional<String> keysFile;
    @Inject
    @ConfigProperty(name = "shenhe.keys.password", defaultValue = DEMO_PASSWORD)
    String keysPassword;
    /** Make the keystore and a district's first key when missing (the demo); off in production. */
    @Inject
    @ConfigProperty(name = "shenhe.keys.create-missing", defaultValue = "true")
    boolean createMissingKeys;

    static final String DEMO_PASSWORD = "shenhe-demo-keys";

    @Produces
    @ApplicationScoped
    BlobStore blobStore() {
        try {
            return new EncryptedBlobStore(store(), districtKeys());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the district keys under " + dataDir, e);
        }
    }

    private BlobStore store() {
        switch (kind.trim().toLowerCase(Locale.ROOT)) {
            case "fs":
                try {
                    return new FileSystemBlobStore(Path.of(dataDir, "blobs"));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot create the blob directory under " + dataDir, e);
                }
            case "s3":
                S3BlobStore.Settings settings = S3BlobStore.Settings.from(name -> config.getOptionalValue(name, String.class));
                LOG.info(() -> "Pictures are stored in " + settings);
                return new S3BlobStore(settings);
            default:
                throw new IllegalArgumentException("shenhe.blobs.kind must be fs or s3, not " + kind);
        }
    }

    void close(@Disposes BlobStore store) throws Exception {
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }

    private DistrictKeys districtKeys() throws IOException {
        Path file = keysFile.filter(f -> !f.isBlank()).map(Path::of).orElse(Path.of(dataDir, "keys", "district-keys.p12"));
        if (DEMO_PASSWORD.equals(keysPassword)) {
            LOG.warning("The district keys at " + file + " use the demo password: set shenhe.keys.password (SHENHE_KEYS_PASSWORD) in production");
        }
        return DistrictKeys.open(file, keysPassword.toCharArray(), createMissingKeys);
    }
}
