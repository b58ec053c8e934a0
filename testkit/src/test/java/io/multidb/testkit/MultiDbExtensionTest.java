package io.multidb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Engine;
import io.multidb.connection.MultiDb;
import io.multidb.connection.Session;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class MultiDbExtensionTest {

    /** What an application hands to configure: two labels on servers no test may touch. */
    static final Map<String, Object> APPLICATION = Map.of(
            "orders", Map.of("url", "jdbc:postgresql://prod-db.invalid:5432/orders", "user", "app",
                    "password", "s3cret", "pool_size", 2),
            "audit", Map.of("url", "jdbc:mariadb://audit.invalid:3306/audit", "user", "app", "pool_size", 1));

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    @Test
    void replacesEveryLabelWithH2InItsEnginesMode() {
        run(ModeCheck.class).assertStatistics(s -> s.succeeded(1).failed(0));
    }

    static class ModeCheck {
        @RegisterExtension
        static final MultiDbExtension DATABASES = MultiDbExtension.replacing(APPLICATION);

        @Test
        void labelsAreH2InTheirModes(MultiDb db) {
            assertThat(db.labels()).containsExactly("audit", "orders");
            assertThat(mode(db, "orders")).isEqualTo("PostgreSQL");
            assertThat(mode(db, "audit")).isEqualTo("MariaDB");
            assertThat(db.stats("orders").max()).isEqualTo(2);
        }

        private static Object mode(MultiDb db, String label) {
            return db.read(label, s -> s.query("select setting_value from information_schema.settings"
                    + " where setting_name = 'MODE'").get(0).get("setting_value"));
        }
    }

    @Test
    void failsATestThatLeavesASessionOpenEvenOneThatNeverBorrowed() {
        run(LeavesSessionOpen.class).assertThatEvents().haveExactly(1, event(test("neverClosed"),
                finishedWithFailure(instanceOf(AssertionError.class),
                        message(m -> m.contains("'orders': 1 session(s) still open")))));
    }

    static class LeavesSessionOpen {
        @RegisterExtension
        static final MultiDbExtension DATABASES = MultiDbExtension.replacing(APPLICATION);

        @Test
        void neverClosed(MultiDb db) {
            Session leaked = db.session("orders");
            assertThat(leaked.label()).isEqualTo("orders");
        }
    }

    @Test
    void countsSessionsOfALabelWhoseLeakThresholdIsZero() {
        run(LeavesSessionOpenThresholdZero.class).assertThatEvents().haveExactly(1, event(test("neverClosed"),
                finishedWithFailure(instanceOf(AssertionError.class),
                        message(m -> m.contains("'orders': 1 session(s) still open")))));
    }

    static class LeavesSessionOpenThresholdZero {
        @RegisterExtension
        static final MultiDbExtension DATABASES = MultiDbExtension.replacing(Map.of("orders",
                Map.of("url", "jdbc:postgresql://prod-db.invalid:5432/orders", "leak_detection_threshold", 0)));

        @Test
        void neverClosed(MultiDb db) {
            Session leaked = db.session("orders");
            assertThat(leaked.label()).isEqualTo("orders");
        }
    }

    @Test
    void failsATestThatLeavesAConnectionLent() {
        run(LeavesConnectionLent.class).assertThatEvents().haveExactly(1, event(test("borrowedAndKept"),
                finishedWithFailure(instanceOf(AssertionError.class),
                        message(m -> m.contains("'audit': 1 connection(s) still lent out")))));
    }

    static class LeavesConnectionLent {
        @RegisterExtension
        static final MultiDbExtension DATABASES = MultiDbExtension.replacing(APPLICATION).perTest();

        @Test
        void borrowedAndKept(MultiDb db) {
            db.session("audit").query("select 1");
        }
    }

    @Test
    void rollsBackWhatEachTestWroteAndKeepsWhatBeforeAllCreated() {
        run(RollsBack.class).assertStatistics(s -> s.succeeded(2).failed(0));
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class RollsBack {
        @RegisterExtension
        static final MultiDbExtension DATABASES = MultiDbExtension.replacing(APPLICATION).rollbackEachTest();

        @BeforeAll
        static void schema(MultiDb db) {
            db.inTransaction("orders", s -> s.execute("create table orders (id int primary key)"));
        }

        @Test
        @Order(1)
        void writesAndCommits(MultiDb db) {
            db.inTransaction("orders", s -> s.execute("insert into orders (id) values (1)"));
            try (Session s = db.session("orders")) {
                s.execute("insert into orders (id) values (2)");
                s.rollback(); // back to the last commit: row 1 stays, row 2 goes
            }
            List<Map<String, Object>> rows = db.read("orders", s -> s.query("select id from orders"));
            assertThat(rows).containsExactly(Map.of("id", 1));
        }

        @Test
        @Order(2)
        void seesNothingOfTheTestBefore(MultiDb db) {
            List<Map<String, Object>> rows = db.read("orders", s -> s.query("select id from orders"));
            assertThat(rows).isEmpty();
        }
    }

    /** A label of each server engine; the stand-in replaces the unreachable URL. */
    static final Map<String, Object> MARIADB_LABEL = Map.of("shop",
            Map.of("url", "jdbc:mariadb://shop.invalid:3306/shop", "user", "app", "pool_size", 1));
    static final Map<String, Object> POSTGRESQL_LABEL = Map.of("shop",
            Map.of("url", "jdbc:postgresql://shop.invalid:5432/shop", "user", "app", "pool_size", 1));

    @Test
    @RequiresEngine(Engine.MARIADB)
    void readSessionsInRollbackModeLeaveTheSharedMariaDbConnectionWritable() {
        run(ReadThenWriteMariaDb.class).assertStatistics(s -> s.succeeded(3).failed(0));
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void readSessionsInRollbackModeLeaveTheSharedPostgresqlConnectionWritable() {
        run(ReadThenWritePostgresql.class).assertStatistics(s -> s.succeeded(3).failed(0));
    }

    @Test
    void readSessionsInRollbackModeLeaveTheSharedH2ConnectionWritable() {
        run(ReadThenWriteH2.class).assertStatistics(s -> s.succeeded(3).failed(0));
    }

    /**
     * A read session (own read-only pool on MariaDB and PostgreSQL) sees the test's uncommitted
     * writes, and writes after it, in this test and the next, still work.
     */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class ReadThenWrite {
        @BeforeAll
        static void schema(MultiDb db) {
            db.read("shop", s -> s.query("select 1 as one"));
            db.inTransaction("shop", s -> s.execute("create table items (id int primary key)"));
        }

        @Test
        @Order(1)
        void readSeesTheTestsWritesAndWritesGoOn(MultiDb db) {
            db.inTransaction("shop", s -> s.execute("insert into items (id) values (1)"));
            assertThat(ids(db)).containsExactly(Map.of("id", 1));
            try (Session read = db.readSession("shop")) {
                assertThat(read.query("select id from items")).containsExactly(Map.of("id", 1));
            }
            db.inTransaction("shop", s -> s.execute("insert into items (id) values (2)"));
            assertThat(ids(db)).hasSize(2);
        }

        @Test
        @Order(2)
        void theNextTestWritesToo(MultiDb db) {
            assertThat(ids(db)).isEmpty();
            db.inTransaction("shop", s -> s.execute("insert into items (id) values (3)"));
            assertThat(ids(db)).containsExactly(Map.of("id", 3));
        }

        @Test
        @Order(3)
        void andTheOneAfter(MultiDb db) {
            db.inTransaction("shop", s -> s.execute("insert into items (id) values (4)"));
            assertThat(ids(db)).containsExactly(Map.of("id", 4));
        }

        private static List<Map<String, Object>> ids(MultiDb db) {
            return db.read("shop", s -> s.query("select id from items order by id"));
        }
    }

    static class ReadThenWriteMariaDb extends ReadThenWrite {
        @RegisterExtension
        static final MultiDbExtension DATABASES = MultiDbExtension.replacing(MARIADB_LABEL).onServers()
                .rollbackEachTest();
    }

    static class ReadThenWritePostgresql extends ReadThenWrite {
        @RegisterExtension
        static final MultiDbExtension DATABASES = MultiDbExtension.replacing(POSTGRESQL_LABEL).onServers()
                .rollbackEachTest();
    }

    static class ReadThenWriteH2 extends ReadThenWrite {
        @RegisterExtension
        static final MultiDbExtension DATABASES = MultiDbExtension.replacing(MARIADB_LABEL).rollbackEachTest();
    }

    @Test
    void configuresTheStaticFacadeAndClosesItAfterwards() {
        run(StaticFacade.class).assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(ConnectionPool.isConfigured()).isFalse();
    }

    static class StaticFacade {
        @RegisterExtension
        static final MultiDbExtension DATABASES = MultiDbExtension.replacing(APPLICATION).staticFacade();

        @Test
        void daoCodeFindsTheLabels() {
            DatabaseManager.inTransaction("audit", s -> s.execute("create table audit_log (what varchar(20))"));
            DatabaseManager.inTransaction("audit", s -> s.execute("insert into audit_log (what) values (?)", "x"));
            try (Session s = DatabaseManager.getSession("audit")) {
                assertThat(s.query("select what from audit_log")).containsExactly(Map.of("what", "x"));
            }
        }
    }

    @Test
    void leavesAStaticFacadeItDidNotConfigureOpen() {
        ConnectionPool.configure(Map.of("other", Map.of("url", "jdbc:h2:mem:" + TestNames.unique("other"))));
        try {
            EngineTestKit.engine("junit-jupiter").selectors(selectClass(StaticFacade.class)).execute()
                    .containerEvents().assertThatEvents().haveExactly(1, event(container(StaticFacade.class),
                    finishedWithFailure(instanceOf(IllegalStateException.class),
                            message(m -> m.contains("ConnectionPool is already configured")))));
            assertThat(ConnectionPool.isConfigured()).isTrue();
            assertThat(ConnectionPool.labels()).containsExactly("other");
        } finally {
            ConnectionPool.closeAllConnections();
        }
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void putsLabelsOnPrivateSchemasOfTheRealServerWhenAsked() {
        Events events = run(OnServers.class);
        events.assertStatistics(s -> s.succeeded(1).failed(0));
    }

    static class OnServers {
        @RegisterExtension
        static final MultiDbExtension DATABASES = MultiDbExtension.replacing(
                Map.of("orders", APPLICATION.get("orders"))).onServers();

        @Test
        void ordersIsAPostgresqlSchemaOfItsOwn(MultiDb db) {
            Object schema = db.read("orders", s -> s.query("select current_schema() as s").get(0).get("s"));
            assertThat(String.valueOf(schema)).startsWith("t_");
            assertThat(db.read("orders", s -> s.query("select version() as v")).get(0).get("v").toString())
                    .startsWith("PostgreSQL");
        }
    }

    @Test
    void refusesRollbackForXaLabels() {
        run(XaRollback.class).assertThatEvents().haveExactly(1, event(test("anything"),
                finishedWithFailure(message(m -> m.contains("rollbackEachTest() cannot roll back label 'orders'")))));
    }

    static class XaRollback {
        @RegisterExtension
        final MultiDbExtension databases = MultiDbExtension.replacing(
                Map.of("orders", Map.of("url", "jdbc:h2:mem:x", "xa", true))).rollbackEachTest();

        @Test
        void anything() {
            assertThat(true).isTrue();
        }
    }

    @Test
    void refusesAValueThatIsNotAConfiguration() {
        assertThatThrownBy(() -> MultiDbExtension.replacing(Map.of("orders", "jdbc:h2:mem:x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Label 'orders': a configuration must be a Map or a DatabaseConfig");
    }

    @Test
    void instanceFieldsReceiveTheInstance() {
        run(FieldInjection.class).assertThatEvents().haveExactly(1, event(test("fieldIsSet"), finishedSuccessfully()));
    }

    static class FieldInjection {
        @RegisterExtension
        static final MultiDbExtension DATABASES = MultiDbExtension.replacing(APPLICATION);

        MultiDb db;

        @Test
        void fieldIsSet() {
            assertThat(db.labels()).isEqualTo(java.util.Set.of("audit", "orders"));
            assertThat(List.of(db.isClosed())).containsExactly(false);
        }
    }
}
