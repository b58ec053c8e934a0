package io.multidb.connection.internal;

import java.sql.SQLException;

/**
 * Keeps configured passwords out of exceptions. A driver's message can repeat what it was given
 * (a URL, a property), so before a driver exception is attached as a cause, its whole chain is
 * checked; if any message holds the password or a URL-shaped secret, the chain is replaced by
 * copies with the secret masked (class name, SQLState, vendor code and stack traces kept).
 */
final class Secrets {
    private static final String MASK = "****";

    private Secrets() {
    }

    /**
     * @param text     any text, may be {@code null}
     * @param password the configured password, may be {@code null}
     * @return the text with the password and URL-shaped secrets masked
     */
    public static String scrub(String text, String password) {
        if (text == null) {
            return null;
        }
        String out = password == null || password.isEmpty() ? text : text.replace(password, MASK);
        return JdbcUrl.redact(out);
    }

    /**
     * @param failure  a failure from a driver or pool
     * @param password the configured password, may be {@code null}
     * @return {@code failure} itself when no message in its chain holds a secret, otherwise a
     *     scrubbed copy of the chain
     */
    public static Throwable scrub(Throwable failure, String password) {
        return holdsSecret(failure, password, 0) ? copy(failure, password, 0) : failure;
    }

    private static boolean holdsSecret(Throwable t, String password, int depth) {
        if (t == null || depth > 20) {
            return false;
        }
        String message = t.getMessage();
        if (message != null && !message.equals(scrub(message, password))) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (holdsSecret(s, password, depth + 1)) {
                return true;
            }
        }
        if (t instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != t.getCause()
                && holdsSecret(sql.getNextException(), password, depth + 1)) {
            return true;
        }
        return t.getCause() != t && holdsSecret(t.getCause(), password, depth + 1);
    }

    private static Throwable copy(Throwable t, String password, int depth) {
        if (t == null || depth > 20) {
            return null;
        }
        String message = scrub(t.getMessage(), password);
        Throwable cause = t.getCause() == t ? null : copy(t.getCause(), password, depth + 1);
        Throwable copy;
        if (t instanceof SQLException sql) {
            copy = new ScrubbedSQLException(t.getClass().getName() + ": " + message, sql.getSQLState(),
                    sql.getErrorCode(), cause);
        } else {
            copy = new ScrubbedException(t.getClass().getName() + ": " + message, cause);
        }
        copy.setStackTrace(t.getStackTrace());
        for (Throwable s : t.getSuppressed()) {
            copy.addSuppressed(copy(s, password, depth + 1));
        }
        return copy;
    }

    /** A driver {@link SQLException} whose message held a secret, with the secret masked. */
    static final class ScrubbedSQLException extends SQLException {
        private static final long serialVersionUID = 1L;

        ScrubbedSQLException(String message, String sqlState, int vendorCode, Throwable cause) {
            super(message, sqlState, vendorCode, cause);
        }
    }

    /** A non-SQL failure whose message held a secret, with the secret masked. */
    static final class ScrubbedException extends Exception {
        private static final long serialVersionUID = 1L;

        ScrubbedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
