package io.multidb.connection.internal.statement;

import io.multidb.connection.spi.RowReader;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The row readers a mapping has built, by result shape (the column labels, in order), so that
 * matching columns to components or properties (normalising names, filling a map, looking each
 * one up) runs once per shape instead of once per query. A query whose shape was seen last costs
 * one label comparison per column; other known shapes cost one map lookup. At most
 * {@value #MAX_SHAPES} shapes are kept per mapping; further shapes are matched on every query,
 * as before.
 *
 * <p>Thread-safety: thread-safe; shared by every thread that maps rows to the type.
 *
 * @param <T> the row type
 */
final class ReaderCache<T> {
    static final int MAX_SHAPES = 64;

    /** Builds the reader of one shape; may throw when the shape cannot be mapped (not cached then). */
    @FunctionalInterface
    interface Builder<T> {
        RowReader<T> build(List<String> labels) throws SQLException;
    }

    /** The shape seen last and its reader. */
    private record Last<T>(String[] labels, RowReader<T> reader) {
        boolean matches(ResultSetMetaData md, int n) throws SQLException {
            if (labels.length != n) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (!Objects.equals(labels[i], md.getColumnLabel(i + 1))) {
                    return false;
                }
            }
            return true;
        }
    }

    private final ConcurrentHashMap<List<String>, RowReader<T>> byShape = new ConcurrentHashMap<>();
    private volatile Last<T> last;

    /**
     * @param md      the result's columns
     * @param builder builds the reader for a shape not seen before
     * @return the reader for the result's shape
     * @throws SQLException when the driver cannot describe the columns
     */
    RowReader<T> reader(ResultSetMetaData md, Builder<T> builder) throws SQLException {
        int n = md.getColumnCount();
        Last<T> seen = last;
        if (seen != null && seen.matches(md, n)) {
            return seen.reader();
        }
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = md.getColumnLabel(i + 1);
        }
        List<String> shape = Arrays.asList(labels.clone());
        RowReader<T> reader = byShape.get(shape);
        if (reader == null) {
            reader = builder.build(shape);
            if (byShape.size() < MAX_SHAPES) {
                byShape.putIfAbsent(shape, reader);
            }
        }
        last = new Last<>(labels, reader);
        return reader;
    }
}
