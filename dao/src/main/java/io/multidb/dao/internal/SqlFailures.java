package io.multidb.dao.internal;

import io.multidb.connection.SqlExecutionException;
import java.sql.SQLException;

/**
 * Turns a driver failure into the {@link SqlExecutionException} sessions throw, with the same
 * message shape: label, driver message, SQLState and the statement (parameter values are never
 * part of it).
 */
public final class SqlFailures {
    private static final int MAX_SQL_IN_MESSAGE = 500;

    private SqlFailures() {
    }

    /**
     * @param label the label the statement ran on
     * @param sql   the statement, or what was being done
     * @param e     the driver's failure
     * @return the exception to throw
     */
    public static SqlExecutionException translate(String label, String sql, SQLException e) {
        String state = e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]";
        return new SqlExecutionException(label, "Database '" + label + "': " + e.getMessage() + state + " in: "
                + shorten(sql), e);
    }

    /**
     * @param sql a statement
     * @return it on one line, cut after 500 characters
     */
    public static String shorten(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_SQL_IN_MESSAGE ? flat : flat.substring(0, MAX_SQL_IN_MESSAGE) + "...";
    }
}
