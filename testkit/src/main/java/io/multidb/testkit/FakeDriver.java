package io.multidb.testkit;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
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
 *     static {
 *         FakeDriver.register(new RefusingDriver());
 *     }
 *
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

    /**
     * Registers a driver with {@link DriverManager}, as every JDBC driver does when its class is
     * loaded: call it from the driver's static initializer. A pool given a {@code driver_class}
     * that {@code DriverManager} does not know warns about it (HikariCP does), and
     * {@link DriverManager#getConnection(String)} finds only registered drivers.
     *
     * @param driver the driver to register
     * @throws IllegalStateException when {@code DriverManager} refuses it (in a static
     *     initializer this surfaces as {@link ExceptionInInitializerError})
     */
    static void register(Driver driver) {
        try {
            DriverManager.registerDriver(driver);
        } catch (SQLException e) {
            throw new IllegalStateException("DriverManager refused " + driver.getClass().getName(), e);
        }
    }

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
