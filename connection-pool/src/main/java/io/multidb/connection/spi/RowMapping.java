package io.multidb.connection.spi;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * How rows map to a type, before the columns of a result are known: {@link #reader} matches the
 * result's columns once, and the reader it returns then maps every row without further lookups.
 *
 * <pre>{@code
 * RowMapping<User> users = StatementEngine.rowMapping(User.class);   // one plan per type, cached
 * try (ResultSet rs = ps.executeQuery()) {
 *     RowReader<User> reader = users.reader(rs.getMetaData());    // columns matched once
 *     while (rs.next()) {
 *         out.add(reader.read(rs));
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safety: the core's mappings are immutable and shared by all threads; a mapping written
 * for the SPI must be too.
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
