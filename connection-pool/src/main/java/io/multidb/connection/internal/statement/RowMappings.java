package io.multidb.connection.internal.statement;

import io.multidb.connection.spi.RowMapping;
import io.multidb.connection.RowMappingException;
import java.util.Collection;
import java.util.Map;

/**
 * The {@link RowMapping} of a type, worked out once per class: a scalar for a single column
 * ({@code Long}, {@code String}, {@code Instant}, an enum, ...), a record by its components, or a
 * bean by its setters.
 */
public final class RowMappings {
    private static final ClassValue<RowMapping<?>> CACHE = new ClassValue<>() {
        @Override
        protected RowMapping<?> computeValue(Class<?> type) {
            return create(type);
        }
    };

    private RowMappings() {
    }

    /**
     * @param type the row type
     * @param <T>  the row type
     * @return its mapping
     * @throws RowMappingException when rows cannot be mapped to the type
     */
    @SuppressWarnings("unchecked") // the cache stores the mapping created for this very class
    public static <T> RowMapping<T> of(Class<T> type) {
        if (type == null) {
            throw new RowMappingException(null, "The row type must not be null");
        }
        return (RowMapping<T>) CACHE.get(type);
    }

    private static <T> RowMapping<T> create(Class<T> type) {
        if (ColumnReaders.isScalar(type)) {
            return new ScalarMapping<>(type);
        }
        if (type.isRecord()) {
            return new RecordMapping<>(type);
        }
        if (Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            throw new RowMappingException(null, "Rows cannot be mapped to " + type.getName() + "; for rows as maps use"
                    + " session().query(sql, args), which returns one map per row");
        }
        BeanMapping<T> bean = BeanMapping.tryCreate(type);
        if (bean == null) {
            throw new RowMappingException(null, "Rows cannot be mapped to " + type.getName() + ": it is not a record, a"
                    + " bean (public no-argument constructor and setters), or a single-column type such as Long,"
                    + " String, BigDecimal, Instant, LocalDate, UUID or an enum");
        }
        return bean;
    }
}
