package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.multidb.testkit.FakeDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

/**
 * What the reliability suite found about lazy labels whose database is down: concurrent first uses
 * each made their own attempt to start the pool, one after the other (each over a second, as
 * HikariCP waits a second after a failed first connection), so the n-th waited n attempts whatever
 * {@code pool_timeout} said. Borrowers that waited for an attempt now share its failure.
 */
@ExtendWith(ClosePools.class)
class LazyStartFaultsTest {
    private static final int THREADS = 6;

    /** Refuses every connection; counts attempts; the first attempt waits until released. */
    public static final class RefusingDriver implements FakeDriver {
        static final AtomicInteger ATTEMPTS = new AtomicInteger();
        static volatile CountDownLatch release = new CountDownLatch(0);
        static volatile CountDownLatch firstAttempt = new CountDownLatch(1);

        static {
            FakeDriver.register(new RefusingDriver());
        }

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            if (!acceptsURL(url)) {
                return null;
            }
            ATTEMPTS.incrementAndGet();
            firstAttempt.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("Connection refused (test driver)", "08001");
        }

        @Override
        public boolean acceptsURL(String url) {
            return url != null && url.startsWith("jdbc:refusing:");
        }
    }

    @Test
    void borrowersThatWaitedForAFailedStartShareItsFailureInsteadOfEachTryingInTurn() throws Exception {
        RefusingDriver.ATTEMPTS.set(0);
        RefusingDriver.release = new CountDownLatch(1);
        RefusingDriver.firstAttempt = new CountDownLatch(1);
        ConnectionPool.configure(Map.of("down", Map.of("url", "jdbc:refusing:down", "engine", "h2",
                "driver_class", RefusingDriver.class.getName(), "pool_size", 1, "pool_timeout", 1)));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            java.util.Queue<Thread> workers = new java.util.concurrent.ConcurrentLinkedQueue<>();
            List<Future<Throwable>> outcomes = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                outcomes.add(pool.submit(() -> {
                    workers.add(Thread.currentThread());
                    return catchThrowable(() -> {
                        try (Session s = DatabaseManager.getSession("down")) {
                            s.query("select 1");
                        }
                    });
                }));
            }
            assertThat(RefusingDriver.firstAttempt.await(10, TimeUnit.SECONDS)).isTrue();
            awaitBlocked(workers, THREADS - 1); // the others wait for the attempt under way
            RefusingDriver.release.countDown();
            for (Future<Throwable> outcome : outcomes) {
                assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(ConnectionFailedException.class,
                        e -> {
                            assertThat(e.label()).isEqualTo("down");
                            assertThat(e.sqlState()).isEqualTo("08001");
                            assertThat(e).hasMessageStartingWith("Cannot connect to database 'down' at jdbc:refusing:down")
                                    .hasMessageContaining("Connection refused (test driver)");
                        });
            }
            assertThat(RefusingDriver.ATTEMPTS.get()).as("attempts to connect for %s concurrent first uses", THREADS)
                    .isEqualTo(1);

            // a use that comes after the failure tries again
            Throwable later = catchThrowable(() -> {
                try (Session s = DatabaseManager.getSession("down")) {
                    s.query("select 1");
                }
            });
            assertThat(later).isInstanceOf(ConnectionFailedException.class);
            assertThat(RefusingDriver.ATTEMPTS.get()).isEqualTo(2);
        } finally {
            RefusingDriver.release.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * Waits (bounded) until {@code count} of the threads wait for the pool's start (parked on its
     * lock: {@code WAITING}, see {@link MonitorFreeWaitsTest}).
     */
    private static void awaitBlocked(java.util.Queue<Thread> threads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            long blocked = threads.stream().filter(t -> t.getState() == Thread.State.WAITING
                    && java.util.Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals("started")))
                    .count();
            if (blocked >= count) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("fewer than " + count + " threads waited for the pool's start");
    }
}
