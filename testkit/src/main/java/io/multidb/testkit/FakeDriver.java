package io.multidb.testkit;

import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC {@link Driver} for tests, with every method a test rarely cares about given a default: a
 * test driver implements {@link #connect} and {@link #acceptsURL}, and overrides the rest only when
 * it matters to the test (as {@code agroal-test} does for its fakes).
 *
 * <pre>{@code
 * public static final class RefusingDriver implements FakeDriver {
 *     public Connection connect(String url, Properties info) throws SQLException {
 *         if (!acceptsURL(url)) return null;
 *         throw new SQLException("Connection refused (test driver)", "08001");
 *     }
 *     public boolean acceptsURL(String url) { return url.startsWith("jdbc:refusing:"); }
 * }
 * }</pre>
 *
 * <p>Thread-safety: as thread-safe as the implementation's own methods.
 */
public interface FakeDriver extends Driver {

    /** @return no properties: the driver reports none */
    @Override
    default DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    default int getMajorVersion() {
        return 1;
    }

    @Override
    default int getMinorVersion() {
        return 0;
    }

    @Override
    default boolean jdbcCompliant() {
        return false;
    }

    @Override
    default Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
