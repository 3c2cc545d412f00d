package cn.shenhe.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Produces the application's blob store, under {@code shenhe.data.dir}/blobs. */
@ApplicationScoped
public class Blobs {

    @Inject
    @ConfigProperty(name = "shenhe.data.dir")
    String dataDir;

    @Produces
    @ApplicationScoped
    BlobStore blobStore() {
        try {
            return new FileSystemBlobStore(Path.of(dataDir, "blobs"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the blob directory under " + dataDir, e);
        }
    }
}
