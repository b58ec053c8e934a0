package io.multidb.benchmarks;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import io.multidb.jta.JtaSettings;
import io.multidb.jta.JtaSupport;
import jakarta.transaction.TransactionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.XADataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B3: one row into each of two databases, committed atomically: through
 * {@code DatabaseManager.inTransaction} over two {@code xa} labels, against the same work wired by
 * hand on the same Narayana transaction manager with Agroal XA pools, and against two plain local
 * commits (not atomic: the price of atomicity). Pairs PostgreSQL + MariaDB and two PostgreSQL
 * databases; Narayana's file store and journal store.
 *
 * <p>The suite measures the three arms <em>interleaved</em> ({@link Interleaved}) in one child JVM
 * per pair of databases and log store (Narayana reads its store once per JVM): at 1 thread the arms
 * alternate transaction by transaction in blocks of 250 ms; at 8 threads all threads run one arm for
 * 300 ms, then the next, the order reversing every round. It reports the median of the per-round
 * ratios with their interquartile range. The {@code @Benchmark} methods are the arms; they also run
 * under JMH for profiling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class B3XaVersusHandWired {
    static final String INSERT = "insert into b3_rows (v) values (?)";
    static final List<String> XA_LABELS = List.of("xa_a", "xa_b");

    @Param({"postgresql+mariadb", "postgresql+postgresql"})
    public String pair;

    @Param({"FILE", "JOURNAL"})
    public String logStore;

    private Path logDirectory;
    private TransactionManager tm;
    private AgroalDataSource handA;
    private AgroalDataSource handB;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LiveDatabases.Server a = LiveDatabases.postgres("test");
        LiveDatabases.Server b = pair.endsWith("mariadb") ? LiveDatabases.mariadb("test") : LiveDatabases.postgres("test2");
        a.run("drop table if exists b3_rows", "create table b3_rows (id bigserial primary key, v int not null)");
        b.run("drop table if exists b3_rows", b.url().startsWith("jdbc:mariadb")
                ? "create table b3_rows (id bigint auto_increment primary key, v int not null) engine=InnoDB"
                : "create table b3_rows (id bigserial primary key, v int not null)");

        logDirectory = Files.createTempDirectory("multidb-b3-");
        JtaSupport.enable(JtaSettings.builder().logDirectory(logDirectory).nodeId("b3-bench")
                .logStore(JtaSettings.LogStore.valueOf(logStore)).build());
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put("xa_a", a.config("xa", true, "pool_size", 8));
        configs.put("xa_b", b.config("xa", true, "pool_size", 8));
        configs.put("local_a", a.config("pool_size", 8));
        configs.put("local_b", b.config("pool_size", 8));
        ConnectionPool.configure(configs);

        tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        handA = agroal(a);
        handB = agroal(b);
    }

    /** An Agroal XA pool on Narayana, configured the way the Agroal and Quarkus documentation show. */
    private AgroalDataSource agroal(LiveDatabases.Server server) throws SQLException {
        Class<? extends XADataSource> type = server.url().startsWith("jdbc:mariadb")
                ? org.mariadb.jdbc.MariaDbDataSource.class : org.postgresql.xa.PGXADataSource.class;
        AgroalDataSourceConfigurationSupplier supplier = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .maxSize(8)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .transactionIntegration(new NarayanaTransactionIntegration(tm,
                                new TransactionSynchronizationRegistryImple()))
                        .connectionFactoryConfiguration(factory -> factory
                                .connectionProviderClass(type)
                                .jdbcUrl(server.url())
                                .autoCommit(false)
                                .principal(new NamePrincipal(server.user()))
                                .credential(new SimplePassword(server.password()))));
        return AgroalDataSource.from(supplier);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        handA.close();
        handB.close();
        ConnectionPool.closeAllConnections();
        JtaSupport.shutdown();
        try (java.util.stream.Stream<Path> files = Files.walk(logDirectory)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int value() {
        return ThreadLocalRandom.current().nextInt(1_000_000);
    }

    @Benchmark
    public Object multidbXa() {
        int v = value();
        return DatabaseManager.inTransaction(XA_LABELS, u -> {
            u.session("xa_a").execute(INSERT, v);
            return u.session("xa_b").execute(INSERT, v);
        });
    }

    @Benchmark
    public int handWiredXa() throws Exception {
        int v = value();
        tm.begin();
        boolean ended = false;
        try {
            int n;
            try (Connection ca = handA.getConnection(); Connection cb = handB.getConnection();
                    PreparedStatement pa = ca.prepareStatement(INSERT); PreparedStatement pb = cb.prepareStatement(INSERT)) {
                pa.setInt(1, v);
                pa.executeUpdate();
                pb.setInt(1, v);
                n = pb.executeUpdate();
            }
            ended = true; // commit ends the thread's association whatever its outcome
            tm.commit();
            return n;
        } finally {
            if (!ended) {
                // a failed statement (say, a database restarted by someone else): leave the thread clean
                try {
                    tm.rollback();
                } catch (Exception rollbackFailure) {
                    if (tm.getTransaction() != null) {
                        tm.suspend();
                    }
                }
            }
        }
    }

    @Benchmark
    public int twoLocalCommits() {
        int v = value();
        try (Session a = DatabaseManager.getSession("local_a"); Session b = DatabaseManager.getSession("local_b")) {
            a.execute(INSERT, v);
            int n = b.execute(INSERT, v);
            a.commit();
            b.commit();
            return n;
        }
    }

    /**
     * Interleaved-run settings per thread count: one thread alternates the arms operation by
     * operation in blocks of 250 ms; several threads run each arm for 300 ms in turn. About 25 s per
     * combination of databases and store in quick mode (1 and 8 threads), 80 s in the full run.
     */
    static Interleaved.Plan plan(boolean quick, int threads, boolean first) {
        Duration warmup = Duration.ofSeconds(first ? (quick ? 4 : 8) : (quick ? 2 : 4));
        if (threads == 1) {
            return new Interleaved.Plan(warmup, Duration.ofMillis(250), quick ? 32 : 120);
        }
        return new Interleaved.Plan(warmup, Duration.ofMillis(300), quick ? 12 : 40);
    }

    /**
     * Measures one pair of databases on one log store in this JVM (Narayana reads its store once
     * per JVM), the three arms interleaved ({@link Interleaved}), at each thread count; prints one
     * JSON object per compared pair and per arm. Run by {@link #run(boolean, Map)} in a child JVM per
     * combination; by hand: {@code java -cp benchmarks.jar io.multidb.benchmarks.B3XaVersusHandWired
     * postgresql+mariadb FILE 1,8 [--quick]}.
     *
     * @param args pair, log store, comma-separated thread counts, optionally {@code --quick}
     */
    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        B3XaVersusHandWired b = new B3XaVersusHandWired();
        b.pair = args[0];
        b.logStore = args[1];
        b.setUp();
        try {
            boolean first = true;
            for (String t : args[2].split(",")) {
                int threads = Integer.parseInt(t.trim());
                List<Interleaved.Arm> arms = List.of(new Interleaved.Arm("multidbXa", b::multidbXa),
                        new Interleaved.Arm("handWiredXa", b::handWiredXa),
                        new Interleaved.Arm("twoLocalCommits", b::twoLocalCommits));
                Interleaved.Measurement m;
                try (Interleaved harness = new Interleaved("B3-" + b.pair + "-" + b.logStore + "-" + threads,
                        threads)) {
                    m = harness.measure(arms, plan(quick, threads, first));
                }
                first = false;
                String key = "\"benchmark\":\"B3\",\"db\":\"" + b.pair + "\",\"store\":\"" + b.logStore
                        + "\",\"threads\":" + threads;
                for (String baseline : List.of("handWiredXa", "twoLocalCommits")) {
                    System.out.println("{" + key + ",\"pair\":\"multidbXa/" + baseline + "\","
                            + m.summary("multidbXa", baseline).json() + ",\"discarded\":" + m.discarded() + "}");
                }
                for (String arm : m.arms()) {
                    System.out.println("{" + key + ",\"arm\":\"" + arm + "\",\"tx_per_s_by_round\":\""
                            + Interleaved.list(m.throughputs(arm)) + "\"}");
                }
                System.err.printf(Locale.ROOT, "B3 %s %s %d threads: %.0f s%n", b.pair, b.logStore, threads,
                        m.seconds());
            }
        } finally {
            b.tearDown();
        }
    }

    /**
     * Runs B3 for {@link BenchSuite}: one child JVM per pair of databases and log store, each at 1
     * and 8 threads; in quick mode PostgreSQL + MariaDB on the file store only.
     *
     * @param quick shorter batches, fewer rounds, fewer combinations
     * @param raw   where to put the raw numbers
     * @return the table rows: median throughputs and the median of the per-round ratios
     */
    public static List<BenchSuite.Row> run(boolean quick, Map<String, Object> raw) throws Exception {
        List<String> pairs = quick ? List.of("postgresql+mariadb") : List.of("postgresql+mariadb", "postgresql+postgresql");
        List<String> stores = quick ? List.of("FILE") : List.of("FILE", "JOURNAL");
        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        Map<String, String> arms = new LinkedHashMap<>();
        for (String pair : pairs) {
            for (String store : stores) {
                String out = BenchSuite.child(true, B3XaVersusHandWired.class.getName(), pair, store, "1,8",
                        quick ? "--quick" : "--full");
                for (String line : out.split("\n")) {
                    if (line.startsWith("{\"benchmark\":\"B3\"")) {
                        Map<String, String> f = BenchSuite.fields(line);
                        String key = f.get("db") + "/" + f.get("store") + "/" + f.get("threads");
                        if (f.containsKey("pair")) {
                            results.put(key + "/" + f.get("pair"), f);
                        } else {
                            arms.put(key + "/" + f.get("arm"), f.get("tx_per_s_by_round"));
                        }
                    }
                }
            }
        }
        raw.put("B3_pairs", results);
        raw.put("B3_tx_per_s_by_round", arms);
        List<BenchSuite.Row> rows = new ArrayList<>();
        for (int threads : new int[] {1, 8}) {
            for (String pair : pairs) {
                for (String store : stores) {
                    String key = pair + "/" + store + "/" + threads + "/multidbXa/";
                    String what = pair + ", " + store.toLowerCase(Locale.ROOT) + " store, " + threads + " thread"
                            + (threads == 1 ? "" : "s");
                    Map<String, String> hand = results.get(key + "handWiredXa");
                    Map<String, String> local = results.get(key + "twoLocalCommits");
                    if (hand == null || local == null) {
                        rows.add(new BenchSuite.Row("B3", what + " (not measured)", Double.NaN, Double.NaN, "tx/s",
                                Double.NaN, ">= 0.95", false));
                        continue;
                    }
                    rows.add(BenchSuite.pairedRow("B3", "XA via inTransaction vs hand-wired Narayana + Agroal, "
                            + what, hand, 1, "tx/s", ">= 0.95", 0.95));
                    rows.add(BenchSuite.pairedRow("B3", "XA via inTransaction vs two local commits, " + what, local, 1,
                            "tx/s", ">= 0.38", 0.38));
                }
            }
        }
        return rows;
    }
}
