package io.multidb.dao;

import io.multidb.connection.MultiDbException;
import io.multidb.connection.spi.ErrorTranslation;

/**
 * A query expected to return one row ({@code queryOne}) or at most one ({@code queryOptional},
 * {@code findById}) returned another number. Reading stops at the second row, so "more than one"
 * is reported as {@code rowsFound() == 2}.
 *
 * <pre>{@code
 * try {
 *     User u = queryOne(User.class, "select * from users where email = ?", email);
 * } catch (IncorrectResultSizeException e) {
 *     if (e.rowsFound() == 0) { ... no such user ... }
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public class IncorrectResultSizeException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    /** The label the query ran on. */
    private final String label;
    /** 0, or 2 for two or more. */
    private final int rowsFound;

    /**
     * @param label     the label the query ran on
     * @param sql       the query, without its parameter values
     * @param expected  what was expected, for the message: {@code "exactly one row"} or
     *                  {@code "at most one row"}
     * @param rowsFound 0, or 2 for two or more
     */
    public IncorrectResultSizeException(String label, String sql, String expected, int rowsFound) {
        super("Expected " + expected + " from database '" + label + "' but the query returned "
                + (rowsFound == 0 ? "none" : "more than one") + ": " + ErrorTranslation.shortenSql(sql));
        this.label = label;
        this.rowsFound = rowsFound;
    }

    /**
     * @return the label the query ran on
     */
    public String label() {
        return label;
    }

    /**
     * @return 0 when the query returned no row, 2 when it returned two or more
     */
    public int rowsFound() {
        return rowsFound;
    }
}
