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

    /**
     * Translates a driver failure on a session's connection exactly as sessions do: the message
     * names the label, the SQLState and the statement, and neither it nor the cause chain holds the
     * password of the session's own configuration. For code that runs JDBC on
     * {@link Session#connection()} itself; right for sessions of any {@link MultiDb} instance.
     *
     * <pre>{@code
     * try (PreparedStatement ps = session.connection().prepareStatement(sql)) {
     *     ...
     * } catch (SQLException e) {
     *     throw SqlExecutionException.translate(session, sql, e);
     * }
     * }</pre>
     *
     * @param session the session the statement ran on; a {@link Session} that Multidb did not
     *                create (a test double) has no configuration, and only its label is used
     * @param sql     the statement, or what was being done ({@code commit})
     * @param cause   the driver's failure
     * @return the exception to throw
     */
    public static SqlExecutionException translate(Session session, String sql, SQLException cause) {
        DatabaseConfig config = io.multidb.connection.internal.SessionImpl.configOf(session);
        return config == null ? io.multidb.connection.internal.Failures.onStatement(session.label(), null, sql, cause)
                : translate(config, sql, cause);
    }

    /**
     * As {@link #translate(Session, String, SQLException)}, for code that has the label's
     * configuration rather than a session (a connection from {@link MultiDb#dataSource(String)}):
     * the password scrubbed is that configuration's.
     *
     * <pre>{@code
     * } catch (SQLException e) {
     *     throw SqlExecutionException.translate(config, "DatabaseMetaData.getTables()", e);
     * }
     * }</pre>
     *
     * @param config the configuration of the label the statement ran on
     * @param sql    the statement, or what was being done
     * @param cause  the driver's failure
     * @return the exception to throw
     */
    public static SqlExecutionException translate(DatabaseConfig config, String sql, SQLException cause) {
        return io.multidb.connection.internal.Failures.onStatement(config, sql, cause);
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
