package io.multidb.connection;

import static io.multidb.testkit.TestNames.unique;
import static io.multidb.connection.ConnectionPoolTest.awaitNoThreadStartingWith;
import static io.multidb.connection.ConnectionPoolTest.multidbThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import io.multidb.testkit.ClosePools;
import io.multidb.testkit.LogCapture;

@ExtendWith(ClosePools.class)
class MultiDbTest {

    /** Two labels, {@code main} and {@code audit}, each on a private H2 database with a table {@code items}. */
    private static MultiDb twoLabels() {
        MultiDb db = MultiDb.create(Map.of("main", Configs.h2(unique()), "audit", Configs.h2(unique())));
        for (String label : db.labels()) {
            db.inTransaction(label, s -> s.execute("create table items (id int primary key, name varchar(20))"));
        }
        return db;
    }

    private static List<String> names(MultiDb db, String label) {
        return db.read(label, s -> s.query(String.class, "select name from items order by id"));
    }

    @Test
    void twoInstancesWithTheSameLabelsSeeOnlyTheirOwnDatabases() {
        try (MultiDb first = twoLabels(); MultiDb second = twoLabels()) {
            first.inTransaction("main", s -> s.execute("insert into items (id, name) values (1, 'first')"));
            second.inTransaction("main", s -> s.execute("insert into items (id, name) values (1, 'second')"));

            assertThat(first.labels()).containsExactly("audit", "main");
            assertThat(second.labels()).containsExactly("audit", "main");
            assertThat(names(first, "main")).containsExactly("first");
            assertThat(names(second, "main")).containsExactly("second");
            assertThat(names(first, "audit")).isEmpty();
            assertThat(ConnectionPool.isConfigured()).isFalse();
        }
    }

    @Test
    void closingOneInstanceLeavesTheOtherWorking() {
        MultiDb closed = twoLabels();
        try (MultiDb open = twoLabels()) {
            closed.close();
            assertThat(closed.isClosed()).isTrue();
            assertThat(open.isClosed()).isFalse();

            try (Session s = open.session("main")) {
                s.execute("insert into items (id, name) values (1, 'session')");
                s.commit();
            }
            open.inTransaction(TransactionMode.BEST_EFFORT, List.of("main", "audit"), u -> {
                u.session("main").execute("insert into items (id, name) values (2, 'unit')");
                u.session("audit").execute("insert into items (id, name) values (1, 'unit')");
                return null;
            });
            try (Session s = open.readSession("main")) {
                assertThat(s.query(String.class, "select name from items order by id")).containsExactly("session",
                        "unit");
            }
            assertThat(new JdbcTemplate(open.dataSource("audit")).queryForList("select name from items", String.class))
                    .containsExactly("unit");
            assertThat(new JdbcTemplate(open.readDataSource("main")).queryForObject("select count(*) from items",
                    Long.class)).isEqualTo(2L);
            assertThat(open.stats("main").total()).isPositive();
            assertThat(open.readStats("main").total()).isPositive();
            assertThat(closed.stats("main").total()).isZero();
        }
    }

    @Test
    void aClosedInstanceRefusesNewWorkNamingTheLabel() {
        MultiDb db = twoLabels();
        Session openedBefore = db.session("main");
        db.close();
        db.close(Duration.ZERO);

        String closed = "Database 'main' is closed: MultiDb.close() has been called. Create a new MultiDb instance"
                + " to use it.";
        assertThatThrownBy(() -> db.session("main"))
                .isInstanceOfSatisfying(PoolClosedException.class, e -> assertThat(e.label()).isEqualTo("main"))
                .hasMessage(closed);
        assertThatThrownBy(() -> db.readSession("main")).isInstanceOf(PoolClosedException.class).hasMessage(closed);
        assertThatThrownBy(() -> db.read("main", s -> s.query("select 1"))).hasMessage(closed);
        assertThatThrownBy(() -> db.inTransaction("main", s -> s.execute("select 1"))).hasMessage(closed);
        assertThatThrownBy(() -> db.inTransaction(TransactionMode.BEST_EFFORT, List.of("main", "audit"), u -> null))
                .hasMessage(closed);
        assertThatThrownBy(() -> db.dataSource("main")).hasMessage(closed);
        assertThatThrownBy(() -> db.readDataSource("audit"))
                .hasMessageContaining("Database 'audit' is closed: MultiDb.close()");
        assertThatThrownBy(() -> openedBefore.query("select 1"))
                .isInstanceOf(PoolClosedException.class).hasMessage(closed);
        openedBefore.close();
        assertThat(db.labels()).containsExactly("audit", "main");
        assertThat(db.toString()).isEqualTo("MultiDb{labels=[audit, main], closed}");
    }

    @Test
    void aSessionHoldingAConnectionAcrossCloseIsToldWhichCallClosedIt() {
        MultiDb db = twoLabels();
        try (Session s = db.session("main")) {
            s.execute("insert into items (id, name) values (1, 'lost')");
            try (LogCapture logs = LogCapture.everything()) {
                db.close(Duration.ZERO);
                assertThat(logs.text()).contains("WARN io.multidb.connection.MultiDb Closed labels [main] with"
                        + " sessions still in use (grace 0 ms)");
            }
            assertThatThrownBy(s::commit)
                    .isInstanceOf(PoolClosedException.class)
                    .hasMessageContaining("Database 'main' was closed by MultiDb.close() while this session held a"
                            + " connection")
                    .hasMessageContaining("Open a new session on a new MultiDb instance.");
        }
    }

    @Test
    void theStaticFacadeAndAnIndependentInstanceLiveSideBySide() {
        ConnectionPool.configure(Map.of("main", Configs.h2(unique())));
        DatabaseManager.inTransaction("main", s -> s.execute("create table items (id int, name varchar(20))"));
        DatabaseManager.inTransaction("main", s -> s.execute("insert into items values (1, 'facade')"));
        try (MultiDb independent = twoLabels()) {
            independent.inTransaction("main", s -> s.execute("insert into items values (1, 'instance')"));
            List<String> viaFacade = DatabaseManager.read("main", s -> s.query(String.class, "select name from items"));
            assertThat(viaFacade).containsExactly("facade");
            assertThat(names(independent, "main")).containsExactly("instance");
            assertThat(ConnectionPool.labels()).containsExactly("main");

            ConnectionPool.closeAllConnections();
            assertThatThrownBy(() -> DatabaseManager.getSession("main")).isInstanceOf(NotConfiguredException.class);
            assertThat(independent.isClosed()).isFalse();
            assertThat(names(independent, "main")).containsExactly("instance");

            ConnectionPool.configure(Map.of("other", Configs.h2(unique())));
            assertThat(ConnectionPool.labels()).containsExactly("other");
        }
        assertThat(ConnectionPool.isConfigured()).isTrue();
    }

    @Test
    void createWithAnInvalidLabelLeavesNothingOpen() {
        String good = "good_" + unique();
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put(good, Configs.with(Configs.h2(unique()), "lazy", false));
        configs.put("bad", Configs.with(Configs.h2(unique()), "pool_size", -1));
        int threadsBefore = multidbThreads();
        assertThatThrownBy(() -> MultiDb.create(configs))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.label()).isEqualTo("bad");
                    assertThat(e.key()).isEqualTo("pool_size");
                });
        assertThat(multidbThreads()).isEqualTo(threadsBefore);
        assertThat(ConnectionPool.isConfigured()).isFalse();
    }

    @Test
    void createWithAnUnreachableEagerLabelClosesTheOthers() throws InterruptedException {
        String first = "first_" + unique();
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put(first, Configs.with(Configs.h2(unique()), "lazy", false));
        configs.put("down", Map.of("url", "jdbc:postgresql://127.0.0.1:1/none", "user", "app", "lazy", false));
        assertThatThrownBy(() -> MultiDb.create(configs))
                .isInstanceOfSatisfying(ConnectionFailedException.class, e -> assertThat(e.label()).isEqualTo("down"));
        awaitNoThreadStartingWith("multidb-" + first);
    }

    @Test
    void createNamesItselfInConfigurationErrors() {
        assertThatThrownBy(() -> MultiDb.create(Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("MultiDb.create(...) needs at least one label, but the map is empty");
        assertThatThrownBy(() -> MultiDb.create(null))
                .hasMessage("MultiDb.create(...) needs a map of label to configuration, but got null");
    }

    @Test
    void unknownLabelOfAnInstanceListsItsOwnLabels() {
        ConnectionPool.configure(Map.of("facade_only", Configs.h2(unique())));
        try (MultiDb db = twoLabels()) {
            assertThatThrownBy(() -> db.session("mian"))
                    .isInstanceOf(UnknownLabelException.class)
                    .hasMessage("No database is configured with label 'mian'. Configured labels: [audit, main]. Did"
                            + " you mean 'main'?");
            assertThatThrownBy(() -> db.stats("facade_only")).isInstanceOf(UnknownLabelException.class);
        }
    }

    @Test
    void translateWithASessionScrubsThePasswordOfThatSessionsInstance() {
        String password = "pw-" + unique();
        Map<String, Object> config = Configs.with(Configs.h2(unique()), "password", password);
        try (MultiDb db = MultiDb.create(Map.of("main", config)); Session s = db.session("main")) {
            String sql = "select '" + password + "' from no_such_table";
            SQLException e = catchThrowableOfType(SQLException.class, () -> {
                try (PreparedStatement ps = s.connection().prepareStatement(sql)) {
                    ps.executeQuery();
                }
            });
            assertThat(e.getMessage()).as("the driver's own message").contains(password);

            SqlExecutionException translated = SqlExecutionException.translate(s, sql, e);
            assertThat(translated.label()).isEqualTo("main");
            assertThat(translated).hasMessageContaining("Database 'main'").hasMessageNotContaining(password);
            assertThat(LogCapture.stackTraceOf(translated)).doesNotContain(password);
        }
    }
}
