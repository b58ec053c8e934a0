package io.multidb.dao;

import io.multidb.connection.spi.StatementEngine;
import io.multidb.dao.internal.Dialects;
import static org.assertj.core.api.Assertions.assertThat;

import io.multidb.testkit.ClosePools;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import io.multidb.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What each dialect writes, executed for real on its engine: straight through the session (its
 * JDBC and its Jdbi named parameters), without the DAO helpers in between.
 */
@ExtendWith(ClosePools.class)
class DialectExecutionTest {

    enum Status { ACTIVE }

    private static Dialect configure(TestDatabase db, String... ddl) {
        ConnectionPool.configure(Map.of("main", db.freshConfig()));
        try (Session s = DatabaseManager.getSession("main")) {
            for (String statement : ddl) {
                s.execute(Ddl.of(db.engine(), statement));
            }
            s.commit();
        }
        return Dialect.of(db.engine());
    }

    @EveryEngine
    void paginationReturnsTheRequestedSliceOfAnOrderedQuery(TestDatabase db) {
        Dialect d = configure(db, "create table items (id {bigint} primary key, even {bool})");
        try (Session s = DatabaseManager.getSession("main")) {
            for (int i = 1; i <= 9; i++) {
                s.execute("insert into items (id, even) values (?, ?)", i, i % 2 == 0);
            }
            String sql = d.paginate("select id from items where even = ? order by id");
            assertThat(s.query(Long.class, sql, d.withPaginationArguments(new Object[] {false}, 1, 3)))
                    .containsExactly(3L, 5L, 7L);
            assertThat(s.query(Long.class, sql, d.withPaginationArguments(new Object[] {false}, 4, 3)))
                    .containsExactly(9L);
            assertThat(s.query(Long.class, sql, d.withPaginationArguments(new Object[] {false}, 5, 3))).isEmpty();
        }
    }

    @EveryEngine
    void upsertInsertsAndThenUpdatesThroughNamedParameters(TestDatabase db) {
        Dialect d = configure(db, "create table settings (user_id {bigint} not null, name varchar(40) not null,"
                + " setting {text}, primary key (user_id, name))");
        String upsert = d.upsert("settings", List.of("user_id", "name"), List.of("user_id", "name", "setting"));
        try (Session s = DatabaseManager.getSession("main")) {
            s.execute(upsert, Map.of("user_id", 1, "name", "theme", "setting", "dark"));
            s.execute(upsert, Map.of("user_id", 1, "name", "theme", "setting", "light"));
            s.execute(upsert, Map.of("user_id", 2, "name", "theme", "setting", "dark"));
            s.commit();
            assertThat(s.query("select user_id, setting from settings order by user_id"))
                    .extracting(r -> r.get("setting")).containsExactly("light", "dark");
        }
    }

    @EveryEngine
    void upsertOfKeysOnlyLeavesAnExistingRowAsItIs(TestDatabase db) {
        Dialect d = configure(db, "create table tags (post_id {bigint} not null, tag varchar(40) not null,"
                + " primary key (post_id, tag))");
        String upsert = d.upsert("tags", List.of("post_id", "tag"), List.of("post_id", "tag"));
        try (Session s = DatabaseManager.getSession("main")) {
            s.execute(upsert, Map.of("post_id", 1, "tag", "java"));
            s.execute(upsert, Map.of("post_id", 1, "tag", "java"));
            s.execute(upsert, Map.of("post_id", 1, "tag", "sql"));
            assertThat(s.query(String.class, "select tag from tags order by tag")).containsExactly("java", "sql");
        }
    }

    @EveryEngine
    void theCurrentTimestampExpressionFillsATimestampColumn(TestDatabase db) {
        Dialect d = configure(db, "create table stamps (id {bigint} primary key, at {timestamp} not null)");
        try (Session s = DatabaseManager.getSession("main")) {
            s.execute("insert into stamps (id, at) values (1, " + d.currentTimestamp() + ")");
            assertThat(s.query(Instant.class, "select at from stamps")).singleElement().isNotNull();
        }
    }

    @EveryEngine
    void sequenceValuesAreSelectedWithoutATable(TestDatabase db) {
        Dialect d = configure(db, "create sequence invoice_numbers start with 100 increment by 1");
        try (Session s = DatabaseManager.getSession("main")) {
            String next = d.selectExpression(d.nextSequenceValue("invoice_numbers"));
            assertThat(s.query(Long.class, next)).containsExactly(100L);
            assertThat(s.query(Long.class, next)).containsExactly(101L);
            assertThat(s.query(Long.class, d.selectExpression("6 * 7"))).containsExactly(42L);
        }
    }

    @EveryEngine
    void generatedKeysReturnTheKeyAndNotOtherDefaultedColumns(TestDatabase db) throws SQLException {
        Dialect d = configure(db, "create table posts (id {identity}, title {text} not null,"
                + " created_at {timestamp} default " + Dialect.of(db.engine()).currentTimestamp() + ")");
        try (Session s = DatabaseManager.getSession("main")) {
            Connection c = s.connection();
            long first = insertReturningKey(d, c, "first");
            long second = insertReturningKey(d, c, "second");
            assertThat(second).isNotEqualTo(first);
            assertThat(s.query(Long.class, "select id from posts where title = ?", "first")).containsExactly(first);
            assertThat(s.query(Long.class, "select id from posts where title = ?", "second")).containsExactly(second);
        }
    }

    private static long insertReturningKey(Dialect d, Connection c, String title) throws SQLException {
        try (PreparedStatement ps = Dialects.prepareReturningKey(d, c, "insert into posts (title) values (?)", "id")) {
            StatementEngine.of(d.engine()).set(ps, 1, title);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getMetaData().getColumnCount()).as("columns returned as generated keys").isEqualTo(1);
                return keys.getLong(1);
            }
        }
    }

    @EveryEngine
    void setParameterBindsValuesEveryColumnTypeAccepts(TestDatabase db) throws SQLException {
        Dialect d = configure(db, "create table facts (id {bigint} primary key, flag {bool}, token {uuid},"
                + " status {text}, at {timestamp}, note {text}, amount {bigint})");
        UUID token = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        Instant at = Instant.parse("2024-05-01T10:15:30.123456Z");
        try (Session s = DatabaseManager.getSession("main")) {
            Connection c = s.connection();
            try (PreparedStatement ps = c.prepareStatement("insert into facts (id, flag, token, status, at, note, amount)"
                    + " values (?, ?, ?, ?, ?, ?, ?)")) {
                Object[] values = {1L, true, token, Status.ACTIVE, at, null, null};
                for (int i = 0; i < values.length; i++) {
                    StatementEngine.of(d.engine()).set(ps, i + 1, values[i]);
                }
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("select flag, token, status, at, note, amount from facts"
                    + " where flag = ? and status = ?")) {
                StatementEngine.of(d.engine()).set(ps, 1, true);
                StatementEngine.of(d.engine()).set(ps, 2, Status.ACTIVE);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBoolean(1)).isTrue();
                    assertThat(UUID.fromString(rs.getString(2).trim())).isEqualTo(token);
                    assertThat(rs.getString(3)).isEqualTo("ACTIVE");
                    assertThat(rs.getTimestamp(4)).isEqualTo(Timestamp.from(at));
                    assertThat(rs.getString(5)).isNull();
                    rs.getLong(6);
                    assertThat(rs.wasNull()).isTrue();
                }
            }
        }
    }
}
