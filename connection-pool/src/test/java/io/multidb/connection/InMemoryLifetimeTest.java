package io.multidb.connection;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

/**
 * Defect: Multidb turned {@code db: ":memory:"} into {@code jdbc:h2:mem:<label>;DB_CLOSE_DELAY=-1},
 * so the tables and rows outlived {@code closeAllConnections()} and were there again after the next
 * {@code configure}. An in-memory database Multidb named ends with its label, as SQLite's does in the
 * Python original; a URL the user wrote out is used exactly as written.
 */
@ExtendWith(ClosePools.class)
class InMemoryLifetimeTest {

    private static long tablesNamedItems(String label) {
        try (Session s = DatabaseManager.getSession(label)) {
            return s.query(Long.class, "select count(*) from information_schema.tables where table_name = 'ITEMS'")
                    .get(0);
        }
    }

    private static void createAndFill(String label) {
        try (Session s = DatabaseManager.getSession(label)) {
            s.execute("create table items (id int primary key)");
            s.execute("insert into items (id) values (?)", 1);
            s.commit();
        }
    }

    /** Fills the label's database, closes, configures again: how many tables named items are there? */
    private static long tablesAfterConfiguringAgain(String label, Map<String, Object> config) {
        ConnectionPool.configure(Map.of(label, config));
        createAndFill(label);
        assertThat(tablesNamedItems(label)).isEqualTo(1);
        ConnectionPool.closeAllConnections();
        ConnectionPool.configure(Map.of(label, config));
        return tablesNamedItems(label);
    }

    @Test
    void aMemoryDatabaseNamedByMultidbEndsWhenItsLabelCloses() {
        assertThat(tablesAfterConfiguringAgain(unique(), Map.of("engine", "h2", "db", ":memory:")))
                .as("tables after configuring again").isZero();
    }

    @Test
    void aNamedMemoryDatabaseFromPiecesEndsToo() {
        assertThat(tablesAfterConfiguringAgain(unique(), Map.of("engine", "h2", "db", "mem:" + unique()))).isZero();
    }

    @Test
    void theSqlAlchemyMemoryUrlEndsToo() {
        assertThat(tablesAfterConfiguringAgain(unique(), Map.of("url", "h2:///:memory:"))).isZero();
    }

    @Test
    void aJdbcUrlWrittenOutByTheUserIsKeptAsWritten() {
        String label = unique();
        Map<String, Object> config = Map.of("url", "jdbc:h2:mem:" + unique() + ";DB_CLOSE_DELAY=-1");
        assertThat(tablesAfterConfiguringAgain(label, config)).as("the user asked for DB_CLOSE_DELAY=-1").isEqualTo(1);
        try (Session s = DatabaseManager.getSession(label)) {
            s.execute("drop table items");
            s.commit();
        }
    }

    @Test
    void theConfigurationSaysWhetherMultidbNamedTheDatabase() {
        assertThat(DatabaseConfig.fromMap("a", Map.of("engine", "h2", "db", ":memory:")).ownsInMemoryDatabase())
                .isTrue();
        assertThat(DatabaseConfig.fromMap("a", Map.of("url", "h2:///:memory:")).ownsInMemoryDatabase()).isTrue();
        assertThat(DatabaseConfig.fromMap("a", Map.of("url", "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1"))
                .ownsInMemoryDatabase()).isFalse();
        assertThat(DatabaseConfig.fromMap("a", Map.of("url", "jdbc:h2:mem:x")).ownsInMemoryDatabase()).isFalse();
        assertThat(DatabaseConfig.fromMap("a", Map.of("engine", "h2", "db", "/tmp/file")).ownsInMemoryDatabase())
                .isFalse();
    }
}
