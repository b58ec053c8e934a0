package io.multidb.connection.internal.statement;

import io.multidb.connection.spi.RowReader;
import io.multidb.connection.spi.RowMapping;
import io.multidb.connection.RowMappingException;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** Maps a single-column result to a scalar type: {@code Long}, {@code String}, an enum, ... */
final class ScalarMapping<T> implements RowMapping<T> {
    private final Class<T> type;
    private final ColumnReader reader;

    ScalarMapping(Class<T> type) {
        this.type = type;
        this.reader = ColumnReaders.forType(type);
    }

    @Override
    @SuppressWarnings("unchecked") // primitive classes: the value is their box, which is what T stands for
    public RowReader<T> reader(ResultSetMetaData md) throws SQLException {
        if (md.getColumnCount() != 1) {
            throw new RowMappingException(null, "Cannot map rows with columns " + ColumnNames.labels(md) + " to "
                    + type.getName() + ": a single value needs a query that selects exactly one column; map"
                    + " several columns to a record");
        }
        String label = md.getColumnLabel(1);
        return rs -> {
            Object value = reader.read(rs, 1);
            if (value == null && type.isPrimitive()) {
                throw new RowMappingException(null, "Column " + label + " is NULL, which a primitive " + type.getName()
                        + " cannot hold; ask for its wrapper type");
            }
            return (T) value;
        };
    }
}
