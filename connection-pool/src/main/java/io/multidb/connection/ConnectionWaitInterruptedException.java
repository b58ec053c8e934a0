package io.multidb.connection;

/**
 * The thread was interrupted while its session waited for a connection of a label (in the fair
 * queue or in the pool). The interrupt status is set again before this is thrown, so code further
 * up still sees it; no connection was borrowed.
 *
 * <pre>{@code
 * try (Session s = DatabaseManager.getSession("orders")) {
 *     s.query("select 1");
 * } catch (ConnectionWaitInterruptedException e) {
 *     return; // the task was cancelled
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class ConnectionWaitInterruptedException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    private final String label;

    /**
     * @param label the label whose connection was waited for
     * @param cause the interruption, or the pool's report of it
     */
    public ConnectionWaitInterruptedException(String label, Throwable cause) {
        super("Database '" + label + "': interrupted while waiting for a connection", cause);
        this.label = label;
    }

    /**
     * @return the label whose connection was waited for
     */
    public String label() {
        return label;
    }
}
