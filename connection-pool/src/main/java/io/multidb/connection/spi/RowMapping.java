package io.multidb.connection.spi;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * How rows map to a type, before the columns of a result are known: {@link #reader} matches the
 * result's columns once, and the reader it returns then maps every row without further lookups.
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface RowMapping<T> {
    /**
     * @param columns the result's columns
     * @return a reader for rows of that shape
     * @throws SQLException when the driver cannot describe the columns
     */
    RowReader<T> reader(ResultSetMetaData columns) throws SQLException;
}
