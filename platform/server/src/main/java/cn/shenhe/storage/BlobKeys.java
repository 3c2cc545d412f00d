package cn.shenhe.storage;

import java.util.regex.Pattern;

/**
 * The form of a blob key, shared by every store: lower-case path segments such as
 * {@code bj/<registration>/<picture>.jpg} or {@code samples/bj/<type>/<id>.png}. The server makes
 * keys from its own ids; the check is a second line against a key that could leave a store's root.
 */
final class BlobKeys {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9._-]*)+");

    private BlobKeys() {
    }

    static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches() && !key.contains("..");
    }

    static String check(String key) {
        if (!isKey(key)) {
            throw new IllegalArgumentException("Invalid blob key: " + key);
        }
        return key;
    }
}
