package io.multidb.dao;

import io.multidb.connection.Column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.ClosePools;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.MultiDbException;
import io.multidb.connection.RowMappingException;
import io.multidb.connection.Session;
import io.multidb.connection.StatementParameterException;
import io.multidb.connection.SqlExecutionException;
import io.multidb.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;

/** The helpers of {@link DaoBase}, run for real on every engine. */
@ExtendWith(ClosePools.class)
class DaoBaseTest {

    record User(Long id, String name, String email, boolean active, BigDecimal score, Instant createdAt) {
    }

    record NameAndScore(String name, BigDecimal score) {
    }

    record MissingColumn(String name, String nickname) {
    }

    record PrimitiveScore(String name, double score) {
    }

    public static final class UserBean {
        private String name;
        private boolean active;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public boolean isActive() {
            return active;
        }

        public void setActive(boolean active) {
            this.active = active;
        }
    }

    enum Kind { SIGNUP, LOGIN }

    record Event(Long id, Kind kind, UUID token, Instant happenedAt, LocalDateTime localAt, BigDecimal amount,
            String note) {
    }

    private static final String USERS = "create table users (id {identity}, name {text} not null, email {text},"
            + " active {bool}, score {decimal}, created_at {timestamp})";
    private static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123456Z");

    private static void configure(TestDatabase db, Map<String, Object> extra, String... ddl) {
        Map<String, Object> config = db.freshConfig();
        config.put("pool_size", 2);
        config.putAll(extra);
        ConnectionPool.configure(Map.of("main", config));
        try (Session s = DatabaseManager.getSession("main")) {
            for (String statement : ddl) {
                s.execute(Ddl.of(db.engine(), statement));
            }
            s.commit();
        }
    }

    private static void configure(TestDatabase db, String... ddl) {
        configure(db, Map.of(), ddl);
    }

    private static Map<String, Object> user(String name, String email, boolean active, String score) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("email", email);
        m.put("active", active);
        m.put("score", score == null ? null : new BigDecimal(score));
        m.put("created_at", T0);
        return m;
    }

    private static long addUser(ProbeDao dao, String name, String email, boolean active, String score) {
        return dao.insertRowReturningKey(Long.class, "id", "users", user(name, email, active, score));
    }

    @EveryEngine
    void theDialectIsFoundFromTheConnection(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            assertThat(new ProbeDao(s).currentDialect()).isSameAs(Dialect.of(db.engine()));
        }
    }

    @EveryEngine
    void insertReturningKeyReturnsTheKeyTheDatabaseAssigned(TestDatabase db) {
        configure(db, USERS);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            long ada = addUser(dao, "Ada", "ada@example.org", true, "12.50");
            long grace = addUser(dao, "Grace", "grace@example.org", false, null);
            s.commit();

            assertThat(grace).isNotEqualTo(ada);
            assertThat(dao.one(Long.class, "select id from users where name = ?", "Ada")).isEqualTo(ada);
            assertThat(dao.one(Long.class, "select id from users where name = ?", "Grace")).isEqualTo(grace);
        }
    }

    @EveryEngine
    void executeReturningKeyWorksWithHandWrittenInserts(TestDatabase db) {
        configure(db, USERS);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            Integer id = dao.runReturningKey(Integer.class, "id", "insert into users (name, active, created_at) values"
                    + " (?, ?, " + dao.currentDialect().currentTimestamp() + ")", "Edsger", true);
            assertThat(dao.one(String.class, "select name from users where id = ?", id)).isEqualTo("Edsger");
            assertThat(dao.one(Instant.class, "select created_at from users where id = ?", id)).isNotNull();
        }
    }

    @EveryEngine
    void typedQueriesMapRecordsBeansAndScalars(TestDatabase db) {
        configure(db, USERS);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            long ada = addUser(dao, "Ada", "ada@example.org", true, "12.50");
            addUser(dao, "Grace", null, false, null);

            User u = dao.one(User.class, "select * from users where id = ?", ada);
            assertThat(u.id()).isEqualTo(ada);
            assertThat(u.name()).isEqualTo("Ada");
            assertThat(u.email()).isEqualTo("ada@example.org");
            assertThat(u.active()).isTrue();
            assertThat(u.score()).isEqualByComparingTo("12.5");
            assertThat(u.createdAt()).isEqualTo(T0);

            assertThat(dao.list(NameAndScore.class, "select name, score from users order by name"))
                    .extracting(NameAndScore::name).containsExactly("Ada", "Grace");
            assertThat(dao.list(NameAndScore.class, "select name, score from users order by name").get(1).score())
                    .isNull();
            assertThat(dao.one(UserBean.class, "select name, active from users where name = ?", "Ada"))
                    .satisfies(b -> {
                        assertThat(b.getName()).isEqualTo("Ada");
                        assertThat(b.isActive()).isTrue();
                    });
            assertThat(dao.one(Long.class, "select count(*) from users")).isEqualTo(2L);
            assertThat(dao.list(String.class, "select email from users order by name"))
                    .containsExactly("ada@example.org", null);
            assertThat(dao.one(Boolean.class, "select active from users where name = ?", "Grace")).isFalse();
        }
    }

    @EveryEngine
    void namedParametersBindByNameAndRefuseMissingOrUnusedKeys(TestDatabase db) {
        configure(db, USERS);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            assertThat(dao.run("insert into users (name, email, active) values (:name, :email, :active)",
                    Map.of("name", "Ada", "email", "ada@example.org", "active", true))).isEqualTo(1);
            assertThat(dao.one(String.class, "select email from users where name = :name and active = :active",
                    Map.of("name", "Ada", "active", true))).isEqualTo("ada@example.org");
            assertThat(dao.optional(String.class, "select email from users where name = :name", Map.of("name", "Bob")))
                    .isEmpty();
            assertThat(dao.list(String.class, "select name from users where name = :n or email = :n",
                    Map.of("n", "Ada"))).containsExactly("Ada");

            assertThatThrownBy(() -> dao.run("insert into users (name, email) values (:name, :email)",
                    Map.of("name", "Bob")))
                    .isInstanceOf(StatementParameterException.class)
                    .hasMessageStartingWith("Database 'main': ")
                    .hasMessageContaining("No value for parameter(s) [:email]");
            assertThatThrownBy(() -> dao.run("insert into users (name) values (:name)",
                    Map.of("name", "Bob", "emial", "bob@example.org")))
                    .isInstanceOf(StatementParameterException.class)
                    .hasMessageContaining("key(s) [emial] that the statement does not use");
            assertThat(dao.one(Long.class, "select count(*) from users")).isEqualTo(1L);
        }
    }

    @EveryEngine
    void queryOneAndQueryOptionalRefuseTheWrongNumberOfRows(TestDatabase db) {
        configure(db, USERS);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            addUser(dao, "Ada", null, true, null);
            addUser(dao, "Ada", null, false, null);

            assertThatThrownBy(() -> dao.one(String.class, "select name from users where name = ?", "Bob"))
                    .isInstanceOfSatisfying(IncorrectResultSizeException.class, e -> {
                        assertThat(e.rowsFound()).isZero();
                        assertThat(e.label()).isEqualTo("main");
                    })
                    .hasMessage("Expected exactly one row from database 'main' but the query returned none: select"
                            + " name from users where name = ?");
            assertThatThrownBy(() -> dao.one(String.class, "select name from users where name = ?", "Ada"))
                    .isInstanceOfSatisfying(IncorrectResultSizeException.class, e -> assertThat(e.rowsFound()).isEqualTo(2))
                    .hasMessageContaining("returned more than one");
            assertThatThrownBy(() -> dao.optional(String.class, "select name from users where name = ?", "Ada"))
                    .isInstanceOf(IncorrectResultSizeException.class)
                    .hasMessageStartingWith("Expected at most one row from database 'main'");
            assertThat(dao.optional(String.class, "select name from users where name = ?", "Bob")).isEmpty();
            assertThat(dao.optional(Boolean.class, "select active from users where name = ? and active = ?", "Ada",
                    true)).contains(true);
        }
    }

    @EveryEngine
    void updateAndDeleteMatchEveryWhereColumnAndReturnCounts(TestDatabase db) {
        configure(db, USERS);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            long ada = addUser(dao, "Ada", null, true, "1");
            addUser(dao, "Grace", "grace@example.org", true, "2");
            addUser(dao, "Edsger", "edsger@example.org", false, "3");

            assertThat(dao.updateRows("users", Map.of("score", new BigDecimal("9.75")), Map.of("active", true)))
                    .isEqualTo(2);
            Map<String, Object> noEmail = new HashMap<>();
            noEmail.put("email", null);
            assertThat(dao.updateRows("users", Map.of("name", "Ada King"), noEmail)).as("null matches IS NULL")
                    .isEqualTo(1);
            assertThat(dao.one(String.class, "select name from users where id = ?", ada)).isEqualTo("Ada King");
            assertThat(dao.updateRows("users", Map.of("name", "nobody"), Map.of("id", -1))).isZero();

            assertThat(dao.deleteRows("users", Map.of("active", false, "name", "Edsger"))).isEqualTo(1);
            assertThat(dao.deleteRows("users", Map.of("name", "Edsger"))).isZero();
            assertThat(dao.countRows("users", Map.of())).isEqualTo(2);
        }
    }

    @EveryEngine
    void updateAndDeleteRefuseAnEmptyWhere(TestDatabase db) {
        configure(db, USERS);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            addUser(dao, "Ada", null, true, "1");
            assertThatThrownBy(() -> dao.updateRows("users", Map.of("name", "x"), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Refusing to update every row of users");
            assertThatThrownBy(() -> dao.deleteRows("users", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Refusing to delete every row of users");
            assertThatThrownBy(() -> dao.insertRow("users", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The values of the insert into users are empty");
            assertThat(dao.list(String.class, "select name from users")).containsExactly("Ada");
        }
    }

    @EveryEngine
    void countAndExistsMatchEveryWhereColumn(TestDatabase db) {
        configure(db, USERS);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            assertThat(dao.anyRow("users", Map.of())).isFalse();
            addUser(dao, "Ada", "ada@example.org", true, "1");
            addUser(dao, "Grace", null, true, "2");
            addUser(dao, "Edsger", null, false, "3");

            assertThat(dao.countRows("users", Map.of())).isEqualTo(3);
            assertThat(dao.countRows("users", Map.of("active", true))).isEqualTo(2);
            Map<String, Object> noEmail = new HashMap<>();
            noEmail.put("email", null);
            noEmail.put("active", true);
            assertThat(dao.countRows("users", noEmail)).isEqualTo(1);
            assertThat(dao.anyRow("users", Map.of())).isTrue();
            assertThat(dao.anyRow("users", Map.of("email", "ada@example.org"))).isTrue();
            assertThat(dao.anyRow("users", Map.of("email", "bob@example.org"))).isFalse();
        }
    }

    @EveryEngine
    void batchInsertSendsEveryRowInSeveralBatches(TestDatabase db) {
        configure(db, USERS);
        assertBatchInserts(2500);
    }

    @EveryEngine
    void batchInsertCountsRowsWhenTheDriverBatchesInBulk(TestDatabase db) {
        Map<String, Object> rewrite = switch (db.engine()) {
            case POSTGRESQL -> Map.of("properties", Map.of("reWriteBatchedInserts", "true"));
            case MARIADB -> Map.of("properties", Map.of("useBulkStmts", "true"));
            default -> Map.of();
        };
        configure(db, rewrite, USERS);
        assertBatchInserts(1500);
    }

    private static void assertBatchInserts(int n) {
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(user("user" + i, "u" + i + "@example.org", i % 2 == 0, Integer.toString(i)));
            }
            assertThat(dao.insertBatch("users", rows)).isEqualTo(n);
            assertThat(dao.insertBatch("users", List.of())).isZero();
            s.commit();
            assertThat(dao.countRows("users", Map.of())).isEqualTo(n);
            assertThat(dao.one(BigDecimal.class, "select score from users where name = ?", "user" + (n - 1)))
                    .isEqualByComparingTo(Integer.toString(n - 1));
        }
    }

    @EveryEngine
    void batchInsertRefusesRowsWithDifferentColumnsBeforeSendingAny(TestDatabase db) {
        configure(db, USERS);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            List<Map<String, Object>> rows = List.of(Map.of("name", "a", "active", true), Map.of("name", "b"));
            assertThatThrownBy(() -> dao.insertBatch("users", rows))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Row 1 of the batch insert into users has columns [name]");
            assertThat(dao.countRows("users", Map.of())).isZero();
        }
    }

    @EveryEngine
    void queryPageCutsOrderedPagesAndTellsWhetherMoreFollow(TestDatabase db) {
        configure(db, USERS);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            for (int i = 1; i <= 7; i++) {
                addUser(dao, "user" + i, null, i != 4, Integer.toString(i));
            }
            String sql = "select name from users where active = ? order by score";
            Page<String> first = dao.page(String.class, sql, PageRequest.ofSize(3), true);
            assertThat(first.items()).containsExactly("user1", "user2", "user3");
            assertThat(first.hasNext()).isTrue();
            Page<String> second = dao.page(String.class, sql, first.nextRequest().orElseThrow(), true);
            assertThat(second.items()).containsExactly("user5", "user6", "user7");
            assertThat(second.hasNext()).isFalse();
            assertThat(second.nextRequest()).isEmpty();
            assertThat(dao.page(String.class, sql, PageRequest.of(2, 3), true).items()).isEmpty();

            Page<NameAndScore> named = dao.page(NameAndScore.class,
                    "select name, score from users where active = :active order by score desc", PageRequest.of(1, 2),
                    Map.of("active", true));
            assertThat(named.items()).extracting(NameAndScore::name).containsExactly("user5", "user3");
            assertThat(named.hasNext()).isTrue();
        }
    }

    @EveryEngine
    void upsertInsertsThenUpdatesTheRowWithTheSameKey(TestDatabase db) {
        configure(db, "create table settings (user_id {bigint} not null, name varchar(50) not null, setting {text},"
                + " primary key (user_id, name))");
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            dao.upsertRow("settings", List.of("user_id", "name"), Map.of("user_id", 7, "name", "theme",
                    "setting", "dark"));
            dao.upsertRow("settings", List.of("user_id", "name"), Map.of("user_id", 7, "name", "lang",
                    "setting", "en"));
            dao.upsertRow("settings", List.of("user_id", "name"), Map.of("user_id", 7, "name", "theme",
                    "setting", "light"));
            s.commit();
            assertThat(dao.list(String.class, "select setting from settings where user_id = ? order by name", 7))
                    .containsExactly("en", "light");
        }
    }

    @EveryEngine
    void reservedWordsWorkAsNamesWhenTheDdlQuotesThemInTheFoldedCase(TestDatabase db) {
        String ddl = switch (db.engine()) {
            case H2, ORACLE -> "create table \"ORDER\" (id {identity}, \"KEY\" varchar(20) not null unique,"
                    + " \"VALUE\" {text}, \"SIZE\" {bigint})";
            case POSTGRESQL -> "create table \"order\" (id {identity}, \"key\" varchar(20) not null unique,"
                    + " \"value\" {text}, \"size\" {bigint})";
            case MARIADB -> "create table `order` (id {identity}, `key` varchar(20) not null unique, `value` {text},"
                    + " `size` {bigint})";
            case SQLSERVER -> "create table [order] (id {identity}, [key] varchar(20) not null unique, [value] {text},"
                    + " [size] {bigint})";
        };
        configure(db, ddl);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            long id = dao.insertRowReturningKey(Long.class, "id", "order", Map.of("key", "a", "value", "one", "size",
                    1));
            dao.insertRow("order", Map.of("key", "b", "value", "two", "size", 2));
            dao.upsertRow("order", List.of("key"), Map.of("key", "a", "value", "uno", "size", 10));
            assertThat(dao.updateRows("order", Map.of("size", 20), Map.of("key", "b"))).isEqualTo(1);
            assertThat(dao.countRows("order", Map.of("size", 20))).isEqualTo(1);
            assertThat(dao.anyRow("order", Map.of("key", "a", "value", "uno"))).isTrue();
            assertThat(dao.deleteRows("order", Map.of("key", "b"))).isEqualTo(1);
            Dialect d = dao.currentDialect();
            assertThat(dao.one(String.class, "select " + d.quoteIdentifier("value") + " from "
                    + d.quoteQualifiedName("order") + " where id = ?", id)).isEqualTo("uno");
        }
    }

    @EveryEngine
    void nextSequenceValueCountsUp(TestDatabase db) {
        configure(db, "create sequence order_numbers start with 1 increment by 1");
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            long first = dao.nextValue("order_numbers");
            assertThat(dao.nextValue("order_numbers")).isEqualTo(first + 1);
            assertThat(first).isEqualTo(1);
        }
    }

    @EveryEngine
    void valuesOfEveryCommonTypeRoundTrip(TestDatabase db) {
        configure(db, "create table events (id {identity}, kind {text}, token {uuid}, happened_at {timestamp},"
                + " local_at {timestamp}, amount {decimal}, note {text})");
        UUID token = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        LocalDateTime local = LocalDateTime.parse("2024-02-29T23:59:58.654321");
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            Map<String, Object> values = new HashMap<>();
            values.put("kind", Kind.LOGIN);
            values.put("token", token);
            values.put("happened_at", T0);
            values.put("local_at", local);
            values.put("amount", new BigDecimal("-3.25"));
            values.put("note", null);
            long id = dao.insertRowReturningKey(Long.class, "id", "events", values);

            Event e = dao.one(Event.class, "select * from events where id = ?", id);
            assertThat(e.kind()).isEqualTo(Kind.LOGIN);
            assertThat(e.token()).isEqualTo(token);
            assertThat(e.happenedAt()).isEqualTo(T0);
            assertThat(e.localAt()).isEqualTo(local);
            assertThat(e.amount()).isEqualByComparingTo("-3.25");
            assertThat(e.note()).isNull();
            assertThat(dao.one(UUID.class, "select token from events where kind = ?", Kind.LOGIN)).isEqualTo(token);
            assertThat(dao.one(Kind.class, "select kind from events where token = ?", token)).isEqualTo(Kind.LOGIN);
        }
    }

    @EveryEngine
    void mappingProblemsNameTheTypeTheComponentAndTheColumns(TestDatabase db) {
        configure(db, USERS);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            addUser(dao, "Ada", null, true, null);
            assertThatThrownBy(() -> dao.one(MissingColumn.class, "select name from users"))
                    .isInstanceOf(RowMappingException.class)
                    .hasMessageStartingWith("Database 'main': ")
                    .hasMessageContaining("to record " + MissingColumn.class.getName())
                    .hasMessageContaining("no column for component 'nickname'")
                    .hasMessageContaining("@Column");
            assertThatThrownBy(() -> dao.one(PrimitiveScore.class, "select name, score from users"))
                    .isInstanceOf(RowMappingException.class)
                    .hasMessageContaining("is NULL, but component 'score'")
                    .hasMessageContaining("primitive double");
            assertThatThrownBy(() -> dao.one(Long.class, "select id, name from users"))
                    .isInstanceOf(RowMappingException.class)
                    .hasMessageContaining("selects exactly one column");
            assertThatThrownBy(() -> dao.list(Map.class, "select * from users"))
                    .isInstanceOf(RowMappingException.class)
                    .hasMessageContaining("session().query(sql, args)");
        }
    }

    /** Columns are matched once per result shape and remembered: other shapes of the same type still map right. */
    @EveryEngine
    void aTypeMapsResultsOfEveryShapeItMeetsInTurn(TestDatabase db) {
        configure(db, USERS);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            addUser(dao, "Ada", "ada@example.org", true, "12.50");
            for (int round = 0; round < 3; round++) {
                assertThat(dao.one(NameAndScore.class, "select name, score from users"))
                        .isEqualTo(new NameAndScore("Ada", dao.one(BigDecimal.class, "select score from users")));
                assertThat(dao.one(NameAndScore.class, "select score, id, name from users").name()).isEqualTo("Ada");
                assertThat(dao.one(NameAndScore.class, "select email as name, score from users").name())
                        .isEqualTo("ada@example.org");
                assertThat(dao.one(UserBean.class, "select name, active from users").getName()).isEqualTo("Ada");
                assertThat(dao.one(UserBean.class, "select email as name from users").getName())
                        .isEqualTo("ada@example.org");
                // a shape that cannot be mapped fails every time, and does not spoil the shapes that can
                assertThatThrownBy(() -> dao.one(MissingColumn.class, "select name from users"))
                        .hasMessageContaining("no column for component 'nickname'");
                assertThat(dao.one(MissingColumn.class, "select name, email as nickname from users").nickname())
                        .isEqualTo("ada@example.org");
            }
        }
    }

    @EveryEngine
    void helpersTakePartInTheSessionsTransaction(TestDatabase db) {
        configure(db, USERS);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            addUser(dao, "kept", null, true, null);
            s.commit();
            addUser(dao, "undone", null, true, null);
            dao.updateRows("users", Map.of("name", "renamed"), Map.of("name", "kept"));
            s.rollback();
            assertThat(dao.list(String.class, "select name from users")).containsExactly("kept");
        }
    }

    @EveryEngine
    void databaseFailuresNameTheLabelTheStateAndTheStatement(TestDatabase db) {
        configure(db, "create table tags (name varchar(20) primary key)");
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            dao.insertRow("tags", Map.of("name", "java"));
            s.commit();
            assertThatThrownBy(() -> dao.insertRow("tags", Map.of("name", "java")))
                    .isInstanceOfSatisfying(SqlExecutionException.class, e -> {
                        assertThat(e.label()).isEqualTo("main");
                        assertThat(e.sqlState()).startsWith("23");
                    })
                    .hasMessageStartingWith("Database 'main': ")
                    .hasMessageContaining("in: INSERT INTO tags (name) VALUES (?)");
        }
    }

    @EveryEngine
    void aDaoOnAClosedSessionSaysSo(TestDatabase db) {
        configure(db, USERS);
        Session s = DatabaseManager.getSession("main");
        ProbeDao dao = new ProbeDao(s);
        assertThat(dao.countRows("users", Map.of())).isZero();
        s.close();
        assertThatThrownBy(() -> dao.countRows("users", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }
}
