package cn.shenhe.storage;

import java.util.Locale;
import java.util.Optional;

/** The server's settings as the command-line tools (keys.sh, blobs-migrate.sh) read them, outside the server's config. */
final class ToolSettings {

    private ToolSettings() {
    }

    /** {@code shenhe.blobs.s3.bucket} from the environment as {@code SHENHE_BLOBS_S3_BUCKET}, as MicroProfile Config maps it. */
    static Optional<String> environment(String name) {
        return Optional.ofNullable(System.getenv(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")));
    }
}
