package io.multidb.dao;

import io.multidb.connection.spi.StatementEngine;
import io.multidb.dao.internal.Dialects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The SQL text each dialect writes, pinned for all five engines. Executed for real elsewhere. */
class DialectSqlTest {

    private static void expect(Function<Dialect, Object> produce, Map<Engine, Object> expected) {
        assertThat(expected).as("every engine is pinned").containsOnlyKeys(Engine.values());
        Map<Engine, Object> actual = new EnumMap<>(Engine.class);
        for (Engine engine : Engine.values()) {
            actual.put(engine, produce.apply(Dialect.of(engine)));
        }
        assertThat(actual).isEqualTo(new EnumMap<>(expected));
    }

    @Test
    void ofReturnsOneDialectPerEngine() {
        for (Engine engine : Engine.values()) {
            assertThat(Dialect.of(engine).engine()).isEqualTo(engine);
            assertThat(Dialect.of(engine)).isSameAs(Dialect.of(engine));
        }
        assertThatThrownBy(() -> Dialect.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainIdentifiersAreWrittenUnquoted() {
        expect(d -> d.quoteIdentifier("email_address"), Map.of(Engine.H2, "email_address", Engine.POSTGRESQL,
                "email_address", Engine.MARIADB, "email_address", Engine.ORACLE, "email_address", Engine.SQLSERVER,
                "email_address"));
        expect(d -> d.quoteIdentifier("createdAt"), Map.of(Engine.H2, "createdAt", Engine.POSTGRESQL, "createdAt",
                Engine.MARIADB, "createdAt", Engine.ORACLE, "createdAt", Engine.SQLSERVER, "createdAt"));
    }

    @Test
    void reservedWordsAreQuotedInTheCaseTheEngineFoldsTo() {
        expect(d -> d.quoteIdentifier("order"), Map.of(Engine.H2, "\"ORDER\"", Engine.POSTGRESQL, "\"order\"",
                Engine.MARIADB, "`order`", Engine.ORACLE, "\"ORDER\"", Engine.SQLSERVER, "[order]"));
        expect(d -> d.quoteIdentifier("Value"), Map.of(Engine.H2, "\"VALUE\"", Engine.POSTGRESQL, "\"value\"",
                Engine.MARIADB, "`Value`", Engine.ORACLE, "\"VALUE\"", Engine.SQLSERVER, "[Value]"));
        // reserved on some engines only, quoted on all so the SQL reads the same everywhere
        expect(d -> d.quoteIdentifier("key"), Map.of(Engine.H2, "\"KEY\"", Engine.POSTGRESQL, "\"key\"",
                Engine.MARIADB, "`key`", Engine.ORACLE, "\"KEY\"", Engine.SQLSERVER, "[key]"));
        expect(d -> d.quoteIdentifier("size"), Map.of(Engine.H2, "\"SIZE\"", Engine.POSTGRESQL, "\"size\"",
                Engine.MARIADB, "`size`", Engine.ORACLE, "\"SIZE\"", Engine.SQLSERVER, "[size]"));
    }

    @Test
    void qualifiedNamesQuoteEachPart() {
        expect(d -> d.quoteQualifiedName("app.users"), Map.of(Engine.H2, "app.users", Engine.POSTGRESQL, "app.users",
                Engine.MARIADB, "app.users", Engine.ORACLE, "app.users", Engine.SQLSERVER, "app.users"));
        expect(d -> d.quoteQualifiedName("sales.order"), Map.of(Engine.H2, "sales.\"ORDER\"", Engine.POSTGRESQL,
                "sales.\"order\"", Engine.MARIADB, "sales.`order`", Engine.ORACLE, "sales.\"ORDER\"", Engine.SQLSERVER,
                "sales.[order]"));
    }

    @Test
    void foldCaseFollowsEachEnginesRule() {
        expect(d -> d.foldCase("createdAt"), Map.of(Engine.H2, "CREATEDAT", Engine.POSTGRESQL, "createdat",
                Engine.MARIADB, "createdAt", Engine.ORACLE, "CREATEDAT", Engine.SQLSERVER, "createdAt"));
    }

    @Test
    void namesLongerThanTheEngineAllowsAreRefusedNotTruncated() {
        expect(Dialect::maxIdentifierLength, Map.of(Engine.H2, 256, Engine.POSTGRESQL, 63, Engine.MARIADB, 64,
                Engine.ORACLE, 128, Engine.SQLSERVER, 128));
        Dialect pg = Dialect.of(Engine.POSTGRESQL);
        assertThat(pg.quoteIdentifier("a".repeat(63))).hasSize(63);
        assertThatThrownBy(() -> pg.quoteIdentifier("a".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is 64 characters long; PostgreSQL allows at most 63");
        assertThatThrownBy(() -> pg.quoteQualifiedName("app." + "t".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 63");
    }

    @Test
    void paginationClauseAndArgumentOrder() {
        String q = "SELECT id FROM users WHERE active = ? ORDER BY id";
        expect(d -> d.paginate(q), Map.of(
                Engine.H2, q + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                Engine.POSTGRESQL, q + " LIMIT ? OFFSET ?",
                Engine.MARIADB, q + " LIMIT ? OFFSET ?",
                Engine.ORACLE, q + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                Engine.SQLSERVER, q + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY"));
        Object[] own = {true};
        expect(d -> List.of(d.withPaginationArguments(own, 40, 20)), Map.of(
                Engine.H2, List.of(true, 40L, 20L),
                Engine.POSTGRESQL, List.of(true, 20L, 40L),
                Engine.MARIADB, List.of(true, 20L, 40L),
                Engine.ORACLE, List.of(true, 40L, 20L),
                Engine.SQLSERVER, List.of(true, 40L, 20L)));
        assertThat(own).containsExactly(true);
        for (Engine engine : Engine.values()) {
            Dialect d = Dialect.of(engine);
            assertThatThrownBy(() -> d.withPaginationArguments(own, -1, 20))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Offset must be 0 or more");
            assertThatThrownBy(() -> d.withPaginationArguments(own, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Limit must be 1 or more");
        }
    }

    @Test
    void upsertWithOneKey() {
        expect(d -> d.upsert("users", List.of("id"), List.of("id", "name", "email")), Map.of(
                Engine.POSTGRESQL, "INSERT INTO users (id, name, email) VALUES (:id, :name, :email) ON CONFLICT (id)"
                        + " DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email",
                Engine.MARIADB, "INSERT INTO users (id, name, email) VALUES (:id, :name, :email) ON DUPLICATE KEY"
                        + " UPDATE name = VALUES(name), email = VALUES(email)",
                Engine.H2, "MERGE INTO users (id, name, email) KEY (id) VALUES (:id, :name, :email)",
                Engine.ORACLE, "MERGE INTO users tgt USING DUAL ON (tgt.id = :id) WHEN MATCHED THEN UPDATE SET"
                        + " tgt.name = :name, tgt.email = :email WHEN NOT MATCHED THEN INSERT (id, name, email) VALUES"
                        + " (:id, :name, :email)",
                Engine.SQLSERVER, "MERGE INTO users WITH (HOLDLOCK) AS tgt USING (VALUES (:id, :name, :email)) AS src"
                        + " (id, name, email) ON tgt.id = src.id WHEN MATCHED THEN UPDATE SET name = src.name,"
                        + " email = src.email WHEN NOT MATCHED THEN INSERT (id, name, email) VALUES (src.id, src.name,"
                        + " src.email);"));
    }

    @Test
    void upsertWithACompositeKeyAndReservedWords() {
        expect(d -> d.upsert("app.settings", List.of("user_id", "key"), List.of("user_id", "key", "value")), Map.of(
                Engine.POSTGRESQL, "INSERT INTO app.settings (user_id, \"key\", \"value\") VALUES (:user_id, :key,"
                        + " :value) ON CONFLICT (user_id, \"key\") DO UPDATE SET \"value\" = EXCLUDED.\"value\"",
                Engine.MARIADB, "INSERT INTO app.settings (user_id, `key`, `value`) VALUES (:user_id, :key, :value)"
                        + " ON DUPLICATE KEY UPDATE `value` = VALUES(`value`)",
                Engine.H2, "MERGE INTO app.settings (user_id, \"KEY\", \"VALUE\") KEY (user_id, \"KEY\") VALUES"
                        + " (:user_id, :key, :value)",
                Engine.ORACLE, "MERGE INTO app.settings tgt USING DUAL ON (tgt.user_id = :user_id AND tgt.\"KEY\" ="
                        + " :key) WHEN MATCHED THEN UPDATE SET tgt.\"VALUE\" = :value WHEN NOT MATCHED THEN INSERT"
                        + " (user_id, \"KEY\", \"VALUE\") VALUES (:user_id, :key, :value)",
                Engine.SQLSERVER, "MERGE INTO app.settings WITH (HOLDLOCK) AS tgt USING (VALUES (:user_id, :key,"
                        + " :value)) AS src (user_id, [key], [value]) ON tgt.user_id = src.user_id AND tgt.[key] ="
                        + " src.[key] WHEN MATCHED THEN UPDATE SET [value] = src.[value] WHEN NOT MATCHED THEN INSERT"
                        + " (user_id, [key], [value]) VALUES (src.user_id, src.[key], src.[value]);"));
    }

    @Test
    void upsertOfKeysOnlyLeavesAnExistingRowAlone() {
        expect(d -> d.upsert("tags", List.of("post_id", "tag"), List.of("post_id", "tag")), Map.of(
                Engine.POSTGRESQL, "INSERT INTO tags (post_id, tag) VALUES (:post_id, :tag) ON CONFLICT (post_id, tag)"
                        + " DO NOTHING",
                Engine.MARIADB, "INSERT INTO tags (post_id, tag) VALUES (:post_id, :tag) ON DUPLICATE KEY UPDATE"
                        + " post_id = post_id",
                Engine.H2, "MERGE INTO tags (post_id, tag) KEY (post_id, tag) VALUES (:post_id, :tag)",
                Engine.ORACLE, "MERGE INTO tags tgt USING DUAL ON (tgt.post_id = :post_id AND tgt.tag = :tag) WHEN NOT"
                        + " MATCHED THEN INSERT (post_id, tag) VALUES (:post_id, :tag)",
                Engine.SQLSERVER, "MERGE INTO tags WITH (HOLDLOCK) AS tgt USING (VALUES (:post_id, :tag)) AS src"
                        + " (post_id, tag) ON tgt.post_id = src.post_id AND tgt.tag = src.tag WHEN NOT MATCHED THEN"
                        + " INSERT (post_id, tag) VALUES (src.post_id, src.tag);"));
    }

    @Test
    void upsertRefusesInconsistentColumnLists() {
        for (Engine engine : Engine.values()) {
            Dialect d = Dialect.of(engine);
            assertThatThrownBy(() -> d.upsert("users", List.of("id"), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs at least one column");
            assertThatThrownBy(() -> d.upsert("users", List.of(), List.of("id")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one key column");
            assertThatThrownBy(() -> d.upsert("users", List.of("email"), List.of("id", "name")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Key column email of the upsert into users is not among its columns");
            assertThatThrownBy(() -> d.upsert("users", List.of("id"), List.of("id", "name", "NAME")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is given twice");
            assertThatThrownBy(() -> d.upsert("users", List.of("id", "id"), List.of("id", "name")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is given twice");
        }
    }

    @Test
    void currentTimestampSequencesAndSelectWithoutATable() {
        expect(Dialect::currentTimestamp, Map.of(Engine.H2, "CURRENT_TIMESTAMP", Engine.POSTGRESQL,
                "CURRENT_TIMESTAMP", Engine.MARIADB, "CURRENT_TIMESTAMP(6)", Engine.ORACLE, "SYSTIMESTAMP",
                Engine.SQLSERVER, "SYSDATETIME()"));
        expect(d -> d.nextSequenceValue("order_seq"), Map.of(Engine.H2, "NEXT VALUE FOR order_seq",
                Engine.POSTGRESQL, "nextval('order_seq')", Engine.MARIADB, "NEXT VALUE FOR order_seq", Engine.ORACLE,
                "order_seq.NEXTVAL", Engine.SQLSERVER, "NEXT VALUE FOR order_seq"));
        expect(d -> d.nextSequenceValue("app.user"), Map.of(Engine.H2, "NEXT VALUE FOR app.\"USER\"",
                Engine.POSTGRESQL, "nextval('app.\"user\"')", Engine.MARIADB, "NEXT VALUE FOR app.`user`",
                Engine.ORACLE, "app.\"USER\".NEXTVAL", Engine.SQLSERVER, "NEXT VALUE FOR app.[user]"));
        expect(d -> d.selectExpression("1 + 1"), Map.of(Engine.H2, "SELECT 1 + 1", Engine.POSTGRESQL, "SELECT 1 + 1",
                Engine.MARIADB, "SELECT 1 + 1", Engine.ORACLE, "SELECT 1 + 1 FROM DUAL", Engine.SQLSERVER,
                "SELECT 1 + 1"));
    }

    @Test
    void generatedKeysAreAskedForByNameWhereTheDriverNeedsIt() {
        String insert = "INSERT INTO users (name) VALUES (?)";
        expect(d -> prepareAndRecord(d, insert, "userId"), Map.of(
                Engine.POSTGRESQL, List.of("prepareStatement(String:" + insert + ", [userid])"),
                Engine.ORACLE, List.of("prepareStatement(String:" + insert + ", [USERID])"),
                Engine.H2, List.of("prepareStatement(String:" + insert + ", [USERID])"),
                Engine.MARIADB, List.of("prepareStatement(String:" + insert + ", Integer:1)"),
                Engine.SQLSERVER, List.of("prepareStatement(String:" + insert + ", Integer:1)")));
    }

    private static List<String> prepareAndRecord(Dialect d, String insert, String keyColumn) {
        Recorder recorder = new Recorder();
        try {
            Dialects.prepareReturningKey(d, recorder.stub(Connection.class), insert, keyColumn);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return recorder.calls();
    }

    private enum Colour { RED }

    @Test
    void parametersAreBoundAsEachEngineNeeds() {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        Instant instant = Instant.parse("2024-05-01T10:15:30.123456Z");
        expect(d -> bindAndRecord(d, true, null, uuid, Colour.RED, instant, 42L), Map.of(
                Engine.H2, List.of("setObject(Integer:1, Boolean:true)", "setNull(Integer:2, Integer:0)",
                        "setObject(Integer:3, UUID:" + uuid + ")", "setString(Integer:4, String:RED)",
                        "setTimestamp(Integer:5, Timestamp:" + java.sql.Timestamp.from(instant) + ")",
                        "setObject(Integer:6, Long:42)"),
                Engine.POSTGRESQL, List.of("setObject(Integer:1, Boolean:true)", "setNull(Integer:2, Integer:0)",
                        "setObject(Integer:3, UUID:" + uuid + ")", "setString(Integer:4, String:RED)",
                        "setTimestamp(Integer:5, Timestamp:" + java.sql.Timestamp.from(instant) + ")",
                        "setObject(Integer:6, Long:42)"),
                Engine.MARIADB, List.of("setObject(Integer:1, Boolean:true)", "setNull(Integer:2, Integer:0)",
                        "setString(Integer:3, String:" + uuid + ")", "setString(Integer:4, String:RED)",
                        "setTimestamp(Integer:5, Timestamp:" + java.sql.Timestamp.from(instant) + ")",
                        "setObject(Integer:6, Long:42)"),
                Engine.ORACLE, List.of("setInt(Integer:1, Integer:1)", "setNull(Integer:2, Integer:12)",
                        "setString(Integer:3, String:" + uuid + ")", "setString(Integer:4, String:RED)",
                        "setTimestamp(Integer:5, Timestamp:" + java.sql.Timestamp.from(instant) + ")",
                        "setObject(Integer:6, Long:42)"),
                Engine.SQLSERVER, List.of("setObject(Integer:1, Boolean:true)", "setObject(Integer:2, null)",
                        "setString(Integer:3, String:" + uuid + ")", "setString(Integer:4, String:RED)",
                        "setTimestamp(Integer:5, Timestamp:" + java.sql.Timestamp.from(instant) + ")",
                        "setObject(Integer:6, Long:42)")));
        assertThat(bindAndRecord(Dialect.of(Engine.ORACLE), false)).containsExactly("setInt(Integer:1, Integer:0)");
    }

    private static List<String> bindAndRecord(Dialect d, Object... values) {
        Recorder recorder = new Recorder();
        PreparedStatement ps = recorder.stub(PreparedStatement.class);
        try {
            for (int i = 0; i < values.length; i++) {
                StatementEngine.of(d.engine()).set(ps, i + 1, values[i]);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return recorder.calls();
    }
}
