package io.multidb.jta;

import static io.multidb.testkit.TestNames.unique;

import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures XA commits over PostgreSQL + MariaDB against two plain local commits on the same two
 * databases: each transaction inserts one row into each database. Not a test: run it by hand.
 *
 * <pre>
 * mvn -B -o -q -pl jta-support test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java -cp "$(cat jta-support/target/test-classpath.txt):jta-support/target/classes:jta-support/target/test-classes" \
 *      io.multidb.jta.XaThroughput [seconds-per-arm] [FILE|JOURNAL]
 * </pre>
 *
 * Servers: {@code MULTIDB_TEST_POSTGRESQL_URL} / {@code MULTIDB_TEST_MARIADB_URL} or this project's
 * defaults. Prints tx/s per arm for 1 and 8 threads and the XA ÷ local ratio.
 */
public final class XaThroughput {
    private XaThroughput() {
    }

    /**
     * @param args seconds per measured arm (default 10), log store (default FILE)
     * @throws Exception anything
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        JtaSettings.LogStore store = args.length > 1 ? JtaSettings.LogStore.valueOf(args[1]) : JtaSettings.LogStore.FILE;
        String pgUrl = env("MULTIDB_TEST_POSTGRESQL_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = env("MULTIDB_TEST_POSTGRESQL_USER", "postgres");
        String mariaUrl = env("MULTIDB_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");
        String mariaUser = env("MULTIDB_TEST_MARIADB_USER", "root");
        String name = unique("xa_bench");
        String mariaDbUrl = mariaUrl.substring(0, mariaUrl.lastIndexOf('/') + 1) + name;
        Path log = Files.createTempDirectory("xa-bench-log");

        try (Connection pg = DriverManager.getConnection(pgUrl, pgUser, null);
                Connection maria = DriverManager.getConnection(mariaUrl, mariaUser, "")) {
            exec(pg, "create schema " + name, "create table " + name + ".bench (id bigint primary key, v int)");
            exec(maria, "create database " + name, "create table " + name + ".bench (id bigint primary key, v int)");
        }
        JtaSupport.enable(JtaSettings.builder().logDirectory(log).nodeId("xa-bench").logStore(store).build());
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put("pg_xa", config(pgUrl, pgUser, name, true));
        configs.put("maria_xa", config(mariaDbUrl, mariaUser, null, true));
        configs.put("pg_local", config(pgUrl, pgUser, name, false));
        configs.put("maria_local", config(mariaDbUrl, mariaUser, null, false));
        ConnectionPool.configure(configs);
        AtomicLong ids = new AtomicLong();
        Runnable xa = () -> DatabaseManager.inTransaction(List.of("pg_xa", "maria_xa"), u -> {
            long id = ids.incrementAndGet();
            u.session("pg_xa").execute("insert into bench (id, v) values (?, ?)", id, 1);
            u.session("maria_xa").execute("insert into bench (id, v) values (?, ?)", id, 1);
            return null;
        });
        Runnable local = () -> {
            long id = ids.incrementAndGet();
            DatabaseManager.inTransaction("pg_local", s -> s.execute("insert into bench (id, v) values (?, ?)", id, 2));
            DatabaseManager.inTransaction("maria_local", s -> s.execute("insert into bench (id, v) values (?, ?)", id, 2));
        };
        System.out.printf("XA (Narayana %s store, Agroal) vs two local commits (HikariCP); %d s per arm, JDK %s, %d cores%n",
                store, seconds, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        try {
            for (int threads : new int[] {1, 8}) {
                measure(local, threads, 3);
                measure(xa, threads, 3);
                double l = measure(local, threads, seconds);
                double x = measure(xa, threads, seconds);
                System.out.printf("threads=%d  local=%.0f tx/s  xa=%.0f tx/s  xa/local=%.2f%n", threads, l, x, x / l);
            }
        } finally {
            ConnectionPool.closeAllConnections();
            JtaSupport.shutdown();
            try (Connection pg = DriverManager.getConnection(pgUrl, pgUser, null);
                    Connection maria = DriverManager.getConnection(mariaUrl, mariaUser, "")) {
                exec(pg, "drop schema " + name + " cascade");
                exec(maria, "drop database " + name);
            }
        }
    }

    private static double measure(Runnable tx, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        Future<?>[] futures = new Future<?>[threads];
        try {
            for (int i = 0; i < threads; i++) {
                futures[i] = pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        tx.run();
                        done.incrementAndGet();
                    }
                });
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long elapsed = System.nanoTime() - start;
        return done.get() / (elapsed / 1e9);
    }

    private static Map<String, Object> config(String url, String user, String schema, boolean xa) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("url", url);
        c.put("user", user);
        if (schema != null) {
            c.put("schema", schema);
        }
        c.put("xa", xa);
        c.put("pool_size", 8);
        return c;
    }

    private static void exec(Connection c, String... sql) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
