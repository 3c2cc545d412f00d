package cn.shenhe.storage;

import cn.shenhe.problem.Problem;
import cn.shenhe.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The districts' key-encryption keys (AES-256), in a PKCS#12 keystore file that lives apart from the
 * database and the picture store (a mounted secret in production). Each district has numbered versions
 * ({@code bj.v1}, {@code bj.v2}, ...): the newest wraps new pictures' data keys, older ones still unwrap
 * the pictures they wrapped until those are re-wrapped. A revoked district ({@code bj.revoked}) has
 * no key material left: its pictures can no longer be read by anyone (crypto-shredding).
 *
 * <p>The server re-reads the file when it changes (checked at most every {@link #RECHECK_NANOS}), so
 * {@link KeyTool}'s rotation or revocation reaches a running server without a restart.
 */
public final class DistrictKeys {

    static final long RECHECK_NANOS = 2_000_000_000L;
    private static final Pattern ALIAS = Pattern.compile("([a-z0-9][a-z0-9-]*)\\.(v(\\d+)|revoked)");

    /** One version of one district's key. */
    public record Kek(String district, int version, SecretKey key) {
        public String alias() { return DistrictKeys.alias(district, version); }
    }

    /** A district whose keys were revoked: its pictures are gone for good, and none are taken. */
    public static final class RevokedException extends ProblemException {
        public RevokedException(String district) {
            super(Problem.DISTRICT_KEYS_REVOKED, java.util.Map.of("district", district));
        }
    }

    private final Path file;
    private final char[] password;
    private final boolean createMissing;
    private volatile State state;
    private volatile long checkedAt;

    private record State(FileTime modified, Map<String, TreeMap<Integer, SecretKey>> keys, Set<String> revoked) {}

    private DistrictKeys(Path file, char[] password, boolean createMissing) {
        this.file = file.toAbsolutePath();
        this.password = password.clone();
        this.createMissing = createMissing;
    }

    /**
     * @param createMissing make the file, and a district's first key on first use (the demo); in production
     *                      the operator provisions keys with {@link KeyTool} and a missing one is an error
     */
    public static DistrictKeys open(Path file, char[] password, boolean createMissing) throws IOException {
        DistrictKeys keys = new DistrictKeys(file, password, createMissing);
        if (!Files.exists(keys.file)) {
            if (!createMissing) throw new IOException("No key file at " + keys.file);
            keys.save(new State(null, Map.of(), Set.of()));
        }
        keys.state = keys.load();
        keys.checkedAt = System.nanoTime();
        return keys;
    }

    /** The key that wraps new pictures of the district. */
    public Kek current(String district) {
        State s = fresh();
        if (s.revoked().contains(district)) throw new RevokedException(district);
        TreeMap<Integer, SecretKey> versions = s.keys().get(district);
        if (versions == null || versions.isEmpty()) {
            if (!createMissing) throw new IllegalStateException("No key for district " + district + " in " + file);
            return rotate(district);
        }
        var newest = versions.lastEntry();
        return new Kek(district, newest.getKey(), newest.getValue());
    }

    /** A version named in a picture's header. */
    public SecretKey version(String district, int version) {
        State s = fresh();
        if (s.revoked().contains(district)) throw new RevokedException(district);
        SecretKey key = s.keys().getOrDefault(district, new TreeMap<>()).get(version);
        if (key == null) throw new IllegalStateException("No key " + alias(district, version) + " in " + file);
        return key;
    }

    /** Adds the district's next version, which wraps new pictures from now on. */
    public synchronized Kek rotate(String district) {
        State s = reload();
        if (s.revoked().contains(district)) throw new RevokedException(district);
        TreeMap<Integer, SecretKey> versions = s.keys().getOrDefault(district, new TreeMap<>());
        int next = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        SecretKey key = newKey();
        Map<String, TreeMap<Integer, SecretKey>> keys = copy(s.keys());
        keys.computeIfAbsent(district, d -> new TreeMap<>()).put(next, key);
        save(new State(null, keys, s.revoked()));
        return new Kek(district, next, key);
    }

    /** Destroys every version of the district's key: its pictures can never be decrypted again. */
    public synchronized void revoke(String district) {
        State s = reload();
        Map<String, TreeMap<Integer, SecretKey>> keys = copy(s.keys());
        keys.remove(district);
        Set<String> revoked = new HashSet<>(s.revoked());
        revoked.add(district);
        save(new State(null, keys, revoked));
    }

    /** "bj: v1 v2 (current v2)" per district, for the operator. */
    public List<String> describe() {
        State s = reload();
        List<String> lines = new ArrayList<>();
        new TreeMap<>(s.keys()).forEach((d, v) -> lines.add(d + ": versions " + v.keySet() + ", current v" + v.lastKey()));
        s.revoked().stream().sorted().forEach(d -> lines.add(d + ": revoked"));
        return lines;
    }

    public Path file() { return file; }

    static String alias(String district, int version) {
        return district + ".v" + version;
    }

    private State fresh() {
        long now = System.nanoTime();
        if (now - checkedAt > RECHECK_NANOS) {
            checkedAt = now;
            try {
                if (!Files.getLastModifiedTime(file).equals(state.modified())) state = reload();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot read the key file " + file, e);
            }
        }
        return state;
    }

    private synchronized State reload() {
        state = load();
        return state;
    }

    private State load() {
        try (InputStream in = Files.newInputStream(file)) {
            FileTime modified = Files.getLastModifiedTime(file);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            Map<String, TreeMap<Integer, SecretKey>> keys = new HashMap<>();
            Set<String> revoked = new HashSet<>();
            for (String alias : Collections.list(ks.aliases())) {
                Matcher m = ALIAS.matcher(alias);
                if (!m.matches()) continue;
                if (m.group(3) == null) {
                    revoked.add(m.group(1));
                } else {
                    var entry = (KeyStore.SecretKeyEntry) ks.getEntry(alias, new KeyStore.PasswordProtection(password));
                    SecretKey key = new SecretKeySpec(entry.getSecretKey().getEncoded(), "AES");
                    keys.computeIfAbsent(m.group(1), d -> new TreeMap<>()).put(Integer.parseInt(m.group(3)), key);
                }
            }
            return new State(modified, keys, revoked);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the key file " + file + " (wrong password?)", e);
        }
    }

    /** Writes a new file beside the old one and moves it into place: a reader sees the old or the new, whole. */
    private void save(State s) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, password);
            var protection = new KeyStore.PasswordProtection(password);
            for (var d : s.keys().entrySet()) {
                for (var v : d.getValue().entrySet()) {
                    ks.setEntry(alias(d.getKey(), v.getKey()), new KeyStore.SecretKeyEntry(v.getValue()), protection);
                }
            }
            for (String d : s.revoked()) {
                // a marker without key material: the alias says the district was revoked, not forgotten
                ks.setEntry(d + ".revoked", new KeyStore.SecretKeyEntry(new SecretKeySpec(new byte[16], "AES")), protection);
            }
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            state = load();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the key file " + file, e);
        }
    }

    private static Map<String, TreeMap<Integer, SecretKey>> copy(Map<String, TreeMap<Integer, SecretKey>> keys) {
        Map<String, TreeMap<Integer, SecretKey>> c = new HashMap<>();
        keys.forEach((d, v) -> c.put(d, new TreeMap<>(v)));
        return c;
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator g = KeyGenerator.getInstance("AES");
            g.init(256);
            return g.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is in every JRE", e);
        }
    }
}
