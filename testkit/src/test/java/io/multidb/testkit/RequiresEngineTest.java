package io.multidb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.Engine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

class RequiresEngineTest {

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void resolvesTheNamedEngine(TestDatabase db) throws SQLException {
        assertThat(db.engine()).isEqualTo(Engine.POSTGRESQL);
        try (Connection admin = db.admin()) {
            assertThat(admin.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    void resolvesSeveralEnginesInTheOrderOfTheParameters(TestDatabase first, TestInfo info, TestDatabase second) {
        assertThat(first.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(second.engine()).isEqualTo(Engine.MARIADB);
        assertThat(info.getTestMethod()).isPresent();
    }

    @Test
    @RequiresEngine(Engine.H2)
    void everyParameterOfOneEngineIsTheSameDatabase(TestDatabase a, TestDatabase b) {
        assertThat(a).isSameAs(b);
    }

    @Nested
    @RequiresEngine(Engine.MARIADB)
    class OnAClass {

        @Test
        void appliesToEveryTestOfTheClass(TestDatabase db) {
            assertThat(db.engine()).isEqualTo(Engine.MARIADB);
        }

        @Test
        @RequiresEngine(Engine.H2) // needs H2 and MariaDB; its parameter follows the nearest annotation
        void resolvesParametersAgainstTheAnnotationOfTheMethod(TestDatabase db) {
            assertThat(db.engine()).isEqualTo(Engine.H2);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @RequiresEngine(Engine.H2)
    class InBeforeAll {

        private TestDatabase classDatabase;
        private Map<String, Object> classConfig;

        @BeforeAll
        void createAClassWideNamespace(TestDatabase db) throws SQLException {
            classDatabase = db;
            classConfig = db.freshConfig();
            try (Connection connection = db.connect(classConfig); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE shared (id INT)");
            }
        }

        @Test
        void aTestGetsItsOwnDatabaseObject(TestDatabase db) {
            assertThat(db).isNotSameAs(classDatabase);
        }

        @Test
        void theClassNamespaceOutlivesEachTest(TestDatabase db) throws SQLException {
            try (Connection connection = classDatabase.connect(classConfig);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM shared")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isZero();
            }
            assertThat(db.engine()).isEqualTo(Engine.H2);
        }

        @AfterAll
        void theClassDatabaseIsStillUsableUntilTheClassEnds() throws SQLException {
            try (Connection connection = classDatabase.admin()) {
                assertThat(connection.isValid(1)).isTrue();
            }
        }
    }

    @Nested
    @RequiresEngine(Engine.H2)
    class AfterItsTest {

        private static TestDatabase finished;

        @Test
        void keepsTheDatabaseOfAFinishedTest(TestDatabase db) {
            finished = db;
            assertThat(db.engine()).isEqualTo(Engine.H2);
        }

        @AfterAll
        static void refusesNewNamespacesOnceItsTestHasFinished() {
            assertThat(finished).isNotNull();
            assertThatThrownBy(finished::freshConfig)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("finished");
        }
    }
}
