package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.AllEngines;
import io.multidb.testkit.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

@ExtendWith(ClosePools.class)
class SessionTest {

    public record User(long id, String name, String emailAddress) {
    }

    public static final class UserBean {
        private long id;
        private String name;

        public long getId() {
            return id;
        }

        public void setId(long id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    private static void configure(TestDatabase db) {
        ConnectionPool.configure(Map.of("main", Configs.with(db.freshConfig(), "pool_size", 2)));
        try (Session s = DatabaseManager.getSession("main")) {
            s.execute("create table users (id bigint primary key, name varchar(50), email_address varchar(80))");
            s.commit();
        }
    }

    @AllEngines
    void positionalAndNamedParametersWriteRowsThatQueryReadsWithLowerCaseKeys(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            assertThat(s.execute("insert into users (id, name, email_address) values (?, ?, ?)", 1, "Alice", null))
                    .isEqualTo(1);
            assertThat(s.execute("insert into users (id, name) values (:id, :name)", Map.of("id", 2, "name", "Bob")))
                    .isEqualTo(1);
            s.commit();

            List<Map<String, Object>> rows = s.query("SELECT ID, NAME, EMAIL_ADDRESS FROM users ORDER BY id");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).containsOnlyKeys("id", "name", "email_address");
            assertThat(rows.get(0).get("name")).isEqualTo("Alice");
            assertThat(rows.get(0).get("email_address")).isNull();
            assertThat(((Number) rows.get(1).get("id")).longValue()).isEqualTo(2L);

            List<Map<String, Object>> named = s.query("select name from users where id = :id", Map.of("id", 2));
            assertThat(named).extracting(r -> r.get("name")).containsExactly("Bob");
        }
    }

    @AllEngines
    void typedQueriesMapRecordsBeansAndScalars(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            s.execute("insert into users (id, name, email_address) values (?, ?, ?)", 1, "Alice", "a@example.org");
            s.execute("insert into users (id, name, email_address) values (?, ?, ?)", 2, "Bob", "b@example.org");

            assertThat(s.query(User.class, "select id, name, email_address from users order by id"))
                    .containsExactly(new User(1, "Alice", "a@example.org"), new User(2, "Bob", "b@example.org"));
            assertThat(s.query(UserBean.class, "select id, name from users where id = ?", 2))
                    .singleElement().satisfies(b -> {
                        assertThat(b.getId()).isEqualTo(2);
                        assertThat(b.getName()).isEqualTo("Bob");
                    });
            assertThat(s.query(Long.class, "select count(*) from users")).containsExactly(2L);
            assertThat(s.query(String.class, "select name from users order by id")).containsExactly("Alice", "Bob");
            assertThat(s.query(BigDecimal.class, "select sum(id) from users").get(0)).isEqualByComparingTo("3");
        }
    }

    @AllEngines
    void closeRollsBackWhatWasNotCommitted(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            s.execute("insert into users (id, name) values (?, ?)", 1, "kept");
            s.commit();
            s.execute("insert into users (id, name) values (?, ?)", 2, "lost");
        }
        try (Session s = DatabaseManager.getSession("main")) {
            assertThat(s.query(String.class, "select name from users order by id")).containsExactly("kept");
        }
    }

    @AllEngines
    void rollbackUndoesWorkSinceTheLastCommit(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            s.execute("insert into users (id, name) values (?, ?)", 1, "kept");
            s.commit();
            s.execute("insert into users (id, name) values (?, ?)", 2, "undone");
            s.rollback();
            assertThat(s.query(Long.class, "select count(*) from users")).containsExactly(1L);
        }
    }

    @AllEngines
    void uncommittedWorkIsInvisibleToOtherSessions(TestDatabase db) {
        configure(db);
        try (Session writer = DatabaseManager.getSession("main");
                Session reader = DatabaseManager.getSession("main")) {
            writer.execute("insert into users (id, name) values (?, ?)", 1, "pending");
            assertThat(reader.query(Long.class, "select count(*) from users")).containsExactly(0L);
            reader.rollback();
            writer.commit();
            assertThat(reader.query(Long.class, "select count(*) from users")).containsExactly(1L);
        }
    }

    @AllEngines
    void aSessionBorrowsNoConnectionUntilUsed(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            assertThat(s.label()).isEqualTo("main");
            assertThat(ConnectionPool.stats("main").active()).isZero();
            s.query("select id from users");
            assertThat(ConnectionPool.stats("main").active()).isEqualTo(1);
        }
        assertThat(ConnectionPool.stats("main").active()).isZero();
    }

    @AllEngines
    void handleAndConnectionShareTheSessionsTransaction(TestDatabase db) throws Exception {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            Handle h = s.handle();
            assertThat(s.handle()).isSameAs(h);
            h.createUpdate("insert into users (id, name) values (:id, :name)").bind("id", 7).bind("name", "Jdbi").execute();
            try (var st = s.connection().prepareStatement("select name from users where id = 7");
                    var rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Jdbi");
            }
            assertThat(s.connection().getAutoCommit()).isFalse();
            s.rollback();
            assertThat(s.query(Long.class, "select count(*) from users")).containsExactly(0L);
        }
    }

    @AllEngines
    void aFailedStatementNamesTheLabelAndKeepsTheSqlState(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            s.execute("insert into users (id, name) values (?, ?)", 1, "first");
            assertThatThrownBy(() -> s.execute("insert into users (id, name) values (?, ?)", 1, "again"))
                    .isInstanceOfSatisfying(SqlExecutionException.class, e -> {
                        assertThat(e.label()).isEqualTo("main");
                        assertThat(e.sqlState()).startsWith("23");
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getCause()).isInstanceOf(java.sql.SQLException.class);
                    })
                    .hasMessageContaining("Database 'main'")
                    .hasMessageContaining("insert into users");
        }
    }

    @AllEngines
    void aMissingNamedParameterIsReportedWithTheLabel(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            assertThatThrownBy(() -> s.query("select * from users where id = :id", Map.of("other", 1)))
                    .isInstanceOf(MultiDbException.class)
                    .hasMessageContaining("Database 'main'")
                    .hasMessageContaining("id");
        }
    }

    @AllEngines
    void aClosedSessionRefusesWorkAndClosingTwiceIsHarmless(TestDatabase db) {
        configure(db);
        Session s = DatabaseManager.getSession("main");
        s.query("select id from users");
        s.close();
        s.close();
        assertThatThrownBy(() -> s.query("select id from users"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Session for database 'main' is closed");
    }
}
