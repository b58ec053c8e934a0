package io.multidb.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What users pick instead of Multidb, on the database of a Multidb label, for B2 and B8: Spring's
 * {@code JdbcTemplate} (with {@code NamedParameterJdbcTemplate}, and a {@code TransactionTemplate}
 * over a {@code DataSourceTransactionManager}) and Jdbi (with its SqlObject plugin), all on HikariCP
 * connections with auto-commit on, as their users configure them (HikariCP's default). The label's
 * own pool runs with auto-commit off, so the connections come one of two ways:
 *
 * <ul>
 *   <li>{@link #onTwinPool}: a HikariCP pool of their own, the label's configuration copied
 *       ({@link HikariConfig#copyStateTo}: the same driver data source, properties, sizes and
 *       timeouts) with auto-commit on. For H2 in memory (B8), where switching auto-commit on a
 *       borrowed connection and back costs as much as a fifth of a read;</li>
 *   <li>{@link #onLabelPool}: the label's pool itself, each borrowed connection switched to
 *       auto-commit (HikariCP switches it back on return). For a server database (B2): every arm
 *       then talks to the same server process over the same connection. Two pools would give two
 *       server processes, and an arm that follows one of the other pool's arms would find its
 *       process asleep and its caches cold (PostgreSQL measured the DAO arms 10 % faster than
 *       hand-written JDBC on the same pool, because of where they stood in the cycle). The switch
 *       itself costs no round trip on pgJDBC while no transaction is open.</li>
 * </ul>
 */
final class Peers implements AutoCloseable {
    /** Connections with auto-commit on. */
    final DataSource pool;
    final JdbcTemplate jdbcTemplate;
    final NamedParameterJdbcTemplate namedJdbcTemplate;
    /** Spring's local transactions: auto-commit off at begin, commit, auto-commit back on. */
    final TransactionTemplate transactionTemplate;
    /** Jdbi with the SqlObject plugin; the benchmarks register their row mappers. */
    final Jdbi jdbi;
    private final HikariDataSource owned;

    private Peers(DataSource pool, HikariDataSource owned) {
        this.pool = pool;
        this.owned = owned;
        try (Connection c = pool.getConnection()) {
            if (!c.getAutoCommit()) {
                throw new IllegalStateException("The peers' connections must run with auto-commit on");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        jdbcTemplate = new JdbcTemplate(pool);
        namedJdbcTemplate = new NamedParameterJdbcTemplate(jdbcTemplate);
        transactionTemplate = new TransactionTemplate(new DataSourceTransactionManager(pool));
        jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
    }

    /**
     * @param label the label's HikariCP pool, whose configuration is copied
     * @param name  the new pool's name, for its threads
     * @return the peers on a pool of their own, closed with them
     */
    static Peers onTwinPool(HikariDataSource label, String name) {
        HikariConfig config = new HikariConfig();
        label.copyStateTo(config);
        config.setPoolName(name);
        config.setAutoCommit(true);
        HikariDataSource twin = new HikariDataSource(config);
        return new Peers(twin, twin);
    }

    /**
     * @param label the label's HikariCP pool
     * @return the peers on that very pool, every connection switched to auto-commit when borrowed
     */
    static Peers onLabelPool(HikariDataSource label) {
        return new Peers(new AutoCommitConnections(label), null);
    }

    /**
     * @param label a label
     * @return the peers on the pool of the label's read-only sessions
     *     ({@code ConnectionPool.readDataSource}): auto-commit, read-only, the very connections the
     *     read-only session arms use, so that both talk to the same server process
     */
    static Peers onReadPool(String label) {
        return new Peers(io.multidb.connection.ConnectionPool.readDataSource(label), null);
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }

    /** A pool's connections with auto-commit switched on; the pool switches it back when they return. */
    private static final class AutoCommitConnections implements DataSource {
        private final HikariDataSource pool;

        AutoCommitConnections(HikariDataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = pool.getConnection();
            try {
                c.setAutoCommit(true);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            throw new SQLException("Not supported: the pool's own credentials are used");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getLogger(Logger.GLOBAL_LOGGER_NAME);
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return pool.isWrapperFor(type);
        }
    }
}
