package io.multidb.connection.spi;

import io.multidb.connection.ConnectionFailedException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.RowMappingException;
import io.multidb.connection.StatementParameterException;
import io.multidb.connection.internal.Failures;

/**
 * Failures translated as the connection pool translates its own, for modules that run JDBC
 * themselves: every message names the label and holds no secret. (Driver failures of statements
 * go through the public {@code SqlExecutionException.translate(...)}.)
 *
 * <pre>{@code
 * try {
 *     return xaDataSource.getXAConnection();
 * } catch (SQLException e) {
 *     throw ErrorTranslation.connectionFailed(config, e);
 * }
 * }</pre>
 *
 * <p>Thread-safety: stateless.
 */
public final class ErrorTranslation {
    private ErrorTranslation() {
    }

    /**
     * @param config  the label's configuration
     * @param failure the driver's (or pool's) failure to open a connection
     * @return a {@link ConnectionFailedException} with the driver's explanation, the URL without
     *     secrets and the user, and no password anywhere in it or its causes
     */
    public static ConnectionFailedException connectionFailed(DatabaseConfig config, Throwable failure) {
        return Failures.connectionFailed(config, failure);
    }

    /**
     * @param label the label a statement or mapping was for
     * @param e     a failure of the statement engine, which may not know its label
     * @return it with the label in its message (a new {@link RowMappingException} or
     *     {@link StatementParameterException}), or {@code e} itself when it already names one or is
     *     of another type
     */
    public static RuntimeException labelled(String label, RuntimeException e) {
        return Failures.labelled(label, e);
    }

    /**
     * @param sql a statement
     * @return it on one line, cut after 500 characters, as messages show statements
     */
    public static String shortenSql(String sql) {
        return Failures.shorten(sql);
    }
}
