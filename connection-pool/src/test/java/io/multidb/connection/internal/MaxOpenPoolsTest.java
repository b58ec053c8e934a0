package io.multidb.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.MultiDb;
import io.multidb.connection.Session;
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
import org.junit.jupiter.api.Test;

/**
 * {@code max_open_pools}: opening a pool beyond the cap first closes the least recently used idle
 * pool of the instance (read pools count too); a busy pool is never closed, and a session never fails
 * for the cap.
 */
class MaxOpenPoolsTest {

    private static String unique() {
        return "cap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Labels each on a named H2 database that outlives its pools, so that an evicted label's data stays. */
    private static Map<String, Object> labels(int n, List<String> names) {
        Map<String, Object> configs = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String label = unique();
            names.add(label);
            Map<String, Object> c = new HashMap<>();
            c.put("url", "jdbc:h2:mem:" + label + ";DB_CLOSE_DELAY=-1");
            c.put("user", "sa");
            c.put("pool_size", 1);
            c.put("max_overflow", 1);
            c.put("pool_timeout", 10);
            configs.put(label, c);
        }
        return configs;
    }

    /** Pools open now, seen from outside: a label's own pool and its read pool each count. */
    private static int openByStats(MultiDb db, List<String> labels) {
        int open = 0;
        for (String l : labels) {
            open += db.stats(l).total() > 0 ? 1 : 0;
            open += db.readStats(l).total() > 0 ? 1 : 0;
        }
        return open;
    }

    private static void createTables(MultiDb db, List<String> labels) {
        for (String l : labels) {
            db.inTransaction(l, s -> s.execute("create table t(round int)"));
        }
    }

    @Test
    void capThreeOverSixLabelsUsedRoundRobinKeepsThreePoolsOpenAndTheData() {
        List<String> labels = new ArrayList<>();
        try (MultiDb db = MultiDb.create(labels(6, labels))) {
            db.setMaxOpenPools(3);
            assertThat(db.maxOpenPools()).isEqualTo(3);
            Registry registry = registry(db);
            createTables(db, labels);
            for (int round = 0; round < 4; round++) {
                for (String l : labels) {
                    try (Session s = db.session(l)) {
                        s.execute("insert into t values (?)", 1);
                        s.commit();
                    }
                    assertThat(registry.openPools()).as("open pools after a session on %s", l).isLessThanOrEqualTo(3);
                    List<Integer> count = db.read(l, s -> s.query(Integer.class, "select count(*) from t"));
                    assertThat(count).containsExactly(round + 1);
                    assertThat(registry.openPools()).isLessThanOrEqualTo(3);
                    assertThat(openByStats(db, labels)).isLessThanOrEqualTo(3);
                }
            }
            assertThat(labels).allSatisfy(l -> assertThat(pool(db, l).evictions() + readPool(db, l).evictions())
                    .as("pools of %s closed for the cap", l).isPositive());
        }
    }

    @Test
    void aPoolLendingAConnectionIsNeverEvicted() {
        List<String> labels = new ArrayList<>();
        try (MultiDb db = MultiDb.create(labels(4, labels))) {
            db.setMaxOpenPools(1);
            createTables(db, labels);
            String busy = labels.get(0);
            LazyLabelPool<?> busyPool = pool(db, busy);
            Registry registry = registry(db);
            try (Session held = db.session(busy)) {
                held.execute("insert into t values (?)", 42);
                int evictionsBefore = busyPool.evictions();
                for (int round = 0; round < 3; round++) {
                    for (String l : labels.subList(1, labels.size())) {
                        try (Session s = db.session(l)) {
                            s.execute("insert into t values (?)", round);
                            s.commit();
                        }
                        assertThat(db.stats(busy).total()).as("the busy label's pool").isPositive();
                        // the busy pool and the one just used: the cap is a target, not a failure
                        assertThat(registry.openPools()).isLessThanOrEqualTo(2);
                    }
                }
                assertThat(busyPool.evictions()).isEqualTo(evictionsBefore);
                held.commit();
                assertThat(held.query(Integer.class, "select round from t")).containsExactly(42);
            }
            for (String l : labels.subList(1, labels.size())) {
                List<Integer> count = db.read(l, s -> s.query(Integer.class, "select count(*) from t"));
                assertThat(count).containsExactly(3);
            }
        }
    }

    @Test
    void capZeroChangesNothing() {
        List<String> labels = new ArrayList<>();
        try (MultiDb db = MultiDb.create(labels(6, labels))) {
            assertThat(db.maxOpenPools()).isZero();
            db.setMaxOpenPools(0);
            Registry registry = registry(db);
            createTables(db, labels);
            for (int round = 0; round < 2; round++) {
                for (String l : labels) {
                    db.inTransaction(l, s -> s.execute("insert into t values (1)"));
                    db.read(l, s -> s.query(Integer.class, "select count(*) from t"));
                }
            }
            assertThat(registry.openPools()).isEqualTo(12);
            assertThat(openByStats(db, labels)).isEqualTo(12);
            assertThat(labels).allSatisfy(l -> assertThat(pool(db, l).evictions() + readPool(db, l).evictions())
                    .isZero());
        }
    }

    @Test
    void aNegativeCapIsRefused() {
        List<String> labels = new ArrayList<>();
        try (MultiDb db = MultiDb.create(labels(1, labels))) {
            assertThatThrownBy(() -> db.setMaxOpenPools(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("max_open_pools must be 0 (no cap) or positive, but is -1");
            assertThat(db.maxOpenPools()).isZero();
        }
    }

    /** Threads on random labels under a cap of 3 of 12 pools: evictions race borrows, and no session fails. */
    @Test
    void sessionsRacingEvictionsNeverFail() throws Exception {
        List<String> labels = new ArrayList<>();
        try (MultiDb db = MultiDb.create(labels(6, labels))) {
            createTables(db, labels);
            db.setMaxOpenPools(3);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    done.add(threads.submit(() -> {
                        int n = 0;
                        for (int i = 0; i < 100; i++) {
                            String l = labels.get(ThreadLocalRandom.current().nextInt(labels.size()));
                            if (i % 2 == 0) {
                                n += db.read(l, s -> s.query(Integer.class, "select count(*) from t")).size();
                            } else {
                                n += db.inTransaction(l, s -> s.execute("insert into t values (1)"));
                            }
                        }
                        return n;
                    }));
                }
                for (Future<Integer> f : done) {
                    assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(100);
                }
            } finally {
                threads.shutdownNow();
            }
            int rows = 0;
            for (String l : labels) {
                rows += db.read(l, s -> s.query(Integer.class, "select count(*) from t")).get(0);
            }
            assertThat(rows).isEqualTo(4 * 50);
        }
    }

    private static Registry registry(MultiDb db) {
        try {
            java.lang.reflect.Field f = MultiDb.class.getDeclaredField("registry");
            f.setAccessible(true);
            return (Registry) f.get(db);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LazyLabelPool<?> pool(MultiDb db, String label) {
        return (LazyLabelPool<?>) registry(db).pool(label);
    }

    private static LazyLabelPool<?> readPool(MultiDb db, String label) {
        return (LazyLabelPool<?>) registry(db).readPool(label);
    }
}
