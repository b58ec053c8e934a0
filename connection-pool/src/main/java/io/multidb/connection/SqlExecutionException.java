package io.multidb.connection;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * A statement, commit or rollback failed in the database. Keeps the driver's SQLState and vendor
 * code and the driver exception as cause, and says whether retrying the same work might succeed.
 *
 * <pre>{@code
 * try (Session s = DatabaseManager.getSession("orders")) {
 *     s.execute("insert into orders(id) values (?)", 42);
 *     s.commit();
 * } catch (SqlExecutionException e) {
 *     if ("23505".equals(e.sqlState())) { ... duplicate key ... }
 *     if (e.isTransient()) { ... retry ... }
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public class SqlExecutionException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    private final String label;
    private final String sqlState;
    private final int errorCode;
    private final boolean transientFailure;

    /**
     * @param label   the label the statement ran on
     * @param message what failed, already free of secrets
     * @param cause   the driver failure
     */
    public SqlExecutionException(String label, String message, SQLException cause) {
        super(message, cause);
        this.label = label;
        this.sqlState = cause.getSQLState();
        this.errorCode = cause.getErrorCode();
        this.transientFailure = isTransient(cause);
    }

    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientException
                || state != null && (state.startsWith("08") || state.equals("40001") || state.equals("40P01"));
    }

    /**
     * @return the label the statement ran on
     */
    public String label() {
        return label;
    }

    /**
     * @return the driver's SQLState, or {@code null} when the driver gave none
     */
    public String sqlState() {
        return sqlState;
    }

    /**
     * @return the driver's vendor-specific error code
     */
    public int errorCode() {
        return errorCode;
    }

    /**
     * @return {@code true} when the same work might succeed if retried: a lost connection, a
     *     serialization failure or a deadlock
     */
    public boolean isTransient() {
        return transientFailure;
    }
}
