package io.multidb.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import io.multidb.dao.DaoBase;
import io.multidb.dao.EntityDao;
import io.multidb.dao.Id;
import io.multidb.dao.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B2: a DAO against hand-written JDBC on PostgreSQL over loopback, both on the same HikariCP pool
 * (the label's, reached through {@code ConnectionPool.dataSource(label).unwrap(...)}). Each
 * operation is a whole unit: borrow, statement, (commit,) return. Reads by primary key, inserts
 * returning the generated key, updates by key — through a {@link DaoBase} DAO, through
 * {@link EntityDao}, and through JDBC.
 *
 * <p>The suite measures the three arms of each operation <em>interleaved</em> ({@link Interleaved}:
 * operation by operation on one thread, in blocks of 200 ms) in a child JVM, and reports the median
 * of the per-block ratios with their interquartile range: the arms differ by microseconds on an
 * operation that takes a tenth of a millisecond or more, so measuring them minutes apart (one JMH
 * benchmark after the other) reported the machine's drift rather than the library. The
 * {@code @Benchmark} methods are the arms; they also run under JMH for profiling, e.g.
 * {@code java -jar benchmarks.jar B2DaoVersusJdbc.readDao -prof jfr}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class B2DaoVersusJdbc {
    static final String LABEL = "b2";
    static final int ROWS = 10_000;
    static final String SELECT = "select id, name, email from b2_users where id = ?";
    static final String INSERT = "insert into b2_users (name, email) values (?, ?)";
    static final String UPDATE = "update b2_users set name = ? where id = ?";

    /** The row, mapped by both DAOs. */
    @Table("b2_users")
    public record User(@Id(generated = true) Long id, String name, String email) {
    }

    /** A DAO with hand-written SQL on DaoBase's helpers. */
    static final class UserDao extends DaoBase {
        UserDao(Session session) {
            super(session);
        }

        User byId(long id) {
            return queryOne(User.class, SELECT, id);
        }

        long insert(String name, String email) {
            return executeReturningKey(Long.class, "id", INSERT, name, email);
        }

        int rename(long id, String name) {
            return execute(UPDATE, name, id);
        }
    }

    /** The generic CRUD DAO. */
    static final class Users extends EntityDao<User, Long> {
        Users(Session session) {
            super(session, User.class, Long.class);
        }
    }

    private HikariDataSource hikari;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        LiveDatabases.Server pg = LiveDatabases.postgres("test");
        pg.run("drop table if exists b2_users", "create table b2_users (id bigserial primary key,"
                + " name varchar(100) not null, email varchar(200) not null)",
                "insert into b2_users (name, email) select 'user ' || g, 'user' || g || '@example.org'"
                        + " from generate_series(1, " + ROWS + ") g",
                "analyze b2_users");
        ConnectionPool.configure(Map.of(LABEL, pg.config("pool_size", 4)));
        hikari = ConnectionPool.dataSource(LABEL).unwrap(HikariDataSource.class);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ConnectionPool.closeAllConnections();
    }

    private static long randomId() {
        return ThreadLocalRandom.current().nextLong(1, ROWS + 1);
    }

    @Benchmark
    public User readDao() {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            return new UserDao(s).byId(randomId());
        }
    }

    @Benchmark
    public User readEntityDao() {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            return new Users(s).findById(randomId()).orElseThrow();
        }
    }

    @Benchmark
    public User readJdbc() throws SQLException {
        try (Connection c = hikari.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setLong(1, randomId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new User(rs.getLong(1), rs.getString(2), rs.getString(3));
            }
        }
    }

    @Benchmark
    public long insertDao() {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            long id = new UserDao(s).insert("new user", "new@example.org");
            s.commit();
            return id;
        }
    }

    @Benchmark
    public long insertEntityDao() {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            long id = new Users(s).insert(new User(null, "new user", "new@example.org")).id();
            s.commit();
            return id;
        }
    }

    @Benchmark
    public long insertJdbc() throws SQLException {
        try (Connection c = hikari.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
            ps.setString(1, "new user");
            ps.setString(2, "new@example.org");
            ps.executeUpdate();
            long id;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            c.commit();
            return id;
        }
    }

    @Benchmark
    public int updateDao() {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            int n = new UserDao(s).rename(randomId(), "renamed");
            s.commit();
            return n;
        }
    }

    @Benchmark
    public boolean updateEntityDao() {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            boolean updated = new Users(s).update(new User(randomId(), "renamed", "renamed@example.org"));
            s.commit();
            return updated;
        }
    }

    @Benchmark
    public int updateJdbc() throws SQLException {
        try (Connection c = hikari.getConnection(); PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setString(1, "renamed");
            ps.setLong(2, randomId());
            int n = ps.executeUpdate();
            c.commit();
            return n;
        }
    }

    /**
     * Interleaved-run settings per group of arms: warm-up, block length, blocks. About 12 s per
     * group in quick mode, 38 s in the full run.
     */
    static Interleaved.Plan plan(boolean quick) {
        return quick ? new Interleaved.Plan(Duration.ofSeconds(4), Duration.ofMillis(200), 40)
                : new Interleaved.Plan(Duration.ofSeconds(8), Duration.ofMillis(200), 150);
    }

    /** The three groups of arms, each measured interleaved: our two DAOs and JDBC. */
    private List<List<Interleaved.Arm>> groups() {
        return List.of(
                List.of(new Interleaved.Arm("readDao", this::readDao),
                        new Interleaved.Arm("readEntityDao", this::readEntityDao),
                        new Interleaved.Arm("readJdbc", this::readJdbc)),
                List.of(new Interleaved.Arm("insertDao", this::insertDao),
                        new Interleaved.Arm("insertEntityDao", this::insertEntityDao),
                        new Interleaved.Arm("insertJdbc", this::insertJdbc)),
                List.of(new Interleaved.Arm("updateDao", this::updateDao),
                        new Interleaved.Arm("updateEntityDao", this::updateEntityDao),
                        new Interleaved.Arm("updateJdbc", this::updateJdbc)));
    }

    /**
     * Measures B2 in this JVM, the arms of each group interleaved ({@link Interleaved}), and prints
     * one JSON object per compared pair and per arm. Run by {@link #run(boolean, Map)} in a child
     * JVM; by hand: {@code java -cp benchmarks.jar io.multidb.benchmarks.B2DaoVersusJdbc [--quick]}.
     *
     * @param args {@code --quick} for the short plan
     */
    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        B2DaoVersusJdbc b = new B2DaoVersusJdbc();
        b.setUp();
        try (Interleaved harness = new Interleaved("B2", 1)) {
            for (List<Interleaved.Arm> group : b.groups()) {
                Interleaved.Measurement m = harness.measure(group, plan(quick));
                String jdbc = group.get(2).name();
                for (int ours = 0; ours < 2; ours++) {
                    String arm = group.get(ours).name();
                    System.out.println("{\"benchmark\":\"B2\",\"pair\":\"" + arm + "/" + jdbc + "\","
                            + m.summary(arm, jdbc).json() + ",\"discarded\":" + m.discarded() + "}");
                }
                for (String arm : m.arms()) {
                    System.out.println("{\"benchmark\":\"B2\",\"arm\":\"" + arm + "\",\"ops_per_s_by_round\":\""
                            + Interleaved.list(m.throughputs(arm)) + "\"}");
                }
                System.err.printf(Locale.ROOT, "B2 %s: %.0f s%n", group.get(0).name(), m.seconds());
            }
        } finally {
            b.tearDown();
        }
    }

    /**
     * Runs B2 for {@link BenchSuite}, in a child JVM.
     *
     * @param quick shorter batches, fewer rounds
     * @param raw   where to put the raw numbers
     * @return the table rows: median throughputs (ops/ms) and the median of the per-round ratios
     */
    public static List<BenchSuite.Row> run(boolean quick, Map<String, Object> raw) throws Exception {
        String out = BenchSuite.child(true, B2DaoVersusJdbc.class.getName(), quick ? "--quick" : "--full");
        Map<String, Map<String, String>> pairs = new LinkedHashMap<>();
        Map<String, String> arms = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{\"benchmark\":\"B2\"")) {
                Map<String, String> f = BenchSuite.fields(line);
                if (f.containsKey("pair")) {
                    pairs.put(f.get("pair"), f);
                } else {
                    arms.put(f.get("arm"), f.get("ops_per_s_by_round"));
                }
            }
        }
        raw.put("B2_pairs", pairs);
        raw.put("B2_ops_per_s_by_round", arms);
        List<BenchSuite.Row> rows = new ArrayList<>();
        rows.add(row(pairs, "readDao/readJdbc", "read by key: DaoBase DAO vs JDBC (PostgreSQL)", ">= 0.95", 0.95));
        rows.add(row(pairs, "readEntityDao/readJdbc", "read by key: EntityDao.findById vs JDBC", ">= 0.95", 0.95));
        rows.add(row(pairs, "insertDao/insertJdbc", "insert returning key + commit: DaoBase DAO vs JDBC", ">= 0.98",
                0.98));
        rows.add(row(pairs, "insertEntityDao/insertJdbc", "insert + commit: EntityDao.insert vs JDBC", ">= 0.98",
                0.98));
        rows.add(row(pairs, "updateDao/updateJdbc", "update by key + commit: DaoBase DAO vs JDBC", ">= 0.98", 0.98));
        rows.add(row(pairs, "updateEntityDao/updateJdbc", "update + commit: EntityDao.update vs JDBC", ">= 0.98",
                0.98));
        return rows;
    }

    private static BenchSuite.Row row(Map<String, Map<String, String>> pairs, String pair, String what, String goal,
            double min) {
        Map<String, String> f = pairs.get(pair);
        if (f == null) {
            return new BenchSuite.Row("B2", what + " (not measured)", Double.NaN, Double.NaN, "ops/ms", Double.NaN,
                    goal, false);
        }
        return BenchSuite.pairedRow("B2", what, f, 1e-3, "ops/ms", goal, min);
    }
}
