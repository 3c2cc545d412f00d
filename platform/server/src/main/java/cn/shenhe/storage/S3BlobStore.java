package cn.shenhe.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects in one bucket of an S3-compatible store (AWS S3, or a third-party store such as
 * s3proxy), the key of a blob being the object's key. A put returns once the store has answered
 * the PUT with success, i.e. holds the object; the bytes travel with their MD5, which the store
 * checks, so a put never leaves a damaged object behind a success. The SDK's newer
 * checksums (CRC trailers) are sent and checked only where the API requires them: third-party
 * stores do not all know them. Every failure to reach the store, or a refusal by it, is a
 * {@link StorageUnavailableException}; a missing object is an empty {@link #open}. Unlike a file,
 * an object put under an existing key replaces it: keys are new ids, never reused.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {

    /** How long the readiness probe may take before the store counts as unreachable. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final S3Client s3;
    private final String bucket;

    /**
     * Where the store is and how to sign in, as read from configuration (see {@link #from}).
     *
     * @param endpoint  the store's URL; {@code null}: AWS S3 of the region
     * @param accessKey {@code null}: the SDK's default credential chain (environment, profile, instance role)
     */
    public record Settings(URI endpoint, String bucket, String region, boolean pathStyle, String accessKey, String secretKey) {

        public static final String PREFIX = "shenhe.blobs.s3.";

        public Settings {
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException(PREFIX + "bucket is not set");
            }
            if ((accessKey == null) != (secretKey == null)) {
                throw new IllegalArgumentException(PREFIX + "access-key and " + PREFIX + "secret-key go together");
            }
        }

        /**
         * The settings {@code shenhe.blobs.s3.endpoint}, {@code .bucket}, {@code .region} (default
         * us-east-1), {@code .path-style} (default true: third-party stores rarely have per-bucket
         * host names), {@code .access-key} and {@code .secret-key}, looked up by name (in the server:
         * MicroProfile Config, so also server.xml variables and {@code SHENHE_BLOBS_S3_*} environment variables).
         */
        public static Settings from(Function<String, Optional<String>> config) {
            Function<String, String> get = name -> config.apply(PREFIX + name).filter(v -> !v.isBlank()).orElse(null);
            String endpoint = get.apply("endpoint");
            String region = get.apply("region");
            String pathStyle = get.apply("path-style");
            return new Settings(endpoint == null ? null : URI.create(endpoint), get.apply("bucket"),
                    region == null ? "us-east-1" : region, pathStyle == null || Boolean.parseBoolean(pathStyle),
                    get.apply("access-key"), get.apply("secret-key"));
        }

        @Override
        public String toString() {   // never the secret
            return "S3 " + (endpoint == null ? "(AWS, " + region + ")" : endpoint) + " bucket " + bucket;
        }
    }

    public S3BlobStore(Settings settings) {
        AwsCredentialsProvider credentials = settings.accessKey() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // An unreachable store must fail an upload within seconds (503), not hold a request thread.
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(20)))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)).apiCallAttemptTimeout(Duration.ofSeconds(25)));
        if (settings.endpoint() != null) {
            b.endpointOverride(settings.endpoint());
        }
        this.s3 = b.build();
        this.bucket = settings.bucket();
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        BlobKeys.check(key);
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).contentLength((long) bytes.length).contentMD5(md5(bytes)),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw unavailable("store " + key, e);
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        BlobKeys.check(key);
        try {
            return Optional.of(s3.getObject(r -> r.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw unavailable("read " + key, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        BlobKeys.check(key);
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key));   // a missing object is no error in S3 either
        } catch (SdkException e) {
            throw unavailable("delete " + key, e);
        }
    }

    @Override
    public void forEach(String prefix, Consumer<Entry> visitor) throws IOException {
        try {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
                if (BlobKeys.isKey(o.key())) {   // someone else's object in a shared bucket: not ours to list
                    visitor.accept(new Entry(o.key(), o.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw unavailable("list " + prefix, e);
        }
    }

    @Override
    public void probe() throws StorageUnavailableException {
        try {
            s3.headBucket(r -> r.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(PROBE_TIMEOUT)));
        } catch (SdkException e) {
            throw unavailable("reach bucket " + bucket, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private static StorageUnavailableException unavailable(String what, SdkException e) {
        return new StorageUnavailableException("The object store did not " + what + ": " + e.getMessage(), e);
    }

    private static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
