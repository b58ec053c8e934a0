package io.multidb.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.multidb.connection.Engine;
import io.multidb.connection.MultiDb;
import io.multidb.connection.Session;
import io.multidb.testkit.RequiresEngine;
import io.multidb.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@code pool_idle_timeout}: a label's pools are closed when unused and opened again on the next use,
 * never under a session; every open pool shares the one {@link Housekeeper}.
 */
class PoolIdleEvictionTest {

    private static String unique() {
        return "idle_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static Map<String, Object> h2(Object idleTimeout) {
        Map<String, Object> c = new HashMap<>();
        c.put("engine", "h2");
        c.put("db", ":memory:");
        c.put("pool_size", 1);
        c.put("max_overflow", 2);
        c.put("pool_idle_timeout", idleTimeout);
        return c;
    }

    /** Waits up to 30 s for a condition: a bound, not a timing assertion. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static long threadsNamed(String part) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().contains(part)).count();
    }

    @Test
    void anUnusedPoolIsClosedAndTheNextSessionOpensItAgainOnTheSameData() throws Exception {
        String label = unique();
        try (MultiDb db = MultiDb.create(Map.of(label, h2(0.2)))) {
            try (Session s = db.session(label)) {
                s.execute("create table t(id int)");
                s.execute("insert into t values (7)");
                s.commit();
            }
            try (Session s = db.readSession(label)) {
                assertThat(s.query(Integer.class, "select id from t")).containsExactly(7);
            }
            assertThat(db.stats(label).total()).isPositive();
            assertThat(eventually(() -> db.stats(label).total() == 0 && db.readStats(label).total() == 0))
                    .as("both pools closed after pool_idle_timeout").isTrue();
            try (Session s = db.session(label)) {
                // the in-memory database the label owns outlives its pool
                assertThat(s.query(Integer.class, "select id from t")).containsExactly(7);
            }
            assertThat(db.stats(label).total()).isPositive();
        }
    }

    @Test
    void aSessionHoldingAConnectionKeepsItsPool() throws Exception {
        String label = unique();
        try (MultiDb db = MultiDb.create(Map.of(label, h2(0.05)))) {
            LazyLabelPool<?> pool = (LazyLabelPool<?>) registryPool(db, label);
            try (Session s = db.session(label)) {
                s.execute("create table t(id int)");
                s.execute("insert into t values (1)");
                // many idle checks run while the transaction is open
                Thread.sleep(500);
                assertThat(pool.evictions()).isZero();
                s.execute("insert into t values (2)");
                s.commit();
                assertThat(s.query(Integer.class, "select count(*) from t")).containsExactly(2);
            }
            assertThat(eventually(() -> pool.evictions() > 0)).isTrue();
        }
    }

    /**
     * Many short sessions with pauses around the idle timeout, so that idle checks close pools while
     * sessions come and go: no session fails and no session ever finds its connection closed.
     */
    @Test
    void sessionsRacingTheIdleCheckNeverFail() throws Exception {
        String label = unique();
        Map<String, Object> config = h2(0.01);
        config.put("max_overflow", 4);
        config.put("pool_timeout", 5);
        try (MultiDb db = MultiDb.create(Map.of(label, config))) {
            LazyLabelPool<?> pool = (LazyLabelPool<?>) registryPool(db, label);
            try (Session s = db.session(label)) {
                s.execute("create table t(id int)");
                s.commit();
            }
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int id = t;
                    done.add(threads.submit(() -> {
                        int n = 0;
                        for (int i = 0; i < 150; i++) {
                            try (Session s = i % 3 == 0 ? db.readSession(label) : db.session(label)) {
                                n += s.query(Integer.class, "select count(*) from t").size();
                                if (i % 3 != 0) {
                                    s.execute("insert into t values (?)", id);
                                    s.commit();
                                }
                            }
                            Thread.sleep(ThreadLocalRandom.current().nextInt(25));
                        }
                        return n;
                    }));
                }
                for (Future<Integer> f : done) {
                    assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(150);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(pool.evictions()).as("the idle check closed the pool between sessions").isPositive();
            try (Session s = db.session(label)) {
                assertThat(s.query(Integer.class, "select count(*) from t")).containsExactly(4 * 100);
            }
        }
    }

    @Test
    void aDataSourceBorrowsAcrossEvictions() throws Exception {
        String label = unique();
        try (MultiDb db = MultiDb.create(Map.of(label, h2(0.05)))) {
            LazyLabelPool<?> pool = (LazyLabelPool<?>) registryPool(db, label);
            for (int i = 0; i < 3; i++) {
                try (Connection c = db.dataSource(label).getConnection();
                        PreparedStatement ps = c.prepareStatement("select 1");
                        ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
                int before = pool.evictions();
                assertThat(eventually(() -> pool.evictions() > before)).isTrue();
            }
        }
    }

    /**
     * Open pools start no housekeeper thread each: 20 open pools share the scheduler's threads, and
     * closing them ends those threads.
     */
    @Test
    void twentyOpenPoolsShareTheHousekeeper() throws Exception {
        Map<String, Object> configs = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String label = unique();
            labels.add(label);
            Map<String, Object> c = h2(0);
            c.put("lazy", false);
            configs.put(label, c);
        }
        MultiDb db = MultiDb.create(configs);
        try {
            for (String label : labels) {
                try (Session s = db.readSession(label)) {
                    assertThat(s.query(Integer.class, "select 1")).containsExactly(1);
                }
            }
            // 40 HikariCP pools (each label's own and its read pool)
            assertThat(labels).allSatisfy(l -> assertThat(db.readStats(l).total()).isPositive());
            assertThat(threadsNamed(":housekeeper")).as("HikariCP housekeeper threads of their own").isZero();
            assertThat(threadsNamed(Housekeeper.THREAD_PREFIX)).isBetween(1L, (long) Housekeeper.THREADS);
            assertThat(Housekeeper.users()).isGreaterThanOrEqualTo(40);
        } finally {
            db.close();
        }
        assertThat(eventually(() -> Housekeeper.users() > 0 || threadsNamed(Housekeeper.THREAD_PREFIX) == 0))
                .as("the housekeeper's threads end with the last pool").isTrue();
    }

    /**
     * What a label costs when configured but never used, and when its pools were used and then closed
     * for idleness: threads and retained heap for 200 labels, printed (numbers vary by JVM, so only
     * the thread counts are asserted, not the bytes).
     */
    @Test
    void unusedAndEvictedLabelsCostNoThread() throws Exception {
        int n = 200;
        Map<String, Object> configs = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        // one database for every label, kept by a connection of its own: what remains is the labels' cost
        String url = "jdbc:h2:mem:" + unique() + ";DB_CLOSE_DELAY=-1";
        for (int i = 0; i < n; i++) {
            String label = unique();
            labels.add(label);
            Map<String, Object> c = h2(0.05);
            c.remove("db");
            c.put("url", url);
            configs.put(label, c);
        }
        long threadsBefore = threadsNamed("");
        long heapBefore = retainedHeap();
        MultiDb db = MultiDb.create(configs);
        try {
            long heapUnused = retainedHeap();
            long threadsUnused = threadsNamed("");
            for (String label : labels) {
                try (Session s = db.readSession(label)) {
                    assertThat(s.query(Integer.class, "select 1")).containsExactly(1);
                }
            }
            assertThat(eventually(() -> labels.stream().allMatch(l -> db.stats(l).total() == 0
                    && db.readStats(l).total() == 0))).as("every pool closed for idleness").isTrue();
            assertThat(eventually(() -> threadsNamed("connection adder") + threadsNamed("connection closer") == 0))
                    .as("no pool thread left once the pools are closed").isTrue();
            long threadsEvicted = threadsNamed("");
            long heapEvicted = retainedHeap();
            System.out.printf("pool_idle_timeout footprint, %d labels: unused %+d threads, %d bytes/label;"
                    + " evicted %+d threads, %d bytes/label%n", n, threadsUnused - threadsBefore,
                    (heapUnused - heapBefore) / n, threadsEvicted - threadsBefore, (heapEvicted - heapBefore) / n);
            assertThat(threadsUnused - threadsBefore).as("threads of %d unused labels", n).isLessThanOrEqualTo(0);
            assertThat(threadsNamed(Housekeeper.THREAD_PREFIX)).isLessThanOrEqualTo(Housekeeper.THREADS);
            assertThat(threadsNamed(":housekeeper")).isZero();
        } finally {
            db.close();
        }
    }

    private static long retainedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** The pool's server connections end with it: PostgreSQL no longer lists them. */
    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void anEvictedPostgresqlPoolClosesItsServerConnections(TestDatabase pg) throws Exception {
        String label = unique();
        String app = "multidb-" + label;
        Map<String, Object> config = new HashMap<>(pg.freshConfig());
        config.put("application_name", app);
        config.put("pool_size", 2);
        config.put("pool_idle_timeout", 0.5);
        try (MultiDb db = MultiDb.create(Map.of(label, config)); Connection admin = pg.admin()) {
            try (Session s = db.session(label)) {
                assertThat(s.query(Integer.class, "select 1")).containsExactly(1);
            }
            assertThat(serverConnections(admin, app)).isPositive();
            assertThat(eventually(() -> serverConnections(admin, app) == 0))
                    .as("pg_stat_activity rows of application_name %s", app).isTrue();
            assertThat(db.stats(label).total()).isZero();
            try (Session s = db.session(label)) {
                assertThat(s.query(Integer.class, "select 1")).containsExactly(1);
            }
            assertThat(serverConnections(admin, app)).isPositive();
        }
    }

    private static int serverConnections(Connection admin, String app) {
        try (PreparedStatement ps = admin.prepareStatement(
                "select count(*) from pg_stat_activity where application_name = ?")) {
            ps.setString(1, app);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LabelPool registryPool(MultiDb db, String label) throws Exception {
        java.lang.reflect.Field f = MultiDb.class.getDeclaredField("registry");
        f.setAccessible(true);
        return ((Registry) f.get(db)).pool(label);
    }
}
