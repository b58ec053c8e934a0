package io.multidb.testkit;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.XAConnection;
import javax.sql.XADataSource;

/**
 * An {@link XADataSource} for tests: the one method a fake implements is
 * {@link #getXAConnection()}; the other one delegates to it, and the log writer and login timeout
 * are ignored.
 *
 * <pre>{@code
 * XADataSource source = () -> new FakeXAConnection() { ... };
 * }</pre>
 *
 * <p>Thread-safety: the defaults hold no state and are thread-safe; an implementation says what it
 * is.
 */
@FunctionalInterface
public interface FakeXADataSource extends XADataSource {

    @Override
    XAConnection getXAConnection() throws SQLException;

    /** @return {@link #getXAConnection()}: the fake ignores credentials */
    @Override
    default XAConnection getXAConnection(String user, String password) throws SQLException {
        return getXAConnection();
    }

    @Override
    default PrintWriter getLogWriter() throws SQLException {
        return null;
    }

    @Override
    default void setLogWriter(PrintWriter out) throws SQLException {
    }

    @Override
    default void setLoginTimeout(int seconds) throws SQLException {
    }

    @Override
    default int getLoginTimeout() throws SQLException {
        return 0;
    }

    @Override
    default Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("a fake XA data source does not log");
    }
}
