package io.multidb.connection;

import io.multidb.connection.internal.secret.Fernet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Decrypts secrets stored as Fernet tokens, the scheme the Python original's catalog uses
 * (<a href="https://github.com/fernet/spec">the Fernet spec</a>; Python's
 * {@code cryptography.fernet}). A token made there with the same key decrypts here, and the other
 * way round.
 *
 * <p>The key is 32 bytes in URL-safe base64, as {@code Fernet.generate_key()} (Python) or
 * {@link #generateKey()} makes it, read from an environment variable or a file so that it stays
 * out of the code and the catalog. Several keys, separated by commas or line breaks, newest first,
 * rotate keys as Python's {@code MultiFernet}: {@link #encrypt} uses the first, {@link #resolve}
 * accepts a token made with any of them.
 *
 * <pre>{@code
 * // MULTIDB_CATALOG_KEY=<new key>,<old key>
 * FernetSecretResolver fernet = FernetSecretResolver.fromEnvironment("MULTIDB_CATALOG_KEY");
 * String token = fernet.encrypt("tenant-password");   // store this in the catalog
 * String password = fernet.resolve(token);           // "tenant-password"
 *
 * FernetSecretResolver fromFile = FernetSecretResolver.fromFile(Path.of("/run/secrets/catalog.key"))
 *         .withTimeToLive(Duration.ofDays(90));       // refuse tokens older than 90 days
 * }</pre>
 *
 * <p>The HMAC is verified, in constant time, before anything is decrypted. A token that fails
 * (another key, altered, expired, not a token) is a {@link SecretResolutionException} that says
 * which check failed. No key, token or plaintext appears in any message or in {@link #toString()}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class FernetSecretResolver implements SecretResolver {
    private static final Pattern SEPARATORS = Pattern.compile("[,\\r\\n]+");

    private final Fernet fernet;
    private final Duration timeToLive;
    private final Clock clock;

    private FernetSecretResolver(Fernet fernet, Duration timeToLive, Clock clock) {
        this.fernet = fernet;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    /**
     * @param keys one or more keys in URL-safe base64, newest first
     * @return a resolver with those keys and no time to live
     * @throws SecretResolutionException when a key is not 32 bytes of URL-safe base64 (the message
     *     names the key's position, never the key)
     */
    public static FernetSecretResolver of(String... keys) {
        return new FernetSecretResolver(Fernet.of(Arrays.asList(keys), "the keys given"), null, Clock.systemUTC());
    }

    /**
     * Reads the keys from an environment variable of this process.
     *
     * @param variable the variable's name, for example {@code MULTIDB_CATALOG_KEY}; its value is one
     *                 key, or several separated by commas, newest first
     * @return a resolver with those keys
     * @throws SecretResolutionException when the variable is not set or a key is malformed
     */
    public static FernetSecretResolver fromEnvironment(String variable) {
        return fromEnvironment(System.getenv(), variable);
    }

    /**
     * As {@link #fromEnvironment(String)}, from given variables (a test's, or a platform's map).
     *
     * @param environment the variables
     * @param variable    the name of the one holding the keys
     * @return a resolver with those keys
     * @throws SecretResolutionException when the variable is not set or a key is malformed
     */
    public static FernetSecretResolver fromEnvironment(Map<String, String> environment, String variable) {
        Objects.requireNonNull(variable, "variable");
        String value = environment.get(variable);
        String origin = "environment variable " + variable;
        if (value == null) {
            throw new SecretResolutionException("No Fernet key: " + origin + " is not set");
        }
        return new FernetSecretResolver(Fernet.of(split(value), origin), null, Clock.systemUTC());
    }

    /**
     * Reads the keys from a file (a mounted secret, say): one key, or several separated by line
     * breaks or commas, newest first; blank lines are ignored.
     *
     * @param file the key file
     * @return a resolver with those keys
     * @throws SecretResolutionException when the file cannot be read, holds no key or a key is
     *     malformed
     */
    public static FernetSecretResolver fromFile(Path file) {
        String origin = "file " + file;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SecretResolutionException("Cannot read the Fernet key " + origin + ": " + e.getClass()
                    .getSimpleName(), e);
        }
        return new FernetSecretResolver(Fernet.of(split(text), origin), null, Clock.systemUTC());
    }

    /**
     * @return a new random key, in URL-safe base64 (as Python's {@code Fernet.generate_key()})
     */
    public static String generateKey() {
        return Fernet.generateKey();
    }

    /**
     * @param timeToLive the longest age of a token accepted; a token stamped more than 60 seconds in
     *                   the future is refused too (as in Python)
     * @return a copy that refuses older tokens
     */
    public FernetSecretResolver withTimeToLive(Duration timeToLive) {
        if (timeToLive == null || timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("The time to live must be positive, but is " + timeToLive);
        }
        return new FernetSecretResolver(fernet, timeToLive, clock);
    }

    /** For tests of the time to live. */
    FernetSecretResolver withClock(Clock clock) {
        return new FernetSecretResolver(fernet, timeToLive, clock);
    }

    /**
     * @param token a Fernet token
     * @return the plaintext, read as UTF-8
     * @throws SecretResolutionException when the token does not verify with any key, has expired,
     *     or is not a token
     */
    @Override
    public String resolve(String token) {
        return new String(fernet.decrypt(token, timeToLive, clock.instant()), StandardCharsets.UTF_8);
    }

    /**
     * Encrypts with the first key, a random IV and the current time: what the application stores in
     * the catalog.
     *
     * @param plaintext the secret
     * @return its Fernet token
     */
    public String encrypt(String plaintext) {
        return fernet.encrypt(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the number of keys and the time to live; never a key
     */
    @Override
    public String toString() {
        return "FernetSecretResolver[keys=" + fernet.keyCount() + ", timeToLive="
                + (timeToLive == null ? "none" : timeToLive) + "]";
    }

    private static List<String> split(String keys) {
        return SEPARATORS.splitAsStream(keys).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }
}
