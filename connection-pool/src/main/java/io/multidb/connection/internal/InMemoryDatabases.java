package io.multidb.connection.internal;

import io.multidb.connection.DatabaseConfig;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the H2 in-memory databases that Multidb named for a label ({@code db: ":memory:"}): it keeps
 * them alive between connections with {@code DB_CLOSE_DELAY=-1}, so it must end them when the label
 * is closed, or their tables and rows would outlive {@code closeAllConnections()} and reappear in the
 * next configuration. {@code SHUTDOWN} also closes every connection still open on the database, so a
 * session that held one past the close can commit nothing more.
 */
final class InMemoryDatabases {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryDatabases.class);

    private InMemoryDatabases() {
    }

    /**
     * @param config a label whose {@link DatabaseConfig#ownsInMemoryDatabase()} is {@code true},
     *               after its pool has been closed
     */
    static void end(DatabaseConfig config) {
        Properties credentials = new Properties();
        config.user().ifPresent(u -> credentials.setProperty("user", u));
        config.password().ifPresent(p -> credentials.setProperty("password", p));
        // IFEXISTS: a database already gone is not created again just to be shut down
        String url = config.url() + ";IFEXISTS=TRUE";
        try {
            Driver driver = (Driver) Class.forName(config.engine().driverClassName(), true, InMemoryDatabases.class
                    .getClassLoader()).getDeclaredConstructor().newInstance();
            try (Connection c = driver.connect(url, credentials); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        } catch (SQLException e) {
            // 90146: the database does not exist (any more): nothing to end
            if (e.getErrorCode() != 90146) {
                LOG.warn("Database '{}': could not end its in-memory database: {}", config.label(),
                        Secrets.scrub(e.getMessage(), config.password().orElse(null)));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Database '{}': could not end its in-memory database: {}", config.label(), e.toString());
        }
    }
}
