package io.multidb.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.multidb.connection.ConnectionPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * B4: 1000 threads on a pool of 10, each holding its connection about 1 ms, over the stub driver,
 * for HikariCP alone and for Multidb sessions (with and without the fair queue); the load and what
 * it measures are {@link BorrowLoop}'s.
 *
 * <p>Run: {@code java -cp benchmarks.jar io.multidb.benchmarks.B4FairnessUnderLoad [seconds]}.
 * Prints one JSON object per arm.
 */
public final class B4FairnessUnderLoad {
    static final int THREADS = 1000;
    static final int POOL = 10;

    private B4FairnessUnderLoad() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<BorrowLoop.Result> results = new ArrayList<>();

        try (HikariDataSource hikari = StubPool.hikariAlone("b4-hikari", POOL)) {
            results.add(run("hikari", seconds, BorrowLoop.fromHikari(hikari)));
        }

        for (boolean fairQueue : new boolean[] {false, true}) {
            ConnectionPool.configure(java.util.Map.of("b4", StubPool.config("b4", POOL, "fair_queue", fairQueue)));
            try {
                results.add(run(fairQueue ? "multidb" : "multidb-fair_queue-off", seconds,
                        BorrowLoop.fromSession("b4")));
            } finally {
                ConnectionPool.closeAllConnections();
            }
        }
        results.forEach(r -> System.out.println(r.json("B4", "")));
    }

    private static BorrowLoop.Result run(String arm, int seconds, BorrowLoop.Borrow borrow)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        return BorrowLoop.run(arm, THREADS, POOL, seconds, r -> {
            Thread thread = new Thread(r, arm + "-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }, () -> { }, borrow);
    }
}
