package io.multidb.testkit;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names no other test uses: for labels, H2 in-memory databases, schemas, roles and markers that must
 * not meet those of a test running before, after or beside this one in the same JVM or on the same
 * server.
 *
 * <p>A name is the prefix, an underscore and 12 random lowercase hexadecimal digits (48 bits), for
 * example {@code t_3fa20c9be1d4}. It starts with the prefix's first character, holds only the
 * prefix's characters, digits, {@code a}-{@code f} and {@code _}, and so is a valid unquoted
 * identifier on H2, PostgreSQL, MariaDB, Oracle and SQL Server, and a valid Multidb label, whenever
 * the prefix is one (a lowercase letter followed by lowercase letters, digits or underscores).
 *
 * <pre>{@code
 * MultiDb db = MultiDb.create(Map.of(
 *         "main", Map.of("url", "jdbc:h2:mem:" + TestNames.unique(), "user", "sa"),
 *         TestNames.unique("audit"), Map.of("url", "jdbc:h2:mem:" + TestNames.unique(), "user", "sa")));
 * }</pre>
 *
 * <p>Thread-safety: thread-safe; names are drawn from {@link ThreadLocalRandom}.
 */
public final class TestNames {
    private static final int DIGITS = 12;

    private TestNames() {
    }

    /**
     * @return a fresh name with the prefix {@code t}, such as {@code t_3fa20c9be1d4}
     */
    public static String unique() {
        return unique("t");
    }

    /**
     * @param prefix what the name starts with, for example {@code "orders"}; not empty
     * @return {@code prefix + "_"} followed by 12 random lowercase hexadecimal digits
     * @throws IllegalArgumentException when the prefix is empty
     */
    public static String unique(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("A unique name needs a prefix that is not empty");
        }
        long random = ThreadLocalRandom.current().nextLong(1L << (4 * DIGITS));
        return prefix + "_" + String.format(Locale.ROOT, "%0" + DIGITS + "x", random);
    }
}
