package io.multidb.connection.internal;

import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.PoolStats;
import io.multidb.connection.spi.XaPool;
import io.multidb.connection.spi.XaProvider;
import java.sql.Connection;
import java.sql.SQLException;

/** A label with {@code xa: true}: the XA provider's pool, created on first use. */
final class XaLabelPool extends LazyLabelPool<XaPool> {
    private final XaProvider provider;

    XaLabelPool(DatabaseConfig config, XaProvider provider, Lifecycle lifecycle, OpenPools openPools) {
        super(config, lifecycle, openPools);
        this.provider = provider;
    }

    XaProvider provider() {
        return provider;
    }

    @Override
    XaPool create() {
        return provider.createPool(config());
    }

    @Override
    Connection connectionFrom(XaPool pool, long timeoutMillis) throws SQLException {
        return pool.getConnection();
    }

    /** The XA provider's pool takes no per-call timeout: its borrowers always go through the queue. */
    @Override
    boolean canTakeIdleAtOnce(XaPool pool) {
        return false;
    }

    /** Aborting a pooled connection tells the pool to destroy it instead of lending it again. */
    @Override
    void discard(XaPool pool, Connection connection) throws SQLException {
        connection.abort(Runnable::run);
    }

    @Override
    PoolStats statsOf(XaPool pool) {
        return withQueued(pool.stats());
    }

    @Override
    public boolean rollsBackOnReturn() {
        return false;
    }

    @Override
    void shut(XaPool pool) {
        pool.close();
    }
}
