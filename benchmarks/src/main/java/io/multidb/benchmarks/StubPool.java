package io.multidb.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.multidb.testkit.StubDriver;
import io.multidb.connection.ConnectionPool;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configures one Multidb label over the stub driver, and reaches the very same HikariCP pool; or
 * makes a HikariCP pool alone over the stub driver, set up as a label's.
 */
final class StubPool {
    private StubPool() {
    }

    /**
     * @param label     the label
     * @param poolSize  connections in the pool
     * @param extra     alternating extra keys and values
     * @return the configuration map of a stub label
     */
    static Map<String, Object> config(String label, int poolSize, Object... extra) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("engine", "h2");
        c.put("url", StubDriver.PREFIX + label);
        c.put("driver_class", StubDriver.class.getName());
        c.put("pool_size", poolSize);
        c.put("pool_timeout", 60);
        for (int i = 0; i < extra.length; i += 2) {
            c.put((String) extra[i], extra[i + 1]);
        }
        return c;
    }

    /**
     * Configures the label and returns its HikariCP pool, so that both arms of a benchmark share it.
     *
     * @param label    the label
     * @param poolSize connections in the pool
     * @param extra    alternating extra keys and values
     * @return the label's pool
     */
    static HikariDataSource configure(String label, int poolSize, Object... extra) {
        ConnectionPool.configure(Map.of(label, config(label, poolSize, extra)));
        try {
            return ConnectionPool.dataSource(label).unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param name a name for the pool and its stub URL
     * @param size connections, all kept open (as a label's {@code pool_size})
     * @return HikariCP alone over the stub driver: auto-commit off, a 60 s timeout, as a stub label's
     */
    static HikariDataSource hikariAlone(String name, int size) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(StubDriver.PREFIX + name);
        h.setDriverClassName(StubDriver.class.getName());
        h.setMaximumPoolSize(size);
        h.setMinimumIdle(size);
        h.setConnectionTimeout(60_000);
        h.setAutoCommit(false);
        h.setPoolName(name);
        return new HikariDataSource(h);
    }
}
