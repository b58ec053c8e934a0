package io.multidb.jta.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, on the first connection of an XA label's pool, what would otherwise fail only at the
 * worst moment (when a branch is prepared, or after a crash):
 * <table>
 *   <caption>Checks</caption>
 *   <tr><th>engine</th><th>refused when</th><th>because</th></tr>
 *   <tr><td>PostgreSQL</td><td>{@code max_prepared_transactions = 0}</td><td>every
 *       {@code PREPARE TRANSACTION} fails; a WARN when it is below {@code max_connections}</td></tr>
 *   <tr><td>MariaDB</td><td>older than 10.5.2</td><td>a prepared branch is rolled back when its
 *       connection ends, so a crash after prepare loses committed work</td></tr>
 *   <tr><td>MySQL</td><td>older than 5.7.7</td><td>the same</td></tr>
 * </table>
 */
final class Preconditions {
    private static final Logger LOG = LoggerFactory.getLogger(Preconditions.class);
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    private Preconditions() {
    }

    /**
     * @param config the label's configuration
     * @param c      a connection of the label (auto-commit off; rolled back afterwards)
     * @throws ConfigurationException when the database cannot take part in XA transactions
     * @throws SQLException           when the check itself fails
     */
    static void check(DatabaseConfig config, Connection c) throws SQLException {
        try {
            switch (config.engine()) {
                case POSTGRESQL -> checkPostgresql(config.label(), intSetting(c, "max_prepared_transactions"),
                        intSetting(c, "max_connections"));
                case MARIADB -> checkMariaDb(config.label(), c.getMetaData().getDatabaseProductVersion());
                default -> {
                    // H2, Oracle, SQL Server: nothing to read; see the README for their server-side set-up
                }
            }
        } finally {
            c.rollback();
        }
    }

    /**
     * @param label          the label
     * @param maxPrepared    the server's {@code max_prepared_transactions}
     * @param maxConnections the server's {@code max_connections}
     * @throws ConfigurationException when {@code maxPrepared} is 0
     */
    static void checkPostgresql(String label, int maxPrepared, int maxConnections) {
        if (maxPrepared == 0) {
            throw new ConfigurationException(label, "xa", "Database '" + label + "': xa is true, but this PostgreSQL"
                    + " server has max_prepared_transactions = 0, so it cannot prepare XA branches. Set"
                    + " max_prepared_transactions at least to max_connections (" + maxConnections + ") in"
                    + " postgresql.conf (or ALTER SYSTEM SET max_prepared_transactions = " + maxConnections + ") and"
                    + " restart PostgreSQL.");
        }
        if (maxPrepared < maxConnections) {
            LOG.warn("Database '{}': PostgreSQL max_prepared_transactions is {}, below max_connections {}; XA"
                    + " prepares fail once that many branches are in doubt at the same time", label, maxPrepared,
                    maxConnections);
        }
    }

    /**
     * @param label   the label
     * @param version the server's version string, for example {@code 10.11.6-MariaDB-0+deb12u1}
     * @throws ConfigurationException when the server loses prepared branches on disconnect
     */
    static void checkMariaDb(String label, String version) {
        boolean mariaDb = version.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
        int[] minimum = mariaDb ? new int[] {10, 5, 2} : new int[] {5, 7, 7};
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            throw new ConfigurationException(label, "xa", "Database '" + label + "': cannot read the server version '"
                    + version + "' to check that it keeps prepared XA branches");
        }
        int[] actual = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        if (compare(actual, minimum) < 0) {
            String product = mariaDb ? "MariaDB" : "MySQL";
            throw new ConfigurationException(label, "xa", "Database '" + label + "': xa is true, but this " + product
                    + " server is " + version + ". Before " + product + " " + minimum[0] + "." + minimum[1] + "."
                    + minimum[2] + " a prepared XA branch is rolled back when its connection ends, so a crash after"
                    + " prepare would lose work that the other databases committed. Upgrade the server, or do not"
                    + " set xa on this label.");
        }
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static int intSetting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return Integer.parseInt(rs.getString(1).trim());
        }
    }
}
