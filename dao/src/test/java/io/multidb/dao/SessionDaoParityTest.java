package io.multidb.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.multidb.connection.Column;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Engine;
import io.multidb.connection.RowMappingException;
import io.multidb.connection.Session;
import io.multidb.connection.StatementParameterException;
import io.multidb.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * Sessions and DAOs share one statement engine: the same values (UUID, boolean, {@code java.time},
 * BigDecimal, NULL, bytes) written through either, positionally or by name, read back the same
 * through either; and the same mistakes fail with the same exception type and message from both.
 */
class SessionDaoParityTest {
    private static final UUID TOKEN = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    private static final Instant AT = Instant.parse("2024-05-01T10:15:30.123456Z");
    private static final LocalDate DAY = LocalDate.of(2024, 2, 29);
    private static final BigDecimal AMOUNT = new BigDecimal("12.50");
    private static final byte[] DATA = {1, 2, 3, -1};

    /** Read back by sessions and DAOs alike; {@code remark} is stored in column {@code note}. */
    public record Value(long id, UUID token, Boolean flag, Instant seenAt, LocalDate onDay, BigDecimal amount,
            @Column("note") String remark, byte[] payload) {
    }

    /** The same, as a bean: {@code @Column} on a field. */
    public static final class ValueBean {
        private long id;
        @Column("note")
        private String remark;
        private UUID token;

        public void setId(long id) {
            this.id = id;
        }

        public void setRemark(String remark) {
            this.remark = remark;
        }

        public void setToken(UUID token) {
            this.token = token;
        }
    }

    /** A record whose component has no column in the queries below. */
    public record Missing(long id, String nickname) {
    }

    private static final String INSERT = "insert into vals (id, token, flag, seen_at, on_day, amount, note, payload)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_NAMED = "insert into vals (id, token, flag, seen_at, on_day, amount, note, payload)"
            + " values (:id, :token, :flag, :seen_at, :on_day, :amount, :note, :payload)";
    private static final String SELECT = "select id, token, flag, seen_at, on_day, amount, note, payload from vals where id = ?";

    @AfterEach
    void close() {
        ConnectionPool.closeAllConnections();
    }

    private static void configure(TestDatabase db) {
        ConnectionPool.configure(Map.of("main", db.freshConfig()));
        String bytes = db.engine() == Engine.POSTGRESQL ? "bytea" : "varbinary(16)";
        try (Session s = DatabaseManager.getSession("main")) {
            s.execute(Ddl.of(db.engine(), "create table vals (id {bigint} primary key, token {uuid}, flag {bool},"
                    + " seen_at {timestamp}, on_day date, amount {decimal}, note {text}, payload " + bytes + ")"));
            s.commit();
        }
    }

    private static Object[] values(long id) {
        return new Object[] {id, TOKEN, true, AT, DAY, AMOUNT, null, DATA};
    }

    private static Map<String, Object> named(long id) {
        Map<String, Object> m = new HashMap<>();
        Object[] v = values(id);
        String[] names = {"id", "token", "flag", "seen_at", "on_day", "amount", "note", "payload"};
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], v[i]);
        }
        return m;
    }

    private static void assertValue(Value v, long id) {
        assertThat(v.id()).isEqualTo(id);
        assertThat(v.token()).isEqualTo(TOKEN);
        assertThat(v.flag()).isTrue();
        assertThat(v.seenAt()).isEqualTo(AT);
        assertThat(v.onDay()).isEqualTo(DAY);
        assertThat(v.amount()).isEqualByComparingTo(AMOUNT);
        assertThat(v.remark()).isNull();
        assertThat(v.payload()).containsExactly(DATA);
    }

    @EveryEngine
    void theSameValuesWrittenThroughEitherReadBackTheSameThroughEither(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            assertThat(s.execute(INSERT, values(1))).isEqualTo(1);
            assertThat(s.execute(INSERT_NAMED, named(2))).isEqualTo(1);
            assertThat(dao.run(INSERT, values(3))).isEqualTo(1);
            assertThat(dao.run(INSERT_NAMED, named(4))).isEqualTo(1);
            s.commit();

            List<Value> read = new ArrayList<>();
            for (long id = 1; id <= 4; id++) {
                read.addAll(s.query(Value.class, SELECT, id));
                read.add(dao.one(Value.class, SELECT, id));
                read.add(dao.one(Value.class, "select id, token, flag, seen_at, on_day, amount, note, payload from vals"
                        + " where id = :id", Map.of("id", id)));
            }
            assertThat(read).hasSize(12);
            for (int i = 0; i < read.size(); i++) {
                assertValue(read.get(i), i / 3 + 1);
            }
            // a Jdbi handle on the session maps with the same engine, @Column included
            assertValue(s.handle().select(SELECT, 2L).mapTo(Value.class).one(), 2);
            // lookups by each kind of value find the same rows through both
            assertThat(s.query(Long.class, "select id from vals where token = ? and flag = ? and seen_at = ? and on_day = ?"
                    + " order by id", TOKEN, true, AT, DAY)).containsExactly(1L, 2L, 3L, 4L);
            assertThat(dao.list(Long.class, "select id from vals where token = :t and flag = :f and seen_at = :a"
                    + " and on_day = :d order by id", Map.of("t", TOKEN, "f", true, "a", AT, "d", DAY)))
                    .containsExactly(1L, 2L, 3L, 4L);
            assertThat(s.query(Long.class, "select count(*) from vals where note is null")).containsExactly(4L);

            List<Map<String, Object>> rows = s.query("select id, note from vals where id = :id", Map.of("id", 1L));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsOnlyKeys("id", "note");
            assertThat(((Number) rows.get(0).get("id")).longValue()).isEqualTo(1L);

            List<ValueBean> beans = s.query(ValueBean.class, "select id, token, note from vals where id = ?", 2L);
            assertThat(beans).hasSize(1);
            assertThat(beans.get(0).id).isEqualTo(2L);
            assertThat(beans.get(0).token).isEqualTo(TOKEN);
            assertThat(beans.get(0).remark).isNull();
            assertThat(dao.one(ValueBean.class, "select id, token, note from vals where id = ?", 2L).token)
                    .isEqualTo(TOKEN);
        }
    }

    @EveryEngine
    void theSameMistakesFailTheSameWayThroughEither(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            ProbeDao dao = new ProbeDao(s);
            s.execute(INSERT, values(1));

            String missingName = "select id from vals where id = :id and token = :token";
            assertSame(catchThrowable(() -> s.query(missingName, Map.of("id", 1L))),
                    catchThrowable(() -> dao.list(Long.class, missingName, Map.of("id", 1L))),
                    StatementParameterException.class, "No value for parameter(s) [:token]");

            String unusedKey = "select id from vals where id = :id";
            assertSame(catchThrowable(() -> s.execute(unusedKey, Map.of("id", 1L, "idd", 2L))),
                    catchThrowable(() -> dao.run(unusedKey, Map.of("id", 1L, "idd", 2L))),
                    StatementParameterException.class, "[idd]");

            String mixed = "select id from vals where id = ? and token = :token";
            assertSame(catchThrowable(() -> s.query(mixed, Map.of("token", TOKEN))),
                    catchThrowable(() -> dao.list(Long.class, mixed, Map.of("token", TOKEN))),
                    StatementParameterException.class, "mixes positional ? and named :name");

            String noNickname = "select id, note from vals";
            assertSame(catchThrowable(() -> s.query(Missing.class, noNickname)),
                    catchThrowable(() -> dao.list(Missing.class, noNickname)),
                    RowMappingException.class, "no column for component 'nickname'");

            assertSame(catchThrowable(() -> s.query(Long.class, "select id, note from vals")),
                    catchThrowable(() -> dao.list(Long.class, "select id, note from vals")),
                    RowMappingException.class, "exactly one column");

            assertSame(catchThrowable(() -> s.query(Map.class, "select id from vals")),
                    catchThrowable(() -> dao.list(Map.class, "select id from vals")),
                    RowMappingException.class, "session().query(sql, args)");
        }
    }

    private static void assertSame(Throwable fromSession, Throwable fromDao, Class<?> type, String says) {
        assertThat(fromSession).isInstanceOf(type).hasMessageStartingWith("Database 'main': ")
                .hasMessageContaining(says);
        assertThat(fromDao).isExactlyInstanceOf(fromSession.getClass());
        assertThat(fromDao.getMessage()).isEqualTo(fromSession.getMessage());
    }
}
