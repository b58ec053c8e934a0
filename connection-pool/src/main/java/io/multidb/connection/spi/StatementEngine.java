package io.multidb.connection.spi;

import io.multidb.connection.Engine;
import io.multidb.connection.internal.statement.Binder;
import io.multidb.connection.internal.statement.ColumnNames;
import io.multidb.connection.internal.statement.GeneratedKeys;
import io.multidb.connection.internal.statement.NamedParameters;
import io.multidb.connection.internal.statement.RecordShape;
import io.multidb.connection.internal.statement.RowMappings;
import io.multidb.connection.internal.statement.SqlRunner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The statement engine that sessions run on, for modules that run statements on a session's
 * connection themselves ({@code multidb-dao}): the same binding per engine, the same named
 * parameters, the same row mappings, so that a value binds, a row maps and a mistake fails alike
 * from a session and from such a module.
 *
 * <pre>{@code
 * StatementEngine engine = StatementEngine.of(Engine.POSTGRESQL);
 * List<User> users = engine.query(session.connection(), StatementEngine.rowMapping(User.class),
 *         "select * from users where id = ?", new Object[] {42}, 0);
 * }</pre>
 *
 * <p>Failures are the driver's {@link SQLException}s, for the caller to translate with
 * {@code SqlExecutionException.translate(session, sql, e)}; mapping and parameter failures are
 * {@link io.multidb.connection.RowMappingException} and
 * {@link io.multidb.connection.StatementParameterException}, perhaps without a label (see
 * {@link ErrorTranslation#labelled}).
 *
 * <p>Thread-safety: immutable and thread-safe; one instance per engine.
 */
public final class StatementEngine {
    /** Rows sent per {@code executeBatch()} by {@link #batch}, so a long list does not pile up in the driver. */
    public static final int BATCH_SIZE = SqlRunner.BATCH_SIZE;

    /** One per engine, made once: a DAO asks for its engine's on every construction. */
    private static final StatementEngine[] BY_ENGINE = java.util.Arrays.stream(Engine.values())
            .map(e -> new StatementEngine(Binder.of(e))).toArray(StatementEngine[]::new);

    private final Binder binder;

    private StatementEngine(Binder binder) {
        this.binder = binder;
    }

    /**
     * @param engine the database engine
     * @return its statement engine
     */
    public static StatementEngine of(Engine engine) {
        return BY_ENGINE[engine.ordinal()];
    }

    /**
     * @return the engine whose binding this uses
     */
    public Engine engine() {
        return binder.engine();
    }

    /**
     * @param statement a prepared statement
     * @param args      one value per {@code ?}, bound as sessions bind them
     * @throws SQLException when the driver refuses a value
     */
    public void bind(PreparedStatement statement, Object[] args) throws SQLException {
        binder.bind(statement, args);
    }

    /**
     * @param statement a prepared statement
     * @param index     1-based parameter index
     * @param value     the value, bound as sessions bind it
     * @throws SQLException when the driver refuses it
     */
    public void set(PreparedStatement statement, int index, Object value) throws SQLException {
        binder.set(statement, index, value);
    }

    /**
     * @param c    a connection
     * @param sql  an insert, update, delete or DDL statement with positional parameters
     * @param args its arguments
     * @return the number of rows changed
     * @throws SQLException what the driver threw
     */
    public int update(Connection c, String sql, Object[] args) throws SQLException {
        return SqlRunner.update(c, binder, sql, args);
    }

    /**
     * @param c       a connection
     * @param mapping how rows map
     * @param sql     a query with positional parameters
     * @param args    its arguments
     * @param maxRows rows to read at most, or 0 for all
     * @param <T>     the row type
     * @return the mapped rows, in order
     * @throws SQLException what the driver threw
     */
    public <T> List<T> query(Connection c, RowMapping<T> mapping, String sql, Object[] args, int maxRows)
            throws SQLException {
        return SqlRunner.query(c, binder, mapping, sql, args, maxRows);
    }

    /**
     * @param c    a connection
     * @param sql  a statement with positional parameters
     * @param rows one argument array per row, sent {@link #BATCH_SIZE} at a time
     * @return the number of rows changed
     * @throws SQLException what the driver threw
     */
    public int batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        return SqlRunner.batch(c, binder, sql, rows);
    }

    /**
     * @param sql a statement with {@code :name} parameters
     * @return it rewritten to positional parameters (remembered: a statement is parsed once)
     * @throws io.multidb.connection.StatementParameterException when it also has a positional
     *     {@code ?}
     */
    public static NamedStatement named(String sql) {
        return NamedParameters.parse(sql);
    }

    /**
     * @param type a record, a bean, or a single-column type such as {@code Long} or {@code String}
     * @param <T>  the row type
     * @return how sessions map rows to it
     * @throws io.multidb.connection.RowMappingException when rows cannot be mapped to the type
     */
    public static <T> RowMapping<T> rowMapping(Class<T> type) {
        return RowMappings.of(type);
    }

    /**
     * @param type a record class
     * @return its layout
     * @throws io.multidb.connection.RowMappingException when it is not a record, or its constructor
     *     or accessors cannot be reached
     */
    public static RecordLayout recordLayout(Class<?> type) {
        return RecordShape.of(type);
    }

    /**
     * @param keys      the generated keys of an insert, on their row
     * @param keyType   the key's Java type
     * @param keyColumn the key column, for messages
     * @param <K>       the key type
     * @return the key, converted as sessions convert a column
     * @throws SQLException when the driver cannot read it
     */
    public static <K> K generatedKey(ResultSet keys, Class<K> keyType, String keyColumn) throws SQLException {
        return GeneratedKeys.read(keys, keyType, keyColumn);
    }

    /**
     * @param javaName a Java name such as {@code createdAt}
     * @return the column name sessions match it with by default: {@code created_at}
     */
    public static String columnName(String javaName) {
        return ColumnNames.snakeCase(javaName);
    }
}
