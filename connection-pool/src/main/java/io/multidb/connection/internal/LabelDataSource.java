package io.multidb.connection.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A label's pool as a standard {@link DataSource}. Connections come with auto-commit on, as tools
 * like Spring's {@code JdbcTemplate} or Flyway expect; HikariCP restores the pool's setting when
 * they are returned.
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
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
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
