package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.multidb.testkit.AllEngines;
import io.multidb.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

@ExtendWith(ClosePools.class)
class ConcurrencyTest {

    @AllEngines
    void sixtyFourThreadsShareAPoolOfFourAndGiveEveryConnectionBack(TestDatabase db) throws Exception {
        ConnectionPool.configure(Map.of("shared", Configs.with(db.freshConfig(), "pool_size", 4)));
        try (Session s = DatabaseManager.getSession("shared")) {
            s.execute("create table hits (thread_id int, n int)");
            s.commit();
        }
        int threads = 64;
        int sessionsPerThread = 100;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(executor.submit(() -> {
                    start.await();
                    int done = 0;
                    for (int i = 0; i < sessionsPerThread; i++) {
                        try (Session s = DatabaseManager.getSession("shared")) {
                            if (i % 10 == 0) {
                                s.execute("insert into hits (thread_id, n) values (?, ?)", id, i);
                                s.commit();
                            } else {
                                s.query("select count(*) from hits where thread_id = ?", id);
                            }
                            done++;
                        }
                    }
                    return done;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(5, TimeUnit.MINUTES);
            }
            assertThat(total).isEqualTo(threads * sessionsPerThread);
        } finally {
            executor.shutdownNow();
        }
        PoolStats stats = ConnectionPool.stats("shared");
        assertThat(stats.active()).isZero();
        assertThat(stats.total()).isLessThanOrEqualTo(4);
        try (Session s = DatabaseManager.getSession("shared")) {
            assertThat(s.query(Long.class, "select count(*) from hits")).containsExactly((long) threads * 10);
        }
    }
}
