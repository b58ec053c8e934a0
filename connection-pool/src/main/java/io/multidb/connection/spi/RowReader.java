package io.multidb.connection.spi;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a result set into a value, for one result shape (its columns already
 * matched); see {@link RowMapping} for an example.
 *
 * <p>Thread-safety: a reader holds no per-row state and may be used by several threads, each on
 * its own result set.
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface RowReader<T> {
    /**
     * @param rs the result set, on a row
     * @return the row as a value
     * @throws SQLException when the driver cannot read a column
     */
    T read(ResultSet rs) throws SQLException;
}
