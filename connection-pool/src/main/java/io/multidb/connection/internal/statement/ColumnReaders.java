package io.multidb.connection.internal.statement;

import io.multidb.connection.RowMappingException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link ColumnReader} per Java type. Types listed here are "scalars": a single-column query can
 * be mapped to them directly. Primitive types read as their boxes; the caller refuses a NULL for
 * a primitive.
 */
final class ColumnReaders {
    private static final Map<Class<?>, ColumnReader> READERS = create();

    private ColumnReaders() {
    }

    private static Map<Class<?>, ColumnReader> create() {
        Map<Class<?>, ColumnReader> m = new HashMap<>();
        m.put(String.class, ResultSet::getString);
        both(m, long.class, Long.class, (rs, i) -> {
            long v = rs.getLong(i);
            return rs.wasNull() ? null : v;
        });
        both(m, int.class, Integer.class, (rs, i) -> {
            int v = rs.getInt(i);
            return rs.wasNull() ? null : v;
        });
        both(m, short.class, Short.class, (rs, i) -> {
            short v = rs.getShort(i);
            return rs.wasNull() ? null : v;
        });
        both(m, byte.class, Byte.class, (rs, i) -> {
            byte v = rs.getByte(i);
            return rs.wasNull() ? null : v;
        });
        both(m, double.class, Double.class, (rs, i) -> {
            double v = rs.getDouble(i);
            return rs.wasNull() ? null : v;
        });
        both(m, float.class, Float.class, (rs, i) -> {
            float v = rs.getFloat(i);
            return rs.wasNull() ? null : v;
        });
        both(m, boolean.class, Boolean.class, (rs, i) -> {
            boolean v = rs.getBoolean(i); // also reads Oracle's NUMBER(1) flags
            return rs.wasNull() ? null : v;
        });
        m.put(BigDecimal.class, ResultSet::getBigDecimal);
        m.put(byte[].class, ResultSet::getBytes);
        m.put(Instant.class, (rs, i) -> {
            // pgJDBC has no getObject(Instant); a Timestamp is an instant on every driver
            Timestamp t = rs.getTimestamp(i);
            return t == null ? null : t.toInstant();
        });
        m.put(LocalDateTime.class, (rs, i) -> rs.getObject(i, LocalDateTime.class));
        m.put(LocalDate.class, (rs, i) -> rs.getObject(i, LocalDate.class));
        m.put(LocalTime.class, (rs, i) -> rs.getObject(i, LocalTime.class));
        m.put(OffsetDateTime.class, (rs, i) -> rs.getObject(i, OffsetDateTime.class));
        m.put(UUID.class, ColumnReaders::uuid);
        m.put(Object.class, ResultSet::getObject);
        return Map.copyOf(m);
    }

    private static void both(Map<Class<?>, ColumnReader> m, Class<?> primitive, Class<?> box, ColumnReader r) {
        m.put(primitive, r);
        m.put(box, r);
    }

    /**
     * @param type a Java type
     * @return whether a single column can be read as it
     */
    static boolean isScalar(Class<?> type) {
        return READERS.containsKey(type) || type.isEnum();
    }

    /**
     * @param type a Java type
     * @return a reader for it: a listed type, an enum (by constant name), or anything else through
     *     the driver's {@code getObject(int, Class)}
     */
    static ColumnReader forType(Class<?> type) {
        ColumnReader known = READERS.get(type);
        if (known != null) {
            return known;
        }
        if (type.isEnum()) {
            return enumReader(type);
        }
        return (rs, i) -> rs.getObject(i, type);
    }

    private static ColumnReader enumReader(Class<?> type) {
        Map<String, Object> byName = new HashMap<>();
        for (Object constant : type.getEnumConstants()) {
            byName.put(((Enum<?>) constant).name(), constant);
        }
        return (rs, i) -> {
            String name = rs.getString(i);
            if (name == null) {
                return null;
            }
            Object constant = byName.get(name);
            if (constant == null) {
                throw new RowMappingException(null, "Column " + rs.getMetaData().getColumnLabel(i) + " holds '" + name
                        + "', which is not a constant of " + type.getName() + " " + Arrays.toString(type.getEnumConstants()));
            }
            return constant;
        };
    }

    private static Object uuid(ResultSet rs, int i) throws java.sql.SQLException {
        Object value = rs.getObject(i);
        if (value == null || value instanceof UUID) {
            return value;
        }
        if (value instanceof String text) {
            return UUID.fromString(text.trim());
        }
        if (value instanceof byte[] bytes && bytes.length == 16) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new UUID(b.getLong(), b.getLong());
        }
        throw new RowMappingException(null, "Column " + rs.getMetaData().getColumnLabel(i) + " holds a "
                + value.getClass().getName() + ", which cannot be read as a UUID (expected a uuid, a 36-character text"
                + " or 16 bytes)");
    }
}
