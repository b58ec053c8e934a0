package io.multidb.jta;

import static io.multidb.testkit.TestNames.unique;

import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import io.multidb.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configuration maps and tables for the XA tests. */
public final class XaFixtures {
    private XaFixtures() {
    }

    /**
     * @param db a test database
     * @return a fresh namespace of it, as an XA label with a small pool
     */
    public static Map<String, Object> xa(TestDatabase db) {
        Map<String, Object> config = db.freshConfig();
        config.put("xa", true);
        config.put("pool_size", 2);
        return config;
    }

    /**
     * A fresh schema in PostgreSQL's second database {@code test2}, dropped by the returned handle.
     *
     * @param postgres the PostgreSQL test database
     * @return the schema
     * @throws SQLException when it cannot be created
     */
    public static SecondDatabase secondPostgres(TestDatabase postgres) throws SQLException {
        String url = postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + "test2";
        String schema = unique("t");
        try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", url);
        config.put("user", postgres.user());
        if (postgres.password() != null && !postgres.password().isEmpty()) {
            config.put("password", postgres.password());
        }
        config.put("schema", schema);
        config.put("xa", true);
        config.put("pool_size", 2);
        return new SecondDatabase(url, postgres.user(), postgres.password(), schema, config);
    }

    /**
     * A schema in {@code test2}.
     *
     * @param url      its database's URL
     * @param user     the user
     * @param password the password, or {@code null}
     * @param schema   the schema
     * @param config   an XA label configuration for it
     */
    public record SecondDatabase(String url, String user, String password, String schema, Map<String, Object> config)
            implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("SET lock_timeout = '10s'");
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /**
     * Creates {@code accounts(id, balance)} on each label, in its own local transaction.
     *
     * @param labels configured labels
     */
    public static void createAccounts(String... labels) {
        for (String label : labels) {
            try (Session s = DatabaseManager.getSession(label)) {
                s.execute("create table accounts (id int primary key, balance int not null)");
                s.commit();
            }
        }
    }

    /**
     * @param label a configured label
     * @return the ids in its {@code accounts}, ascending
     */
    public static List<Integer> ids(String label) {
        try (Session s = DatabaseManager.getSession(label)) {
            return new ArrayList<>(s.query(Integer.class, "select id from accounts order by id"));
        }
    }
}
