package io.multidb.connection.internal.config;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How one type of configuration value is read, from a typed value (maps) and from text
 * (properties, environment: turned into a typed value first), and how it is shown.
 *
 * @param <T>       the Java type
 * @param expected  what the value must be, for messages ({@code a whole number})
 * @param readme    the type as the README's key table names it
 * @param fromValue the value as {@code T}, or {@code null} when it is of the wrong type; may
 *                  throw for a right type with a wrong value
 * @param fromText  text turned into a value for {@code fromValue}, or {@code null} when malformed
 * @param show      the value as {@code toString()} shows it
 */
public record Kind<T>(String expected, String readme, BiFunction<Field, Object, T> fromValue,
        BiFunction<Field, String, Object> fromText, Function<T, String> show) {

    /**
     * @param f   where the value is read
     * @param raw the value as given (text when {@code f.text()})
     * @return the typed value
     * @throws io.multidb.connection.ConfigurationException when it is of the wrong type or form
     */
    public T read(Field f, Object raw) {
        Object value = f.text() ? fromText.apply(f, raw.toString()) : raw;
        T result = value == null ? null : fromValue.apply(f, value);
        if (result == null) {
            throw f.fail("must be " + expected + ", " + f.describe(raw));
        }
        return result;
    }
}
