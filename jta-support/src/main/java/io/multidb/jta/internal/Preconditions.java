package io.multidb.jta.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.spi.XaEngine;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Checks, on the first connection of an XA label's pool, what would otherwise fail only at the
 * worst moment (when a branch is prepared, or after a crash); the engine's {@link XaEngine} knows
 * what to check:
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
            XaEngine.of(config.engine()).checkPreconditions(config.label(), c);
        } finally {
            c.rollback();
        }
    }
}
