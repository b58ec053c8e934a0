package io.multidb.modulecheck;

import io.multidb.connection.MultiDb;
import io.multidb.connection.Session;
import io.multidb.dao.DaoBase;
import java.util.List;
import java.util.Map;

/**
 * Configures an H2 label, runs a session query and a DAO read, and reports whether the connection
 * pool's internal packages can be reached. Prints one line per check; exits with 1 on a failed one.
 */
public final class Main {
    /** A row of {@code items}. */
    public record Item(int id, String name) {
    }

    /** Reads items. */
    static final class ItemDao extends DaoBase {
        ItemDao(Session session) {
            super(session);
        }

        List<Item> all() {
            return queryList(Item.class, "select id, name from items order by id");
        }
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        try (MultiDb db = MultiDb.create(Map.of("main", Map.of("url", "jdbc:h2:mem:modulecheck", "user", "sa")))) {
            db.inTransaction("main", s -> {
                s.execute("create table items (id int primary key, name varchar(20))");
                return s.execute("insert into items (id, name) values (?, ?)", 1, "first");
            });
            List<String> names = db.read("main", s -> s.query(String.class, "select name from items"));
            check("session query", names.equals(List.of("first")), names);
            List<Item> items = db.read("main", s -> new ItemDao(s).all());
            check("dao read", items.equals(List.of(new Item(1, "first"))), items);
        }
        Module core = MultiDb.class.getModule();
        System.out.println("module " + core.getName());
        check("api exported", core.isNamed() ? core.isExported("io.multidb.connection") : true, core);
        String internal = "io.multidb.connection.internal.statement.ColumnNames";
        try {
            Object snake = Class.forName(internal).getMethod("snakeCase", String.class).invoke(null, "createdAt");
            System.out.println("internal reachable " + snake);
        } catch (IllegalAccessException e) {
            System.out.println("internal sealed " + e.getClass().getSimpleName());
        }
    }

    private static void check(String what, boolean ok, Object seen) {
        System.out.println((ok ? "ok " : "FAILED ") + what + ": " + seen);
        if (!ok) {
            System.exit(1);
        }
    }
}
