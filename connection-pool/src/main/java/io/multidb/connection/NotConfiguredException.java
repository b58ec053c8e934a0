package io.multidb.connection;

/**
 * A session was asked for before {@link ConnectionPool#configure(java.util.Map)} was called, or
 * after {@link ConnectionPool#closeAllConnections()}.
 *
 * <pre>{@code
 * // at start-up, once:
 * ConnectionPool.configure(DATABASE_CONFIGS);
 * // afterwards, anywhere:
 * try (Session s = DatabaseManager.getSession("default_db")) { ... }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public class NotConfiguredException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    /**
     * @param label the label that was asked for
     */
    public NotConfiguredException(String label) {
        super("ConnectionPool.configure(...) has not been called (or ConnectionPool.closeAllConnections() has"
                + " run since), so there is no database with label '" + label + "': call it once at start-up,"
                + " before the first DatabaseManager.getSession(...)");
    }

    /** @param complete a whole message, not a label (the flag tells the two constructors apart) */
    private NotConfiguredException(String complete, boolean isMessage) {
        super(complete);
    }

    /** @return the failure of {@link ConnectionPool#instance()} before {@code configure} */
    static NotConfiguredException noInstance() {
        return new NotConfiguredException("ConnectionPool.configure(...) has not been called (or"
                + " ConnectionPool.closeAllConnections() has run since), so ConnectionPool.instance() has no"
                + " instance to return: call configure once at start-up, before the first use", false);
    }
}
