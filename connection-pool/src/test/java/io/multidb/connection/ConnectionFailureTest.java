package io.multidb.connection;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.multidb.testkit.AllEngines;
import io.multidb.testkit.LogCapture;
import io.multidb.testkit.RequiresEngine;
import io.multidb.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

/**
 * Every way a connection can fail becomes a {@link ConnectionFailedException} naming the label, the
 * URL and the user, and a canary password never shows up in any message, cause, stack trace,
 * {@code toString()} or log line, at any log level.
 */
@ExtendWith(ClosePools.class)
class ConnectionFailureTest {
    static final String CANARY = "Canary-Pw-7731";

    private static Throwable failureOf(Map<String, Object> config) {
        ConnectionPool.configure(Map.of("target", config));
        return catchThrowable(() -> {
            try (Session s = DatabaseManager.getSession("target")) {
                s.query("select 1");
            }
        });
    }

    private static void assertNoCanary(Throwable t, LogCapture logs) {
        assertThat(t).isNotNull();
        assertThat(LogCapture.stackTraceOf(t)).doesNotContain(CANARY);
        assertThat(String.valueOf(t)).doesNotContain(CANARY);
        assertThat(logs.text()).doesNotContain(CANARY);
    }

    private static String withoutDb(String jdbcUrl) {
        return jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1);
    }

    @AllEngines
    void aRefusedPortNamesLabelUrlAndUser(TestDatabase db) {
        String url = db.engine() == Engine.H2 ? "jdbc:h2:tcp://127.0.0.1:1/mem:nowhere"
                : db.jdbcUrl().replaceFirst(":\\d+/", ":1/");
        try (LogCapture logs = LogCapture.everything()) {
            Throwable t = failureOf(Configs.with(Map.of(), "url", url, "user", "app", "password", CANARY));
            assertThat(t).isInstanceOfSatisfying(ConnectionFailedException.class, e -> {
                assertThat(e.label()).isEqualTo("target");
                assertThat(e.url()).isEqualTo(url);
                assertThat(e.user()).isEqualTo("app");
            }).hasMessageStartingWith("Cannot connect to database 'target' at " + url + " as user 'app': ");
            assertNoCanary(t, logs);
            assertThat(logs.events()).isNotEmpty();
        }
    }

    @AllEngines
    void anUnknownDatabaseIsAConnectionFailure(TestDatabase db) {
        String name = unique("no_such_db");
        String url = db.engine() == Engine.H2 ? "jdbc:h2:file:./target/" + name + ";IFEXISTS=TRUE"
                : withoutDb(db.jdbcUrl()) + name;
        try (LogCapture logs = LogCapture.everything()) {
            Map<String, Object> config = Configs.with(Map.of(), "url", url, "user", db.user(), "password", CANARY);
            Throwable t = failureOf(config);
            assertThat(t).isInstanceOf(ConnectionFailedException.class)
                    .hasMessageContaining("'target'").hasMessageContaining("no_such_db_");
            assertNoCanary(t, logs);
        }
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void anUnknownRoleIsAConnectionFailureWithTheDriversReason(TestDatabase db) {
        try (LogCapture logs = LogCapture.everything()) {
            Throwable t = failureOf(Configs.with(Map.of(), "url", db.jdbcUrl(), "user", "no_such_role_x",
                    "password", CANARY));
            assertThat(t).isInstanceOfSatisfying(ConnectionFailedException.class,
                    e -> assertThat(e.sqlState()).isEqualTo("28000"))
                    .hasMessageContaining("as user 'no_such_role_x'")
                    .hasMessageContaining("no_such_role_x\" does not exist");
            assertNoCanary(t, logs);
        }
    }

    @Test
    @RequiresEngine(Engine.MARIADB)
    void aBadPasswordIsAConnectionFailureThatNeverShowsThePassword(TestDatabase db) {
        try (LogCapture logs = LogCapture.everything()) {
            Throwable t = failureOf(Configs.with(Map.of(), "url", db.jdbcUrl(), "user", db.user(),
                    "password", CANARY));
            assertThat(t).isInstanceOf(ConnectionFailedException.class).hasMessageContaining("Access denied");
            assertNoCanary(t, logs);
        }
    }

    @Test
    void aBadHostIsAConnectionFailure() {
        try (LogCapture logs = LogCapture.everything()) {
            Throwable t = failureOf(Configs.with(Map.of(), "connection_string",
                    "postgresql://app:" + CANARY + "@no-such-host.invalid:5432/app"));
            assertThat(t).isInstanceOf(ConnectionFailedException.class)
                    .hasMessageContaining("jdbc:postgresql://no-such-host.invalid:5432/app")
                    .hasMessageContaining("as user 'app'");
            assertNoCanary(t, logs);
        }
    }

    @Test
    void anEagerLabelThatCannotConnectFailsConfigureWithoutThePassword() {
        try (LogCapture logs = LogCapture.everything()) {
            Throwable t = catchThrowable(() -> ConnectionPool.configure(Map.of("eager", Configs.with(Map.of(),
                    "url", "jdbc:mariadb://127.0.0.1:1/app?password=" + CANARY, "user", "app", "lazy", false))));
            assertThat(t).isInstanceOfSatisfying(ConnectionFailedException.class,
                    e -> assertThat(e.url()).isEqualTo("jdbc:mariadb://127.0.0.1:1/app"));
            assertNoCanary(t, logs);
            assertThat(ConnectionPool.isConfigured()).isFalse();
        }
    }

    @Test
    void configurationErrorsAndToStringNeverShowThePassword() {
        try (LogCapture logs = LogCapture.everything()) {
            Map<String, Object> misspelt = new LinkedHashMap<>();
            misspelt.put("connection_string", "postgresql://app:" + CANARY + "@localhost:5432/app");
            misspelt.put("pasword", CANARY);
            Throwable unknownKey = catchThrowable(() -> ConnectionPool.configure(Map.of("x", misspelt)));
            assertThat(unknownKey).isInstanceOf(ConfigurationException.class).hasMessageContaining("pasword");
            assertNoCanary(unknownKey, logs);

            Throwable badUrl = catchThrowable(() -> ConnectionPool.configure(Map.of("x", Map.of(
                    "connection_string", "postgresql://app:" + CANARY + "@[broken:5432/app"))));
            assertThat(badUrl).isInstanceOf(ConfigurationException.class);
            assertNoCanary(badUrl, logs);

            DatabaseConfig config = DatabaseConfig.fromMap("x", Map.of("url",
                    "jdbc:postgresql://localhost/app?user=app&password=" + CANARY, "properties",
                    Map.of("sslpassword", CANARY)));
            assertThat(config.toString()).doesNotContain(CANARY);
            assertThat(config.url()).doesNotContain(CANARY);
            ConnectionPool.configure(Map.of("x", config));
            assertThat(ConnectionPool.dataSource("x").toString()).doesNotContain(CANARY);
            assertThat(DatabaseManager.getSession("x").toString()).doesNotContain(CANARY);
            assertThat(logs.text()).doesNotContain(CANARY);
        }
    }

    @Test
    void translatingADriverFailureWithTheLabelsConfigurationScrubsItsPassword() {
        DatabaseConfig config = DatabaseConfig.fromMap("x", Configs.with(Configs.h2(unique()), "password", CANARY));
        java.sql.SQLException driver = new java.sql.SQLException("syntax error near '" + CANARY + "'", "42601", 7);
        SqlExecutionException e = SqlExecutionException.translate(config, "alter user a password '" + CANARY + "'",
                driver);
        assertThat(e.label()).isEqualTo("x");
        assertThat(e.sqlState()).isEqualTo("42601");
        assertThat(e.errorCode()).isEqualTo(7);
        assertThat(e).hasMessageStartingWith("Database 'x': syntax error near").hasMessageContaining("[SQLState 42601]");
        assertThat(LogCapture.stackTraceOf(e)).doesNotContain(CANARY);
    }

    /**
     * HikariCP reports a database that refuses new connections, after the pool has started, as a
     * timeout; it is still a connection failure, not an exhausted pool. HikariCP attaches the refusal
     * only once its connection attempt has failed, and the first session waits for a new connection
     * too ({@code pool_size} 0): {@code pool_timeout} gives either login several seconds, as a loaded
     * machine may need.
     */
    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void aConnectionFailureReportedAsAPoolTimeoutIsStillAConnectionFailure(TestDatabase db) throws Exception {
        String role = unique("multidb_login");
        try (Connection admin = db.admin(); Statement st = admin.createStatement()) {
            st.execute("create role " + role + " login password '" + CANARY + "'");
            try (LogCapture logs = LogCapture.everything()) {
                ConnectionPool.configure(Map.of("target", Configs.with(Map.of(), "url", db.jdbcUrl(), "user", role,
                        "password", CANARY, "pool_size", 0, "max_overflow", 1, "pool_timeout", 5)));
                try (Session s = DatabaseManager.getSession("target")) {
                    assertThat(s.query(Integer.class, "select 1")).containsExactly(1);
                }
                st.execute("alter role " + role + " nologin");
                st.execute("select pg_terminate_backend(pid) from pg_stat_activity where usename = '" + role + "'");
                Thread.sleep(600); // past HikariCP's 500 ms validation bypass, so the dead connection is noticed
                Throwable t = catchThrowable(() -> {
                    try (Session s = DatabaseManager.getSession("target")) {
                        s.query("select 1");
                    }
                });
                assertThat(t).isInstanceOfSatisfying(ConnectionFailedException.class,
                        e -> assertThat(e.user()).isEqualTo(role))
                        .hasMessageContaining("not permitted to log in");
                assertNoCanary(t, logs);
            } finally {
                ConnectionPool.closeAllConnections();
                st.execute("drop role " + role);
            }
        }
    }
}
