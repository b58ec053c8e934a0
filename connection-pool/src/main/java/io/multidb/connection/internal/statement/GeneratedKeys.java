package io.multidb.connection.internal.statement;

import io.multidb.connection.RowMappingException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Reads a generated key as the type the caller wants. Drivers differ: SQL Server returns a
 * {@code numeric(38)} for an identity, MariaDB a {@code BigInteger} for unsigned columns, H2 the
 * column's own type.
 */
public final class GeneratedKeys {
    private GeneratedKeys() {
    }

    public static <K> K read(ResultSet keys, Class<K> keyType, String keyColumn) throws SQLException {
        Object raw = keys.getObject(1);
        if (raw == null) {
            throw new RowMappingException(null, "The database returned NULL as the generated key of " + keyColumn);
        }
        Object key = convert(raw, keyType);
        if (key == null) {
            throw new RowMappingException(null, "The generated key of " + keyColumn + " is a " + raw.getClass().getName()
                    + " (" + raw + "), which cannot be read as " + keyType.getName());
        }
        @SuppressWarnings("unchecked") // convert returned an instance of the box of keyType
        K typed = (K) key;
        return typed;
    }

    private static Object convert(Object raw, Class<?> keyType) {
        if (keyType.isInstance(raw)) {
            return raw;
        }
        if (raw instanceof Number number) {
            if (keyType == Long.class || keyType == long.class) {
                return exact(number).longValueExact();
            }
            if (keyType == Integer.class || keyType == int.class) {
                return exact(number).intValueExact();
            }
            if (keyType == BigInteger.class) {
                return exact(number).toBigIntegerExact();
            }
            if (keyType == BigDecimal.class) {
                return exact(number);
            }
            if (keyType == String.class) {
                return number.toString();
            }
        }
        if (keyType == UUID.class && raw instanceof String text) {
            return UUID.fromString(text.trim());
        }
        if (keyType == String.class) {
            return raw.toString();
        }
        return null;
    }

    private static BigDecimal exact(Number n) {
        return n instanceof BigDecimal d ? d : n instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(n.toString());
    }
}
