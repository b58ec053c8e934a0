package io.multidb.connection.internal.config;

import io.multidb.connection.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The values a builder has been given, one slot per key of {@link Keys}; a key never given reads
 * as its default. {@code build()} checks every key's bound here, resolves what depends on several
 * keys on a {@linkplain #copy() copy}, and {@linkplain #freeze() freezes} it.
 *
 * <p>Thread-safety: not thread-safe, as the builder that holds it.
 */
public final class GivenValues {
    private static final Object UNSET = new Object();

    private final Object[] values;

    /** No key given. */
    public GivenValues() {
        values = new Object[Keys.ALL.size()];
        java.util.Arrays.fill(values, UNSET);
    }

    private GivenValues(Object[] values) {
        this.values = values.clone();
    }

    /**
     * @param <T>   the value's type
     * @param key   a key
     * @param value its value; {@code null} is kept as given (a bound may refuse it)
     */
    public <T> void set(Key<T> key, T value) {
        values[key.index()] = value;
    }

    /**
     * @param <T> the value's type
     * @param key a key
     * @return the value given, or the key's default
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        Object value = values[key.index()];
        return value == UNSET ? key.defaultValue() : (T) value;
    }

    /**
     * Checks every key's bound, in table order.
     *
     * @param error makes the error from the key's name and the problem
     * @throws ConfigurationException for the first value out of bounds
     */
    public void checkBounds(BiFunction<String, String, ConfigurationException> error) {
        for (Key<?> key : Keys.ALL) {
            String problem = problem(key);
            if (problem != null) {
                throw error.apply(key.name(), problem);
            }
        }
    }

    private <T> String problem(Key<T> key) {
        return key.problem(get(key));
    }

    /** @return an independent copy, for resolving without touching the builder */
    public GivenValues copy() {
        return new GivenValues(values);
    }

    /** @return the values (defaults where none was given), with lists and maps made unmodifiable */
    public Values freeze() {
        Object[] out = new Object[values.length];
        for (Key<?> key : Keys.ALL) {
            Object value = get(key);
            if (value instanceof List<?> list) {
                value = Collections.unmodifiableList(new ArrayList<>(list));
            } else if (value instanceof Map<?, ?> map) {
                value = Collections.unmodifiableMap(new LinkedHashMap<>(map));
            }
            out[key.index()] = value;
        }
        return new Values(out);
    }
}
