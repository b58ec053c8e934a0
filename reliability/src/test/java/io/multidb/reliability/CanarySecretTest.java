package io.multidb.reliability;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.multidb.connection.ConfigurationException;
import io.multidb.connection.ConnectionFailedException;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Engine;
import io.multidb.connection.PoolExhaustedException;
import io.multidb.connection.Session;
import io.multidb.connection.SqlExecutionException;
import io.multidb.testkit.LogCapture;
import io.multidb.testkit.RequiresEngine;
import io.multidb.testkit.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * A unique canary password goes through every failure path Multidb has, with every logger at its
 * most verbose (logback at TRACE for the root, Multidb, HikariCP, the drivers and Jdbi; the JUL root
 * and pgJDBC at ALL; stdout and stderr captured). The canary must never show in an exception's
 * message, {@code toString()}, cause chain, suppressed exceptions or printed stack trace, in any
 * captured log line (formatted message and stack trace), or in the {@code toString()} of a
 * {@link DatabaseConfig}, {@code PoolStats}, {@link Session} or {@link DataSource}.
 */
@Tag("fault")
class CanarySecretTest {

    static final String CANARY = "Canary-" + UUID.randomUUID();
    private static final String H2_TCP_REFUSED = "jdbc:h2:tcp://127.0.0.1:1/mem:nowhere";
    /**
     * Seconds a refused login may take to come back: connect_timeout otherwise follows the tests'
     * 1 s pool_timeout, and a loaded machine can be slower than that, which turns the refusal into a
     * timeout with another SQLState. A refusal comes back in milliseconds, so this costs nothing.
     */
    private static final int REFUSAL_TIMEOUT_SECONDS = 10;

    @AfterEach
    void closePools() {
        ConnectionPool.closeAllConnections();
    }

    // =============================================================================================
    // connection failures
    // =============================================================================================

    static Stream<Arguments> unreachable() {
        return Stream.of(
                Arguments.of("postgresql, unresolvable host, password in userinfo",
                        Map.of("connection_string", "postgresql://app:" + CANARY + "@no-such-host.invalid:5432/app")),
                Arguments.of("mariadb, unresolvable host, password key",
                        Map.of("url", "jdbc:mariadb://no-such-host.invalid:3306/app", "user", "app",
                                "password", CANARY)),
                Arguments.of("postgresql, refused port, password as url parameter",
                        Map.of("url", "jdbc:postgresql://127.0.0.1:1/app?user=app&password=" + CANARY)),
                Arguments.of("mariadb, refused port, password in userinfo",
                        Map.of("url", "mariadb://app:" + CANARY + "@127.0.0.1:1/app")),
                Arguments.of("h2 server, refused port, password key",
                        Map.of("url", H2_TCP_REFUSED, "user", "sa", "password", CANARY)),
                Arguments.of("postgresql, refused port, secret driver property beside the password",
                        Map.of("url", "jdbc:postgresql://127.0.0.1:1/app?sslpassword=" + CANARY, "user", "app",
                                "password", CANARY)));
    }

    @ParameterizedTest(name = "lazy label, first use: {0}")
    @MethodSource("unreachable")
    void anUnreachableLazyLabelFailsOnFirstUseWithoutTheCanary(String name, Map<String, Object> config) {
        try (VerboseLogs logs = VerboseLogs.open()) {
            Map<String, Object> lazy = with(config, "pool_timeout", 1, "pool_size", 1);
            DatabaseConfig parsed = DatabaseConfig.fromMap("target", lazy);
            ConnectionPool.configure(Map.of("target", lazy));
            Session session = DatabaseManager.getSession("target");
            Throwable onQuery = catchThrowable(() -> session.query("select 1"));
            String sessionText = session.toString();
            session.close();
            assertThat(onQuery).isInstanceOf(ConnectionFailedException.class);
            assertClean(onQuery);
            DataSource ds = ConnectionPool.dataSource("target");
            // each use retries the pool's start, which costs a second: the other paths once per engine
            if (name.startsWith("postgresql, refused port, password") || name.startsWith("mariadb, refused")) {
                Throwable onTransaction = catchThrowable(() -> DatabaseManager.inTransaction("target",
                        s -> s.execute("select 1")));
                Throwable onDataSource = catchThrowable(() -> ds.getConnection().close());
                assertThat(onTransaction).isInstanceOf(ConnectionFailedException.class);
                assertThat(onDataSource).isInstanceOf(SQLException.class);
                assertClean(onTransaction, onDataSource);
            }
            String stats = String.valueOf(ConnectionPool.stats("target"));
            String dsText = ds.toString();
            ConnectionPool.closeAllConnections();

            assertClean(parsed, sessionText, stats, dsText);
            logs.assertClean();
        }
    }

    @ParameterizedTest(name = "eager label, configure: {0}")
    @MethodSource("unreachable")
    void anUnreachableEagerLabelFailsConfigureWithoutTheCanary(String name, Map<String, Object> config) {
        try (VerboseLogs logs = VerboseLogs.open()) {
            Map<String, Object> configs = new LinkedHashMap<>();
            // a good eager label opened first, then closed again when the second fails
            configs.put("good", Map.of("url", "jdbc:h2:mem:canary_good_" + unique() + ";DB_CLOSE_DELAY=-1", "user",
                    "sa", "password", CANARY, "lazy", false, "pool_size", 1));
            configs.put("target", with(config, "lazy", false, "pool_timeout", 1));
            Throwable t = catchThrowable(() -> ConnectionPool.configure(configs));
            assertThat(t).isInstanceOfSatisfying(ConnectionFailedException.class,
                    e -> assertThat(e.label()).isEqualTo("target"));
            assertThat(ConnectionPool.isConfigured()).isFalse();
            assertClean(t);
            logs.assertClean();
        }
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void anUnknownPostgresqlRoleNeverShowsTheCanary(TestDatabase db) {
        String role = "no_such_role_" + unique();
        Map<String, Object> config = Map.of("url", db.jdbcUrl(), "user", role, "password", CANARY,
                "pool_size", 1, "pool_timeout", 1, "connect_timeout", REFUSAL_TIMEOUT_SECONDS);
        assertUnknownLoginFails(config, "28000", role);
    }

    @Test
    @RequiresEngine(Engine.MARIADB)
    void anUnknownMariadbUserNeverShowsTheCanary(TestDatabase db) {
        String user = "no_such_user_" + unique();
        Map<String, Object> config = Map.of("url", db.jdbcUrl(), "user", user, "password", CANARY,
                "pool_size", 1, "pool_timeout", 1, "connect_timeout", REFUSAL_TIMEOUT_SECONDS);
        assertUnknownLoginFails(config, "28000", user);
    }

    @Test
    @RequiresEngine(Engine.MARIADB)
    void aWrongMariadbPasswordNeverShowsTheCanary(TestDatabase db) {
        Map<String, Object> config = Map.of("connection_string",
                db.jdbcUrl().replaceFirst("^jdbc:mariadb://", "mariadb://" + db.user() + ":" + CANARY + "@"),
                "pool_size", 1, "pool_timeout", 1, "connect_timeout", REFUSAL_TIMEOUT_SECONDS);
        assertUnknownLoginFails(config, "28000", db.user());
    }

    /**
     * Lazy (first getSession) and eager (configure) both fail with a clean ConnectionFailedException
     * carrying the server's refusal (SQLState 28000), which must arrive within {@code connect_timeout}.
     */
    private static void assertUnknownLoginFails(Map<String, Object> config, String sqlState, String user) {
        String driverLogger = String.valueOf(config.getOrDefault("url", config.get("connection_string")))
                .contains("postgresql") ? "org.postgresql" : "org.mariadb";
        try (VerboseLogs logs = VerboseLogs.open()) {
            ConnectionPool.configure(Map.of("target", config));
            Throwable lazy = catchThrowable(() -> {
                try (Session s = DatabaseManager.getSession("target")) {
                    s.query("select 1");
                }
            });
            String stats = String.valueOf(ConnectionPool.stats("target"));
            ConnectionPool.closeAllConnections();

            Throwable eager = catchThrowable(() -> ConnectionPool.configure(Map.of("target",
                    with(config, "lazy", false))));
            assertThat(ConnectionPool.isConfigured()).isFalse();

            for (Throwable t : List.of(lazy, eager)) {
                assertThat(t).isInstanceOfSatisfying(ConnectionFailedException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(sqlState);
                    assertThat(e.user()).isEqualTo(user);
                });
            }
            assertClean(lazy, eager);
            assertClean(DatabaseConfig.fromMap("target", config), stats);
            logs.assertCaptured(driverLogger);
            logs.assertCaptured("com.zaxxer.hikari");
            logs.assertClean();
        }
    }

    /**
     * A wrapping driver's URL (P6Spy style) is passed to the driver as written; a password in it
     * must still not show in the failure, the logs or {@code toString()}.
     */
    static Stream<Arguments> wrappedUrls() {
        return Stream.of(
                Arguments.of("parameter", "jdbc:p6spy:postgresql://127.0.0.1:1/app?user=app&password=" + CANARY,
                        "postgresql"),
                Arguments.of("userinfo", "jdbc:p6spy:mariadb://app:" + CANARY + "@127.0.0.1:1/app", "mariadb"),
                Arguments.of("oracle user/password", "jdbc:p6spy:oracle:thin:app/" + CANARY + "@//127.0.0.1:1/svc",
                        "oracle"));
    }

    @ParameterizedTest(name = "wrapped driver url with the password as {0}")
    @MethodSource("wrappedUrls")
    void aPassThroughUrlOfAWrappingDriverNeverShowsTheCanary(String form, String url, String engine) {
        try (VerboseLogs logs = VerboseLogs.open()) {
            // the engine's own driver does not accept the wrapped URL: the pool cannot start
            Map<String, Object> config = Map.of("url", url, "engine", engine, "driver_class", "org.postgresql.Driver",
                    "pool_size", 1, "pool_timeout", 1);
            Throwable t = catchThrowable(() -> {
                ConnectionPool.configure(Map.of("target", config));
                try (Session s = DatabaseManager.getSession("target")) {
                    s.query("select 1");
                }
            });
            assertThat(t).isInstanceOf(ConnectionFailedException.class);
            assertClean(t);
            assertClean(DatabaseConfig.fromMap("target", config));
            logs.assertClean();
        }
    }

    // =============================================================================================
    // configuration errors with the canary nearby
    // =============================================================================================

    static Stream<Arguments> badConfigurations() {
        List<Arguments> cases = new ArrayList<>();
        // bad URL syntax holding the password
        for (String url : List.of(
                "postgresql://app:" + CANARY + "@[broken:5432/app",
                "postgresql://app:" + CANARY + "@db.internal:notaport/app",
                "postgresql://app:" + CANARY + "@/app",
                "ftp://app:" + CANARY + "@db.internal/app",
                "mariadb://app:" + CANARY + "@db.internal:99999/app",
                "postgresql://app:" + CANARY + "@db.internal/app%zz",
                "postgresql://app:" + CANARY + "@db.internal/app?password=other",
                "jdbc:postgresql://db.internal:99999/app?user=app&password=" + CANARY,
                "jdbc:postgresql://[broken:5432/app?password=" + CANARY,
                "jdbc:sqlite:/tmp/app.db?password=" + CANARY,
                "jdbc:mariadb:app?password=" + CANARY,
                "jdbc:postgresql://db.internal/app?password=" + CANARY + "&password=other",
                "jdbc:postgresql//db.internal/app?password=" + CANARY,
                "jdbc:postgresql://db.internal/app?password=" + CANARY + "%zz",
                "jdbc:sqlserver://db.internal/app;password=" + CANARY,
                "jdbc:oracle:thin:app/" + CANARY + "@db.internal:notaport/svc",
                "jdbc:oracle:thin:app/" + CANARY + "//db.internal:1521/svc")) {
            cases.add(Arguments.of("bad url " + url.replace(CANARY, "<canary>"), (Runnable) () ->
                    ConnectionPool.configure(Map.of("target", Map.of("url", url)))));
        }
        cases.add(Arguments.of("bad url via properties", (Runnable) () -> ConnectionPool.configure(
                DatabaseConfig.fromProperties(properties("multidb.target.url",
                        "postgresql://app:" + CANARY + "@[broken/app")))));
        cases.add(Arguments.of("bad url via environment", (Runnable) () -> ConnectionPool.configure(
                DatabaseConfig.fromEnvironment(Map.of("MULTIDB_TARGET_URL",
                        "jdbc:postgresql://db.internal:0/app?password=" + CANARY)))));
        cases.add(Arguments.of("bad url via builder", (Runnable) () -> DatabaseConfig.builder("target")
                .url("mysql://app:" + CANARY + "@db.internal:port/app").build()));
        // an invalid key next to the password
        cases.add(map("misspelt password key beside the password", "url", h2(), "password", CANARY,
                "pasword", CANARY));
        cases.add(map("unknown key beside a url with the password", "url",
                "postgresql://app:" + CANARY + "@db.internal/app", "poolsize", 3));
        cases.add(Arguments.of("misspelt key via properties", (Runnable) () -> ConnectionPool.configure(
                DatabaseConfig.fromProperties(properties("multidb.target.url", h2(), "multidb.target.password",
                        CANARY, "multidb.target.passwd", CANARY)))));
        cases.add(Arguments.of("misspelt key via environment", (Runnable) () -> ConnectionPool.configure(
                DatabaseConfig.fromEnvironment(Map.of("MULTIDB_TARGET_URL", h2(), "MULTIDB_TARGET_PASSWORD", CANARY,
                        "MULTIDB_TARGET_PASSWROD", CANARY)))));
        // a wrong-typed value next to (or as) the password
        cases.add(map("pool_size text beside the password", "url", h2(), "password", CANARY, "pool_size", "ten"));
        cases.add(map("password as char[]", "url", h2(), "password", CANARY.toCharArray()));
        cases.add(map("password as a list", "url", h2(), "password", List.of(CANARY)));
        cases.add(map("password as a map", "url", h2(), "password", Map.of("value", CANARY)));
        cases.add(map("password as a StringBuilder beside a bad port", "url", h2(), "password",
                new StringBuilder(CANARY), "port", -1));
        cases.add(map("secret driver property as a list", "url", h2(), "password", CANARY, "properties",
                Map.of("sslpassword", List.of(CANARY))));
        cases.add(map("password inside properties", "url", h2(), "properties", Map.of("password", CANARY)));
        cases.add(map("url as a URI with the password", "url",
                URI.create("postgresql://app:" + CANARY + "@db.internal/app")));
        cases.add(map("url as a list with the password", "url",
                List.of("jdbc:postgresql://db.internal/app?password=" + CANARY)));
        cases.add(map("url password differs from password key", "connection_string",
                "postgresql://app:" + CANARY + "@db.internal/app", "password", "other"));
        cases.add(map("password key differs from url password", "connection_string",
                "postgresql://app:other@db.internal/app", "password", CANARY));
        cases.add(map("port text beside a url with the password", "url",
                "jdbc:postgresql://db.internal/app?password=" + CANARY, "port", "5432"));
        cases.add(map("host contradicting a url with the password", "url",
                "postgresql://app:" + CANARY + "@db.internal/app", "host", "other.internal"));
        cases.add(map("engine as a number beside a url with the password", "url",
                "postgresql://app:" + CANARY + "@db.internal/app", "engine", 5));
        cases.add(map("secret url parameter differs from properties", "url",
                "jdbc:postgresql://db.internal/app?sslpassword=" + CANARY, "properties", Map.of("sslpassword", "x")));
        cases.add(map("init_sql bad item beside the password", "url", h2(), "password", CANARY, "init_sql",
                List.of("set x = 1", 5)));
        cases.add(map("label mismatch beside the password", "url", h2(), "password", CANARY, "label", "other"));
        cases.add(map("pool_pre_ping false beside the password", "url", h2(), "password", CANARY,
                "pool_pre_ping", false));
        cases.add(map("xa without JTA beside the password", "url", h2(), "password", CANARY, "xa", true));
        cases.add(Arguments.of("wrong type via properties", (Runnable) () -> ConnectionPool.configure(
                DatabaseConfig.fromProperties(properties("multidb.target.url", h2(), "multidb.target.password",
                        CANARY, "multidb.target.pool_size", "ten")))));
        cases.add(Arguments.of("wrong type via environment", (Runnable) () -> ConnectionPool.configure(
                DatabaseConfig.fromEnvironment(Map.of("MULTIDB_TARGET_URL", h2(), "MULTIDB_TARGET_PASSWORD", CANARY,
                        "MULTIDB_TARGET_LAZY", "nope")))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void aConfigurationErrorNeverShowsTheCanary(String name, Runnable configure) {
        try (VerboseLogs logs = VerboseLogs.open()) {
            Throwable t = catchThrowable(configure::run);
            assertThat(t).as(name).isInstanceOf(ConfigurationException.class);
            assertThat(ConnectionPool.isConfigured()).isFalse();
            assertClean(t);
            logs.assertClean();
        }
    }

    // =============================================================================================
    // SQL errors and pool exhaustion on labels whose password is the canary
    // =============================================================================================

    @Test
    void sqlErrorsOnH2NeverShowTheCanary() {
        // H2 repeats the whole statement in its messages: the canary in the statement must be masked
        try (VerboseLogs logs = VerboseLogs.open()) {
            Map<String, Object> config = Map.of("url", "jdbc:h2:mem:canary_sql_" + unique() + ";DB_CLOSE_DELAY=-1",
                    "user", "sa", "password", CANARY, "pool_size", 1);
            ConnectionPool.configure(Map.of("target", config));
            List<Throwable> failures = sqlFailures(true);
            assertThat(failures).hasSize(7).allSatisfy(t -> assertThat(t).isInstanceOf(RuntimeException.class));
            assertThat(failures.get(0)).isInstanceOf(SqlExecutionException.class);
            assertClean(failures.toArray());
            assertClean(DatabaseConfig.fromMap("target", config), ConnectionPool.stats("target"));
            ConnectionPool.closeAllConnections();
            logs.assertClean();
        }
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void sqlErrorsOnPostgresqlNeverShowTheCanary(TestDatabase db) {
        // the server trusts local connections: it accepts the canary password without checking it
        Map<String, Object> config = with(db.freshConfig(), "password", CANARY, "pool_size", 1);
        try (VerboseLogs logs = VerboseLogs.open()) {
            ConnectionPool.configure(Map.of("target", config));
            List<Throwable> failures = sqlFailures(false);
            assertThat(failures.get(0)).isInstanceOf(SqlExecutionException.class);
            assertClean(failures.toArray());
            assertClean(DatabaseConfig.fromMap("target", config), ConnectionPool.stats("target"));
            ConnectionPool.closeAllConnections();
            logs.assertCaptured("org.postgresql");
            logs.assertClean();
        }
        // the statement texts themselves hold the canary: only exceptions can be checked, since
        // pgJDBC's own trace logs repeat what the application sent
        ConnectionPool.configure(Map.of("target", config));
        List<Throwable> echoed = sqlFailures(true);
        assertThat(echoed.get(0)).isInstanceOf(SqlExecutionException.class);
        assertClean(echoed.toArray());
    }

    @Test
    @RequiresEngine(Engine.MARIADB)
    void sqlErrorsOnMariadbWithACanaryLoginNeverShowTheCanary(TestDatabase db) throws SQLException {
        String user = "canary_" + unique();
        try (Connection admin = db.admin(); Statement st = admin.createStatement()) {
            for (String host : List.of("%", "localhost", "127.0.0.1")) {
                st.execute("create user '" + user + "'@'" + host + "' identified by '" + CANARY + "'");
                st.execute("grant select on *.* to '" + user + "'@'" + host + "'");
            }
            try {
                Map<String, Object> config = Map.of("url", db.jdbcUrl(), "user", user, "password", CANARY,
                        "pool_size", 1, "lazy", false);
                try (VerboseLogs logs = VerboseLogs.open()) {
                    ConnectionPool.configure(Map.of("target", config));
                    List<Throwable> failures = sqlFailures(false);
                    assertThat(failures.get(0)).isInstanceOf(SqlExecutionException.class);
                    assertClean(failures.toArray());
                    assertClean(DatabaseConfig.fromMap("target", config), ConnectionPool.stats("target"));
                    ConnectionPool.closeAllConnections();
                    logs.assertCaptured("org.mariadb");
                    logs.assertCaptured("io.multidb");
                    logs.assertClean();
                }
                ConnectionPool.configure(Map.of("target", config));
                List<Throwable> echoed = sqlFailures(true);
                assertClean(echoed.toArray());
            } finally {
                ConnectionPool.closeAllConnections();
                for (String host : List.of("%", "localhost", "127.0.0.1")) {
                    st.execute("drop user if exists '" + user + "'@'" + host + "'");
                }
            }
        }
    }

    /**
     * Runs failing statements on label {@code target} through every session path.
     *
     * @param withCanary whether the statements (and bound values) hold the canary, so that a
     *                   database repeating them would repeat it
     */
    private static List<Throwable> sqlFailures(boolean withCanary) {
        String marker = withCanary ? CANARY : "marker";
        List<Throwable> out = new ArrayList<>();
        List<Supplier<Object>> attempts = List.of(
                () -> inSession(s -> s.query("select * from \"" + marker + "\"")),
                () -> inSession(s -> s.execute("insert into no_such_table values ('" + marker + "')")),
                () -> inSession(s -> s.query("select * from no_such_table where x = :x", Map.of("x", marker))),
                () -> inSession(s -> s.execute("update no_such_table set x = :x", Map.of("x", marker))),
                () -> inSession(s -> s.query(Long.class, "select '" + marker + "' from no_such_table")),
                () -> inSession(s -> s.query("select :missing", Map.of("x", marker))),
                () -> DatabaseManager.inTransaction("target", s -> s.query("select * from \"" + marker + "\"")));
        for (Supplier<Object> attempt : attempts) {
            Throwable t = catchThrowable(attempt::get);
            assertThat(t).as("a failing statement must throw").isNotNull();
            out.add(t);
        }
        return out;
    }

    private static Object inSession(java.util.function.Function<Session, Object> work) {
        try (Session s = DatabaseManager.getSession("target")) {
            assertClean(s.toString());
            return work.apply(s);
        }
    }

    @Test
    void anExhaustedH2PoolNeverShowsTheCanary() {
        assertExhaustionIsClean(Map.of("url", "jdbc:h2:mem:canary_pool_" + unique() + ";DB_CLOSE_DELAY=-1",
                "user", "sa", "password", CANARY));
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void anExhaustedPostgresqlPoolNeverShowsTheCanary(TestDatabase db) {
        assertExhaustionIsClean(with(db.freshConfig(), "password", CANARY));
    }

    private static void assertExhaustionIsClean(Map<String, Object> base) {
        Map<String, Object> config = with(base, "pool_size", 1, "max_overflow", 0, "pool_timeout", 0.25);
        try (VerboseLogs logs = VerboseLogs.open()) {
            ConnectionPool.configure(Map.of("target", config));
            try (Session holder = DatabaseManager.getSession("target")) {
                holder.query("select 1");
                Throwable t = catchThrowable(() -> {
                    try (Session s = DatabaseManager.getSession("target")) {
                        s.query("select 1");
                    }
                });
                Throwable fromDataSource = catchThrowable(() -> ConnectionPool.dataSource("target").getConnection());
                assertThat(t).isInstanceOfSatisfying(PoolExhaustedException.class,
                        e -> assertClean(e.stats(), e.waited()));
                assertThat(fromDataSource).isInstanceOf(SQLException.class);
                assertClean(t, fromDataSource);
                assertClean(holder, ConnectionPool.stats("target"), DatabaseConfig.fromMap("target", config),
                        ConnectionPool.dataSource("target"));
            }
            ConnectionPool.closeAllConnections();
            logs.assertClean();
        }
    }

    /** The check itself must be able to fail: a planted canary is found in each place it looks. */
    @Test
    @SuppressWarnings("try") // one VerboseLogs is opened only to see that it restores the levels
    void theChecksFindAPlantedCanary() {
        SQLException next = new SQLException("next " + CANARY);
        SQLException sql = new SQLException("outer");
        sql.setNextException(next);
        RuntimeException suppressedHolder = new RuntimeException("clean");
        suppressedHolder.addSuppressed(new IllegalStateException("x " + CANARY));
        for (Throwable planted : List.of(new RuntimeException(CANARY), new RuntimeException("a",
                new IllegalArgumentException(CANARY)), suppressedHolder, sql)) {
            assertThat(catchThrowable(() -> assertClean(planted))).as("planted in %s", planted)
                    .isInstanceOf(AssertionError.class);
        }
        assertThat(catchThrowable(() -> assertClean("text " + CANARY))).isInstanceOf(AssertionError.class);
        try (VerboseLogs logs = VerboseLogs.open()) {
            LoggerFactory.getLogger("com.zaxxer.hikari.pool.HikariPool").trace("plain {}", "ok");
            logs.assertClean();
            LoggerFactory.getLogger("org.mariadb.jdbc.client").trace("pw {}", CANARY);
            assertThat(catchThrowable(logs::assertClean)).isInstanceOf(AssertionError.class);
        }
        try (VerboseLogs logs = VerboseLogs.open()) {
            LoggerFactory.getLogger("io.multidb.x").debug("failed", new SQLException("c", new Exception(CANARY)));
            assertThat(catchThrowable(logs::assertClean)).isInstanceOf(AssertionError.class);
        }
        try (VerboseLogs logs = VerboseLogs.open()) {
            java.util.logging.Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl")
                    .log(java.util.logging.Level.FINEST, "FE=> {0}", CANARY);
            assertThat(catchThrowable(logs::assertClean)).isInstanceOf(AssertionError.class);
        }
        try (VerboseLogs logs = VerboseLogs.open(false)) {
            System.err.println("printed " + CANARY);
            assertThat(catchThrowable(logs::assertClean)).isInstanceOf(AssertionError.class);
        }
        // loggers another test silenced are raised too, and silenced again afterwards
        Logger silenced = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari.pool.PoolBase");
        java.util.logging.Logger julSilenced = java.util.logging.Logger.getLogger("org.postgresql.core.v3.Silenced");
        silenced.setLevel(Level.OFF);
        julSilenced.setLevel(java.util.logging.Level.OFF);
        try {
            try (VerboseLogs logs = VerboseLogs.open()) {
                silenced.trace("pw {}", CANARY);
                assertThat(catchThrowable(logs::assertClean)).isInstanceOf(AssertionError.class);
            }
            try (VerboseLogs logs = VerboseLogs.open()) {
                julSilenced.finest(CANARY);
                assertThat(catchThrowable(logs::assertClean)).isInstanceOf(AssertionError.class);
            }
            assertThat(silenced.getLevel()).isEqualTo(Level.OFF);
            assertThat(julSilenced.getLevel()).isEqualTo(java.util.logging.Level.OFF);
        } finally {
            silenced.setLevel(null);
            julSilenced.setLevel(null);
        }
        Level before = ((Logger) LoggerFactory.getLogger("com.zaxxer.hikari")).getLevel();
        try (VerboseLogs logs = VerboseLogs.open()) {
            assertThat(((Logger) LoggerFactory.getLogger("com.zaxxer.hikari")).isTraceEnabled()).isTrue();
            assertThat(java.util.logging.Logger.getLogger("org.postgresql").isLoggable(java.util.logging.Level.FINEST))
                    .isTrue();
        }
        assertThat(((Logger) LoggerFactory.getLogger("com.zaxxer.hikari")).getLevel()).isEqualTo(before);
    }

    // =============================================================================================
    // checks
    // =============================================================================================

    /** Every throwable reachable (cause, suppressed, next exception), its text and stack trace. */
    static void assertClean(Object... things) {
        for (Object thing : things) {
            if (thing instanceof Throwable t) {
                Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
                walk(t, seen);
                StringWriter w = new StringWriter();
                t.printStackTrace(new PrintWriter(w));
                assertNoCanary("printed stack trace of " + t.getClass().getName(), w.toString());
                for (Throwable each : seen) {
                    assertNoCanary("message of " + each.getClass().getName(), each.getMessage());
                    assertNoCanary("localized message of " + each.getClass().getName(), each.getLocalizedMessage());
                    assertNoCanary("toString of " + each.getClass().getName(), each.toString());
                    if (each instanceof ConnectionFailedException c) {
                        assertNoCanary("ConnectionFailedException.url()", c.url());
                        assertNoCanary("ConnectionFailedException.user()", c.user());
                    }
                }
            } else {
                assertNoCanary("toString of " + (thing == null ? "null" : thing.getClass().getName()),
                        String.valueOf(thing));
            }
        }
    }

    private static void walk(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        walk(t.getCause(), seen);
        for (Throwable s : t.getSuppressed()) {
            walk(s, seen);
        }
        if (t instanceof SQLException sql) {
            Iterator<Throwable> chain = sql.iterator();
            while (chain.hasNext()) {
                walk(chain.next(), seen);
            }
            walk(sql.getNextException(), seen);
        }
    }

    private static void assertNoCanary(String where, String text) {
        if (text != null && (text.contains(CANARY) || text.contains(CANARY.toLowerCase(Locale.ROOT))
                || text.contains(CANARY.substring("Canary-".length())))) {
            throw new AssertionError("The canary password shows in the " + where + ":\n" + text);
        }
    }

    // =============================================================================================
    // helpers
    // =============================================================================================

    private static Arguments map(String name, Object... keysAndValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Arguments.of(name, (Runnable) () -> ConnectionPool.configure(Map.of("target", config)));
    }

    private static Properties properties(String... namesAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            p.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return p;
    }

    private static String h2() {
        return "jdbc:h2:mem:canary_" + unique() + ";DB_CLOSE_DELAY=-1";
    }

    private static Map<String, Object> with(Map<String, ?> base, Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /**
     * Every logger at its most verbose while open, everything captured ({@link LogCapture#everything()}
     * with the standard streams), and the canary checks over what was captured.
     */
    static final class VerboseLogs implements AutoCloseable {
        private final LogCapture capture;

        private VerboseLogs(boolean forward) {
            this.capture = LogCapture.everything().withStandardStreams(forward);
        }

        static VerboseLogs open() {
            return new VerboseLogs(true);
        }

        /** @param forward whether what is printed still reaches the real stdout and stderr */
        static VerboseLogs open(boolean forward) {
            return new VerboseLogs(forward);
        }

        /** @return every captured line */
        String text() {
            return capture.text();
        }

        int events() {
            return capture.events().size();
        }

        /** Proof that a driver's own logging reached the capture, so that a clean capture means something. */
        void assertCaptured(String loggerPrefix) {
            assertThat(text()).as("captured log lines of %s", loggerPrefix).contains(" " + loggerPrefix);
        }

        void assertClean() {
            String text = text();
            int at = text.indexOf(CANARY);
            if (at >= 0 || text.contains(CANARY.substring("Canary-".length()))) {
                int from = Math.max(0, text.lastIndexOf('\n', Math.max(0, at - 1)) - 2000);
                throw new AssertionError("The canary password shows in the captured logs (" + events()
                        + " logback events):\n" + text.substring(Math.max(0, from),
                        Math.min(text.length(), Math.max(at, 0) + 2000)));
            }
        }

        @Override
        public void close() {
            capture.close();
        }
    }
}
