package io.multidb.connection.internal.statement;

import io.multidb.connection.spi.RowReader;
import io.multidb.connection.spi.RowMapping;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps each row to a map from column label, in lower case, to the driver's value, in column order.
 * The lower-cased labels are worked out once per result shape.
 */
public final class MapRows implements RowMapping<Map<String, Object>> {
    /** The one instance: it holds only the cache of result shapes. */
    public static final MapRows MAPPING = new MapRows();

    private final ReaderCache<Map<String, Object>> readers = new ReaderCache<>();

    private MapRows() {
    }

    @Override
    public RowReader<Map<String, Object>> reader(ResultSetMetaData md) throws SQLException {
        return readers.reader(md, MapRows::match);
    }

    private static RowReader<Map<String, Object>> match(List<String> labels) {
        int n = labels.size();
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = labels.get(i).toLowerCase(Locale.ROOT);
        }
        // HashMap's capacity for n entries at the default load factor, so that no row resizes
        int capacity = (int) (n / 0.75f) + 1;
        return rs -> {
            Map<String, Object> row = new LinkedHashMap<>(capacity);
            for (int i = 0; i < n; i++) {
                row.put(keys[i], rs.getObject(i + 1));
            }
            return row;
        };
    }
}
