package io.multidb.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load of B4 and B7: many threads on a small pool, each borrowing a connection, holding it
 * about 1 ms and giving it back, in a loop, for a warm-up and then a measured window. Measures
 * throughput against the ideal ({@code pool size / mean hold time}), the wait for a connection
 * (mean, p50, p99, max) and Jain's fairness index over the threads' completed borrows. Not a JMH
 * benchmark: it needs the distribution of every single wait, which JMH does not give.
 */
final class BorrowLoop {
    static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private BorrowLoop() {
    }

    /** One borrow-hold-return as the arm does it; returns the nanoseconds waited for the connection. */
    interface Borrow {
        long run() throws Exception;
    }

    /**
     * What one arm measured. The waits are those of the borrows that began in the window and ended;
     * a thread that waited through the whole window (an unfair pool starves some) adds none, which
     * {@code threadsWithoutABorrow} counts.
     */
    record Result(String arm, int threads, int pool, double opsPerSecond, double ideal, double meanWaitMs,
            double p50WaitMs, double p99WaitMs, double maxWaitMs, double fairness, double meanHoldMs,
            int threadsWithoutABorrow) {
        double ratio() {
            return opsPerSecond / ideal;
        }

        /**
         * @param benchmark the benchmark's id
         * @param extra     more {@code "key":value} pairs, each preceded by a comma; or empty
         * @return one JSON object on one line
         */
        String json(String benchmark, String extra) {
            return String.format(Locale.ROOT, "{\"benchmark\":\"%s\",\"arm\":\"%s\",\"threads\":%d,\"pool\":%d,"
                    + "\"ops_per_s\":%.1f,\"ideal_ops_per_s\":%.1f,\"throughput_ratio\":%.4f,\"mean_wait_ms\":%.2f,"
                    + "\"p50_wait_ms\":%.2f,\"p99_wait_ms\":%.2f,\"max_wait_ms\":%.2f,\"p99_over_mean\":%.3f,"
                    + "\"fairness_index\":%.4f,\"mean_hold_ms\":%.3f,\"threads_without_a_borrow\":%d%s}", benchmark,
                    arm, threads, pool, opsPerSecond, ideal, ratio(), meanWaitMs, p50WaitMs, p99WaitMs, maxWaitMs,
                    p99WaitMs / meanWaitMs, fairness, meanHoldMs, threadsWithoutABorrow, extra);
        }
    }

    /** What the borrower does with its connection: one call, then about 1 ms of holding it. */
    static void hold(Connection c) throws SQLException {
        c.isReadOnly();
        LockSupport.parkNanos(HOLD_NANOS);
    }

    /** @return a borrow from HikariCP alone: {@code getConnection()}, hold, {@code close()} */
    static Borrow fromHikari(HikariDataSource pool) {
        return () -> {
            long start = System.nanoTime();
            try (Connection c = pool.getConnection()) {
                long waited = System.nanoTime() - start;
                hold(c);
                return waited;
            }
        };
    }

    /** @return a borrow through a Multidb session: {@code getSession}, {@code connection()}, hold, close */
    static Borrow fromSession(String label) {
        return () -> {
            long start = System.nanoTime();
            try (Session s = DatabaseManager.getSession(label)) {
                Connection c = s.connection();
                long waited = System.nanoTime() - start;
                hold(c);
                return waited;
            }
        };
    }

    /**
     * @param arm         the arm's name
     * @param threads     how many threads borrow
     * @param pool        the pool's size, for the ideal throughput
     * @param seconds     the measured window; a warm-up of a fifth of it (at least 1 s) comes first
     * @param factory     makes the (unstarted) threads
     * @param steadyState run by the calling thread when the warm-up ends and the measured window begins
     * @param borrow      one borrow
     * @return what was measured in the window: borrows that began in it
     */
    static Result run(String arm, int threads, int pool, int seconds, ThreadFactory factory, Runnable steadyState,
            Borrow borrow) throws InterruptedException {
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, seconds / 5));
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        long[][] waits = new long[threads][];
        int[] counts = new int[threads];
        long[] holds = new long[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = factory.newThread(() -> {
                long[] mine = new long[1024];
                int n = 0;
                long held = 0;
                ready.countDown();
                try {
                    go.await();
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            break;
                        }
                        long waited = borrow.run();
                        long after = System.nanoTime();
                        if (before >= warmupEnd) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = waited;
                            held += after - before - waited;
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                waits[id] = Arrays.copyOf(mine, n);
                counts[id] = n;
                holds[id] = held;
            });
            started.add(thread);
            thread.start();
        }
        ready.await();
        go.countDown();
        long toSteadyState = warmupEnd - System.nanoTime();
        if (toSteadyState > 0) {
            TimeUnit.NANOSECONDS.sleep(toSteadyState);
        }
        steadyState.run();
        for (Thread t : started) {
            t.join();
        }
        long total = 0;
        long holdSum = 0;
        double sumSquares = 0;
        int withoutABorrow = 0;
        for (int t = 0; t < threads; t++) {
            withoutABorrow += counts[t] == 0 ? 1 : 0;
            total += counts[t];
            holdSum += holds[t];
            sumSquares += (double) counts[t] * counts[t];
        }
        long[] all = new long[(int) total];
        int i = 0;
        double waitSum = 0;
        for (long[] w : waits) {
            for (long x : w) {
                all[i++] = x;
                waitSum += x;
            }
        }
        Arrays.sort(all);
        double meanHold = (double) holdSum / total;
        double ops = total / (double) seconds;
        double ideal = pool * 1e9 / meanHold;
        double fairness = (double) total * total / (threads * sumSquares);
        return new Result(arm, threads, pool, ops, ideal, waitSum / total / 1e6, all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6, fairness, meanHold / 1e6,
                withoutABorrow);
    }
}
