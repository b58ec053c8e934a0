package io.multidb.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.multidb.testkit.StubDriver;
import io.multidb.connection.ConnectionPool;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * B5 footprint: threads, open connections and retained heap after configuring 200 lazy labels,
 * against 200 HikariCP pools created up front. Prints one JSON object.
 *
 * <p>Run: {@code java -cp benchmarks.jar io.multidb.benchmarks.B5Footprint}.
 */
public final class B5Footprint {
    static final int LABELS = 200;

    private B5Footprint() {
    }

    public static void main(String[] args) throws Exception {
        // load every class once, so that what follows measures labels, not class loading
        ConnectionPool.configure(Map.of("warm", StubPool.config("warm", 2)));
        ConnectionPool.closeAllConnections();

        Map<String, Object> configs = new LinkedHashMap<>();
        for (int i = 0; i < LABELS; i++) {
            configs.put("tenant_" + i, StubPool.config("tenant_" + i, 2));
        }
        int threadsBefore = threads();
        long heapBefore = retainedHeap();
        ConnectionPool.configure(configs);
        long heapAfter = retainedHeap();
        int threadsAfter = threads();
        int connections = 0;
        for (String label : ConnectionPool.labels()) {
            connections += ConnectionPool.stats(label).total();
        }
        ConnectionPool.closeAllConnections();

        int hikariThreadsBefore = threads();
        List<HikariDataSource> pools = new ArrayList<>();
        for (int i = 0; i < LABELS; i++) {
            HikariConfig h = new HikariConfig();
            h.setPoolName("b5-" + i);
            h.setJdbcUrl(StubDriver.PREFIX + "b5-" + i);
            h.setDriverClassName(StubDriver.class.getName());
            h.setMinimumIdle(2);
            h.setMaximumPoolSize(2);
            pools.add(new HikariDataSource(h));
        }
        Thread.sleep(500); // let HikariCP's adders fill the pools
        int hikariThreads = threads() - hikariThreadsBefore;
        int hikariConnections = pools.stream().mapToInt(p -> p.getHikariPoolMXBean().getTotalConnections()).sum();
        pools.forEach(HikariDataSource::close);

        System.out.println(String.format(Locale.ROOT, "{\"benchmark\":\"B5-footprint\",\"labels\":%d,"
                + "\"multidb_new_threads\":%d,\"multidb_connections\":%d,\"multidb_heap_bytes_per_label\":%d,"
                + "\"hikari_up_front_new_threads\":%d,\"hikari_up_front_connections\":%d}", LABELS,
                threadsAfter - threadsBefore, connections, (heapAfter - heapBefore) / LABELS, hikariThreads,
                hikariConnections));
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long retainedHeap() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            Runtime r = Runtime.getRuntime();
            best = Math.min(best, r.totalMemory() - r.freeMemory());
        }
        return best;
    }
}
