package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.AllEngines;
import io.multidb.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

/**
 * The read-only session: auto-commit on, read-only (a write is refused with SQLState 25006, by the
 * database where it can refuse one), no rollback at close, and nothing left open afterwards.
 */
@ExtendWith(ClosePools.class)
class ReadSessionTest {
    private static final String ITEMS = "create table items (id int primary key, name varchar(40))";

    private static Map<String, Object> configure(TestDatabase db, String applicationName) {
        Map<String, Object> config = db.freshConfig();
        if (db.engine() == Engine.POSTGRESQL) {
            config.put("properties", Map.of("ApplicationName", applicationName));
        }
        ConnectionPool.configure(Map.of("app", config));
        try (Session s = DatabaseManager.getSession("app")) {
            s.execute(ITEMS);
            s.execute("insert into items (id, name) values (?, ?)", 1, "one");
            s.commit();
        }
        return config;
    }

    @AllEngines
    void readsRunInAutoCommitOnAReadOnlyConnectionAndSeeCommittedData(TestDatabase db) throws SQLException {
        configure(db, "multidb-read-" + ThreadLocalRandom.current().nextInt(1 << 20));
        try (Session s = DatabaseManager.getReadSession("app")) {
            assertThat(s.query(String.class, "select name from items where id = ?", 1)).containsExactly("one");
            assertThat(s.query("select id, name from items")).hasSize(1);
            assertThat(s.query("select name from items where id = :id", Map.of("id", 1))).hasSize(1);
            Connection c = s.connection();
            assertThat(c.getAutoCommit()).as("auto-commit").isTrue();
            if (db.engine() != Engine.H2) {
                // H2 takes read-only as a hint and reports the database's own state
                assertThat(c.isReadOnly()).as("read-only").isTrue();
            }
            assertThat(s.toString()).contains("read-only");
            // written and committed elsewhere: visible to the next statement, no snapshot held
            try (Session w = DatabaseManager.getSession("app")) {
                w.execute("insert into items (id, name) values (?, ?)", 2, "two");
                w.commit();
            }
            assertThat(s.query(Long.class, "select count(*) from items")).containsExactly(2L);
            s.commit(); // nothing to commit: no error
            s.rollback();
        }
        assertThat(ConnectionPool.readStats("app").active()).isZero();
        assertThat(ConnectionPool.readStats("app").total()).as("read pool connections").isPositive();
        try (Session s = DatabaseManager.getSession("app")) {
            assertThat(s.connection().getAutoCommit()).as("transactional sessions keep auto-commit off").isFalse();
        }
    }

    @AllEngines
    void aWriteIsRefusedWithSqlState25006(TestDatabase db) throws SQLException {
        configure(db, "multidb-read-" + ThreadLocalRandom.current().nextInt(1 << 20));
        try (Session s = DatabaseManager.getReadSession("app")) {
            assertThatThrownBy(() -> s.execute("insert into items (id, name) values (?, ?)", 3, "three"))
                    .isInstanceOfSatisfying(SqlExecutionException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("25006"))
                    .hasMessageContaining("'app'");
            assertThatThrownBy(() -> s.execute("update items set name = :n", Map.of("n", "x")))
                    .isInstanceOf(SqlExecutionException.class);
            if (db.engine() == Engine.POSTGRESQL || db.engine() == Engine.MARIADB) {
                // the database itself refuses, even a write that bypasses the session
                try (Statement st = s.connection().createStatement()) {
                    assertThatThrownBy(() -> st.executeUpdate("delete from items"))
                            .isInstanceOfSatisfying(SQLException.class,
                                    e -> assertThat(e.getSQLState()).isEqualTo("25006"));
                }
            }
            assertThat(s.query(Long.class, "select count(*) from items")).containsExactly(1L);
        }
        try (Session s = DatabaseManager.getSession("app")) {
            assertThat(s.query(Long.class, "select count(*) from items")).containsExactly(1L);
        }
    }

    @AllEngines
    void theReadDataSourceLendsTheSameReadOnlyConnections(TestDatabase db) throws SQLException {
        configure(db, "multidb-read-" + ThreadLocalRandom.current().nextInt(1 << 20));
        try (Connection c = ConnectionPool.readDataSource("app").getConnection(); Statement st = c.createStatement()) {
            assertThat(c.getAutoCommit()).isTrue();
            try (ResultSet rs = st.executeQuery("select count(*) from items")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1L);
            }
            if (db.engine() == Engine.POSTGRESQL || db.engine() == Engine.MARIADB) {
                assertThatThrownBy(() -> st.executeUpdate("delete from items"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
            }
            assertThat(ConnectionPool.readStats("app").active()).isEqualTo(1);
        }
        assertThat(ConnectionPool.readStats("app").active()).isZero();
    }

    @AllEngines
    void nothingIsLeftOpenAfterReads(TestDatabase db) throws SQLException {
        String app = "multidb-read-" + ThreadLocalRandom.current().nextInt(1 << 20);
        configure(db, app);
        long n = DatabaseManager.read("app", s -> {
            if (db.engine() == Engine.MARIADB) {
                assertThat(s.query(Long.class, "select @@in_transaction")).containsExactly(0L);
            }
            return s.query(Long.class, "select count(*) from items").get(0);
        });
        assertThat(n).isEqualTo(1L);
        assertThat(ConnectionPool.readStats("app").active()).isZero();
        if (db.engine() == Engine.POSTGRESQL) {
            try (Connection admin = db.admin(); Statement st = admin.createStatement();
                    ResultSet rs = st.executeQuery("select state from pg_stat_activity where application_name = '"
                            + app + "'")) {
                List<String> states = new java.util.ArrayList<>();
                while (rs.next()) {
                    states.add(rs.getString(1));
                }
                assertThat(states).as("backends of the label's pools").isNotEmpty()
                        .doesNotContain("idle in transaction", "active");
            }
        }
    }
}
