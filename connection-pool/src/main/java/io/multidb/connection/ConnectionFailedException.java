package io.multidb.connection;

/**
 * The database of a label could not be reached or refused the login: bad host, refused port,
 * unknown user or database, bad password, missing driver. The message names the label, the URL
 * (with any secret removed), the user and the driver's own explanation; the password never
 * appears, not even in the cause chain.
 *
 * <pre>{@code
 * try (Session s = DatabaseManager.getSession("orders")) {
 *     s.query("select 1");
 * } catch (ConnectionFailedException e) {
 *     alerting.raise(e.label(), e.url(), e.getMessage());
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public class ConnectionFailedException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    private final String label;
    private final String url;
    private final String user;
    private final String sqlState;

    /**
     * @param label    the label whose database could not be reached
     * @param url      the JDBC URL with every secret removed
     * @param user     the user name, or {@code null} when none is configured
     * @param reason   the driver's explanation, already free of secrets
     * @param sqlState the driver's SQLState, or {@code null}
     * @param cause    the driver failure (a scrubbed copy if its text held a secret)
     */
    public ConnectionFailedException(String label, String url, String user, String reason, String sqlState,
            Throwable cause) {
        super("Cannot connect to database '" + label + "' at " + url
                + (user == null ? " (no user configured)" : " as user '" + user + "'") + ": " + reason, cause);
        this.label = label;
        this.url = url;
        this.user = user;
        this.sqlState = sqlState;
    }

    /**
     * @return the label whose database could not be reached
     */
    public String label() {
        return label;
    }

    /**
     * @return the JDBC URL that was tried, with every secret removed
     */
    public String url() {
        return url;
    }

    /**
     * @return the configured user name, or {@code null}
     */
    public String user() {
        return user;
    }

    /**
     * @return the driver's SQLState (for example {@code 28P01} for a bad PostgreSQL password), or
     *     {@code null}
     */
    public String sqlState() {
        return sqlState;
    }
}
