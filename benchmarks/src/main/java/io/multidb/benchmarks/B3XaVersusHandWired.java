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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/**
 * B3: one row into each of two databases, committed atomically: through
 * {@code DatabaseManager.inTransaction} over two {@code xa} labels, against the same work wired by
 * hand on the same Narayana transaction manager with Agroal XA pools, and against two plain local
 * commits (not atomic: the price of atomicity). Pairs PostgreSQL + MariaDB and two PostgreSQL
 * databases; Narayana's file store and journal store.
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
        try {
            int n;
            try (Connection ca = handA.getConnection(); Connection cb = handB.getConnection();
                    PreparedStatement pa = ca.prepareStatement(INSERT); PreparedStatement pb = cb.prepareStatement(INSERT)) {
                pa.setInt(1, v);
                pa.executeUpdate();
                pb.setInt(1, v);
                n = pb.executeUpdate();
            }
            tm.commit();
            return n;
        } catch (Exception e) {
            tm.rollback();
            throw e;
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
     * Runs B3 for {@link BenchSuite}: 1 and 8 threads; in quick mode PostgreSQL + MariaDB on the
     * file store only.
     *
     * @param quick shorter iterations, fewer combinations
     * @param raw   where to put the raw scores
     * @return the table rows
     * @throws RunnerException when JMH fails
     */
    public static List<BenchSuite.Row> run(boolean quick, Map<String, Object> raw) throws RunnerException {
        List<BenchSuite.Row> rows = new ArrayList<>();
        for (int threads : new int[] {1, 8}) {
            ChainedOptionsBuilder options = BenchSuite.jmh(B3XaVersusHandWired.class.getSimpleName(), quick)
                    .threads(threads);
            if (quick) {
                options.param("pair", "postgresql+mariadb").param("logStore", "FILE");
            }
            Map<String, Double> s = BenchSuite.scores(new Runner(options.build()).run());
            raw.put("B3_threads_" + threads + "_tx_per_s", s);
            for (String pair : List.of("postgresql+mariadb", "postgresql+postgresql")) {
                for (String store : List.of("FILE", "JOURNAL")) {
                    String p = "[logStore=" + store + "][pair=" + pair + "]";
                    Double ours = s.get("multidbXa" + p);
                    if (ours == null) {
                        continue;
                    }
                    String what = pair + ", " + store.toLowerCase() + " store, " + threads + " thread"
                            + (threads == 1 ? "" : "s");
                    rows.add(BenchSuite.ratioRow("B3", "XA via inTransaction vs hand-wired Narayana + Agroal, "
                            + what, ours, s.get("handWiredXa" + p), "tx/s", ">= 0.95", 0.95));
                    rows.add(BenchSuite.ratioRow("B3", "XA via inTransaction vs two local commits, " + what, ours,
                            s.get("twoLocalCommits" + p), "tx/s", ">= 0.38", 0.38));
                }
            }
        }
        return rows;
    }
}
