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
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * B2: a DAO against hand-written JDBC on PostgreSQL over loopback, both on the same HikariCP pool
 * (the label's, reached through {@code ConnectionPool.dataSource(label).unwrap(...)}). Each
 * operation is a whole unit: borrow, statement, (commit,) return. Reads by primary key, inserts
 * returning the generated key, updates by key — through a {@link DaoBase} DAO, through
 * {@link EntityDao}, and through JDBC.
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
     * Runs B2 for {@link BenchSuite}.
     *
     * @param quick shorter iterations
     * @param raw   where to put the raw scores
     * @return the table rows
     * @throws RunnerException when JMH fails
     */
    public static List<BenchSuite.Row> run(boolean quick, Map<String, Object> raw) throws RunnerException {
        Map<String, Double> s = BenchSuite.scores(new Runner(BenchSuite.jmh(B2DaoVersusJdbc.class.getSimpleName(),
                quick).build()).run());
        raw.put("B2_ops_per_ms", s);
        List<BenchSuite.Row> rows = new ArrayList<>();
        rows.add(BenchSuite.ratioRow("B2", "read by key: DaoBase DAO vs JDBC (PostgreSQL)", s.get("readDao"),
                s.get("readJdbc"), "ops/ms", ">= 0.95", 0.95));
        rows.add(BenchSuite.ratioRow("B2", "read by key: EntityDao.findById vs JDBC", s.get("readEntityDao"),
                s.get("readJdbc"), "ops/ms", ">= 0.95", 0.95));
        rows.add(BenchSuite.ratioRow("B2", "insert returning key + commit: DaoBase DAO vs JDBC", s.get("insertDao"),
                s.get("insertJdbc"), "ops/ms", ">= 0.98", 0.98));
        rows.add(BenchSuite.ratioRow("B2", "insert + commit: EntityDao.insert vs JDBC", s.get("insertEntityDao"),
                s.get("insertJdbc"), "ops/ms", ">= 0.98", 0.98));
        rows.add(BenchSuite.ratioRow("B2", "update by key + commit: DaoBase DAO vs JDBC", s.get("updateDao"),
                s.get("updateJdbc"), "ops/ms", ">= 0.98", 0.98));
        rows.add(BenchSuite.ratioRow("B2", "update + commit: EntityDao.update vs JDBC", s.get("updateEntityDao"),
                s.get("updateJdbc"), "ops/ms", ">= 0.98", 0.98));
        return rows;
    }
}
