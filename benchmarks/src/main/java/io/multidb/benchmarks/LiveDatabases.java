package io.multidb.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local PostgreSQL and MariaDB the live benchmarks (B2, B3) run against, found like the tests
 * find them: {@code MULTIDB_TEST_POSTGRESQL_URL} / {@code MULTIDB_TEST_MARIADB_URL} (and
 * {@code _USER}, {@code _PASSWORD}), defaulting to the servers {@code scripts/prepare-databases.sh}
 * makes ready.
 */
final class LiveDatabases {
    private LiveDatabases() {
    }

    /** One server and database. */
    record Server(String url, String user, String password) {
        Map<String, Object> config(Object... extra) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("url", url);
            c.put("user", user);
            if (!password.isEmpty()) {
                c.put("password", password);
            }
            for (int i = 0; i < extra.length; i += 2) {
                c.put((String) extra[i], extra[i + 1]);
            }
            return c;
        }

        void run(String... statements) throws SQLException {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
                for (String sql : statements) {
                    st.execute(sql);
                }
            }
        }
    }

    static Server postgres(String database) {
        String url = env("MULTIDB_TEST_POSTGRESQL_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        return new Server(url.substring(0, url.lastIndexOf('/') + 1) + database,
                env("MULTIDB_TEST_POSTGRESQL_USER", "postgres"), env("MULTIDB_TEST_POSTGRESQL_PASSWORD", ""));
    }

    static Server mariadb(String database) {
        String url = env("MULTIDB_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");
        return new Server(url.substring(0, url.lastIndexOf('/') + 1) + database,
                env("MULTIDB_TEST_MARIADB_USER", "root"), env("MULTIDB_TEST_MARIADB_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
