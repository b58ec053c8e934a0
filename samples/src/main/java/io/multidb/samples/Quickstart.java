package io.multidb.samples;

import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quickstart of the Python original, ported: two labels on H2 in-memory databases, a table in
 * each, rows inserted and committed, read back and printed, then every pool closed.
 */
public final class Quickstart {
    static final String DB_NAME_DEFAULT = "default_db";
    static final String DB_NAME_AUDIT = "audit_db";

    private Quickstart() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        // In a real application these point at real servers, e.g.
        // "connection_string": "postgresql://user:password@host:5432/database"
        // 1. Configure every pool once, at start-up
        ConnectionPool.configure(databaseConfigs());
        try {
            useDatabases();
        } finally {
            // 3. Close every pool when the application stops
            ConnectionPool.closeAllConnections();
            System.out.println("\nAll database connections closed.");
        }
    }

    /** @return the sample's two labels (tests replace them with private databases) */
    static Map<String, Object> databaseConfigs() {
        Map<String, Object> databaseConfigs = new LinkedHashMap<>();
        databaseConfigs.put(DB_NAME_DEFAULT, config(DB_NAME_DEFAULT));
        databaseConfigs.put(DB_NAME_AUDIT, config(DB_NAME_AUDIT));
        return databaseConfigs;
    }

    /** 2. The work: a table in each database, rows written, read back and printed. */
    static void useDatabases() {
        System.out.println("\n--- Using Default Database ---");
        // 2. A session per unit of work, in try-with-resources
        try (Session session = DatabaseManager.getSession(DB_NAME_DEFAULT)) {
            session.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100))");
            session.execute("INSERT INTO users (id, name) VALUES (?, ?)", 1, "Alice");
            session.execute("INSERT INTO users (id, name) VALUES (:id, :name)", Map.of("id", 2, "name", "Bob"));
            session.commit();
            List<Map<String, Object>> result = session.query("SELECT * FROM users ORDER BY id");
            System.out.println("Retrieved from " + DB_NAME_DEFAULT + ": " + result);
        }

        System.out.println("\n--- Using Audit Database ---");
        try (Session session = DatabaseManager.getSession(DB_NAME_AUDIT)) {
            session.execute("CREATE TABLE logs (id INTEGER PRIMARY KEY, event VARCHAR(200))");
            session.execute("INSERT INTO logs (id, event) VALUES (?, ?)", 1, "User Alice created");
            session.commit();
            List<Map<String, Object>> result = session.query("SELECT * FROM logs ORDER BY id");
            System.out.println("Retrieved from " + DB_NAME_AUDIT + ": " + result);
        }
    }

    private static Map<String, Object> config(String label) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("engine", "h2");
        config.put("db", ":memory:"); // an in-memory H2 database named after the label
        config.put("schema", null);    // null means "not set", as None does in Python
        config.put("label", label);
        config.put("pool_size", 2);
        return config;
    }
}
