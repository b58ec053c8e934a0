package io.multidb.connection;

import io.multidb.testkit.FakeDriver;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A wrapping driver, as P6Spy or a tracing proxy would be: {@code jdbc:delegating:<h2 url>} opens
 * {@code jdbc:h2:<h2 url>} through H2's driver.
 */
public final class DelegatingTestDriver implements FakeDriver {
    static final String PREFIX = "jdbc:delegating:";

    static {
        FakeDriver.register(new DelegatingTestDriver());
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return acceptsURL(url) ? new org.h2.Driver().connect("jdbc:h2:" + url.substring(PREFIX.length()), info) : null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }
}
