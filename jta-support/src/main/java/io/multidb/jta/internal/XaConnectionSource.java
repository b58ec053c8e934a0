package io.multidb.jta.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import io.multidb.connection.spi.ErrorTranslation;
import io.multidb.connection.spi.XaEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.ConnectionEventListener;
import javax.sql.StatementEventListener;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAResource;

/**
 * Opens the physical XA connections of one label: the engine's {@link XADataSource}, configured
 * by its {@link XaDataSourcePlan}, plus the label's per-connection set-up. Built when the label is
 * configured (it opens nothing then), used by the label's pool and by recovery.
 *
 * <p>Set-up of a new connection, on its first logical handle, in auto-commit mode so that it
 * outlives every later rollback: the schema (where the plan could not set it), then each
 * {@code init_sql} statement, then the isolation level; then auto-commit is switched off. A failed
 * set-up closes the physical connection before the failure is reported.
 *
 * <p>Thread-safety: thread-safe once built (the data source is only read).
 */
final class XaConnectionSource {
    private final DatabaseConfig config;
    private final XaEngine engine;
    private final XaDataSourcePlan plan;
    private final XADataSource dataSource;

    private XaConnectionSource(DatabaseConfig config, XaDataSourcePlan plan, XADataSource dataSource) {
        this.config = config;
        this.engine = XaEngine.of(config.engine());
        this.plan = plan;
        this.dataSource = dataSource;
    }

    /**
     * @param config an XA label's configuration
     * @return the source; nothing is opened
     * @throws ConfigurationException when the engine's XA data source cannot take the configuration
     */
    static XaConnectionSource create(DatabaseConfig config) {
        XaDataSourcePlan plan = XaDataSourcePlan.of(config);
        XADataSource ds = instantiate(config, plan.className());
        for (XaDataSourcePlan.Step step : plan.steps()) {
            apply(config, ds, step);
        }
        try {
            long seconds = Math.max(1, (config.poolTimeout().toMillis() + 999) / 1000);
            ds.setLoginTimeout((int) Math.min(Integer.MAX_VALUE, seconds));
        } catch (SQLException | UnsupportedOperationException e) {
            // the driver has its own connect timeout then; pool_timeout still bounds the wait
        }
        return new XaConnectionSource(config, plan, ds);
    }

    private static XADataSource instantiate(DatabaseConfig config, String className) {
        try {
            Class<?> type = Class.forName(className, true, XaConnectionSource.class.getClassLoader());
            return type.asSubclass(XADataSource.class).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException(config.label(), "xa", "Database '" + config.label() + "': the XA data"
                    + " source " + className + " is not on the class path; add " + config.engine().driverArtifact());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new ConfigurationException(config.label(), "xa", "Database '" + config.label() + "': cannot create"
                    + " the XA data source " + className + ": " + e);
        }
    }

    private static void apply(DatabaseConfig config, XADataSource ds, XaDataSourcePlan.Step step) {
        Class<?>[] types = step.arguments().stream().map(a -> a instanceof Properties ? Properties.class : String.class)
                .toArray(Class<?>[]::new);
        Method setter;
        try {
            setter = ds.getClass().getMethod(step.setter(), types);
        } catch (NoSuchMethodException e) {
            throw new ConfigurationException(config.label(), "xa", "Database '" + config.label() + "': "
                    + ds.getClass().getName() + " has no method " + step.setter() + "; this driver version is not"
                    + " supported for XA");
        }
        try {
            setter.invoke(ds, step.arguments().toArray());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            String text = step.secret() ? cause.getClass().getName() : String.valueOf(cause.getMessage());
            throw new ConfigurationException(config.label(), step.setter().equals("setProperty") ? "properties" : "url",
                    ErrorTranslation.scrub(config, "Database '" + config.label() + "': the " + config.engine().key()
                            + " XA data source refused " + step + ": " + text));
        } catch (IllegalAccessException e) {
            throw new ConfigurationException(config.label(), "xa", "Database '" + config.label() + "': cannot call "
                    + step.setter() + " on " + ds.getClass().getName() + ": " + e);
        }
    }

    /**
     * @param text a driver message
     * @return the message without the label's password
     */
    String scrub(String text) {
        return ErrorTranslation.scrub(config, text);
    }

    /**
     * @return the label's configuration
     */
    DatabaseConfig config() {
        return config;
    }

    /**
     * @return the plan this source was configured by
     */
    XaDataSourcePlan plan() {
        return plan;
    }

    /**
     * Opens a physical connection for the pool, set up and with auto-commit off.
     *
     * @return the connection
     * @throws SQLException when the database refuses it or the set-up fails
     */
    XAConnection open() throws SQLException {
        XAConnection xa = dataSource.getXAConnection();
        try {
            try (Connection c = xa.getConnection()) {
                setUp(c);
            }
            return new ManualCommitXaConnection(xa);
        } catch (SQLException | RuntimeException e) {
            try {
                xa.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /**
     * Opens a plain physical connection for recovery: it only lists, commits and rolls back
     * prepared branches.
     *
     * @return the connection
     * @throws SQLException when the database refuses it
     */
    XAConnection openForRecovery() throws SQLException {
        return dataSource.getXAConnection();
    }

    private void setUp(Connection c) throws SQLException {
        c.setAutoCommit(true);
        if (config.schema().isPresent()) {
            // where the data source's setters could not set it (PostgreSQL's is a start-up parameter)
            engine.applySchema(c, config.schema().get());
        }
        for (String sql : config.initSql()) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
        if (config.isolation().isPresent()) {
            c.setTransactionIsolation(config.isolation().get().jdbcLevel());
        }
        c.setAutoCommit(false);
    }

    /**
     * @return the engine of this source
     */
    Engine engine() {
        return config.engine();
    }

    /**
     * @return what XA needs to know about the engine of this source
     */
    XaEngine xaEngine() {
        return engine;
    }

    /**
     * An XA connection whose logical handles start with auto-commit off (pgJDBC gives every new
     * logical handle the data source's default, on, whatever the previous handle was set to), and
     * whose XA resource reports a lost connection as {@code XAER_RMFAIL}.
     */
    private static final class ManualCommitXaConnection implements XAConnection {
        private final XAConnection delegate;

        ManualCommitXaConnection(XAConnection delegate) {
            this.delegate = delegate;
        }

        @Override
        public XAResource getXAResource() throws SQLException {
            return LostConnectionXaResource.wrap(delegate.getXAResource());
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = delegate.getConnection();
            if (c.getAutoCommit()) {
                c.setAutoCommit(false);
            }
            return c;
        }

        @Override
        public void close() throws SQLException {
            delegate.close();
        }

        @Override
        public void addConnectionEventListener(ConnectionEventListener listener) {
            delegate.addConnectionEventListener(listener);
        }

        @Override
        public void removeConnectionEventListener(ConnectionEventListener listener) {
            delegate.removeConnectionEventListener(listener);
        }

        @Override
        public void addStatementEventListener(StatementEventListener listener) {
            delegate.addStatementEventListener(listener);
        }

        @Override
        public void removeStatementEventListener(StatementEventListener listener) {
            delegate.removeStatementEventListener(listener);
        }
    }
}
