package io.multidb.connection.spi;

import io.multidb.connection.ConnectionFailedException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.RowMappingException;
import io.multidb.connection.StatementParameterException;
import io.multidb.connection.internal.Failures;
import io.multidb.connection.internal.Secrets;

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
     * Masks what must never be shown, as every message of the core is masked: the label's password,
     * and URL-shaped secrets ({@code password=...}, {@code user:pass@host}).
     *
     * @param config the label's configuration
     * @param text   a driver's message, may be {@code null}
     * @return the text with secrets replaced by {@code ****}
     */
    public static String scrub(DatabaseConfig config, String text) {
        return Secrets.scrub(text, config.password().orElse(null));
    }

    /**
     * Masks the secrets text can carry without knowing its label: URL passwords
     * ({@code ://user:secret@}, {@code password=}, {@code sslpassword=}, {@code pwd=}, Oracle's
     * {@code user/secret@}) and other secret-named parameters.
     *
     * <pre>{@code
     * ErrorTranslation.redact("jdbc:postgresql://db/app?sslpassword=x&ssl=true");
     * // jdbc:postgresql://db/app?sslpassword=****&ssl=true
     * }</pre>
     *
     * @param text any text, may be {@code null}
     * @return the text with those secrets replaced by {@code ****}
     */
    public static String redact(String text) {
        return Secrets.redact(text);
    }

    /**
     * @param sql a statement
     * @return it on one line, cut after 500 characters, as messages show statements
     */
    public static String shortenSql(String sql) {
        return Failures.shorten(sql);
    }
}
