package io.multidb.modulecheck;

import io.multidb.connection.MultiDb;
import io.multidb.connection.MultiDbException;
import io.multidb.connection.Session;
import io.multidb.dao.DaoBase;
import io.multidb.jta.JtaSettings;
import io.multidb.jta.JtaSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Configures an H2 label, runs a session query and a DAO read, runs XA units of work over two H2
 * labels (one committed, one rolled back) and a recovery pass, and reports whether the connection pool's and JTA
 * support's internal packages can be reached. Prints one line per check; exits with 1 on a failed
 * one.
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
        xaUnitsOfWork();
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
        Module jta = JtaSupport.class.getModule();
        System.out.println("jta module " + jta.getName()
                + (jta.isNamed() ? " automatic=" + jta.getDescriptor().isAutomatic() : ""));
        try {
            Object provider = Class.forName("io.multidb.jta.internal.JtaXaProvider").getConstructor().newInstance();
            System.out.println("jta internal reachable " + provider.getClass().getSimpleName());
        } catch (IllegalAccessException e) {
            System.out.println("jta internal sealed " + e.getClass().getSimpleName());
        }
    }

    /** Two H2 labels with {@code xa: true}: a unit of work over both commits on both, a failing one on neither. */
    private static void xaUnitsOfWork() throws IOException {
        Path txLog = Files.createTempDirectory("modulecheck-tx-log");
        JtaSupport.enable(JtaSettings.builder().logDirectory(txLog).nodeId("modulecheck")
                .recoveryBackoffPeriod(Duration.ofSeconds(1)).build());
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put("bank_a", Map.of("url", "jdbc:h2:mem:modulecheck_a", "user", "sa", "xa", true, "pool_size", 2));
        configs.put("bank_b", Map.of("url", "jdbc:h2:mem:modulecheck_b", "user", "sa", "xa", true, "pool_size", 2));
        try (MultiDb db = MultiDb.create(configs)) {
            for (String label : List.of("bank_a", "bank_b")) {
                db.inTransaction(label, s -> s.execute("create table accounts (owner varchar(20) primary key,"
                        + " balance int not null check (balance >= 0))"));
            }
            db.inTransaction(List.of("bank_a", "bank_b"), u -> u.session("bank_a")
                    .execute("insert into accounts values ('alice', 100)")
                    + u.session("bank_b").execute("insert into accounts values ('bob', 50)"));
            try {
                JtaSupport.inTransaction(db, Duration.ofSeconds(10), List.of("bank_a", "bank_b"), u -> {
                    u.session("bank_b").execute("update accounts set balance = balance + 500");
                    return u.session("bank_a").execute("update accounts set balance = balance - 500");
                });
                check("xa rollback", false, "the overdraft committed");
            } catch (MultiDbException e) {
                System.out.println("xa overdraft refused " + e.getClass().getSimpleName());
            }
            List<Integer> balances = List.of(balance(db, "bank_a"), balance(db, "bank_b"));
            check("xa units of work", balances.equals(List.of(100, 50)), balances);
            JtaSupport.recover().toCompletableFuture().join();
            System.out.println("ok recovery pass");
        } finally {
            JtaSupport.shutdown();
            try (Stream<Path> files = Files.walk(txLog)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static int balance(MultiDb db, String label) {
        return db.read(label, s -> s.query(Integer.class, "select balance from accounts")).get(0);
    }

    private static void check(String what, boolean ok, Object seen) {
        System.out.println((ok ? "ok " : "FAILED ") + what + ": " + seen);
        if (!ok) {
            System.exit(1);
        }
    }
}
