package io.multidb.connection;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A wrapping driver, as P6Spy or a tracing proxy would be: {@code jdbc:delegating:<h2 url>} opens
 * {@code jdbc:h2:<h2 url>} through H2's driver.
 */
public final class DelegatingTestDriver implements Driver {
    static final String PREFIX = "jdbc:delegating:";

    static {
        // as every JDBC driver does when loaded (META-INF/services only loads it); HikariCP warns about a
        // driver_class that DriverManager does not know
        try {
            DriverManager.registerDriver(new DelegatingTestDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return acceptsURL(url) ? new org.h2.Driver().connect("jdbc:h2:" + url.substring(PREFIX.length()), info) : null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
