package io.multidb.dao.internal;

import io.multidb.connection.Engine;
import io.multidb.dao.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * What the dialects share: name validation and quoting of reserved words in the folded case,
 * standard {@code OFFSET ... FETCH} pagination, {@code NEXT VALUE FOR}, and parameter binding.
 * Each engine's subclass overrides what differs.
 */
abstract class AbstractDialect implements Dialect {
    private final Engine engine;
    private final int maxIdentifierLength;

    AbstractDialect(Engine engine, int maxIdentifierLength) {
        this.engine = engine;
        this.maxIdentifierLength = maxIdentifierLength;
    }

    @Override
    public final Engine engine() {
        return engine;
    }

    @Override
    public final int maxIdentifierLength() {
        return maxIdentifierLength;
    }

    @Override
    public final String foldCase(String identifier) {
        return fold(plain("identifier", identifier));
    }

    /** @return a valid plain identifier in the case the engine stores unquoted names in */
    abstract String fold(String identifier);

    /** @return a folded identifier wrapped in the engine's quotes */
    abstract String quoted(String folded);

    /**
     * @param product a driver's {@code DatabaseMetaData.getDatabaseProductName()}, not {@code null}
     * @return whether it names a database this dialect is for
     */
    abstract boolean reportsProduct(String product);

    @Override
    public final String quoteIdentifier(String name) {
        return write(plain("identifier", name));
    }

    @Override
    public final String quoteQualifiedName(String name) {
        Identifiers.requireQualified("qualified name", name);
        int dot = name.indexOf('.');
        return dot < 0 ? write(plain("name", name))
                : write(plain("schema name", name.substring(0, dot))) + "."
                        + write(plain("name", name.substring(dot + 1)));
    }

    /**
     * @param kind what the name is, for the message
     * @param name a name
     * @return it, when it is a plain identifier no longer than the engine allows
     * @throws IllegalArgumentException otherwise
     */
    final String plain(String kind, String name) {
        Identifiers.requirePlain(kind, name);
        if (name.length() > maxIdentifierLength) {
            throw new IllegalArgumentException("Identifier " + Identifiers.show(name) + " is " + name.length()
                    + " characters long; " + displayName() + " allows at most " + maxIdentifierLength
                    + ". Use a shorter name.");
        }
        return name;
    }

    private String write(String plain) {
        return ReservedWords.contains(plain) ? quoted(fold(plain)) : plain;
    }

    /**
     * @return {@code true} for {@code LIMIT ? OFFSET ?} (PostgreSQL, MariaDB), {@code false} for the
     *     standard {@code OFFSET ? ROWS FETCH NEXT ? ROWS ONLY}
     */
    boolean limitOffset() {
        return false;
    }

    @Override
    public final String paginate(String orderedQuery) {
        return orderedQuery + (limitOffset() ? " LIMIT ? OFFSET ?" : " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
    }

    @Override
    public final Object[] withPaginationArguments(Object[] arguments, long offset, int limit) {
        checkPage(offset, limit);
        return limitOffset() ? append(arguments, (long) limit, offset) : append(arguments, offset, (long) limit);
    }

    static void checkPage(long offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("Offset must be 0 or more, was " + offset);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("Limit must be 1 or more, was " + limit);
        }
    }

    static Object[] append(Object[] arguments, Object first, Object second) {
        Object[] own = arguments == null ? new Object[0] : arguments;
        Object[] out = new Object[own.length + 2];
        System.arraycopy(own, 0, out, 0, own.length);
        out[own.length] = first;
        out[own.length + 1] = second;
        return out;
    }

    @Override
    public String currentTimestamp() {
        return "CURRENT_TIMESTAMP";
    }

    @Override
    public String nextSequenceValue(String sequence) {
        return "NEXT VALUE FOR " + quoteQualifiedName(sequence);
    }

    @Override
    public String selectExpression(String expression) {
        return "SELECT " + expression;
    }

    /**
     * Prepares an insert so that {@link PreparedStatement#getGeneratedKeys()} returns the key the
     * database generated. PostgreSQL, Oracle and H2 are asked for the key column by name (folded
     * as {@link #foldCase(String)} does); MariaDB and SQL Server return their
     * {@code auto_increment} / identity value, so on those engines only such keys can be fetched.
     *
     * @param connection the connection
     * @param insert     an insert statement with positional parameters
     * @param keyColumn  the generated key column, a plain identifier
     * @return the prepared statement; the caller closes it
     * @throws SQLException when the driver refuses to prepare the statement
     */
    PreparedStatement prepareReturningKey(Connection connection, String insert, String keyColumn)
            throws SQLException {
        plain("key column name", keyColumn);
        return connection.prepareStatement(insert, Statement.RETURN_GENERATED_KEYS);
    }

    /** @return the engine's name in messages */
    abstract String displayName();

    /**
     * Checks and writes the column lists of an upsert.
     *
     * @return the quoted table, keys, other columns and all columns
     */
    final UpsertParts upsertParts(String table, List<String> keyColumns, List<String> columns) {
        String quotedTable = quoteQualifiedName(table);
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("An upsert into " + table + " needs at least one column");
        }
        if (keyColumns == null || keyColumns.isEmpty()) {
            throw new IllegalArgumentException("An upsert into " + table + " needs at least one key column, the"
                    + " columns that identify a row");
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            plain("column name", column);
            if (!seen.add(column.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Column " + column + " is given twice in the upsert into " + table);
            }
        }
        Set<String> keys = new HashSet<>();
        for (String key : keyColumns) {
            plain("key column name", key);
            if (!columns.contains(key)) {
                throw new IllegalArgumentException("Key column " + key + " of the upsert into " + table
                        + " is not among its columns " + columns + "; give every key column a value");
            }
            if (!keys.add(key)) {
                throw new IllegalArgumentException("Key column " + key + " is given twice in the upsert into " + table);
            }
        }
        List<String> others = columns.stream().filter(c -> !keys.contains(c)).toList();
        return new UpsertParts(quotedTable, quoteAll(keyColumns), quoteAll(others), quoteAll(columns),
                List.copyOf(keyColumns), others, List.copyOf(columns));
    }

    private List<String> quoteAll(List<String> names) {
        return names.stream().map(this::quoteIdentifier).toList();
    }

    /** @return {@code "a, b, c"} */
    static String join(List<String> items) {
        return String.join(", ", items);
    }

    /** @return {@code ":a, :b, :c"} */
    static String parameters(List<String> names) {
        StringJoiner out = new StringJoiner(", ");
        for (String name : names) {
            out.add(":" + name);
        }
        return out.toString();
    }

    /**
     * The pieces of an upsert: quoted names for the SQL, raw names for the {@code :name}
     * parameters.
     */
    record UpsertParts(String table, List<String> quotedKeys, List<String> quotedOthers, List<String> quotedColumns,
            List<String> keys, List<String> others, List<String> columns) {
    }

    @Override
    public String toString() {
        return "Dialect[" + displayName() + "]";
    }
}
