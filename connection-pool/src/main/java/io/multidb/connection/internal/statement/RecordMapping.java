package io.multidb.connection.internal.statement;

import io.multidb.connection.spi.RowReader;
import io.multidb.connection.spi.RowMapping;
import io.multidb.connection.Column;
import io.multidb.connection.RowMappingException;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps rows to a record through its canonical constructor. Each component takes the column whose
 * label matches its {@link io.multidb.connection.Column} name or, without one, its own name, ignoring case
 * and underscores. Columns no component asks for are ignored; a component without a column is an
 * error.
 */
final class RecordMapping<T> implements RowMapping<T> {
    private final Class<T> type;
    private final RecordShape shape;
    private final ReaderCache<T> readers = new ReaderCache<>();

    RecordMapping(Class<T> type) {
        this.type = type;
        this.shape = RecordShape.of(type);
    }

    /** Columns are matched once per result shape; later results of the same shape reuse the reader. */
    @Override
    public RowReader<T> reader(ResultSetMetaData md) throws SQLException {
        return readers.reader(md, this::match);
    }

    private RowReader<T> match(List<String> labels) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = labels.size() - 1; i >= 0; i--) {
            byName.put(ColumnNames.normalize(labels.get(i)), i + 1); // the first of duplicate labels wins
        }
        List<RecordShape.Component> components = shape.components();
        int n = components.size();
        int[] columns = new int[n];
        ColumnReader[] columnReaders = new ColumnReader[n];
        for (int k = 0; k < n; k++) {
            RecordShape.Component c = components.get(k);
            String wanted = c.column() != null ? c.column() : c.name();
            Integer index = byName.get(ColumnNames.normalize(wanted));
            if (index == null) {
                throw new RowMappingException(null, "Cannot map rows with columns " + labels + " to record " + type.getName()
                        + ": no column for component '" + c.name() + "' (looked for " + wanted
                        + ", ignoring case and underscores). Select that column, alias one to it, or name the"
                        + " column with @Column on the component.");
            }
            columns[k] = index;
            columnReaders[k] = c.reader();
        }
        return rs -> {
            Object[] args = new Object[n];
            for (int k = 0; k < n; k++) {
                Object value = columnReaders[k].read(rs, columns[k]);
                if (value == null && components.get(k).type().isPrimitive()) {
                    throw nullForPrimitive(components.get(k), labels.get(columns[k] - 1));
                }
                args[k] = value;
            }
            return type.cast(shape.construct(args));
        };
    }

    private RowMappingException nullForPrimitive(RecordShape.Component c, String column) {
        return new RowMappingException(null, "Column " + column + " is NULL, but component '" + c.name() + "' of record "
                + type.getName() + " is a primitive " + c.type().getName() + "; declare it as its wrapper type to"
                + " accept NULL");
    }
}
