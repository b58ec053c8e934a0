package io.multidb.dao.internal;

import io.multidb.connection.SqlExecutionException;
import java.sql.SQLException;

/**
 * Turns a driver failure into the {@link SqlExecutionException} sessions throw, with the same
 * message shape: label, driver message, SQLState and the statement (parameter values are never
 * part of it).
 */
public final class SqlFailures {
    private SqlFailures() {
    }

    /**
     * @param label the label the statement ran on
     * @param sql   the statement, or what was being done
     * @param e     the driver's failure
     * @return the exception to throw
     */
    public static SqlExecutionException translate(String label, String sql, SQLException e) {
        return SqlExecutionException.translate(label, sql, e);
    }

    /**
     * @param sql a statement
     * @return it on one line, cut after 500 characters
     */
    public static String shorten(String sql) {
        return io.multidb.connection.internal.Failures.shorten(sql);
    }
}
