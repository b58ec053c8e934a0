package io.multidb.connection.internal;

import io.multidb.connection.ConnectionFailedException;
import io.multidb.connection.ConnectionWaitInterruptedException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.MultiDbException;
import io.multidb.connection.PoolExhaustedException;
import io.multidb.connection.PoolStats;
import io.multidb.connection.RowMappingException;
import io.multidb.connection.SqlExecutionException;
import io.multidb.connection.StatementParameterException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.jdbi.v3.core.JdbiException;

/**
 * Turns driver and pool failures into Multidb exceptions that name the label, keeping the driver
 * exception (scrubbed of secrets) as cause.
 */
public final class Failures {
    private static final int MAX_SQL_IN_MESSAGE = 500;

    private Failures() {
    }

    /**
     * Translates a failure to borrow a connection. HikariCP reports both an exhausted pool and an
     * unreachable database as a timeout; the difference is the cause: HikariCP attaches the last
     * connection failure, which it clears on every successful connect.
     *
     * @param config the label's configuration
     * @param e      what the pool threw
     * @param waited how long the caller waited
     * @param stats  the pool state after the wait
     * @return the exception to throw
     */
    public static MultiDbException onBorrow(DatabaseConfig config, SQLException e, Duration waited, PoolStats stats) {
        if (Thread.currentThread().isInterrupted()) {
            return new ConnectionWaitInterruptedException(config.label(), e); // HikariCP's own wait was interrupted
        }
        Throwable connectFailure = connectionFailureOf(e);
        if (connectFailure != null) {
            return connectionFailed(config, connectFailure);
        }
        if (e instanceof SQLTransientConnectionException) {
            return new PoolExhaustedException(config.label(), waited, stats, Secrets.scrub(e, secret(config)));
        }
        return connectionFailed(config, e);
    }

    /**
     * @param e what the pool threw when asked for a connection
     * @return whether it gave up waiting with no connection failure behind it (an exhausted pool)
     */
    static boolean isPoolTimeout(SQLException e) {
        return e instanceof SQLTransientConnectionException && connectionFailureOf(e) == null;
    }

    /**
     * @param config  the label's configuration
     * @param failure the driver's (or pool's) failure to open a connection
     * @return a {@link ConnectionFailedException} with the driver's explanation and no secret
     */
    public static ConnectionFailedException connectionFailed(DatabaseConfig config, Throwable failure) {
        Throwable driver = unwrapSetup(failure);
        String password = secret(config);
        String reason = Secrets.scrub(describe(driver), password);
        String sqlState = driver instanceof SQLException sql ? sql.getSQLState() : null;
        return new ConnectionFailedException(config.label(), Secrets.redact(config.url()),
                config.user().orElse(null), reason, sqlState, Secrets.scrub(failure, password));
    }

    /**
     * @param config the label's configuration
     * @param sql    the statement that failed, or a word such as {@code commit}
     * @param e      the driver's failure
     * @return the exception to throw
     */
    public static SqlExecutionException onStatement(DatabaseConfig config, String sql, SQLException e) {
        return onStatement(config.label(), secret(config), sql, e);
    }

    /**
     * @param label    the label the statement ran on
     * @param password the label's password, or {@code null}
     * @param sql      the statement that failed, or a word such as {@code commit}
     * @param e        the driver's failure
     * @return the exception to throw, its message and cause free of the password
     */
    public static SqlExecutionException onStatement(String label, String password, String sql, SQLException e) {
        Throwable cause = Secrets.scrub(e, password);
        SQLException sqlCause = cause instanceof SQLException s ? s : e;
        return new SqlExecutionException(label, "Database '" + label + "': " + Secrets.scrub(e.getMessage(), password)
                + state(e) + " in: " + shorten(Secrets.scrub(sql, password)), sqlCause);
    }

    /**
     * @param config the label's configuration
     * @param sql    the statement that failed
     * @param e      Jdbi's failure
     * @return the exception to throw: a {@link SqlExecutionException}, with the driver's failure
     *     when Jdbi wrapped one and otherwise Jdbi's own explanation
     */
    public static MultiDbException onJdbi(DatabaseConfig config, String sql, JdbiException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sqlException) {
                return onStatement(config, sql, sqlException);
            }
            if (t instanceof MultiDbException multi) {
                return multi;
            }
        }
        // Jdbi failed without a driver failure behind it (it wraps those): reported like one
        String password = secret(config);
        SQLException described = new SQLException(Secrets.scrub(e.getMessage(), password), null,
                Secrets.scrub(e, password));
        return new SqlExecutionException(config.label(), "Database '" + config.label() + "': "
                + described.getMessage() + " in: " + shorten(Secrets.scrub(sql, password)), described);
    }

    /**
     * @param label the label a statement or mapping was for
     * @param e     a mapping or parameter failure of the statement engine, perhaps without a label
     * @return it with the label in its message (a new exception of the same type), or itself when
     *     it already names one
     */
    public static RuntimeException labelled(String label, RuntimeException e) {
        if (e instanceof RowMappingException m && m.label() == null) {
            RowMappingException out = new RowMappingException(label, m.getMessage(), m.getCause());
            out.setStackTrace(m.getStackTrace());
            return out;
        }
        if (e instanceof StatementParameterException p && p.label() == null) {
            StatementParameterException out = new StatementParameterException(label, p.getMessage());
            out.setStackTrace(p.getStackTrace());
            return out;
        }
        return e;
    }

    private static String state(SQLException e) {
        return e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]";
    }

    /**
     * @param sql a statement
     * @return it on one line, cut after 500 characters, for messages
     */
    public static String shorten(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_SQL_IN_MESSAGE ? flat : flat.substring(0, MAX_SQL_IN_MESSAGE) + "...";
    }

    private static String secret(DatabaseConfig config) {
        return config.password().orElse(null);
    }

    private static Throwable connectionFailureOf(SQLException e) {
        Throwable cause = e.getCause();
        return cause == null || cause == e ? null : cause;
    }

    /** HikariCP wraps failures of connection set-up (init SQL, schema) in its own exception type. */
    private static Throwable unwrapSetup(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current
                && (current.getClass().getName().startsWith("com.zaxxer.hikari")
                        || current instanceof SQLTransientConnectionException && current.getCause() != null)) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(Throwable driver) {
        String message = driver.getMessage() == null ? driver.getClass().getSimpleName() : driver.getMessage();
        Throwable root = driver;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != driver && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return message;
    }
}
