package io.multidb.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import io.multidb.samples.blog.User;
import io.multidb.samples.blog.UserDao;
import io.multidb.testkit.MultiDbExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The samples' own code, run against private databases that the test kit puts in place of every
 * label the samples configure.
 */
class SamplesOnPrivateDatabasesTest {

    @Nested
    class Quickstart {
        @RegisterExtension
        final MultiDbExtension databases = MultiDbExtension.replacing(io.multidb.samples.Quickstart.databaseConfigs())
                .staticFacade();

        @Test
        void writesAndReadsBothLabelsOnTheirStandIns() {
            io.multidb.samples.Quickstart.useDatabases();

            assertThat(ConnectionPool.labels()).containsExactly("audit_db", "default_db");
            try (Session s = DatabaseManager.getSession("default_db")) {
                List<Map<String, Object>> users = s.query("SELECT id, name FROM users ORDER BY id");
                assertThat(users).containsExactly(Map.of("id", 1, "name", "Alice"), Map.of("id", 2, "name", "Bob"));
                // a private database, not the one the sample names: its URL is the kit's
                assertThat(s.connection().getMetaData().getURL()).doesNotContain("default_db;").contains("default_db_");
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
            List<Map<String, Object>> logs = DatabaseManager.inTransaction("audit_db",
                    s -> s.query("SELECT event FROM logs"));
            assertThat(logs).containsExactly(Map.of("event", "User Alice created"));
        }
    }

    /** Ordered: the check that each test starts empty runs after a test that wrote and committed. */
    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class BlogDaos {
        @RegisterExtension
        static final MultiDbExtension DATABASES = MultiDbExtension.replacing(DaoSample.databaseConfigs())
                .staticFacade().rollbackEachTest();

        @BeforeAll
        static void tables() {
            DaoSample.createTables();
        }

        @Test
        @Order(1)
        void registersAUser() {
            try (Session session = DatabaseManager.getSession(DaoSample.BLOG)) {
                User ada = new UserDao(session).register("Ada Lovelace", "ada@example.org");
                session.commit();
                assertThat(new UserDao(session).findByEmail("ada@example.org")).get()
                        .extracting(User::id, User::name).containsExactly(ada.id(), "Ada Lovelace");
            }
        }

        @Test
        @Order(2)
        void startsEveryTestWithNoUsers() {
            try (Session session = DatabaseManager.getSession(DaoSample.BLOG)) {
                assertThat(session.query("SELECT count(*) AS n FROM users")).containsExactly(Map.of("n", 0L));
            }
        }
    }
}
