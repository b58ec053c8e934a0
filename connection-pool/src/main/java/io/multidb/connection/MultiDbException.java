package io.multidb.connection;

/**
 * Root of every exception Multidb throws. All are unchecked, so data-access code is not forced to
 * declare what it cannot handle, and callers that can handle a failure catch the subclass that
 * names it. The root is abstract, as Jdbi's {@code JdbiException} is: every failure has a subclass
 * that says what happened (configuration, connection, pool, statement, mapping, transaction).
 *
 * <pre>{@code
 * try (Session s = DatabaseManager.getSession("orders")) {
 *     s.execute("insert into orders(id) values (?)", 42);
 *     s.commit();
 * } catch (MultiDbException e) {
 *     log.warn("order not saved: {}", e.getMessage());
 * }
 * }</pre>
 *
 * <p>Messages never contain a password: configuration values that hold secrets are masked and
 * driver exceptions whose text repeats a configured password are replaced by scrubbed copies
 * (class name, SQLState, vendor code and stack trace kept).
 *
 * <p>Thread-safety: instances are immutable once thrown.
 */
public abstract class MultiDbException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and, where it helps, how to fix it
     */
    protected MultiDbException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and, where it helps, how to fix it
     * @param cause   the underlying failure, usually a driver {@link java.sql.SQLException}
     */
    protected MultiDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
