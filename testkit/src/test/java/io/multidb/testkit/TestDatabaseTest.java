package io.multidb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The test kit against the real servers: skipped per engine where a server is missing (or failing
 * when {@code MULTIDB_TEST_REQUIRE} names it), like every other test that uses the kit.
 */
class TestDatabaseTest {

    /** Namespaces the tests saw; {@link #everyNamespaceIsGoneAfterItsTest()} checks they were dropped. */
    private static final List<Created> CREATED = new CopyOnWriteArrayList<>();
    /** Connections a test left open; the kit must close them. */
    private static final List<Connection> LEAKED = new CopyOnWriteArrayList<>();
    /** Engines that {@link #invocationsAreNamedAfterTheirEngine} actually ran for. */
    private static final Set<Engine> RAN_BY_DEFAULT = ConcurrentHashMap.newKeySet();
    /** Engines that {@link #theAnnotationChoosesTheEngines} ran for. */
    private static final List<Engine> RAN_WHEN_CHOSEN = new CopyOnWriteArrayList<>();

    @AllEngines
    void freshConfigIsAnEmptyNamespaceThatPlainJdbcCanUse(TestDatabase db) throws SQLException {
        Map<String, Object> config = db.freshConfig();

        List<String> keys = new ArrayList<>(List.of("url", "user"));
        boolean hasPassword = db.engine() != Engine.H2 && db.password() != null && !db.password().isEmpty();
        if (hasPassword) {
            keys.add("password");
        }
        if (db.engine() == Engine.POSTGRESQL) {
            keys.add("schema");
            assertThat(config.get("url")).isEqualTo(db.jdbcUrl());
            assertThat(config.get("schema")).asString().matches("t_[0-9a-f]{12}");
        } else {
            assertThat(config.get("url")).asString().startsWith("jdbc:" + db.engine().key() + ":").contains("t_")
                    .isNotEqualTo(db.jdbcUrl());
        }
        assertThat(config.keySet()).containsExactlyElementsOf(keys);

        try (Connection connection = DriverManager.getConnection((String) config.get("url"),
                (String) config.get("user"), (String) config.get("password"))) {
            if (config.containsKey("schema")) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET search_path TO " + config.get("schema"));
                }
            }
            String namespace = currentNamespace(db.engine(), connection);
            record(db, config, namespace);
            assertThat(tableCount(db.engine(), connection)).isZero();

            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))");
                statement.execute("INSERT INTO item VALUES (1, 'one')");
            }
            assertThat(names(connection)).containsExactly("one");
            assertThat(tableCount(db.engine(), connection)).isEqualTo(1);
        }
    }

    @AllEngines
    void twoFreshConfigsAreIsolatedFromEachOther(TestDatabase db) throws SQLException {
        Map<String, Object> first = db.freshConfig();
        Map<String, Object> second = db.freshConfig();

        assertThat(first).isNotEqualTo(second);
        try (Connection a = db.connect(first); Connection b = db.connect(second)) {
            record(db, first, currentNamespace(db.engine(), a));
            record(db, second, currentNamespace(db.engine(), b));
            try (Statement statement = a.createStatement()) {
                statement.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))");
                statement.execute("INSERT INTO item VALUES (1, 'in first')");
            }
            assertThat(tableCount(db.engine(), b)).isZero();

            try (Statement statement = b.createStatement()) {
                statement.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))");
                statement.execute("INSERT INTO item VALUES (1, 'in second')");
            }
            assertThat(names(a)).containsExactly("in first");
            assertThat(names(b)).containsExactly("in second");
        }
    }

    @AllEngines
    void adminIsAnAutoCommitConnectionToTheBaseDatabase(TestDatabase db) throws SQLException {
        try (Connection admin = db.admin()) {
            assertThat(admin.getAutoCommit()).isTrue();
            assertThat(admin.isValid(3)).isTrue();
            if (db.engine() != Engine.H2) {
                String baseDatabase = db.jdbcUrl().replaceFirst("^[^?]*/([^/?]+)(\\?.*)?$", "$1");
                assertThat(currentDatabase(db.engine(), admin)).isEqualTo(baseDatabase);
            }
        }
    }

    @AllEngines
    void connectionsLeftOpenAreClosedAfterTheTest(TestDatabase db) throws SQLException {
        Map<String, Object> config = db.freshConfig();
        Connection leaked = db.connect(config);
        Connection leakedAdmin = db.admin();
        record(db, config, currentNamespace(db.engine(), leaked));
        LEAKED.add(leaked);
        LEAKED.add(leakedAdmin);

        assertThat(leaked.isClosed()).isFalse();
        assertThat(leakedAdmin.isClosed()).isFalse();
    }

    @AllEngines
    void invocationsAreNamedAfterTheirEngine(TestDatabase db, TestInfo info) {
        RAN_BY_DEFAULT.add(db.engine());

        assertThat(info.getDisplayName()).isEqualTo("[" + db.engine().key() + "]");
        assertThat(db.toString()).contains(db.engine().key(), db.jdbcUrl());
    }

    @AllEngines(Engine.H2)
    void theAnnotationChoosesTheEngines(TestDatabase db) {
        RAN_WHEN_CHOSEN.add(db.engine());

        assertThat(db.engine()).isEqualTo(Engine.H2);
    }

    @Test
    void aNamespaceThatCannotBeCreatedIsAnUncheckedErrorNamingTheServerButNotThePassword() {
        TestDatabase nowhere = new TestDatabase(new ServerSettings(Engine.POSTGRESQL,
                "jdbc:postgresql://127.0.0.1:1/test", "postgres", "s3cret"));

        assertThatThrownBy(nowhere::freshConfig)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Could not create the namespace t_")
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/test (user postgres)")
                .hasMessageNotContaining("s3cret")
                .hasCauseInstanceOf(SQLException.class);
    }

    @Nested
    class LifecycleMethods {

        private TestDatabase fromBeforeEach;
        private Map<String, Object> config;

        @BeforeEach
        void createNamespace(TestDatabase db) throws SQLException {
            fromBeforeEach = db;
            config = db.freshConfig();
        }

        @AllEngines
        void shareTheTestsDatabaseAndItsNamespaces(TestDatabase db) throws SQLException {
            assertThat(db).isSameAs(fromBeforeEach);
            try (Connection connection = db.connect(config)) {
                record(db, config, currentNamespace(db.engine(), connection));
                assertThat(tableCount(db.engine(), connection)).isZero();
            }
        }
    }

    @AfterAll
    static void everyNamespaceIsGoneAfterItsTest() throws SQLException {
        assertThat(CREATED).extracting(Created::engine).contains(Engine.H2);
        for (Created created : CREATED) {
            if (created.engine() == Engine.H2) {
                assertThatThrownBy(() -> DriverManager.getConnection(created.url() + ";IFEXISTS=TRUE", "sa", ""))
                        .as("%s", created)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("not found");
            } else {
                try (Connection admin = TestServers.settings(created.engine()).connect();
                        PreparedStatement query = admin.prepareStatement(
                                "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?")) {
                    query.setString(1, created.namespace());
                    assertThat(single(query)).as("%s", created).isZero();
                }
            }
        }
    }

    @AfterAll
    static void connectionsLeftOpenWereClosed() throws SQLException {
        assertThat(LEAKED).isNotEmpty();
        for (Connection connection : LEAKED) {
            assertThat(connection.isClosed()).as("%s", connection).isTrue();
        }
    }

    @AfterAll
    static void everyAvailableEngineRanAndOnlyTheChosenOnesWhenChosen() {
        for (Engine engine : EnumSet.of(Engine.H2, Engine.POSTGRESQL, Engine.MARIADB)) {
            if (TestServers.decide(engine).outcome() == Availability.Outcome.RUN) {
                assertThat(RAN_BY_DEFAULT).contains(engine);
            }
        }
        assertThat(RAN_BY_DEFAULT).isSubsetOf(Engine.H2, Engine.POSTGRESQL, Engine.MARIADB);
        assertThat(RAN_WHEN_CHOSEN).containsExactly(Engine.H2);
    }

    private record Created(Engine engine, String namespace, String url) {
    }

    private static void record(TestDatabase db, Map<String, Object> config, String namespace) {
        assertThat(namespace).isNotBlank();
        CREATED.add(new Created(db.engine(), namespace, (String) config.get("url")));
    }

    /** The schema (PostgreSQL), database (MariaDB) or database name (H2) the connection works in. */
    private static String currentNamespace(Engine engine, Connection connection) throws SQLException {
        String sql = switch (engine) {
            case POSTGRESQL -> "SELECT current_schema()";
            case MARIADB -> "SELECT DATABASE()";
            case H2 -> "SELECT DATABASE()";
            default -> throw new IllegalArgumentException(engine.key());
        };
        return text(connection, sql);
    }

    private static String currentDatabase(Engine engine, Connection connection) throws SQLException {
        return text(connection, engine == Engine.POSTGRESQL ? "SELECT current_database()" : "SELECT DATABASE()");
    }

    private static long tableCount(Engine engine, Connection connection) throws SQLException {
        String current = switch (engine) {
            case POSTGRESQL -> "current_schema()";
            case MARIADB -> "DATABASE()";
            case H2 -> "CURRENT_SCHEMA";
            default -> throw new IllegalArgumentException(engine.key());
        };
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = " + current)) {
            return single(query);
        }
    }

    private static List<String> names(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM item ORDER BY id")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }

    private static long single(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }
}
