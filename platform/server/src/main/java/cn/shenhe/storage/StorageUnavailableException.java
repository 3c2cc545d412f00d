package cn.shenhe.storage;

import java.io.IOException;

/**
 * The blob store did not take or serve a blob because it cannot be reached (or refuses service):
 * worth retrying later, unlike a missing blob or an invalid key. Uploads answer it with
 * {@link StorageProblems#unavailable()}.
 */
public class StorageUnavailableException extends IOException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
