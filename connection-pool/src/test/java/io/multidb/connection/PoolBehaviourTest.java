package io.multidb.connection;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

/** The fair queue in front of each pool, and wrapping drivers through {@code driver_class}. */
@ExtendWith(ClosePools.class)
class PoolBehaviourTest {

    /** Waits (bounded) until the pool reports the given number of waiting sessions. */
    private static void awaitWaiting(String label, int waiting) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ConnectionPool.stats(label).waiting() < waiting && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(ConnectionPool.stats(label).waiting()).isEqualTo(waiting);
    }

    /**
     * HikariCP lets a thread that returns a connection take it straight back from its thread-local
     * list, ahead of threads that have waited longer; behind the fair queue it must line up. The
     * queue admits one session more than the pool has connections (see LazyLabelPool.admitted):
     * the returning session is admitted only after two more releases, so at least w1 and one of
     * w2, w3 are served before it, whatever order HikariCP picks among the sessions it admitted.
     */
    @Test
    void aSessionReturningItsConnectionQueuesBehindTheSessionsAlreadyWaiting() throws Exception {
        ConnectionPool.configure(Map.of("fifo", Configs.with(Configs.h2(unique()), "pool_size", 1)));
        List<String> served = new CopyOnWriteArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            Session first = DatabaseManager.getSession("fifo");
            first.query("select 1");
            List<Future<?>> waiters = new java.util.ArrayList<>();
            for (String name : List.of("w1", "w2", "w3")) {
                int before = ConnectionPool.stats("fifo").waiting();
                waiters.add(executor.submit(() -> {
                    try (Session s = DatabaseManager.getSession("fifo")) {
                        s.query("select 1");
                        served.add(name);
                    }
                    return null;
                }));
                awaitWaiting("fifo", before + 1);
            }
            first.close();
            try (Session again = DatabaseManager.getSession("fifo")) {
                again.query("select 1");
                served.add("returner");
            }
            for (Future<?> f : waiters) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertThat(served).hasSize(4);
            assertThat(served.indexOf("returner")).as("served in order %s", served).isGreaterThanOrEqualTo(2);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void statsCountSessionsWaitingInTheQueue() throws Exception {
        ConnectionPool.configure(Map.of("q", Configs.with(Configs.h2(unique()), "pool_size", 1, "pool_timeout", 5)));
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try (Session holder = DatabaseManager.getSession("q")) {
            holder.query("select 1");
            for (int i = 0; i < 3; i++) {
                executor.submit(() -> {
                    try (Session s = DatabaseManager.getSession("q")) {
                        return s.query("select 1");
                    }
                });
            }
            awaitWaiting("q", 3);
            assertThat(ConnectionPool.stats("q").active()).isEqualTo(1);
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aTimedOutWaitInTheQueueIsAPoolExhaustedException() {
        ConnectionPool.configure(Map.of("gate", Configs.with(Configs.h2(unique()), "pool_size", 1,
                "pool_timeout", 0.25)));
        try (Session a = DatabaseManager.getSession("gate"); Session b = DatabaseManager.getSession("gate");
                Session c = DatabaseManager.getSession("gate")) {
            a.query("select 1");
            assertThatThrownBy(() -> b.query("select 1")).isInstanceOf(PoolExhaustedException.class);
            assertThatThrownBy(() -> c.query("select 1")).isInstanceOf(PoolExhaustedException.class)
                    .hasMessageContaining("No connection for database 'gate' within");
        }
        try (Session again = DatabaseManager.getSession("gate")) {
            assertThat(again.query(Integer.class, "select 1")).containsExactly(1);
        }
    }

    @Test
    void withoutTheFairQueueSessionsStillWork() {
        ConnectionPool.configure(Map.of("plain", Configs.with(Configs.h2(unique()), "fair_queue", false)));
        try (Session s = DatabaseManager.getSession("plain")) {
            assertThat(s.query(Integer.class, "select 1")).containsExactly(1);
        }
    }

    @Test
    void aWrappingDriverIsUsedThroughDriverClass() throws Exception {
        ConnectionPool.configure(Map.of("wrapped", Map.of("engine", "h2", "url",
                DelegatingTestDriver.PREFIX + "mem:" + unique(), "driver_class", DelegatingTestDriver.class.getName())));
        try (Session s = DatabaseManager.getSession("wrapped")) {
            assertThat(s.query(Integer.class, "select 1")).containsExactly(1);
            assertThat(s.connection().getMetaData().getURL()).startsWith("jdbc:h2:mem:");
        }
    }

    @Test
    void aWrappingDriverNeedsTheEngineAndAClassThatExists() {
        assertThatThrownBy(() -> ConnectionPool.configure(Map.of("w", Map.of("url", DelegatingTestDriver.PREFIX + "mem:x",
                "driver_class", DelegatingTestDriver.class.getName()))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("engine"))
                .hasMessageContaining("driver_class");
        assertThatThrownBy(() -> ConnectionPool.configure(Map.of("w", Map.of("engine", "h2", "url",
                DelegatingTestDriver.PREFIX + "mem:x", "driver_class", "com.example.NoSuchDriver"))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.label()).isEqualTo("w");
                    assertThat(e.key()).isEqualTo("driver_class");
                })
                .hasMessageContaining("com.example.NoSuchDriver is not on the class path");
        assertThat(ConnectionPool.isConfigured()).isFalse();
    }
}
