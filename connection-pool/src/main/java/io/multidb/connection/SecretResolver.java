package io.multidb.connection;

/**
 * Turns a secret as stored (in a catalog's password column, say) into the plain secret: a Fernet
 * token decrypted with the application's key ({@link FernetSecretResolver}), a path looked up in
 * Vault or a cloud secret manager, or the value itself ({@link #plain()}).
 *
 * <pre>{@code
 * // tokens made with Python's cryptography.fernet, key in MULTIDB_CATALOG_KEY
 * SecretResolver fernet = FernetSecretResolver.fromEnvironment("MULTIDB_CATALOG_KEY");
 *
 * // the column holds a secret's name; the secret store has the password
 * SecretResolver vault = stored -> vaultClient.read("secret/tenants/" + stored).get("password");
 * }</pre>
 *
 * <p>Contract: a resolver must never put the plain secret, the stored value or a key in an
 * exception message, a log line or {@code toString()}. It reports a stored value it cannot resolve
 * with a {@link SecretResolutionException}, whose message Multidb shows; any other exception is
 * named by its class only and attached as the cause, its message not shown.
 *
 * <p>Thread-safety: implementations must be safe to call from several threads at once, since
 * tenants are looked up concurrently.
 */
@FunctionalInterface
public interface SecretResolver {

    /**
     * @param stored the secret as stored; never {@code null} (a missing secret is not resolved)
     * @return the plain secret
     * @throws SecretResolutionException when the stored value cannot be resolved
     */
    String resolve(String stored);

    /**
     * @return a resolver that returns the stored value as it is: for catalogs that keep passwords in
     *     plain text (a development database, a table only a secret-aware job can read)
     */
    static SecretResolver plain() {
        return PlainSecretResolver.INSTANCE;
    }
}
