package io.multidb.connection;

/**
 * A label's pool has been closed by {@link ConnectionPool#closeAllConnections()} or
 * {@link MultiDb#close()}: no new session gets a connection from it, and a session that still held one when the grace period ended has
 * lost it. Such a session fails every further statement, commit and rollback with this exception;
 * whatever it had not committed is rolled back, never committed.
 *
 * <pre>{@code
 * try (Session s = DatabaseManager.getSession("orders")) {
 *     s.execute("insert into orders(id) values (?)", 42);
 *     s.commit();
 * } catch (PoolClosedException e) {
 *     // the application is shutting down: the order was not saved
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class PoolClosedException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    private final String label;

    /**
     * @param label   the label whose pool is closed
     * @param message what happened, naming the label
     */
    public PoolClosedException(String label, String message) {
        super(message);
        this.label = label;
    }

    /**
     * @return the label whose pool is closed
     */
    public String label() {
        return label;
    }
}
