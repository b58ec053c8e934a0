package io.multidb.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.DoubleStream;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * B1: what a Multidb session costs over the pool it sits on. Both arms use the same HikariCP pool
 * over the stub driver (every JDBC call returns at once), so the difference is the library.
 *
 * <ul>
 *   <li>{@code rawHikariGetClose} — baseline: {@code HikariDataSource.getConnection().close()};</li>
 *   <li>{@code sessionOpenClose} — {@code getSession} + {@code close}, the pinned B1 arm (no
 *       statement: the session borrows nothing);</li>
 *   <li>{@code sessionBorrowClose} — a session that does borrow its connection, the strict
 *       comparison with the baseline;</li>
 *   <li>{@code jdbiOpenClose} — {@code jdbi.open().close()} on the same pool, for reference;</li>
 *   <li>{@code rawJdbcQuery} vs {@code sessionQuery} — one {@code select} through each.</li>
 * </ul>
 *
 * <p>The suite measures these arms <em>interleaved</em> in one JVM ({@link #main(String[])}, run
 * by {@link #run(boolean, Map)} in three child JVMs in the full run): every thread runs one arm for
 * 50 ms, then the next, the order reversing every round, and each row is the median of the
 * per-round ratios. Measured one JMH fork per arm, two threads on one pool came out fast in some
 * JVMs and at half speed in others, HikariCP alone included (18.8 or 8.5 million borrows a second
 * for the same code): a profile of a slow JVM puts the time in HikariCP's reads and writes of its
 * {@code PoolEntry} fields (borrow, {@code requite}, {@code recycle}): most likely the two
 * threads' entries share a cache line, a matter of where the JVM placed them. Arms that share one pool in
 * one JVM share that placement, so their ratio measures the library. The {@code @Benchmark}
 * methods are the same arms for JMH and its profilers, e.g.
 * {@code java -jar benchmarks.jar B1SessionOverhead.sessionBorrowClose -t 2 -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class B1SessionOverhead {
    private static final String LABEL = "b1";

    /** The fair queue in front of the pool (on by default); measured both ways to decide that default. */
    @Param({"true", "false"})
    public boolean fairQueue;

    private HikariDataSource hikari;
    private Jdbi jdbi;

    @Setup(Level.Trial)
    public void setUp() {
        hikari = StubPool.configure(LABEL, 10, "fair_queue", fairQueue);
        jdbi = Jdbi.create(hikari);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ConnectionPool.closeAllConnections();
    }

    @Benchmark
    public void rawHikariGetClose(Blackhole bh) throws SQLException {
        try (Connection c = hikari.getConnection()) {
            bh.consume(c);
        }
    }

    @Benchmark
    public void sessionOpenClose(Blackhole bh) {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            bh.consume(s);
        }
    }

    @Benchmark
    public void sessionBorrowClose(Blackhole bh) {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            bh.consume(s.connection());
        }
    }

    @Benchmark
    public void jdbiOpenClose(Blackhole bh) {
        try (Handle h = jdbi.open()) {
            bh.consume(h);
        }
    }

    @Benchmark
    public void rawJdbcQuery(Blackhole bh) throws SQLException {
        try (Connection c = hikari.getConnection();
                PreparedStatement ps = c.prepareStatement("select 1");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                bh.consume(rs.getObject(1));
            }
        }
    }

    @Benchmark
    public void sessionQuery(Blackhole bh) {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            bh.consume(s.query("select 1"));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The suite's measurement: the arms interleaved in one JVM

    /** Operations per call of an interleaved arm: a clock read every 128 borrows, not every one. */
    private static final int OPS_PER_RUN = 128;
    private static final String LABEL_NO_QUEUE = "b1_no_fair_queue";
    /** The compared pairs: our arm / its baseline. */
    private static final List<String> PAIRS = List.of("sessionOpenClose/rawHikariGetClose",
            "sessionBorrowClose/rawHikariGetClose", "sessionBorrowCloseNoQueue/rawHikariGetCloseNoQueue",
            "sessionQuery/rawJdbcQuery", "jdbiOpenClose/rawHikariGetClose", "rawHikariControl/rawHikariGetClose");

    /** Borrow and return on the pool itself. */
    private static Interleaved.Arm raw(String name, DataSource pool) {
        return new Interleaved.Arm(name, () -> {
            Connection last = null;
            for (int i = 0; i < OPS_PER_RUN; i++) {
                try (Connection c = pool.getConnection()) {
                    last = c;
                }
            }
            return last;
        }, OPS_PER_RUN);
    }

    /** A session that borrows its connection. */
    private static Interleaved.Arm borrowing(String name, String label) {
        return new Interleaved.Arm(name, () -> {
            Connection last = null;
            for (int i = 0; i < OPS_PER_RUN; i++) {
                try (Session s = DatabaseManager.getSession(label)) {
                    last = s.connection();
                }
            }
            return last;
        }, OPS_PER_RUN);
    }

    private static List<Interleaved.Arm> arms(DataSource pool, DataSource poolNoQueue, Jdbi jdbi) {
        return List.of(raw("rawHikariGetClose", pool),
                borrowing("sessionBorrowClose", LABEL),
                new Interleaved.Arm("sessionOpenClose", () -> {
                    Session last = null;
                    for (int i = 0; i < OPS_PER_RUN; i++) {
                        try (Session s = DatabaseManager.getSession(LABEL)) {
                            last = s;
                        }
                    }
                    return last;
                }, OPS_PER_RUN),
                new Interleaved.Arm("jdbiOpenClose", () -> {
                    Handle last = null;
                    for (int i = 0; i < OPS_PER_RUN; i++) {
                        try (Handle h = jdbi.open()) {
                            last = h;
                        }
                    }
                    return last;
                }, OPS_PER_RUN),
                new Interleaved.Arm("rawJdbcQuery", () -> {
                    Object last = null;
                    for (int i = 0; i < OPS_PER_RUN; i++) {
                        try (Connection c = pool.getConnection();
                                PreparedStatement ps = c.prepareStatement("select 1");
                                ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                last = rs.getObject(1);
                            }
                        }
                    }
                    return last;
                }, OPS_PER_RUN),
                new Interleaved.Arm("sessionQuery", () -> {
                    Object last = null;
                    for (int i = 0; i < OPS_PER_RUN; i++) {
                        try (Session s = DatabaseManager.getSession(LABEL)) {
                            last = s.query("select 1");
                        }
                    }
                    return last;
                }, OPS_PER_RUN),
                // the baseline again, as code of its own: an A/A control of the harness, expected at 1.00
                new Interleaved.Arm("rawHikariControl", () -> {
                    Connection last = null;
                    for (int i = 0; i < OPS_PER_RUN; i++) {
                        try (Connection c = pool.getConnection()) {
                            last = c;
                        }
                    }
                    return last;
                }, OPS_PER_RUN),
                raw("rawHikariGetCloseNoQueue", poolNoQueue),
                borrowing("sessionBorrowCloseNoQueue", LABEL_NO_QUEUE));
    }

    /**
     * Interleaved-run settings: warm-up, batch per arm, rounds. Nine arms of 50 ms make a round
     * of 0.45 s: 20 s per thread count in quick mode, 42 s per JVM in the full run.
     */
    static Interleaved.Plan plan(boolean quick) {
        return quick ? new Interleaved.Plan(Duration.ofSeconds(6), Duration.ofMillis(50), 30)
                : new Interleaved.Plan(Duration.ofSeconds(8), Duration.ofMillis(50), 75);
    }

    /**
     * Measures B1 in this JVM, every arm interleaved with the others ({@link Interleaved}, whole
     * batches per arm), and prints one JSON object per compared pair (its per-round ratios) and per
     * arm. Run by {@link #run(boolean, Map)} in child JVMs; by hand:
     * {@code java -cp benchmarks.jar io.multidb.benchmarks.B1SessionOverhead 2 --quick}.
     *
     * @param args the number of threads, then {@code --quick} for the short plan
     */
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        boolean quick = List.of(args).contains("--quick");
        ConnectionPool.configure(Map.of(LABEL, StubPool.config(LABEL, 10),
                LABEL_NO_QUEUE, StubPool.config(LABEL_NO_QUEUE, 10, "fair_queue", false)));
        try (Interleaved harness = new Interleaved("B1", threads, true)) {
            HikariDataSource pool = ConnectionPool.dataSource(LABEL).unwrap(HikariDataSource.class);
            HikariDataSource noQueue = ConnectionPool.dataSource(LABEL_NO_QUEUE).unwrap(HikariDataSource.class);
            Interleaved.Measurement m = harness.measure(arms(pool, noQueue, Jdbi.create(pool)), plan(quick));
            for (String pair : PAIRS) {
                String[] arm = pair.split("/");
                System.out.println("{\"benchmark\":\"B1\",\"threads\":" + threads + ",\"pair\":\"" + pair
                        + "\",\"ratios\":\"" + Interleaved.list(m.ratios(arm[0], arm[1])) + "\"}");
            }
            for (String arm : m.arms()) {
                System.out.println("{\"benchmark\":\"B1\",\"threads\":" + threads + ",\"arm\":\"" + arm
                        + "\",\"ops_per_s_by_round\":\"" + Interleaved.list(m.throughputs(arm)) + "\"}");
            }
            System.err.printf(Locale.ROOT, "B1 %d thread(s): %.0f s%n", threads, m.seconds());
        } finally {
            ConnectionPool.closeAllConnections();
        }
    }

    /**
     * Runs B1 for {@link BenchSuite}: per thread count (1 and 2), one child JVM in quick mode and
     * three in the full run, the rounds of all of them pooled.
     *
     * @param quick shorter plan, one JVM per thread count
     * @param raw   where to put the raw numbers
     * @return the table rows: median throughputs (ops/us) and the median of the per-round ratios
     */
    public static List<BenchSuite.Row> run(boolean quick, Map<String, Object> raw) throws Exception {
        List<BenchSuite.Row> rows = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            Map<String, List<double[]>> ratios = new LinkedHashMap<>();
            Map<String, List<double[]>> throughputs = new LinkedHashMap<>();
            int jvms = quick ? 1 : 3;
            for (int jvm = 0; jvm < jvms; jvm++) {
                String out = BenchSuite.child(false, B1SessionOverhead.class.getName(), String.valueOf(threads),
                        quick ? "--quick" : "--full");
                for (String line : out.split("\n")) {
                    if (line.startsWith("{\"benchmark\":\"B1\"")) {
                        Map<String, String> f = BenchSuite.fields(line);
                        if (f.containsKey("pair")) {
                            ratios.computeIfAbsent(f.get("pair"), k -> new ArrayList<>()).add(parse(f.get("ratios")));
                        } else {
                            throughputs.computeIfAbsent(f.get("arm"), k -> new ArrayList<>())
                                    .add(parse(f.get("ops_per_s_by_round")));
                        }
                    }
                }
            }
            Map<String, Object> perThreads = new LinkedHashMap<>();
            ratios.forEach((pair, perJvm) -> perThreads.put(pair + " median ratio per JVM",
                    perJvm.stream().map(r -> String.format(Locale.ROOT, "%.3f", Interleaved.quantile(r, 0.5)))
                            .toList()));
            throughputs.forEach((arm, perJvm) -> perThreads.put(arm + " median ops/us per JVM",
                    perJvm.stream().map(t -> String.format(Locale.ROOT, "%.2f", Interleaved.quantile(t, 0.5) / 1e6))
                            .toList()));
            raw.put("B1_threads_" + threads, perThreads);
            String t = " (" + threads + " thread" + (threads == 1 ? "" : "s") + ")";
            rows.add(row(ratios, throughputs, "sessionOpenClose/rawHikariGetClose",
                    "getSession + close vs Hikari getConnection + close" + t, ">= 0.80", 0.80, jvms));
            rows.add(row(ratios, throughputs, "sessionBorrowClose/rawHikariGetClose",
                    "session borrowing its connection + close vs the same" + t, ">= 0.80", 0.80, jvms));
            rows.add(row(ratios, throughputs, "sessionBorrowCloseNoQueue/rawHikariGetCloseNoQueue",
                    "same, fair_queue off" + t, "(info)", Double.NaN, jvms));
            rows.add(row(ratios, throughputs, "sessionQuery/rawJdbcQuery",
                    "session + one query vs raw JDBC + one query" + t, "(info)", Double.NaN, jvms));
            rows.add(row(ratios, throughputs, "jdbiOpenClose/rawHikariGetClose",
                    "jdbi.open().close() vs Hikari getConnection + close" + t, "(info)", Double.NaN, jvms));
            rows.add(row(ratios, throughputs, "rawHikariControl/rawHikariGetClose",
                    "control: Hikari getConnection + close vs itself, as separate code" + t, "(info: 1.00)",
                    Double.NaN, jvms));
        }
        return rows;
    }

    private static BenchSuite.Row row(Map<String, List<double[]>> ratios, Map<String, List<double[]>> throughputs,
            String pair, String what, String goal, double min, int jvms) {
        String[] arm = pair.split("/");
        double[] r = pooled(ratios.get(pair));
        double ratio = Interleaved.quantile(r, 0.5);
        String spread = String.format(Locale.ROOT, "; median of %d interleaved rounds in %d JVM%s, IQR %.3f-%.3f",
                r.length, jvms, jvms == 1 ? "" : "s", Interleaved.quantile(r, 0.25), Interleaved.quantile(r, 0.75));
        return new BenchSuite.Row("B1", what + spread, Interleaved.quantile(pooled(throughputs.get(arm[0])), 0.5) / 1e6,
                Interleaved.quantile(pooled(throughputs.get(arm[1])), 0.5) / 1e6, "ops/us", ratio, goal,
                Double.isNaN(min) || ratio >= min);
    }

    private static double[] pooled(List<double[]> perJvm) {
        return perJvm.stream().flatMapToDouble(DoubleStream::of).toArray();
    }

    private static double[] parse(String list) {
        return Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
