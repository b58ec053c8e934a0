package io.multidb.connection.internal;

import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.MultiDbException;
import io.multidb.connection.PoolClosedException;
import io.multidb.connection.RowMappingException;
import io.multidb.connection.Session;
import io.multidb.connection.StatementParameterException;
import io.multidb.connection.internal.statement.Binder;
import io.multidb.connection.internal.statement.MapRows;
import io.multidb.connection.internal.statement.NamedParameters;
import io.multidb.connection.spi.RowMapping;
import io.multidb.connection.internal.statement.RowMappings;
import io.multidb.connection.internal.statement.SqlRunner;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * A session: borrows its connection on first use, creates a Jdbi handle only when asked. Every
 * statement form (positional, named, maps, records, beans, scalars) runs on plain JDBC through the
 * statement engine ({@link SqlRunner}, {@link Binder}, {@link NamedParameters}, {@link RowMappings})
 * that DAOs share; Jdbi is used only for {@link #handle()}.
 */
public final class SessionImpl extends Lease implements Session {
    private static final VarHandle CALLER;

    static {
        try {
            CALLER = MethodHandles.lookup().findVarHandle(SessionImpl.class, "caller", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LabelPool pool;
    private final boolean ownedByUnitOfWork;
    /** A read-only session: auto-commit on, nothing to commit or roll back, writes refused. */
    private final boolean readOnly;
    private Connection connection;
    private Handle handle;
    /** The connection was used since the last commit or rollback: commit and rollback have work to do. */
    private boolean dirty;
    /** This session ran statements itself since the last commit or rollback (not only lent its connection). */
    private boolean ranStatements;
    private boolean closed;
    /** The pool was closed under this session and its connection taken away: every further use fails. */
    private boolean lostToClose;
    /** Two threads used the session at once, or a rollback failed: the connection must not be lent again. */
    private volatile boolean inDoubt;
    /** The thread inside a call of this session right now, or {@code null}; see {@link #enter()}. */
    @SuppressWarnings("unused") // written through CALLER
    private volatile Thread caller;
    private final LeakDetector.Watch leakWatch;

    /**
     * @param pool              the label's pool
     * @param ownedByUnitOfWork {@code true} when a unit of work decides commit, rollback and close
     */
    public SessionImpl(LabelPool pool, boolean ownedByUnitOfWork) {
        this.pool = pool;
        this.readOnly = pool.forReadOnlySessions();
        this.ownedByUnitOfWork = ownedByUnitOfWork;
        // a unit of work closes its own sessions; only sessions the application closes are watched
        this.leakWatch = ownedByUnitOfWork ? null
                : LeakDetector.watch(pool.config().label(), pool.leakThreshold());
        if (leakWatch != null) {
            pool.watchedSessions().increment();
        }
    }

    @Override
    public String label() {
        return pool.config().label();
    }

    @Override
    public int execute(String sql, Object... args) {
        boolean outer = enter();
        try {
            return update(sql, args, sql);
        } finally {
            exit(outer);
        }
    }

    @Override
    public int execute(String sql, Map<String, ?> args) {
        boolean outer = enter();
        try {
            NamedParameters named = named(sql);
            return update(named.sql(), arguments(named, args), sql);
        } finally {
            exit(outer);
        }
    }

    /** @param shown the statement as the caller wrote it, for messages */
    private int update(String sql, Object[] args, String shown) {
        if (readOnly && !pool.profile().readOnlyConnections()) {
            throw Failures.onStatement(pool.config(), shown, new SQLException("A read-only session does not run"
                    + " statements that write; " + pool.config().engine().key() + " has no read-only connections,"
                    + " so Multidb refuses them itself. Use DatabaseManager.getSession(...) to write", "25006"));
        }
        Connection c = statement();
        try {
            return SqlRunner.update(c, binder(), sql, args);
        } catch (SQLException e) {
            throw Failures.onStatement(pool.config(), shown, e);
        }
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... args) {
        return run(MapRows.MAPPING, sql, args);
    }

    @Override
    public List<Map<String, Object>> query(String sql, Map<String, ?> args) {
        boolean outer = enter();
        try {
            NamedParameters named = named(sql);
            return runEntered(MapRows.MAPPING, named.sql(), arguments(named, args), sql);
        } finally {
            exit(outer);
        }
    }

    @Override
    public <T> List<T> query(Class<T> type, String sql, Object... args) {
        RowMapping<T> mapping;
        try {
            mapping = RowMappings.of(type);
        } catch (RowMappingException e) {
            throw Failures.labelled(label(), e);
        }
        return run(mapping, sql, args);
    }

    private <T> List<T> run(RowMapping<T> mapping, String sql, Object[] args) {
        boolean outer = enter();
        try {
            return runEntered(mapping, sql, args, sql);
        } finally {
            exit(outer);
        }
    }

    /** @param shown the statement as the caller wrote it, for messages */
    private <T> List<T> runEntered(RowMapping<T> mapping, String sql, Object[] args, String shown) {
        Connection c = statement();
        try {
            return SqlRunner.query(c, binder(), mapping, sql, args, 0);
        } catch (SQLException e) {
            throw Failures.onStatement(pool.config(), shown, e);
        } catch (RowMappingException e) {
            throw Failures.labelled(label(), e);
        }
    }

    private Binder binder() {
        return pool.profile().binder();
    }

    private NamedParameters named(String sql) {
        try {
            return NamedParameters.parse(sql);
        } catch (StatementParameterException e) {
            throw Failures.labelled(label(), e);
        }
    }

    private Object[] arguments(NamedParameters named, Map<String, ?> args) {
        try {
            return named.arguments(args);
        } catch (StatementParameterException e) {
            throw Failures.labelled(label(), e);
        }
    }

    @Override
    public void commit() {
        refuseInUnitOfWork("commit");
        commitNow();
    }

    @Override
    public void rollback() {
        refuseInUnitOfWork("rollback");
        rollbackNow();
    }

    @Override
    public Handle handle() {
        boolean outer = enter();
        try {
            return handleNow();
        } finally {
            exit(outer);
        }
    }

    private Handle handleNow() {
        Connection c = statement();
        if (handle == null) {
            try {
                handle = Handles.open(c);
            } catch (JdbiException e) {
                // the connection was closed under the session (closeAllConnections, a lost server)
                throw Failures.onJdbi(pool.config(), "open a Jdbi handle", e);
            }
        }
        return handle;
    }

    /**
     * Lends the raw connection, whose later use no session call sees: the concurrency check is a read,
     * not a claim, which keeps the borrow path as cheap as HikariCP's own (benchmark B1).
     */
    @Override
    public Connection connection() {
        checkAlone();
        return use();
    }

    @Override
    public void close() {
        if (!ownedByUnitOfWork) {
            checkAlone();
            releaseNow(true);
        }
    }

    /** Commits, for this session's owner (the session itself or its unit of work). */
    void commitNow() {
        boolean outer = enter();
        try {
            checkNotLost();
            if (readOnly) {
                return; // auto-commit: every statement has ended its own transaction
            }
            if (connection != null && dirty) {
                checkPoolOpen();
                try {
                    connection.commit();
                    dirty = false;
                    ranStatements = false;
                } catch (SQLException e) {
                    throw Failures.onStatement(pool.config(), "commit", e);
                }
            }
        } finally {
            exit(outer);
        }
    }

    /** Rolls back, for this session's owner. */
    void rollbackNow() {
        boolean outer = enter();
        try {
            checkNotLost();
            if (readOnly) {
                return;
            }
            if (connection != null && dirty) {
                checkPoolOpen();
                try {
                    connection.rollback();
                    dirty = false;
                    ranStatements = false;
                } catch (SQLException e) {
                    // whatever the transaction holds now, the connection must not be lent again as it is
                    inDoubt = true;
                    throw Failures.onStatement(pool.config(), "rollback", e);
                }
            }
        } finally {
            exit(outer);
        }
    }

    /** @return whether this session has borrowed a connection */
    boolean isInUse() {
        return connection != null;
    }

    /**
     * Returns the connection to the pool and ends the session. The connection goes back only in a
     * known state: when the rollback fails, when two threads used the session at once, or when the
     * pool was closed meanwhile, it is evicted (closed, its uncommitted work discarded) instead.
     *
     * @param rollback roll back uncommitted work first (not for XA branches, which the transaction
     *                 manager ends)
     */
    void release(boolean rollback) {
        // another thread inside a call still uses the connection: enter() marks it in doubt and fails
        boolean outer = enter();
        try {
            releaseNow(rollback);
        } finally {
            exit(outer);
        }
    }

    private void releaseNow(boolean rollback) {
        if (closed) {
            return;
        }
        closed = true;
        if (leakWatch != null && leakWatch.closed()) {
            pool.watchedSessions().decrement();
        }
        Connection c = connection;
        connection = null;
        if (c == null) {
            return;
        }
        MultiDbException failure = null;
        if (handle != null) {
            try {
                handle.close();
            } catch (JdbiException e) {
                failure = Failures.onJdbi(pool.config(), "close", e);
            }
            handle = null;
        }
        boolean evict = inDoubt || pool.closed();
        // HikariCP rolls back what ran through its proxy itself, but returns the connection to the pool
        // even when that rollback fails: statements this session ran are rolled back here, so that a
        // failed rollback evicts the connection instead
        boolean mustRollBack = !readOnly && (pool.rollsBackOnReturn() ? ranStatements : dirty);
        if (!evict && rollback && mustRollBack) {
            try {
                c.rollback();
            } catch (SQLException e) {
                evict = true;
                if (!connectionLost(e) && !isClosed(c)) {
                    failure = merge(failure, Failures.onStatement(pool.config(), "rollback", e));
                }
            }
        }
        if (evict) {
            pool.evict(c, this);
        } else {
            try {
                pool.giveBack(c, this);
            } catch (SQLException e) {
                if (!connectionLost(e)) {
                    failure = merge(failure, Failures.onStatement(pool.config(), "close", e));
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Whether closing failed only because the connection is gone (SQLState class 08). The database
     * has then discarded the uncommitted work itself and the pool drops the connection, so closing
     * has done its job: a statement that failed has already reported the loss, and a session whose
     * work had succeeded should not fail at its end.
     */
    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    /** @return whether the pool or driver has already closed the connection (after a fatal error) */
    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static MultiDbException merge(MultiDbException first, MultiDbException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /**
     * Marks the calling thread as inside a call of this session. A session is for one thread at a
     * time: a second thread calling while the first is inside a call fails at once, and the
     * session's connection will not be lent again (the first thread's work may have interleaved with
     * whatever the second had done before). Handing a session from one thread to the next between
     * calls is allowed. One compare-and-set per call.
     *
     * @return {@code true} for the outermost call, which {@link #exit(boolean)} ends
     */
    private boolean enter() {
        Thread me = Thread.currentThread();
        Thread inside = (Thread) CALLER.compareAndExchange(this, null, me);
        if (inside == null) {
            return true;
        }
        if (inside == me) {
            return false; // a nested call, from a mapper or a callback of this thread
        }
        throw concurrentUse(inside);
    }

    /** As {@link #enter()}, for calls that claim nothing: fails when another thread is inside a call. */
    private void checkAlone() {
        Thread inside = caller;
        if (inside != null && inside != Thread.currentThread()) {
            throw concurrentUse(inside);
        }
    }

    private IllegalStateException concurrentUse(Thread inside) {
        inDoubt = true;
        return new IllegalStateException("Session for database '" + label() + "' is being used by thread '"
                + inside.getName() + "' while thread '" + Thread.currentThread().getName() + "' calls it: a session"
                + " is for one thread at a time. Open a session per thread with DatabaseManager.getSession(\""
                + label() + "\"), or hand one over only between calls. The session's connection will be closed,"
                + " not reused.");
    }

    private void exit(boolean outer) {
        if (outer) {
            CALLER.setRelease(this, null);
        }
    }

    /** The connection, for a statement this session runs itself. */
    private Connection statement() {
        Connection c = use();
        ranStatements = true;
        return c;
    }

    private Connection use() {
        if (closed) {
            throw new IllegalStateException("Session for database '" + label() + "' is closed");
        }
        checkNotLost();
        if (connection == null) {
            connection = pool.borrow(this);
        } else {
            checkPoolOpen();
        }
        dirty = true;
        return connection;
    }

    /**
     * The pool was closed ({@code closeAllConnections}) while this session held its connection and
     * the grace period has ended: the connection is taken away, rolled back and closed, and the
     * session fails now and on every later statement, commit or rollback.
     */
    private void checkPoolOpen() {
        if (pool.closed()) {
            Connection c = connection;
            connection = null;
            handle = null;
            lostToClose = true;
            pool.evict(c, this);
            throw lostError();
        }
    }

    private void checkNotLost() {
        if (lostToClose) {
            throw lostError();
        }
    }

    private PoolClosedException lostError() {
        return new PoolClosedException(label(), pool.lostMessage());
    }

    private void refuseInUnitOfWork(String action) {
        if (ownedByUnitOfWork) {
            throw new IllegalStateException("Session." + action + "() is not allowed inside a unit of work (database '"
                    + label() + "'): the unit of work commits when its callback returns and rolls back when it"
                    + " throws");
        }
    }

    @Override
    public String toString() {
        return "Session{label=" + label() + (readOnly ? ", read-only" : "")
                + (closed ? ", closed" : connection == null ? ", idle" : ", in use") + "}";
    }

    /** @return the configuration of this session's label */
    DatabaseConfig config() {
        return pool.config();
    }

    /**
     * @param session any session
     * @return the configuration of its label when Multidb made it, whichever instance it came
     *     from; {@code null} for another implementation (a test double)
     */
    public static DatabaseConfig configOf(Session session) {
        return session instanceof SessionImpl s ? s.config() : null;
    }
}
