package io.multidb.dao;

import io.multidb.connection.Column;
import io.multidb.connection.Session;
import io.multidb.dao.internal.Dialects;
import io.multidb.dao.internal.Identifiers;
import io.multidb.connection.spi.NamedStatement;
import io.multidb.dao.internal.Statements;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Base class of data access objects: a DAO is constructed with a {@link Session} and uses the
 * protected helpers below, so the same DAO works in a plain session and inside a multi-database
 * unit of work.
 *
 * <pre>{@code
 * public final class UserDao extends DaoBase {
 *     public UserDao(Session session) {
 *         super(session);
 *     }
 *
 *     public Optional<User> findByEmail(String email) {
 *         return queryOptional(User.class, "select * from users where email = ?", email);
 *     }
 *
 *     public long register(String name, String email) {
 *         return insertReturningKey(Long.class, "id", "users", Map.of("name", name, "email", email));
 *     }
 * }
 *
 * try (Session s = DatabaseManager.getSession("users")) {
 *     UserDao users = new UserDao(s);
 *     long id = users.register("Ada", "ada@example.org");
 *     s.commit();
 * }
 *
 * DatabaseManager.inTransaction(TransactionMode.BEST_EFFORT, List.of("users", "audit"), u -> {
 *     new UserDao(u.session("users")).register("Grace", "grace@example.org");
 *     new AuditDao(u.session("audit")).record("registered Grace");
 *     return null;
 * });
 * }</pre>
 *
 * <h2>What the helpers do</h2>
 * <ul>
 *   <li><b>Typed queries</b> &mdash; {@code queryOne}, {@code queryOptional}, {@code queryList},
 *       {@code queryPage} &mdash; map each row to a record (canonical constructor; columns matched
 *       to components by name or {@link Column}, ignoring case and underscores), a bean (no-argument
 *       constructor and setters) or, for a single column, a scalar such as {@code Long},
 *       {@code String}, {@code BigDecimal}, {@code Instant}, {@code LocalDate}, {@code UUID} or an
 *       enum. Each comes with positional {@code ?} arguments or a map for named {@code :name}
 *       parameters. For rows as maps, or for Jdbi's full API, use {@link #session()}.</li>
 *   <li><b>Statements</b> &mdash; {@code execute}, {@code executeReturningKey}.</li>
 *   <li><b>Table helpers</b> that write the SQL for you &mdash; {@code insert},
 *       {@code insertReturningKey}, {@code batchInsert}, {@code update}, {@code delete},
 *       {@code upsert}, {@code count}, {@code exists}, {@code nextSequenceValue}. Their table and
 *       column names must be plain identifiers (see {@link Dialect}): anything else is an
 *       {@link IllegalArgumentException} before a connection is borrowed or any SQL is sent, so
 *       a name taken from a request can never inject SQL. Values always travel as parameters.</li>
 * </ul>
 *
 * <p>All helpers run on the session's connection with plain JDBC (no Jdbi handle), through the
 * statement engine the session itself uses: values bind as the session binds them ({@code null} as
 * SQL NULL, {@code Instant} as a timestamp, enums by name, booleans as 1/0 on Oracle, UUIDs as text
 * where the engine has no uuid type), rows map as the session maps them, and the same mistake fails
 * with the same exception ({@link io.multidb.connection.StatementParameterException},
 * {@link io.multidb.connection.RowMappingException}). They take part in the session's transaction:
 * commit through the session, or let the unit of work commit. Constructed with a read-only session
 * ({@code DatabaseManager.getReadSession}), a DAO's reads run in auto-commit. A database failure is
 * a {@link io.multidb.connection.SqlExecutionException} naming the label, the SQLState and the SQL.
 *
 * <p>The dialect is found from the connection's metadata the first time one is needed (which
 * borrows the session's connection, as any statement would); pass one to
 * {@link #DaoBase(Session, Dialect)} to choose it.
 *
 * <p>Thread-safety: a DAO is used by one thread at a time, like its session. Create one per
 * session; both are cheap.
 */
public abstract class DaoBase {
    private final Session session;
    private Dialect dialect;
    private Statements statements;

    /**
     * @param session the session every helper runs on; the DAO does not close it
     * @throws NullPointerException when {@code session} is {@code null}
     */
    protected DaoBase(Session session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /**
     * For a database whose product is not one of the five engines (or H2 in a compatibility mode
     * that should be treated as another engine).
     *
     * <pre>{@code
     * super(session, Dialect.of(Engine.ORACLE));
     * }</pre>
     *
     * @param session the session every helper runs on; the DAO does not close it
     * @param dialect the SQL dialect to write
     * @throws NullPointerException when an argument is {@code null}
     */
    protected DaoBase(Session session, Dialect dialect) {
        this.session = Objects.requireNonNull(session, "session");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * @return the session this DAO runs on, for what the helpers do not cover: rows as maps
     *     ({@code session().query(sql)}), Jdbi ({@code session().handle()}), JDBC
     *     ({@code session().connection()}), or {@code commit()}
     */
    protected final Session session() {
        return session;
    }

    /**
     * @return the dialect of the session's database; found from the connection's metadata on the
     *     first call unless given to the constructor
     */
    protected final Dialect dialect() {
        if (dialect == null) {
            dialect = Dialects.detect(session);
        }
        return dialect;
    }

    /** @return the statement runner, created with the dialect on first use */
    final Statements statements() {
        if (statements == null) {
            statements = new Statements(session, dialect());
        }
        return statements;
    }

    // ---------------------------------------------------------------- typed queries

    /**
     * Runs a query that must return exactly one row.
     *
     * <pre>{@code
     * long n = queryOne(Long.class, "select count(*) from posts where author_id = ?", authorId);
     * User u = queryOne(User.class, "select * from users where id = ?", id);
     * }</pre>
     *
     * @param type the row type: a record, a bean, or a scalar for one column
     * @param sql  the query, with positional {@code ?} parameters
     * @param args one value per {@code ?}
     * @param <T>  the row type
     * @return the row; {@code null} only when a single column holds SQL NULL
     * @throws IncorrectResultSizeException when the query returns no row or more than one
     */
    protected final <T> T queryOne(Class<T> type, String sql, Object... args) {
        List<T> rows = statements().query(Statements.mapping(session.label(), type), sql, args, 2);
        if (rows.size() != 1) {
            throw new IncorrectResultSizeException(session.label(), sql, "exactly one row", rows.size());
        }
        return rows.get(0);
    }

    /**
     * As {@link #queryOne(Class, String, Object...)}, with named {@code :name} parameters.
     *
     * <pre>{@code
     * User u = queryOne(User.class, "select * from users where email = :email", Map.of("email", email));
     * }</pre>
     *
     * @param type   the row type
     * @param sql    the query, with {@code :name} parameters
     * @param params a value for every name, and no other key
     * @param <T>    the row type
     * @return the row
     * @throws IncorrectResultSizeException when the query returns no row or more than one
     * @throws io.multidb.connection.StatementParameterException when a name has no value, or the map
     *     has a key the query does not use
     */
    protected final <T> T queryOne(Class<T> type, String sql, Map<String, ?> params) {
        NamedStatement named = Statements.named(session.label(), sql);
        return queryOne(type, named.sql(), Statements.arguments(session.label(), named, params));
    }

    /**
     * Runs a query that returns at most one row.
     *
     * <pre>{@code
     * Optional<User> u = queryOptional(User.class, "select * from users where email = ?", email);
     * }</pre>
     *
     * @param type the row type
     * @param sql  the query, with positional {@code ?} parameters
     * @param args one value per {@code ?}
     * @param <T>  the row type
     * @return the row, or empty when there is none (or its single column is NULL)
     * @throws IncorrectResultSizeException when the query returns more than one row
     */
    protected final <T> Optional<T> queryOptional(Class<T> type, String sql, Object... args) {
        List<T> rows = statements().query(Statements.mapping(session.label(), type), sql, args, 2);
        if (rows.size() > 1) {
            throw new IncorrectResultSizeException(session.label(), sql, "at most one row", rows.size());
        }
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /**
     * As {@link #queryOptional(Class, String, Object...)}, with named {@code :name} parameters.
     *
     * @param type   the row type
     * @param sql    the query, with {@code :name} parameters
     * @param params a value for every name, and no other key
     * @param <T>    the row type
     * @return the row, or empty
     * @throws IncorrectResultSizeException when the query returns more than one row
     */
    protected final <T> Optional<T> queryOptional(Class<T> type, String sql, Map<String, ?> params) {
        NamedStatement named = Statements.named(session.label(), sql);
        return queryOptional(type, named.sql(), Statements.arguments(session.label(), named, params));
    }

    /**
     * Runs a query and maps every row.
     *
     * <pre>{@code
     * List<Post> drafts = queryList(Post.class,
     *         "select * from posts where author_id = ? and published = ? order by id", authorId, false);
     * List<String> titles = queryList(String.class, "select title from posts order by id");
     * }</pre>
     *
     * @param type the row type
     * @param sql  the query, with positional {@code ?} parameters
     * @param args one value per {@code ?}
     * @param <T>  the row type
     * @return the rows, in query order; empty when there are none
     */
    protected final <T> List<T> queryList(Class<T> type, String sql, Object... args) {
        return statements().query(Statements.mapping(session.label(), type), sql, args, 0);
    }

    /**
     * As {@link #queryList(Class, String, Object...)}, with named {@code :name} parameters.
     *
     * <pre>{@code
     * List<Post> posts = queryList(Post.class, "select * from posts where author_id = :author order by id",
     *         Map.of("author", authorId));
     * }</pre>
     *
     * @param type   the row type
     * @param sql    the query, with {@code :name} parameters
     * @param params a value for every name, and no other key
     * @param <T>    the row type
     * @return the rows, in query order
     */
    protected final <T> List<T> queryList(Class<T> type, String sql, Map<String, ?> params) {
        NamedStatement named = Statements.named(session.label(), sql);
        return queryList(type, named.sql(), Statements.arguments(session.label(), named, params));
    }

    /**
     * Runs an ordered query and returns one page of it, cut by the dialect
     * ({@code LIMIT/OFFSET} or {@code OFFSET/FETCH}). One row more than the page size is read to
     * tell whether another page follows.
     *
     * <pre>{@code
     * Page<Post> page = queryPage(Post.class,
     *         "select * from posts where author_id = ? order by created_at desc, id desc",
     *         PageRequest.of(2, 20), authorId);
     * }</pre>
     *
     * @param type         the row type
     * @param orderedQuery the query, ending with an {@code ORDER BY} that makes the order total
     *                     (SQL Server refuses pagination without one)
     * @param page         the page to read
     * @param args         one value per {@code ?} of the query
     * @param <T>          the row type
     * @return the page
     */
    protected final <T> Page<T> queryPage(Class<T> type, String orderedQuery, PageRequest page, Object... args) {
        Objects.requireNonNull(page, "page");
        Dialect d = dialect();
        List<T> rows = statements().query(Statements.mapping(session.label(), type), d.paginate(orderedQuery),
                d.withPaginationArguments(args, page.offset(), page.size() + 1), 0);
        boolean hasNext = rows.size() > page.size();
        return new Page<>(hasNext ? rows.subList(0, page.size()) : rows, page, hasNext);
    }

    /**
     * As {@link #queryPage(Class, String, PageRequest, Object...)}, with named {@code :name}
     * parameters.
     *
     * @param type         the row type
     * @param orderedQuery the query, ending with its {@code ORDER BY}
     * @param page         the page to read
     * @param params       a value for every name, and no other key
     * @param <T>          the row type
     * @return the page
     */
    protected final <T> Page<T> queryPage(Class<T> type, String orderedQuery, PageRequest page,
            Map<String, ?> params) {
        NamedStatement named = Statements.named(session.label(), orderedQuery);
        return queryPage(type, named.sql(), page, Statements.arguments(session.label(), named, params));
    }

    // ---------------------------------------------------------------- statements

    /**
     * Runs an insert, update, delete or DDL statement. Unlike {@code session().execute(...)}, values
     * are bound through the dialect (booleans as 1/0 on Oracle, UUIDs as text where there is no
     * UUID type).
     *
     * <pre>{@code
     * int archived = execute("update posts set archived = ? where created_at < ?", true, cutoff);
     * }</pre>
     *
     * @param sql  the statement, with positional {@code ?} parameters
     * @param args one value per {@code ?}
     * @return the number of rows changed (0 for DDL)
     */
    protected final int execute(String sql, Object... args) {
        return statements().update(sql, args);
    }

    /**
     * As {@link #execute(String, Object...)}, with named {@code :name} parameters; also runs what
     * {@link Dialect#upsert(String, List, List)} writes.
     *
     * <pre>{@code
     * execute("update users set name = :name, updated_at = :now where id = :id",
     *         Map.of("name", name, "now", Instant.now(), "id", id));
     * }</pre>
     *
     * @param sql    the statement, with {@code :name} parameters
     * @param params a value for every name, and no other key
     * @return the number of rows changed
     */
    protected final int execute(String sql, Map<String, ?> params) {
        NamedStatement named = Statements.named(session.label(), sql);
        return statements().update(named.sql(), Statements.arguments(session.label(), named, params));
    }

    /**
     * Runs an insert you wrote and returns the key the database generated for it. PostgreSQL,
     * Oracle and H2 return the named key column; MariaDB and SQL Server return their
     * {@code auto_increment} / identity value, so on those engines only such keys can be fetched.
     *
     * <pre>{@code
     * long id = executeReturningKey(Long.class, "id",
     *         "insert into posts (author_id, title, created_at) values (?, ?, " + dialect().currentTimestamp() + ")",
     *         authorId, title);
     * }</pre>
     *
     * @param keyType   the key's type: {@code Long}, {@code Integer}, {@code UUID}, {@code String}, ...
     * @param keyColumn the generated key column, a plain identifier
     * @param sql       the insert, with positional {@code ?} parameters
     * @param args      one value per {@code ?}
     * @param <K>       the key type
     * @return the generated key
     */
    protected final <K> K executeReturningKey(Class<K> keyType, String keyColumn, String sql, Object... args) {
        Identifiers.requirePlain("key column name", keyColumn);
        dialect().foldCase(keyColumn); // checks its length before the connection prepares anything
        return statements().insertReturningKey(keyType, keyColumn, sql, args);
    }

    // ---------------------------------------------------------------- table helpers

    /**
     * Inserts one row.
     *
     * <pre>{@code
     * insert("tags", Map.of("post_id", postId, "tag", "java"));
     * }</pre>
     *
     * @param table  the table, optionally {@code schema.table}
     * @param values column to value, at least one
     * @throws IllegalArgumentException when a name is not a plain identifier or {@code values} is
     *     empty; nothing is sent
     */
    protected final void insert(String table, Map<String, ?> values) {
        Identifiers.requireQualified("table name", table);
        List<String> columns = columns(values, "values of the insert into " + table);
        statements().update(insertSql(table, columns), valuesOf(values, columns));
    }

    /**
     * Inserts one row and returns the key the database generated (identity, auto_increment or, on
     * PostgreSQL, Oracle and H2, any default such as {@code gen_random_uuid()}).
     *
     * <pre>{@code
     * long id = insertReturningKey(Long.class, "id", "users",
     *         Map.of("name", "Ada", "email", "ada@example.org", "created_at", Instant.now()));
     * }</pre>
     *
     * @param keyType   the key's type: {@code Long}, {@code Integer}, {@code UUID}, ...
     * @param keyColumn the generated key column, left out of {@code values}
     * @param table     the table, optionally {@code schema.table}
     * @param values    column to value, at least one
     * @param <K>       the key type
     * @return the generated key
     * @throws IllegalArgumentException when a name is not a plain identifier or {@code values} is
     *     empty; nothing is sent
     */
    protected final <K> K insertReturningKey(Class<K> keyType, String keyColumn, String table,
            Map<String, ?> values) {
        Identifiers.requirePlain("key column name", keyColumn);
        Identifiers.requireQualified("table name", table);
        List<String> columns = columns(values, "values of the insert into " + table);
        String sql = insertSql(table, columns);
        dialect().foldCase(keyColumn); // checks its length before the connection prepares anything
        return statements().insertReturningKey(keyType, keyColumn, sql, valuesOf(values, columns));
    }

    /**
     * Inserts many rows with JDBC batching, 1000 rows per {@code executeBatch()}. Every row must
     * have the same columns. How fast a batch travels is the driver's business, set in the label's
     * driver {@code properties}; Multidb does not change them: pgJDBC rewrites a batch into multi-row inserts with {@code reWriteBatchedInserts=true};
     * MariaDB Connector/J 3 sends insert batches in bulk by default ({@code useBulkStmtsForInserts},
     * and {@code useBulkStmts} for updates and deletes too), where Connector/J 2 and MySQL's driver
     * used {@code rewriteBatchedStatements=true}.
     *
     * <pre>{@code
     * batchInsert("events", List.of(
     *         Map.of("kind", "login", "user_id", 1),
     *         Map.of("kind", "logout", "user_id", 1)));
     * }</pre>
     *
     * @param table the table, optionally {@code schema.table}
     * @param rows  one map of column to value per row; nothing is sent when empty
     * @return the number of rows inserted
     * @throws IllegalArgumentException when a name is not a plain identifier or the rows do not all
     *     have the same columns; nothing is sent
     */
    protected final int batchInsert(String table, List<? extends Map<String, ?>> rows) {
        Identifiers.requireQualified("table name", table);
        Objects.requireNonNull(rows, "rows");
        if (rows.isEmpty()) {
            return 0;
        }
        List<String> columns = columns(rows.get(0), "columns of the first row of the batch insert into " + table);
        Set<String> expected = Set.copyOf(columns);
        List<Object[]> arguments = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, ?> row = Objects.requireNonNull(rows.get(i), "row");
            if (!row.keySet().equals(expected)) {
                throw new IllegalArgumentException("Row " + i + " of the batch insert into " + table + " has columns "
                        + row.keySet() + " but row 0 has " + columns + "; every row of a batch needs the same columns");
            }
            arguments.add(valuesOf(row, columns));
        }
        return statements().batch(insertSql(table, columns), arguments);
    }

    /**
     * Updates the rows that match every column of {@code where} (a {@code null} value matches
     * NULL).
     *
     * <pre>{@code
     * int changed = update("users", Map.of("name", "Ada King", "updated_at", Instant.now()), Map.of("id", 7));
     * }</pre>
     *
     * @param table  the table, optionally {@code schema.table}
     * @param values column to new value, at least one
     * @param where  column to required value, at least one: to change every row, write the
     *               statement with {@link #execute(String, Object...)}
     * @return the number of rows changed
     * @throws IllegalArgumentException when a name is not a plain identifier or a map is empty;
     *     nothing is sent
     */
    protected final int update(String table, Map<String, ?> values, Map<String, ?> where) {
        Identifiers.requireQualified("table name", table);
        List<String> set = columns(values, "values of the update of " + table);
        List<String> keys = whereColumns(where, table, "update");
        Dialect d = dialect();
        StringBuilder sql = new StringBuilder("UPDATE ").append(d.quoteQualifiedName(table)).append(" SET ");
        for (int i = 0; i < set.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(d.quoteIdentifier(set.get(i))).append(" = ?");
        }
        List<Object> args = new ArrayList<>(Arrays.asList(valuesOf(values, set)));
        appendWhere(sql, keys, where, args);
        return statements().update(sql.toString(), args.toArray());
    }

    /**
     * Deletes the rows that match every column of {@code where} (a {@code null} value matches
     * NULL).
     *
     * <pre>{@code
     * int removed = delete("sessions", Map.of("user_id", 7));
     * }</pre>
     *
     * @param table the table, optionally {@code schema.table}
     * @param where column to required value, at least one: to empty a table, write the statement
     *              with {@link #execute(String, Object...)}
     * @return the number of rows deleted
     * @throws IllegalArgumentException when a name is not a plain identifier or {@code where} is
     *     empty; nothing is sent
     */
    protected final int delete(String table, Map<String, ?> where) {
        Identifiers.requireQualified("table name", table);
        List<String> keys = whereColumns(where, table, "delete");
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(dialect().quoteQualifiedName(table));
        List<Object> args = new ArrayList<>();
        appendWhere(sql, keys, where, args);
        return statements().update(sql.toString(), args.toArray());
    }

    /**
     * Inserts a row, or updates the row with the same key (see
     * {@link Dialect#upsert(String, List, List)} for the statement each engine gets and its
     * conditions: PostgreSQL needs a unique constraint on exactly the key columns, MariaDB reacts
     * to any unique key). The engines report different row counts for an upsert, so none is
     * returned.
     *
     * <pre>{@code
     * upsert("user_settings", List.of("user_id", "name"), Map.of("user_id", 7, "name", "theme", "value", "dark"));
     * }</pre>
     *
     * @param table      the table, optionally {@code schema.table}
     * @param keyColumns the columns that identify a row; each must be a key of {@code values}
     * @param values     column to value, keys included
     * @throws IllegalArgumentException when a name is not a plain identifier, a key column has no
     *     value, or a collection is empty; nothing is sent
     */
    protected final void upsert(String table, Collection<String> keyColumns, Map<String, ?> values) {
        Identifiers.requireQualified("table name", table);
        Objects.requireNonNull(keyColumns, "keyColumns");
        for (String key : keyColumns) {
            Identifiers.requirePlain("key column name", key);
        }
        List<String> columns = columns(values, "values of the upsert into " + table);
        String sql = dialect().upsert(table, List.copyOf(keyColumns), columns);
        NamedStatement named = Statements.named(session.label(), sql);
        statements().update(named.sql(), Statements.arguments(session.label(), named, values));
    }

    /**
     * Counts the rows that match every column of {@code where}.
     *
     * <pre>{@code
     * long drafts = count("posts", Map.of("author_id", 7, "published", false));
     * long all = count("posts", Map.of());
     * }</pre>
     *
     * @param table the table, optionally {@code schema.table}
     * @param where column to required value; empty counts the whole table
     * @return the number of rows
     * @throws IllegalArgumentException when a name is not a plain identifier; nothing is sent
     */
    protected final long count(String table, Map<String, ?> where) {
        Identifiers.requireQualified("table name", table);
        List<String> keys = optionalWhereColumns(where);
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM ").append(dialect().quoteQualifiedName(table));
        List<Object> args = new ArrayList<>();
        appendWhere(sql, keys, where, args);
        return statements().queryLong(sql.toString(), args.toArray());
    }

    /**
     * Tells whether any row matches every column of {@code where}, without counting them all.
     *
     * <pre>{@code
     * if (exists("users", Map.of("email", email))) { ... taken ... }
     * }</pre>
     *
     * @param table the table, optionally {@code schema.table}
     * @param where column to required value; empty asks whether the table has any row
     * @return whether such a row exists
     * @throws IllegalArgumentException when a name is not a plain identifier; nothing is sent
     */
    protected final boolean exists(String table, Map<String, ?> where) {
        Identifiers.requireQualified("table name", table);
        List<String> keys = optionalWhereColumns(where);
        Dialect d = dialect();
        StringBuilder inner = new StringBuilder("SELECT 1 FROM ").append(d.quoteQualifiedName(table));
        List<Object> args = new ArrayList<>();
        appendWhere(inner, keys, where, args);
        String sql = d.selectExpression("CASE WHEN EXISTS (" + inner + ") THEN 1 ELSE 0 END");
        return statements().queryLong(sql, args.toArray()) == 1;
    }

    /**
     * Takes the next value of a sequence.
     *
     * <pre>{@code
     * long orderNumber = nextSequenceValue("order_numbers");
     * }</pre>
     *
     * @param sequence the sequence, optionally {@code schema.sequence}
     * @return its next value
     * @throws IllegalArgumentException when the name is not a plain identifier; nothing is sent
     */
    protected final long nextSequenceValue(String sequence) {
        Identifiers.requireQualified("sequence name", sequence);
        Dialect d = dialect();
        return statements().queryLong(d.selectExpression(d.nextSequenceValue(sequence)), new Object[0]);
    }

    // ---------------------------------------------------------------- SQL building

    private String insertSql(String table, List<String> columns) {
        Dialect d = dialect();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(d.quoteQualifiedName(table)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(d.quoteIdentifier(columns.get(i)));
        }
        sql.append(") VALUES (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        return sql.append(')').toString();
    }

    private void appendWhere(StringBuilder sql, List<String> keys, Map<String, ?> where, List<Object> args) {
        Dialect d = dialect();
        for (int i = 0; i < keys.size(); i++) {
            String column = keys.get(i);
            Object value = where.get(column);
            sql.append(i == 0 ? " WHERE " : " AND ").append(d.quoteIdentifier(column));
            if (value == null) {
                sql.append(" IS NULL");
            } else {
                sql.append(" = ?");
                args.add(value);
            }
        }
    }

    /** Validates the column names of a map, in its iteration order; the map must not be empty. */
    private static List<String> columns(Map<String, ?> values, String what) {
        Objects.requireNonNull(values, what);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("The " + what + " are empty; give at least one column");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String column : values.keySet()) {
            names.add(Identifiers.requirePlain("column name", column));
        }
        return List.copyOf(names);
    }

    private static List<String> whereColumns(Map<String, ?> where, String table, String verb) {
        Objects.requireNonNull(where, "where");
        if (where.isEmpty()) {
            throw new IllegalArgumentException("Refusing to " + verb + " every row of " + table + ": the where map is"
                    + " empty. Give at least one column to match, or write the statement with execute(...)");
        }
        return columns(where, "where columns");
    }

    private static List<String> optionalWhereColumns(Map<String, ?> where) {
        Objects.requireNonNull(where, "where; pass Map.of() for none");
        return where.isEmpty() ? List.of() : columns(where, "where columns");
    }

    private static Object[] valuesOf(Map<String, ?> values, List<String> columns) {
        Object[] out = new Object[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(columns.get(i));
        }
        return out;
    }
}
