package io.multidb.connection;

/**
 * A configuration is missing, malformed or inconsistent. The message names the label and the key
 * (and, for a misspelt key, the closest valid one); nothing has been configured when it is thrown.
 *
 * <pre>{@code
 * try {
 *     ConnectionPool.configure(Map.of("orders", Map.of("url", "jdbc:h2:mem:orders", "poolsize", 5)));
 * } catch (ConfigurationException e) {
 *     e.label(); // "orders"
 *     e.key();   // "poolsize"  (message: ... Did you mean 'pool_size'?)
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public class ConfigurationException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    private final String label;
    private final String key;

    /**
     * @param label   the label whose configuration is wrong, or {@code null} when the error is not
     *                about one label
     * @param key     the configuration key at fault, or {@code null} when no single key is
     * @param message the full message; it already names the label and key
     */
    public ConfigurationException(String label, String key, String message) {
        super(message);
        this.label = label;
        this.key = key;
    }

    /**
     * @return the label whose configuration is wrong, or {@code null} when the error concerns the
     *     configuration as a whole
     */
    public String label() {
        return label;
    }

    /**
     * @return the configuration key at fault (for example {@code pool_size}), or {@code null}
     */
    public String key() {
        return key;
    }
}
