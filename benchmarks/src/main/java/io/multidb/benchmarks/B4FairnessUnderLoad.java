package io.multidb.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.multidb.benchmarks.stub.StubDriver;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * B4: 1000 threads on a pool of 10, each holding its connection about 1 ms, over the stub driver.
 * Measures throughput against the ideal ({@code pool size / mean hold time}), the wait for a
 * connection (mean, p50, p99, max) and Jain's fairness index over the threads' completed
 * borrows, for HikariCP alone and for Multidb sessions. Not a JMH benchmark: it needs the
 * distribution of every single wait, which JMH does not give.
 *
 * <p>Run: {@code java -cp benchmarks.jar io.multidb.benchmarks.B4FairnessUnderLoad [seconds]}.
 * Prints one JSON object per arm.
 */
public final class B4FairnessUnderLoad {
    static final int THREADS = 1000;
    static final int POOL = 10;
    static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private B4FairnessUnderLoad() {
    }

    /** One borrow-hold-return as the arm does it; returns the nanoseconds waited for the connection. */
    interface Borrow {
        long run() throws Exception;
    }

    /** What one arm measured. */
    record Result(String arm, double opsPerSecond, double ideal, double meanWaitMs, double p50WaitMs,
            double p99WaitMs, double maxWaitMs, double fairness, double meanHoldMs) {
        double ratio() {
            return opsPerSecond / ideal;
        }

        String json() {
            return String.format(Locale.ROOT, "{\"benchmark\":\"B4\",\"arm\":\"%s\",\"threads\":%d,\"pool\":%d,"
                    + "\"ops_per_s\":%.1f,\"ideal_ops_per_s\":%.1f,\"throughput_ratio\":%.4f,\"mean_wait_ms\":%.2f,"
                    + "\"p50_wait_ms\":%.2f,\"p99_wait_ms\":%.2f,\"max_wait_ms\":%.2f,\"p99_over_mean\":%.3f,"
                    + "\"fairness_index\":%.4f,\"mean_hold_ms\":%.3f}", arm, THREADS, POOL, opsPerSecond, ideal,
                    ratio(), meanWaitMs, p50WaitMs, p99WaitMs, maxWaitMs, p99WaitMs / meanWaitMs, fairness,
                    meanHoldMs);
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Result> results = new ArrayList<>();

        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(StubDriver.PREFIX + "b4-hikari");
        h.setDriverClassName(StubDriver.class.getName());
        h.setMaximumPoolSize(POOL);
        h.setMinimumIdle(POOL);
        h.setConnectionTimeout(60_000);
        h.setAutoCommit(false);
        h.setPoolName("b4-hikari");
        try (HikariDataSource hikari = new HikariDataSource(h)) {
            results.add(run("hikari", seconds, () -> {
                long start = System.nanoTime();
                try (Connection c = hikari.getConnection()) {
                    long waited = System.nanoTime() - start;
                    hold(c);
                    return waited;
                }
            }));
        }

        for (boolean fairQueue : new boolean[] {false, true}) {
            ConnectionPool.configure(java.util.Map.of("b4", StubPool.config("b4", POOL, "fair_queue", fairQueue)));
            try {
                results.add(run(fairQueue ? "multidb" : "multidb-fair_queue-off", seconds, () -> {
                    long start = System.nanoTime();
                    try (Session s = DatabaseManager.getSession("b4")) {
                        Connection c = s.connection();
                        long waited = System.nanoTime() - start;
                        hold(c);
                        return waited;
                    }
                }));
            } finally {
                ConnectionPool.closeAllConnections();
            }
        }
        results.forEach(r -> System.out.println(r.json()));
    }

    private static void hold(Connection c) throws SQLException {
        c.isReadOnly();
        LockSupport.parkNanos(HOLD_NANOS);
    }

    static Result run(String arm, int seconds, Borrow borrow) throws InterruptedException {
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, seconds / 5));
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        long[][] waits = new long[THREADS][];
        int[] counts = new int[THREADS];
        long[] holds = new long[THREADS];
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
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
            }, arm + "-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long total = 0;
        long holdSum = 0;
        double sumSquares = 0;
        for (int t = 0; t < THREADS; t++) {
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
        double ideal = POOL * 1e9 / meanHold;
        double fairness = (double) total * total / (THREADS * sumSquares);
        return new Result(arm, ops, ideal, waitSum / total / 1e6, all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6, fairness, meanHold / 1e6);
    }
}
