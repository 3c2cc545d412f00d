package cn.shenhe.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Produces the application's blob store, chosen by {@code shenhe.blobs.kind}: {@code fs} (the
 * default: files under {@code shenhe.data.dir}/blobs, one node) or {@code s3} (an S3-compatible
 * object store shared by every node, configured by {@code shenhe.blobs.s3.*}: see
 * {@link S3BlobStore.Settings#from}).
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

    @Produces
    @ApplicationScoped
    BlobStore blobStore() {
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
}
