package io.multidb.connection.internal;

import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.MultiDbException;
import io.multidb.connection.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * A session: borrows its connection on first use, creates a Jdbi handle only when asked. Positional
 * statements go straight to JDBC; named parameters and typed mapping go through Jdbi.
 */
public final class SessionImpl extends Lease implements Session {
    private final LabelPool pool;
    private final boolean ownedByUnitOfWork;
    private Connection connection;
    private Handle handle;
    private boolean dirty;
    private boolean closed;
    private final LeakDetector.Watch leakWatch;

    /**
     * @param pool              the label's pool
     * @param ownedByUnitOfWork {@code true} when a unit of work decides commit, rollback and close
     */
    public SessionImpl(LabelPool pool, boolean ownedByUnitOfWork) {
        this.pool = pool;
        this.ownedByUnitOfWork = ownedByUnitOfWork;
        // a unit of work closes its own sessions; only sessions the application closes are watched
        this.leakWatch = ownedByUnitOfWork ? null
                : LeakDetector.watch(pool.config().label(), pool.config().leakDetectionThreshold());
    }

    @Override
    public String label() {
        return pool.config().label();
    }

    @Override
    public int execute(String sql, Object... args) {
        Connection c = use();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Failures.onStatement(pool.config(), sql, e);
        }
    }

    @Override
    public int execute(String sql, Map<String, ?> args) {
        Handle h = handle();
        try {
            return h.createUpdate(sql).bindMap(args).execute();
        } catch (JdbiException e) {
            throw Failures.onJdbi(pool.config(), sql, e);
        }
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... args) {
        Connection c = use();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rows(rs);
            }
        } catch (SQLException e) {
            throw Failures.onStatement(pool.config(), sql, e);
        }
    }

    @Override
    public List<Map<String, Object>> query(String sql, Map<String, ?> args) {
        Handle h = handle();
        try {
            return h.createQuery(sql).bindMap(args).mapToMap().list();
        } catch (JdbiException e) {
            throw Failures.onJdbi(pool.config(), sql, e);
        }
    }

    @Override
    public <T> List<T> query(Class<T> type, String sql, Object... args) {
        Handle h = handle();
        try {
            return h.select(sql, args).mapTo(type).list();
        } catch (JdbiException e) {
            throw Failures.onJdbi(pool.config(), sql, e);
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
        if (handle == null) {
            Connection c = use();
            try {
                handle = Handles.open(c);
            } catch (JdbiException e) {
                // the connection was closed under the session (closeAllConnections, a lost server)
                throw Failures.onJdbi(pool.config(), "open a Jdbi handle", e);
            }
        }
        return handle;
    }

    @Override
    public Connection connection() {
        return use();
    }

    @Override
    public void close() {
        if (!ownedByUnitOfWork) {
            release(true);
        }
    }

    /** Commits, for this session's owner (the session itself or its unit of work). */
    void commitNow() {
        if (connection != null && dirty) {
            try {
                connection.commit();
                dirty = false;
            } catch (SQLException e) {
                throw Failures.onStatement(pool.config(), "commit", e);
            }
        }
    }

    /** Rolls back, for this session's owner. */
    void rollbackNow() {
        if (connection != null && dirty) {
            try {
                connection.rollback();
                dirty = false;
            } catch (SQLException e) {
                throw Failures.onStatement(pool.config(), "rollback", e);
            }
        }
    }

    /** @return whether this session has borrowed a connection */
    boolean isInUse() {
        return connection != null;
    }

    /**
     * Returns the connection to the pool and ends the session.
     *
     * @param rollback roll back uncommitted work first (not for XA branches, which the transaction
     *                 manager ends)
     */
    void release(boolean rollback) {
        if (closed) {
            return;
        }
        closed = true;
        if (leakWatch != null) {
            leakWatch.closed();
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
        if (rollback && dirty && !pool.rollsBackOnReturn()) {
            try {
                c.rollback();
            } catch (SQLException e) {
                if (!connectionLost(e)) {
                    failure = merge(failure, Failures.onStatement(pool.config(), "rollback", e));
                }
            }
        }
        try {
            pool.giveBack(c, this);
        } catch (SQLException e) {
            if (!connectionLost(e)) {
                failure = merge(failure, Failures.onStatement(pool.config(), "close", e));
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

    private static MultiDbException merge(MultiDbException first, MultiDbException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private Connection use() {
        if (closed) {
            throw new IllegalStateException("Session for database '" + label() + "' is closed");
        }
        if (connection == null) {
            connection = pool.borrow(this);
        }
        dirty = true;
        return connection;
    }

    private void refuseInUnitOfWork(String action) {
        if (ownedByUnitOfWork) {
            throw new IllegalStateException("Session." + action + "() is not allowed inside a unit of work (database '"
                    + label() + "'): the unit of work commits when its callback returns and rolls back when it"
                    + " throws");
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        if (args == null) {
            return;
        }
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (a instanceof Instant instant) {
                ps.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (a instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    private static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = md.getColumnLabel(i + 1).toLowerCase(Locale.ROOT);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                row.put(names[i], rs.getObject(i + 1));
            }
            out.add(row);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Session{label=" + label() + (closed ? ", closed" : connection == null ? ", idle" : ", in use") + "}";
    }

    /** @return the configuration of this session's label */
    DatabaseConfig config() {
        return pool.config();
    }
}
