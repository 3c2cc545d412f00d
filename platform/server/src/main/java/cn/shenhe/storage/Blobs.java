package cn.shenhe.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Produces the application's blob store, under {@code shenhe.data.dir}/blobs, with every picture
 * encrypted under its district's key ({@link EncryptedBlobStore}, keys in {@link DistrictKeys}).
 */
@ApplicationScoped
public class Blobs {

    @Inject
    @ConfigProperty(name = "shenhe.data.dir")
    String dataDir;

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
    private static final Logger LOG = Logger.getLogger(Blobs.class.getName());

    @Produces
    @ApplicationScoped
    BlobStore blobStore() {
        try {
            return new EncryptedBlobStore(new FileSystemBlobStore(Path.of(dataDir, "blobs")), districtKeys());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the picture store under " + dataDir, e);
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
