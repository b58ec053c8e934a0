package io.multidb.connection;

/**
 * A stored secret could not be turned into the plain secret: a Fernet token made with another key,
 * altered, expired, or not a token at all; a missing or malformed key; a secret store that refused.
 * {@link CatalogLabelSource} reports it as a {@link ConfigurationException} naming the tenant and
 * the column, with this exception as the cause.
 *
 * <pre>{@code
 * try {
 *     String password = resolver.resolve(row.get("password"));
 * } catch (SecretResolutionException e) {
 *     log.warn("tenant skipped: {}", e.getMessage());   // says what is wrong, never the secret or key
 * }
 * }</pre>
 *
 * <p>Its message never contains a key, a plain secret or the stored value: a {@link SecretResolver}
 * that throws it promises that, which is why Multidb may show the message.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class SecretResolutionException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong; never the secret, the stored value or a key
     */
    public SecretResolutionException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong; never the secret, the stored value or a key
     * @param cause   the underlying failure (a secret store's error); it must not hold the secret either
     */
    public SecretResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
