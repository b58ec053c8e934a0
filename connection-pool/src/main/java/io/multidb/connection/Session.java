package io.multidb.connection;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A conversation with the database of one label, used in a try-with-resources block. A session
 * costs nothing until it is used: it borrows its pooled connection on the first statement and
 * creates a Jdbi {@link Handle} only when {@link #handle()} asks for one; every other method runs on
 * plain JDBC. Work is transactional: nothing is visible to others until {@link #commit()}, and
 * {@link #close()} rolls back whatever was not committed before returning the connection.
 *
 * <p>Round trips: each statement costs one; {@link #commit()} one; {@link #close()} one when
 * statements ran since the last commit (the rollback of the transaction they opened), none
 * otherwise. For reads that need no transaction, a read-only session from
 * {@link DatabaseManager#getReadSession(String)} runs with auto-commit on and costs nothing at
 * close.
 *
 * <pre>{@code
 * try (Session s = DatabaseManager.getSession("default_db")) {
 *     s.execute("insert into users(id, name) values (?, ?)", 1, "Alice");
 *     s.execute("insert into users(id, name) values (:id, :name)", Map.of("id", 2, "name", "Bob"));
 *     s.commit();
 *     List<Map<String, Object>> rows = s.query("select * from users order by id");
 *     List<User> users = s.query(User.class, "select id, name from users where name like ?", "A%");
 * }
 * }</pre>
 *
 * <p>Thread-safety: a session is used by one thread at a time; hand it to another thread only with
 * a happens-before edge (an executor hand-off, say). Open one session per request or task.
 */
public interface Session extends AutoCloseable {

    /**
     * @return the label this session talks to
     */
    String label();

    /**
     * Runs an insert, update, delete or DDL statement with positional {@code ?} parameters.
     *
     * @param sql  the statement
     * @param args one value per {@code ?}, in order; {@code null} binds SQL NULL
     * @return the number of rows changed (0 for DDL)
     * @throws SqlExecutionException when the database rejects the statement
     */
    int execute(String sql, Object... args);

    /**
     * Runs a statement with named {@code :name} parameters.
     *
     * @param sql  the statement, for example {@code update users set name = :name where id = :id}
     * @param args a value for every {@code :name} in the statement
     * @return the number of rows changed
     * @throws SqlExecutionException when the database rejects the statement or a parameter is
     *     missing
     */
    int execute(String sql, Map<String, ?> args);

    /**
     * Runs a query with positional parameters.
     *
     * @param sql  the query
     * @param args one value per {@code ?}
     * @return one map per row, keyed by lower-case column label, in column order
     */
    List<Map<String, Object>> query(String sql, Object... args);

    /**
     * Runs a query with named {@code :name} parameters.
     *
     * @param sql  the query
     * @param args a value for every {@code :name}
     * @return one map per row, keyed by lower-case column label, in column order
     */
    List<Map<String, Object>> query(String sql, Map<String, ?> args);

    /**
     * Runs a query and maps each row to {@code type}: a record (by its canonical constructor), a
     * bean (no-argument constructor and setters), or, for a single-column result, a scalar such as
     * {@code Long}, {@code String}, {@code BigDecimal}, {@code UUID} or {@code LocalDate}. Columns
     * match components and properties by name, ignoring case and underscores
     * ({@code created_at} fills {@code createdAt}).
     *
     * @param type the row type
     * @param sql  the query
     * @param args one value per {@code ?}
     * @param <T>  the row type
     * @return the mapped rows
     */
    <T> List<T> query(Class<T> type, String sql, Object... args);

    /**
     * Commits the work done since the last commit or rollback.
     *
     * @throws IllegalStateException when this session belongs to a unit of work
     * @throws SqlExecutionException when the database refuses the commit
     */
    void commit();

    /**
     * Undoes the work done since the last commit or rollback.
     *
     * @throws IllegalStateException when this session belongs to a unit of work
     */
    void rollback();

    /**
     * The Jdbi handle on this session's connection, created on first call, for the full Jdbi API
     * (fluent queries, mappers, SQL objects). Transactions are still the session's: commit through
     * {@link #commit()}, and do not close the handle; the session does.
     *
     * @return the handle, the same one on every call
     */
    Handle handle();

    /**
     * The JDBC connection this session holds, borrowed from the pool on first call. Do not close it
     * or change its auto-commit mode; the session returns it to the pool.
     *
     * @return the connection
     */
    Connection connection();

    /**
     * Rolls back anything not committed and returns the connection to the pool. Idempotent. Does
     * nothing for a session that belongs to a unit of work: the unit of work closes it.
     */
    @Override
    void close();
}
