package io.multidb.dao;

import io.multidb.connection.Engine;
import io.multidb.dao.internal.Dialects;
import java.util.List;

/**
 * The SQL that differs between engines: how names are quoted, how a page is cut, how an upsert
 * is spelled. How values are bound and rows are read is the same for sessions and DAOs and is not
 * a dialect's business. There is one dialect per
 * {@link Engine}; {@link DaoBase} picks the one of its session's database, so a DAO written
 * against H2 runs unchanged on PostgreSQL, MariaDB, Oracle and SQL Server.
 *
 * <pre>{@code
 * Dialect pg = Dialect.of(Engine.POSTGRESQL);
 * pg.quoteQualifiedName("app.users");                 // app.users
 * pg.quoteIdentifier("order");                        // "order"   (a reserved word)
 * pg.paginate("select * from users order by id");     // ... LIMIT ? OFFSET ?
 * pg.withPaginationArguments(new Object[] {}, 40, 20); // [20, 40]
 * pg.upsert("users", List.of("id"), List.of("id", "name"));
 * // INSERT INTO users (id, name) VALUES (:id, :name) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
 * }</pre>
 *
 * <h2>Names: validation, quoting and case</h2>
 * <p>Names given to a dialect (and to every helper of {@link DaoBase} and {@link EntityDao}) must
 * be <em>plain identifiers</em>: an ASCII letter or underscore, then ASCII letters, digits or
 * underscores, no longer than the engine allows ({@link #maxIdentifierLength()}); table and
 * sequence names may be qualified once, {@code schema.name}. Anything else &mdash; quotes,
 * spaces, semicolons, comment markers, non-ASCII look-alikes, an empty string, {@code null}
 * &mdash; is an {@link IllegalArgumentException}, so a name can never carry SQL.
 *
 * <p>A plain identifier is written <em>unquoted</em>, so the database folds its case exactly as it
 * folded the unquoted names of your DDL: {@code create table users (createdAt ...)} and the
 * component or column name {@code createdAt} meet on every engine. Only reserved words
 * ({@code order}, {@code user}, {@code key}, {@code value}, ... &mdash; the union of the reserved
 * words of all five engines, so the SQL is the same everywhere) are quoted, and they are quoted in
 * the case the engine folds unquoted names to ({@link #foldCase(String)}): {@code "order"} on
 * PostgreSQL, {@code "ORDER"} on Oracle and H2, {@code `order`} on MariaDB and {@code [order]} on
 * SQL Server, which do not fold. That is the name a table gets from DDL that quotes the word in the
 * engine's folded case; DDL that quoted a name in another case ({@code create table "Users"} on
 * PostgreSQL) is not reachable through the helpers: write such statements by hand. H2 databases
 * opened with {@code DATABASE_TO_LOWER=TRUE} fold to lower case, unlike the H2 dialect's reserved
 * word quoting: avoid reserved words as names there.
 *
 * <h2>Parameters</h2>
 * <p>{@link #paginate(String)} appends positional {@code ?} placeholders;
 * {@link #upsert(String, List, List)} names its parameters after the columns ({@code :name}), since
 * some engines need a value twice. {@link DaoBase#execute(String, java.util.Map)} and
 * {@link io.multidb.connection.Session#execute(String, java.util.Map)} bind such statements from a
 * map.
 *
 * <p>Implementations are provided by Multidb for every {@link Engine}; this interface is not meant
 * to be implemented by applications and may gain methods.
 *
 * <p>Thread-safety: dialects are immutable and thread-safe.
 */
public interface Dialect {

    /**
     * @param engine an engine
     * @return the dialect of that engine, the same instance on every call
     */
    static Dialect of(Engine engine) {
        return Dialects.of(engine);
    }

    /**
     * @return the engine this dialect writes SQL for
     */
    Engine engine();

    /**
     * @return the longest identifier the engine accepts: 63 on PostgreSQL, 64 on MariaDB, 128 on
     *     Oracle and SQL Server, 256 on H2. Longer names are refused rather than truncated (as
     *     PostgreSQL would silently do).
     */
    int maxIdentifierLength();

    /**
     * The name under which the engine stores an unquoted identifier.
     *
     * <pre>{@code
     * Dialect.of(Engine.POSTGRESQL).foldCase("createdAt");  // createdat
     * Dialect.of(Engine.ORACLE).foldCase("createdAt");      // CREATEDAT
     * Dialect.of(Engine.MARIADB).foldCase("createdAt");     // createdAt
     * }</pre>
     *
     * @param identifier a plain identifier
     * @return lower case on PostgreSQL, upper case on Oracle and H2, unchanged on MariaDB and SQL
     *     Server
     * @throws IllegalArgumentException when {@code identifier} is not a plain identifier
     */
    String foldCase(String identifier);

    /**
     * Validates a column (or other unqualified) name and writes it for SQL: unquoted, or quoted in
     * the folded case when it is a reserved word.
     *
     * <pre>{@code
     * Dialect.of(Engine.H2).quoteIdentifier("email");   // email
     * Dialect.of(Engine.H2).quoteIdentifier("value");   // "VALUE"
     * Dialect.of(Engine.H2).quoteIdentifier("a; drop table t");  // IllegalArgumentException
     * }</pre>
     *
     * @param name a plain identifier
     * @return the name as it goes into SQL
     * @throws IllegalArgumentException when {@code name} is not a plain identifier or is too long
     */
    String quoteIdentifier(String name);

    /**
     * Validates a table or sequence name, optionally schema-qualified, and writes it for SQL: each
     * part as {@link #quoteIdentifier(String)} writes it.
     *
     * <pre>{@code
     * Dialect.of(Engine.SQLSERVER).quoteQualifiedName("dbo.order");  // dbo.[order]
     * }</pre>
     *
     * @param name {@code name} or {@code schema.name}, each part a plain identifier
     * @return the name as it goes into SQL
     * @throws IllegalArgumentException when a part is not a plain identifier, is too long, or there
     *     are more than two parts
     */
    String quoteQualifiedName(String name);

    /**
     * Appends the engine's row-limiting clause to an ordered query: {@code LIMIT ? OFFSET ?} on
     * PostgreSQL and MariaDB, {@code OFFSET ? ROWS FETCH NEXT ? ROWS ONLY} on Oracle (12c and
     * later), SQL Server (2012 and later) and H2. Bind its two values with
     * {@link #withPaginationArguments(Object[], long, int)}.
     *
     * <pre>{@code
     * String sql = dialect.paginate("select id, name from users where active = ? order by id");
     * session.query(sql, dialect.withPaginationArguments(new Object[] {true}, 40, 20));
     * }</pre>
     *
     * <p>The query must have an {@code ORDER BY} that makes the order total (end it with the key):
     * without one the pages may overlap, and SQL Server refuses {@code OFFSET} altogether.
     *
     * @param orderedQuery a query ending with its {@code ORDER BY} clause
     * @return the query with the clause appended
     */
    String paginate(String orderedQuery);

    /**
     * The arguments of a query that went through {@link #paginate(String)}: the query's own
     * followed by the page's two values in the order the clause takes them.
     *
     * @param arguments the query's own positional arguments (not changed)
     * @param offset    rows to skip, at least 0
     * @param limit     rows to return, at least 1
     * @return a new array, two longer than {@code arguments}
     * @throws IllegalArgumentException when {@code offset} is negative or {@code limit} is below 1
     */
    Object[] withPaginationArguments(Object[] arguments, long offset, int limit);

    /**
     * An insert that updates the row instead when one with the same key exists. Parameters are
     * named after the columns ({@code :email}), so bind it from a map of column to value.
     *
     * <table>
     *   <caption>Statements</caption>
     *   <tr><th>engine</th><th>statement</th></tr>
     *   <tr><td>PostgreSQL</td><td>{@code INSERT ... ON CONFLICT (k) DO UPDATE SET c = EXCLUDED.c}
     *       (needs a unique constraint or index on exactly the key columns)</td></tr>
     *   <tr><td>MariaDB</td><td>{@code INSERT ... ON DUPLICATE KEY UPDATE c = VALUES(c)} (fires on
     *       <em>any</em> unique key of the table, not only the key columns given)</td></tr>
     *   <tr><td>H2</td><td>{@code MERGE INTO t (...) KEY (k) VALUES (...)}</td></tr>
     *   <tr><td>Oracle</td><td>{@code MERGE INTO t tgt USING DUAL ON (tgt.k = :k) WHEN MATCHED
     *       THEN UPDATE ... WHEN NOT MATCHED THEN INSERT ...}</td></tr>
     *   <tr><td>SQL Server</td><td>{@code MERGE INTO t WITH (HOLDLOCK) AS tgt USING (VALUES (...))
     *       AS src (...) ON ... ;} (the lock hint keeps concurrent upserts of one key from both
     *       inserting)</td></tr>
     * </table>
     *
     * <p>When every column is a key column there is nothing to update: an existing row is left as
     * it is.
     *
     * @param table      the table, optionally schema-qualified
     * @param keyColumns the columns that identify a row, a non-empty subset of {@code columns}
     * @param columns    every column written, keys included
     * @return the statement, with one {@code :column} parameter per column
     * @throws IllegalArgumentException when a name is not a plain identifier, a list is empty or
     *     has duplicates, or a key column is not among the columns
     */
    String upsert(String table, List<String> keyColumns, List<String> columns);

    /**
     * @return an SQL expression for the current date and time: {@code CURRENT_TIMESTAMP} on
     *     PostgreSQL and H2, {@code CURRENT_TIMESTAMP(6)} on MariaDB (microseconds rather than
     *     seconds), {@code SYSTIMESTAMP} on Oracle, {@code SYSDATETIME()} on SQL Server
     */
    String currentTimestamp();

    /**
     * An SQL expression that takes the next value of a sequence.
     *
     * <pre>{@code
     * Dialect.of(Engine.POSTGRESQL).nextSequenceValue("order_seq");  // nextval('order_seq')
     * Dialect.of(Engine.ORACLE).nextSequenceValue("order_seq");      // order_seq.NEXTVAL
     * Dialect.of(Engine.H2).nextSequenceValue("order_seq");          // NEXT VALUE FOR order_seq
     * }</pre>
     *
     * @param sequence the sequence, optionally schema-qualified
     * @return the expression
     * @throws IllegalArgumentException when the name is not a plain identifier
     */
    String nextSequenceValue(String sequence);

    /**
     * A query that selects one expression without a table: {@code SELECT expr} on most engines,
     * {@code SELECT expr FROM DUAL} on Oracle.
     *
     * <pre>{@code
     * dialect.selectExpression(dialect.nextSequenceValue("order_seq"));
     * }</pre>
     *
     * @param expression an SQL expression, taken as it is
     * @return the query
     */
    String selectExpression(String expression);
}
