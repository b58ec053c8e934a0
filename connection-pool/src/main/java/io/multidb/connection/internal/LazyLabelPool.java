package io.multidb.connection.internal;

import io.multidb.connection.ConnectionFailedException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.MultiDbException;
import io.multidb.connection.PoolStats;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * What every label pool shares: the underlying pool {@code P} is created on first use (so an unused
 * label holds no thread and no connection), a failed creation is retried on the next use, and after
 * {@link #stopLending()} nothing more is lent.
 *
 * @param <P> the underlying pool
 */
abstract class LazyLabelPool<P> implements LabelPool {
    private final DatabaseConfig config;
    private final Object lock = new Object();
    private volatile P pool;
    private volatile boolean lending = true;
    private boolean closed;

    LazyLabelPool(DatabaseConfig config) {
        this.config = config;
    }

    /**
     * @return the underlying pool, ready to lend
     * @throws ConnectionFailedException when it cannot be created because the database is not reachable
     */
    abstract P create();

    abstract Connection connectionFrom(P pool) throws SQLException;

    abstract PoolStats statsOf(P pool);

    abstract void shut(P pool);

    @Override
    public final DatabaseConfig config() {
        return config;
    }

    @Override
    public final Connection borrow() {
        P p = started();
        long start = System.nanoTime();
        try {
            return connectionFrom(p);
        } catch (SQLException e) {
            if (!lending) {
                throw closedError();
            }
            throw Failures.onBorrow(config, e, Duration.ofNanos(System.nanoTime() - start), statsOf(p));
        }
    }

    @Override
    public final Connection borrowForDataSource() throws SQLException {
        try {
            return borrow();
        } catch (MultiDbException e) {
            String state = e instanceof ConnectionFailedException c && c.sqlState() != null ? c.sqlState() : "08001";
            throw new SQLException(e.getMessage(), state, e);
        }
    }

    @Override
    public final void open() {
        started();
    }

    private P started() {
        P p = pool;
        if (p != null && lending) {
            return p;
        }
        synchronized (lock) {
            if (!lending || closed) {
                throw closedError();
            }
            if (pool == null) {
                pool = create();
            }
            return pool;
        }
    }

    private MultiDbException closedError() {
        return new MultiDbException("Database '" + config.label() + "' is closed: ConnectionPool.closeAllConnections()"
                + " has been called. Configure again to use it.");
    }

    @Override
    public final PoolStats stats() {
        P p = pool;
        return p == null ? new PoolStats(0, 0, 0, 0, config.maxPoolSize()) : statsOf(p);
    }

    @Override
    public final void stopLending() {
        lending = false;
    }

    @Override
    public final void close() {
        P p;
        synchronized (lock) {
            lending = false;
            closed = true;
            p = pool;
            pool = null;
        }
        if (p != null) {
            shut(p);
        }
    }
}
