package io.multidb.jta.internal;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceListener;
import io.agroal.api.AgroalDataSourceMetrics;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ExceptionSorter;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.MSSQLExceptionSorter;
import io.agroal.api.exceptionsorter.MySQLExceptionSorter;
import io.agroal.api.exceptionsorter.OracleExceptionSorter;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.narayana.NarayanaTransactionIntegration;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.PoolStats;
import io.multidb.connection.spi.ErrorTranslation;
import io.multidb.connection.spi.XaEngine;
import io.multidb.connection.spi.XaPool;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XA pool of one label: an Agroal pool of {@link javax.sql.XAConnection}s integrated with
 * Narayana through {@link NarayanaTransactionIntegration}, the pairing Quarkus ships.
 *
 * <table>
 *   <caption>Label settings on Agroal</caption>
 *   <tr><th>label key</th><th>Agroal</th></tr>
 *   <tr><td>{@code pool_size}</td><td>{@code minSize}, {@code initialSize}</td></tr>
 *   <tr><td>{@code pool_size + max_overflow}</td><td>{@code maxSize}</td></tr>
 *   <tr><td>{@code pool_timeout}</td><td>{@code acquisitionTimeout}</td></tr>
 *   <tr><td>{@code pool_recycle}</td><td>{@code maxLifetime} (0: forever)</td></tr>
 *   <tr><td>{@code pool_pre_ping}</td><td>{@code idleValidationTimeout} 500 ms with
 *       {@code Connection.isValid}, as HikariCP does; {@code false}: no validation</td></tr>
 *   <tr><td>{@code schema}, {@code init_sql}, {@code isolation}</td><td>set on each new physical
 *       connection by {@link XaConnectionSource}</td></tr>
 * </table>
 *
 * <p>How a borrowed connection behaves:
 * <table>
 *   <caption>Connection states</caption>
 *   <tr><th>calling thread</th><th>{@code getConnection()} gives</th><th>after {@code close()}</th></tr>
 *   <tr><td>no transaction</td><td>a connection with auto-commit off, committed or rolled back by
 *       its session</td><td>back in the pool at once</td></tr>
 *   <tr><td>active XA transaction, first borrow</td><td>a connection whose branch is enlisted
 *       ({@code XAResource.start})</td><td>still enlisted; back in the pool after the transaction
 *       completes</td></tr>
 *   <tr><td>active XA transaction, later borrows</td><td>the same physical connection (one branch
 *       per label)</td><td>as above</td></tr>
 *   <tr><td>transaction rolled back (timeout)</td><td>{@link io.multidb.jta.TransactionRolledBackException}</td>
 *       <td></td></tr>
 * </table>
 *
 * <p>Thread-safety: thread-safe.
 */
final class AgroalXaPool implements XaPool {
    private static final Logger LOG = LoggerFactory.getLogger(AgroalXaPool.class);
    private static final Duration IDLE_VALIDATION = Duration.ofMillis(500);

    private final DatabaseConfig config;
    private final String sourceKey;
    private final AgroalDataSource dataSource;
    private final JtaRuntime runtime;

    private AgroalXaPool(DatabaseConfig config, String sourceKey, AgroalDataSource dataSource, JtaRuntime runtime) {
        this.config = config;
        this.sourceKey = sourceKey;
        this.dataSource = dataSource;
        this.runtime = runtime;
    }

    /**
     * @param source  the label's connection source, already checked by {@link Preconditions}
     * @param tm      Narayana's transaction manager
     * @param tsr     Narayana's synchronization registry
     * @param runtime the JTA runtime, to explain failed enlistments
     * @return the pool; it opens {@code pool_size} connections in the background
     * @throws io.multidb.connection.ConnectionFailedException when Agroal cannot be started
     */
    static AgroalXaPool open(XaConnectionSource source, TransactionManager tm, TransactionSynchronizationRegistry tsr,
            JtaRuntime runtime) {
        DatabaseConfig config = source.config();
        String key = LabelXaDataSource.register(source);
        AgroalDataSourceConfigurationSupplier supplier = new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(true)
                .connectionPoolConfiguration(pool -> pool
                        .initialSize(config.poolSize())
                        .minSize(config.poolSize())
                        .maxSize(config.maxPoolSize())
                        .acquisitionTimeout(config.poolTimeout())
                        .maxLifetime(config.poolRecycle())
                        .idleValidationTimeout(config.poolPrePing() ? IDLE_VALIDATION : Duration.ZERO)
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .exceptionSorter(exceptionSorter(config))
                        // recovery is registered per label by RecoveryService, also for labels whose pool is not open
                        .recoveryEnable(false)
                        .transactionIntegration(new NarayanaTransactionIntegration(tm, tsr, config.label()))
                        .connectionFactoryConfiguration(factory -> factory
                                .connectionProviderClass(LabelXaDataSource.class)
                                .xaProperty("sourceKey", key)
                                .autoCommit(false)));
        try {
            AgroalDataSource dataSource = AgroalDataSource.from(supplier, new Warnings(config.label()));
            return new AgroalXaPool(config, key, dataSource, runtime);
        } catch (SQLException | RuntimeException e) {
            LabelXaDataSource.unregister(key);
            throw ErrorTranslation.connectionFailed(config, e);
        }
    }

    /** Agroal's sorter for the engine's error codes: it tells a broken connection from a failed statement. */
    private static ExceptionSorter exceptionSorter(DatabaseConfig config) {
        return switch (XaEngine.of(config.engine()).errorVendor()) {
            case POSTGRESQL -> new PostgreSQLExceptionSorter();
            case MYSQL -> new MySQLExceptionSorter();
            case ORACLE -> new OracleExceptionSorter();
            case SQLSERVER -> new MSSQLExceptionSorter();
            case GENERIC -> ExceptionSorter.defaultExceptionSorter();
        };
    }

    @Override
    public Connection getConnection() throws SQLException {
        long start = System.nanoTime();
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            runtime.failIfRolledBack(config.label());
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (e.getClass() == SQLException.class && e.getCause() == null
                    && waited.compareTo(config.poolTimeout()) >= 0) {
                // Agroal's own acquisition timeout: no cause, waited the whole pool_timeout
                throw new SQLTransientConnectionException("No connection of database '" + config.label()
                        + "' became free within " + waited.toMillis() + " ms");
            }
            // Failures reports the cause: the driver's own exception
            throw new SQLException(e.getMessage(), e.getSQLState(), e);
        }
    }

    @Override
    public PoolStats stats() {
        AgroalDataSourceMetrics m = dataSource.getMetrics();
        int active = (int) m.activeCount();
        int idle = (int) Math.max(0, m.availableCount());
        return new PoolStats(active, idle, (int) m.awaitingCount(), active + idle, config.maxPoolSize());
    }

    @Override
    public void close() {
        try {
            dataSource.close();
        } finally {
            LabelXaDataSource.unregister(sourceKey);
        }
    }

    @Override
    public String toString() {
        return "AgroalXaPool{label=" + config.label() + "}";
    }

    /** Agroal's warnings, in Multidb's log, under the label. */
    private static final class Warnings implements AgroalDataSourceListener {
        private final String label;

        Warnings(String label) {
            this.label = label;
        }

        @Override
        public void onWarning(String message) {
            LOG.warn("XA pool of database '{}': {}", label, message);
        }

        @Override
        public void onWarning(Throwable throwable) {
            // failures to connect reach the caller as exceptions; this is the pool's own echo of them
            LOG.debug("XA pool of database '{}'", label, throwable);
        }
    }
}
