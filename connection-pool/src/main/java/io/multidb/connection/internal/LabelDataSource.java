package io.multidb.connection.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A label's pool as a standard {@link DataSource}. Connections come with auto-commit on, as tools
 * like Spring's {@code JdbcTemplate} or Flyway expect; HikariCP restores the pool's setting when
 * they are returned.
 *
 * <p>Each connection is handed out behind a thin guard whose only job is {@code close()}: when
 * {@code closeAllConnections} has already closed a connection still in use (after its grace
 * period), HikariCP's own {@code close()} of a connection whose auto-commit was changed fails with a
 * {@link NullPointerException}; JDBC says closing a closed connection does nothing, and so it does
 * here. Every other call goes to the pool's connection unchanged.
 */
public final class LabelDataSource implements DataSource {
    private final LabelPool pool;

    /**
     * @param pool the label's pool
     */
    public LabelDataSource(LabelPool pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = pool.borrowForDataSource();
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(LabelDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new CloseGuard(c, pool));
    }

    /** Forwards every call; makes {@code close()} after the pool closed the connection a no-op. */
    private static final class CloseGuard implements InvocationHandler {
        private final Connection target;
        private final LabelPool pool;

        CloseGuard(Connection target, LabelPool pool) {
            this.target = target;
            this.pool = pool;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (args == null) {
                        close();
                        return null;
                    }
                    break;
                case "unwrap":
                    if (args != null && args.length == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                    break;
                case "isWrapperFor":
                    if (args != null && args.length == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
                        return true;
                    }
                    break;
                case "equals":
                    return args != null && args.length == 1 && proxy == args[0];
                case "hashCode":
                    if (args == null) {
                        return System.identityHashCode(proxy);
                    }
                    break;
                default:
                    break;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void close() throws SQLException {
            try {
                target.close();
            } catch (RuntimeException e) {
                if (!pool.lending()) {
                    return; // closeAllConnections closed it already: closing it again does nothing
                }
                throw new SQLException("Database '" + pool.config().label() + "': the pool failed to take back a"
                        + " connection: " + e, "08003", e);
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("Database '" + pool.config().label() + "': connections use the"
                + " label's configured user; getConnection(user, password) is not supported");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // the pool logs through SLF4J
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        throw new SQLFeatureNotSupportedException("The login timeout follows the label's pool_timeout");
    }

    @Override
    public int getLoginTimeout() {
        return (int) pool.config().poolTimeout().toSeconds();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("Multidb logs through SLF4J");
    }

    /**
     * Unwraps to this data source or to the label's underlying pool (for example
     * {@code com.zaxxer.hikari.HikariDataSource}, to read its metrics), opening the pool if needed.
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        Object underlying = pool.underlying();
        if (iface.isInstance(underlying)) {
            return iface.cast(underlying);
        }
        throw new SQLException("Database '" + pool.config().label() + "': not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this) || iface.isInstance(pool.underlying());
    }

    @Override
    public String toString() {
        return "LabelDataSource{label=" + pool.config().label() + "}";
    }
}
