package io.multidb.connection.internal.config;

import java.util.Objects;
import java.util.StringJoiner;

/**
 * A label's validated values, one per key of {@link Keys}, indexed by the table: what
 * {@code ConnectionSettings} and {@code PoolSettings} read their accessors from, and compare, hash
 * and print over the keys of their part, so that a new key is covered without another line.
 *
 * <p>Thread-safety: immutable (values are immutable or unmodifiable).
 */
public final class Values {
    private final Object[] values;

    Values(Object[] values) {
        this.values = values.clone();
    }

    Object raw(int index) {
        return values[index];
    }

    /**
     * @param other other values
     * @param part  the part to compare
     * @return whether every key of that part has equal values
     */
    public boolean equalIn(Values other, Key.Part part) {
        for (Key<?> key : Keys.ALL) {
            if (key.part() == part && !Objects.equals(values[key.index()], other.values[key.index()])) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param part a part
     * @return a hash over every key of that part
     */
    public int hashIn(Key.Part part) {
        int hash = 1;
        for (Key<?> key : Keys.ALL) {
            if (key.part() == part) {
                hash = 31 * hash + Objects.hashCode(values[key.index()]);
            }
        }
        return hash;
    }

    /**
     * @param joiner where {@code name=value} entries go
     * @param part   the part to show
     */
    public void showIn(StringJoiner joiner, Key.Part part) {
        for (Key<?> key : Keys.ALL) {
            if (key.part() == part) {
                joiner.add(key.shownAs() + "=" + shown(key));
            }
        }
    }

    private <T> String shown(Key<T> key) {
        return key.show(key.get(this));
    }
}
