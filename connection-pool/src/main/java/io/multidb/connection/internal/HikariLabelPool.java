package io.multidb.connection.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import com.zaxxer.hikari.util.DriverDataSource;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.PoolStats;
import io.multidb.connection.internal.engine.EngineProfile;
import io.multidb.connection.internal.engine.SchemaSwitch;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A label's HikariCP pool, created on first use. Until then the label costs one small object: no
 * thread, no connection. Open pools start no housekeeper thread of their own: they share the
 * {@link Housekeeper}. With {@code pool_idle_timeout} the pool is closed again once unused for that
 * long, and reopened on the next use.
 *
 * <p>Each label has two: the pool of its transactional sessions (auto-commit off), and the pool of
 * its read-only sessions ({@link #forReads}), whose connections run with auto-commit on and are
 * read-only on the database's side where the engine can make a whole connection read-only
 * ({@link EngineProfile#readOnlyConnections()}: PostgreSQL, MariaDB), so that a read costs one
 * round trip and no rollback.
 */
final class HikariLabelPool extends LazyLabelPool<HikariDataSource> {
    private final boolean reads;

    HikariLabelPool(DatabaseConfig config, Lifecycle lifecycle, OpenPools openPools) {
        this(config, lifecycle, openPools, false);
    }

    private HikariLabelPool(DatabaseConfig config, Lifecycle lifecycle, OpenPools openPools, boolean reads) {
        super(config, lifecycle, openPools);
        this.reads = reads;
    }

    /**
     * @param config    a label's configuration
     * @param lifecycle the API that creates and closes the label's pools
     * @param openPools the instance's open pools, which this one joins while open
     * @return the pool of the label's read-only sessions: as lazy as the label's own, opening no
     *     connection until a read-only session needs one and keeping none idle for long
     */
    static HikariLabelPool forReads(DatabaseConfig config, Lifecycle lifecycle, OpenPools openPools) {
        return new HikariLabelPool(config, lifecycle, openPools, true);
    }

    @Override
    public boolean forReadOnlySessions() {
        return reads;
    }

    @Override
    HikariDataSource create() {
        ScheduledExecutorService housekeeper = Housekeeper.acquire();
        try {
            return new HikariDataSource(hikariConfig(config(), reads, housekeeper));
        } catch (RuntimeException e) {
            Housekeeper.release();
            // PoolInitializationException: the first connection failed; the next use tries again
            throw Failures.connectionFailed(config(), e.getCause() == null ? e : e.getCause());
        } catch (Error e) {
            Housekeeper.release();
            throw e;
        }
    }

    /**
     * Asks HikariCP's pool directly (its MXBean is the pool), so the wait can be bounded by what the
     * fair queue left of {@code pool_timeout}.
     */
    @Override
    Connection connectionFrom(HikariDataSource pool, long timeoutMillis) throws SQLException {
        if (pool.getHikariPoolMXBean() instanceof HikariPool hikariPool) {
            return hikariPool.getConnection(timeoutMillis);
        }
        return pool.getConnection();
    }

    /** HikariCP's count of waiting threads is one volatile read; its pool honours a zero timeout. */
    @Override
    boolean canTakeIdleAtOnce(HikariDataSource pool) {
        HikariPoolMXBean mx = pool.getHikariPoolMXBean();
        return mx instanceof HikariPool && mx.getThreadsAwaitingConnection() == 0;
    }

    @Override
    void discard(HikariDataSource pool, Connection connection) {
        // marks it evicted: closing it below closes the physical connection instead of returning it
        pool.evictConnection(connection);
    }

    @Override
    PoolStats statsOf(HikariDataSource pool) {
        HikariPoolMXBean mx = pool.getHikariPoolMXBean();
        int max = config().maxPoolSize();
        return mx == null ? new PoolStats(0, 0, 0, 0, max)
                : withQueued(new PoolStats(mx.getActiveConnections(), mx.getIdleConnections(),
                        mx.getThreadsAwaitingConnection(), mx.getTotalConnections(), max));
    }

    @Override
    public boolean rollsBackOnReturn() {
        return true;
    }

    @Override
    void shut(HikariDataSource pool) {
        try {
            pool.close();
        } finally {
            Housekeeper.release();
        }
    }

    @Override
    boolean closesWhenIdle() {
        return true;
    }

    /** HikariCP's counts: a lent connection, or a thread waiting inside the pool, keeps it open. */
    @Override
    boolean inUse(HikariDataSource pool) {
        HikariPoolMXBean mx = pool.getHikariPoolMXBean();
        return mx != null && (mx.getActiveConnections() > 0 || mx.getThreadsAwaitingConnection() > 0);
    }

    private static HikariConfig hikariConfig(DatabaseConfig config, boolean reads,
            ScheduledExecutorService housekeeper) {
        HikariConfig h = new HikariConfig();
        // one scheduler for every pool instead of a housekeeper thread each; HikariCP never shuts it down
        h.setScheduledExecutor(housekeeper);
        h.setPoolName("multidb-" + config.label() + (reads ? "-read" : ""));
        // HikariCP's DEBUG dump of its configuration masks only a property named "password"; handed a
        // ready data source it shows an opaque object, so no secret driver property (sslpassword, a
        // key store password) can reach the log
        EngineProfile profile = EngineProfile.of(config.engine());
        Properties properties = new Properties();
        properties.putAll(DriverTimeouts.driverProperties(config));
        config.schema().ifPresent(schema -> properties.putAll(profile.schemaProperties(schema)));
        if (reads) {
            profile.readOnlyPoolProperties().forEach(properties::putIfAbsent);
        }
        h.setDataSource(new DriverDataSource(config.url(), config.driverClassName(), properties,
                config.user().orElse(null), config.password().orElse(null)));
        // read-only sessions open connections as they need them and let idle ones go (10 min)
        h.setMinimumIdle(reads ? 0 : config.poolSize());
        h.setMaximumPoolSize(config.maxPoolSize());
        h.setConnectionTimeout(config.poolTimeout().toMillis());
        // HikariCP checks an idle connection before lending it; the check must fit in the wait
        h.setValidationTimeout(Math.min(config.validationTimeout().toMillis(), config.poolTimeout().toMillis()));
        h.setMaxLifetime(config.poolRecycle().toMillis());
        h.setAutoCommit(reads);
        h.setReadOnly(reads || config.readOnly());
        config.isolation().ifPresent(i -> h.setTransactionIsolation(i.jdbcName()));
        config.schema().ifPresent(schema -> {
            // HikariCP sets these on each new connection and restores them when a session changed them
            if (profile.schemaSwitch() == SchemaSwitch.CATALOG) {
                h.setCatalog(schema);
            } else if (profile.schemaSwitch() == SchemaSwitch.SCHEMA) {
                h.setSchema(schema);
            }
        });
        List<String> init = config.initSql();
        if (reads && !profile.readOnlyPoolInitSql().isEmpty()) {
            init = new ArrayList<>(init);
            init.addAll(profile.readOnlyPoolInitSql());
        }
        String initSql = profile.initSql(init);
        if (initSql != null) {
            h.setConnectionInitSql(initSql);
            // commit what init_sql set, so that the first rollback of a session cannot undo it
            h.setIsolateInternalQueries(true);
        }
        // one attempt at creation: a lazy label fails on first use, an eager one at configure
        h.setInitializationFailTimeout(1);
        h.setRegisterMbeans(false);
        return h;
    }
}
