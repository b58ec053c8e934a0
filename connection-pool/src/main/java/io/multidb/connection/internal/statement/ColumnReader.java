package io.multidb.connection.internal.statement;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of the current row as one Java type; {@code null} for SQL NULL. */
@FunctionalInterface
interface ColumnReader {
    /**
     * @param rs     the result set, on a row
     * @param column 1-based column index
     * @return the value, boxed, or {@code null}
     * @throws SQLException when the driver cannot read or convert the column
     */
    Object read(ResultSet rs, int column) throws SQLException;
}
