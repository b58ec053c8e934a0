package io.multidb.dao;

import io.multidb.dao.internal.Dialects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.ClosePools;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Engine;
import io.multidb.connection.Session;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every helper that takes a table, column, key or sequence name refuses anything but a plain
 * identifier with an {@link IllegalArgumentException}, before any SQL is sent: the DAOs here run
 * on a session that fails the test if it is touched at all, and, on a real H2 label, the lazy pool
 * is never even opened.
 */
@ExtendWith(ClosePools.class)
class RejectedNamesTest {

    /** Not a name anywhere: not a table, not a column, not a sequence. */
    static final List<String> NOT_A_NAME = Collections.unmodifiableList(Arrays.asList(
            null,
            "",
            " ",
            "users; DROP TABLE users",
            "users;",
            "users; --",
            "users--",
            "users -- comment",
            "users/*",
            "/* comment */users",
            "users*/",
            "users'",
            "'users'",
            "users' OR '1'='1",
            "users\"",
            "\"users\"",
            "\"users\"; DROP TABLE \"users\"",
            "`users`",
            "[users]",
            "users name",
            " users",
            "users ",
            "users\t",
            "users\n",
            "users\r\nDROP TABLE users",
            "users\u0000",
            "1users",
            "9",
            "us-ers",
            "us+ers",
            "users()",
            "users)",
            "(select 1)",
            "users,name",
            "users=1",
            "id = 1 OR 1 = 1",
            "users?",
            ":users",
            "users:",
            "*",
            "users.*",
            "@users",
            "#users",
            "$users",
            "users$",
            "users%",
            "users\\",
            "us\u00e9rs",          // e with acute accent
            "users\u200b",         // zero-width space
            "\u0443sers",          // Cyrillic u
            "\uff55sers",          // fullwidth u
            "users\u00a0",         // no-break space
            "x".repeat(300)));     // plain, but longer than any engine allows

    /** Not a table or sequence name: qualified wrongly. */
    static final List<String> NOT_A_QUALIFIED_NAME = List.of("a.b.c", ".users", "users.", "a..b", "public.",
            "public.users; DROP TABLE users", "public .users", "public.1users", "public.\"users\"");

    /** A valid table name, but a column name cannot be qualified. */
    static final List<String> NOT_A_COLUMN_NAME = List.of("public.users", "users.name");

    /** A helper, or a dialect method, called with a bad name in one of its name arguments. */
    private record Slot(String description, NameUse use) {
        @Override
        public String toString() {
            return description;
        }
    }

    @FunctionalInterface
    private interface NameUse {
        void call(ProbeDao dao, Dialect dialect, String name) throws Exception;
    }

    private static Map<String, Object> row(String column, Object value) {
        Map<String, Object> m = new HashMap<>(); // HashMap: a null column name must reach the DAO
        m.put(column, value);
        return m;
    }

    private static Map<String, Object> row(String c1, Object v1, String c2, Object v2) {
        Map<String, Object> m = row(c1, v1);
        m.put(c2, v2);
        return m;
    }

    private static final Connection UNTOUCHABLE_CONNECTION = (Connection) Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                throw new AssertionError("The dialect used the connection (" + method.getName() + ") before"
                        + " refusing the name");
            });

    static final List<Slot> TABLE_SLOTS = List.of(
            new Slot("insert(table)", (dao, d, n) -> dao.insertRow(n, Map.of("name", "x"))),
            new Slot("insertReturningKey(table)", (dao, d, n) -> dao.insertRowReturningKey(Long.class, "id", n,
                    Map.of("name", "x"))),
            new Slot("batchInsert(table)", (dao, d, n) -> dao.insertBatch(n, List.of(Map.of("name", "x")))),
            new Slot("update(table)", (dao, d, n) -> dao.updateRows(n, Map.of("name", "x"), Map.of("id", 1))),
            new Slot("delete(table)", (dao, d, n) -> dao.deleteRows(n, Map.of("id", 1))),
            new Slot("upsert(table)", (dao, d, n) -> dao.upsertRow(n, List.of("id"), Map.of("id", 1, "name", "x"))),
            new Slot("count(table)", (dao, d, n) -> dao.countRows(n, Map.of())),
            new Slot("exists(table)", (dao, d, n) -> dao.anyRow(n, Map.of("id", 1))),
            new Slot("nextSequenceValue(sequence)", (dao, d, n) -> dao.nextValue(n)));

    static final List<Slot> DIALECT_TABLE_SLOTS = List.of(
            new Slot("Dialect.quoteQualifiedName", (dao, d, n) -> d.quoteQualifiedName(n)),
            new Slot("Dialect.upsert(table)", (dao, d, n) -> d.upsert(n, List.of("id"), List.of("id", "name"))),
            new Slot("Dialect.nextSequenceValue", (dao, d, n) -> d.nextSequenceValue(n)));

    static final List<Slot> COLUMN_SLOTS = List.of(
            new Slot("insert(column)", (dao, d, n) -> dao.insertRow("users", row("name", "x", n, 1))),
            new Slot("insertReturningKey(keyColumn)", (dao, d, n) -> dao.insertRowReturningKey(Long.class, n, "users",
                    Map.of("name", "x"))),
            new Slot("insertReturningKey(column)", (dao, d, n) -> dao.insertRowReturningKey(Long.class, "id", "users",
                    row(n, "x"))),
            new Slot("executeReturningKey(keyColumn)", (dao, d, n) -> dao.runReturningKey(Long.class, n,
                    "insert into users (name) values (?)", "x")),
            new Slot("batchInsert(column)", (dao, d, n) -> dao.insertBatch("users", List.of(row(n, "x")))),
            new Slot("update(set column)", (dao, d, n) -> dao.updateRows("users", row(n, "x"), Map.of("id", 1))),
            new Slot("update(where column)", (dao, d, n) -> dao.updateRows("users", Map.of("name", "x"), row(n, 1))),
            new Slot("delete(where column)", (dao, d, n) -> dao.deleteRows("users", row(n, 1))),
            new Slot("upsert(key column)", (dao, d, n) -> dao.upsertRow("users", Arrays.asList(n),
                    Map.of("id", 1, "name", "x"))),
            new Slot("upsert(column)", (dao, d, n) -> dao.upsertRow("users", List.of("id"), row("id", 1, n, "x"))),
            new Slot("count(where column)", (dao, d, n) -> dao.countRows("users", row(n, 1))),
            new Slot("exists(where column)", (dao, d, n) -> dao.anyRow("users", row(n, 1))));

    static final List<Slot> DIALECT_COLUMN_SLOTS = List.of(
            new Slot("Dialect.quoteIdentifier", (dao, d, n) -> d.quoteIdentifier(n)),
            new Slot("Dialect.foldCase", (dao, d, n) -> d.foldCase(n)),
            new Slot("Dialect.upsert(key column)", (dao, d, n) -> d.upsert("users", Arrays.asList(n),
                    Arrays.asList("id", n))),
            new Slot("Dialect.upsert(column)", (dao, d, n) -> d.upsert("users", List.of("id"), Arrays.asList("id", n))),
            new Slot("Dialects.prepareReturningKey(Dialect, keyColumn)", (dao, d, n) -> Dialects.prepareReturningKey(d, 
                    UNTOUCHABLE_CONNECTION, "insert into users (name) values (?)", n)));

    static Stream<Arguments> everyEngineAndName() {
        List<Arguments> out = new ArrayList<>();
        for (Engine engine : Engine.values()) {
            for (String name : NOT_A_NAME) {
                out.add(Arguments.of(engine, name, concat(TABLE_SLOTS, DIALECT_TABLE_SLOTS),
                        concat(COLUMN_SLOTS, DIALECT_COLUMN_SLOTS)));
            }
            for (String name : NOT_A_QUALIFIED_NAME) {
                out.add(Arguments.of(engine, name, concat(TABLE_SLOTS, DIALECT_TABLE_SLOTS),
                        concat(COLUMN_SLOTS, DIALECT_COLUMN_SLOTS)));
            }
            for (String name : NOT_A_COLUMN_NAME) {
                out.add(Arguments.of(engine, name, List.of(), concat(COLUMN_SLOTS, DIALECT_COLUMN_SLOTS)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyEngineAndName")
    void everyNameTakingHelperRefusesTheNameBeforeTouchingTheSession(Engine engine, String name, List<Slot> tables,
            List<Slot> columns) {
        Dialect dialect = Dialect.of(engine);
        List<String> accepted = new ArrayList<>();
        for (Slot slot : concat(tables, columns)) {
            ProbeDao dao = new ProbeDao(new UntouchableSession(), dialect);
            try {
                slot.use().call(dao, dialect, name);
                accepted.add(slot + " accepted it");
            } catch (IllegalArgumentException e) {
                if (!e.getMessage().startsWith("Invalid ") && !e.getMessage().contains("characters long")) {
                    accepted.add(slot + " refused it with an unexpected message: " + e.getMessage());
                }
            } catch (Exception | AssertionError e) {
                accepted.add(slot + " failed with " + e);
            }
        }
        assertThat(accepted).as("helpers that did not refuse %s on %s", name, engine).isEmpty();
    }

    private static List<Slot> concat(List<Slot> a, List<Slot> b) {
        List<Slot> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void theMessageNamesWhatWasWrongAndShowsInvisibleCharacters() {
        ProbeDao dao = new ProbeDao(new UntouchableSession(), Dialect.of(Engine.H2));
        assertThatThrownBy(() -> dao.insertRow("users; DROP TABLE users", Map.of("name", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid table name \"users; DROP TABLE users\": expected a plain identifier")
                .hasMessageContaining("optionally qualified once as schema.name")
                .hasMessageContaining("write that statement yourself with execute(...)");
        assertThatThrownBy(() -> dao.updateRows("users", row("name\u200b", "x"), Map.of("id", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid column name \"name\\u200b\"");
        assertThatThrownBy(() -> dao.nextValue(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid sequence name null");
    }

    @Test
    void onARealLabelARefusedNameOpensNoConnection() {
        ConnectionPool.configure(Map.of("main", Map.of("url", "jdbc:h2:mem:rejected_names;DB_CLOSE_DELAY=-1",
                "user", "sa")));
        List<String> names = new ArrayList<>(NOT_A_NAME);
        names.remove("x".repeat(300)); // valid syntax: its length is checked by the dialect, which needs a connection
        names.addAll(NOT_A_QUALIFIED_NAME);
        int refusals = 0;
        try (Session s = DatabaseManager.getSession("main")) {
            for (String name : names) {
                for (Slot slot : TABLE_SLOTS) {
                    ProbeDao dao = new ProbeDao(s);
                    assertThatThrownBy(() -> slot.use().call(dao, null, name)).as(slot + " with " + name)
                            .isInstanceOf(IllegalArgumentException.class);
                    refusals++;
                }
                for (Slot slot : COLUMN_SLOTS) {
                    ProbeDao dao = new ProbeDao(s);
                    assertThatThrownBy(() -> slot.use().call(dao, null, name)).as(slot + " with " + name)
                            .isInstanceOf(IllegalArgumentException.class);
                    refusals++;
                }
            }
        }
        assertThat(refusals).isEqualTo(names.size() * (TABLE_SLOTS.size() + COLUMN_SLOTS.size()));
        assertThat(ConnectionPool.stats("main").total()).as("connections ever opened for 'main'").isZero();
    }
}
