package io.multidb.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A JDBC driver for {@code jdbc:stub:} URLs whose connections do nothing and return at once: for
 * tests and benchmarks of pools and of code around Multidb, where the database would only add
 * noise. Every query returns one row with one integer column {@code value} = 1; every update
 * counts one row. Configure a label with it as
 * {@code driver_class: io.multidb.testkit.StubDriver}, {@code engine: h2},
 * {@code url: jdbc:stub:<any name>}.
 *
 * <pre>{@code
 * MultiDb db = MultiDb.create(Map.of("main", Map.of("engine", "h2", "url", StubDriver.PREFIX + "main",
 *         "driver_class", StubDriver.class.getName())));
 * }</pre>
 *
 * <p>Cost: one {@link StubConnection} per connection, one {@link StubPreparedStatement} per
 * statement, one {@link StubResultSet} per query; nothing else is allocated.
 *
 * <p>Thread-safety: thread-safe; the connections it makes are for one thread at a time, as JDBC
 * connections are.
 */
public final class StubDriver implements FakeDriver {
    /** The URL prefix this driver accepts. */
    public static final String PREFIX = "jdbc:stub:";

    static {
        FakeDriver.register(new StubDriver());
    }

    /** Created by pools, by class name. */
    public StubDriver() {
    }

    @Override
    public Connection connect(String url, Properties info) {
        return acceptsURL(url) ? new StubConnection() : null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }
}
