package io.multidb.benchmarks;

import static io.multidb.benchmarks.UserTable.INSERT;
import static io.multidb.benchmarks.UserTable.SELECT;
import static io.multidb.benchmarks.UserTable.UPDATE;
import static io.multidb.benchmarks.UserTable.email;
import static io.multidb.benchmarks.UserTable.name;

import com.zaxxer.hikari.HikariDataSource;
import io.multidb.benchmarks.UserTable.KeyedOp;
import io.multidb.benchmarks.UserTable.User;
import io.multidb.benchmarks.UserTable.UserBean;
import io.multidb.benchmarks.UserTable.Users;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import io.multidb.dao.DaoBase;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.mapper.reflect.BeanMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
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
import org.springframework.jdbc.core.BeanPropertyRowMapper;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * B2: Multidb's DAOs against what users pick instead, on PostgreSQL over loopback: reads by
 * primary key, inserts returning the generated key, updates by key, one thread, each operation a
 * whole unit (borrow, statement, commit or rollback, return) through:
 *
 * <ul>
 *   <li>Multidb: a {@link DaoBase} DAO ({@code queryOne}, {@code executeReturningKey},
 *       {@code execute}) and {@code EntityDao} ({@code findById}, {@code insert}, {@code update}),
 *       on a transactional session ({@code tx-...}, {@code insert-...}, {@code update-...}; writes
 *       commit, reads are rolled back by the session's close) and, for reads, on the read-only
 *       session of issue 12 once the library has it ({@code ro-...}, {@link ReadSessions});</li>
 *   <li>Spring on the label's own HikariCP pool, each connection switched to auto-commit as it is
 *       borrowed ({@link Peers#onLabelPool}, so that every arm talks to the same server process):
 *       {@code JdbcTemplate.queryForObject}
 *       with a shared {@code DataClassRowMapper} or {@code BeanPropertyRowMapper} in auto-commit
 *       ({@code spring-...}) and inside a {@code TransactionTemplate} ({@code spring-tx-...}, which
 *       commits), {@code JdbcTemplate.update} with a {@code KeyHolder} for inserts;</li>
 *   <li>Jdbi on the same auto-commit connections, fluent ({@code createQuery}/{@code createUpdate}) and
 *       SqlObject ({@link UserSql}), in {@code withHandle}/{@code withExtension} for auto-commit
 *       reads and in {@code inTransaction} for transactional reads and all writes;</li>
 *   <li>hand-written JDBC on the label's own pool with the session's semantics ({@code jdbc-...}),
 *       the baseline of the earlier B2 rows.</li>
 * </ul>
 *
 * <p>Every arm sends {@code EntityDao}'s own statements ({@link UserTable}); setup checks that
 * every read arm reads the same row and every write arm writes one. A transactional read costs two
 * round trips (the query, then the rollback or commit), an auto-commit read one; a write two (the
 * statement, the commit).
 *
 * <p>The suite measures the arms of each operation <em>interleaved</em> ({@link Interleaved}:
 * operation by operation on one thread, in blocks of 600 ms for reads and 400 ms for writes) in a
 * child JVM, and reports the median of the per-block ratios with their interquartile range: the
 * arms differ by microseconds on an operation that takes a tenth of a millisecond or more, so
 * measuring them minutes apart reports the machine's drift rather than the library. The same arms
 * run under JMH, one per fork, for profiling:
 * {@code java -jar benchmarks.jar B2DaoVersusPeers -p arm=tx-entitydao,spring-tx-record -prof jfr}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class B2DaoVersusPeers {
    static final String LABEL = "b2";
    private static final String NEW_NAME = "new user";
    private static final String NEW_EMAIL = "new@example.org";
    private static final RowMapper<User> RECORDS = new DataClassRowMapper<>(User.class);
    private static final RowMapper<UserBean> BEANS = new BeanPropertyRowMapper<>(UserBean.class);

    /** A DAO with hand-written SQL on DaoBase's helpers, one per session. */
    static final class UserDao extends DaoBase {
        UserDao(Session session) {
            super(session);
        }

        User byId(long id) {
            return queryOne(User.class, SELECT, id);
        }

        UserBean beanById(long id) {
            return queryOne(UserBean.class, SELECT, id);
        }

        long insert(String name, String email) {
            return executeReturningKey(Long.class, "id", INSERT, name, email);
        }

        int update(long id, String name, String email) {
            return execute(UPDATE, name, email, id);
        }
    }

    /** The same statements as a Jdbi SqlObject. */
    public interface UserSql {
        @SqlQuery(SELECT)
        User byId(long id);

        @SqlUpdate(INSERT)
        @GetGeneratedKeys("id")
        long insert(String name, String email);

        @SqlUpdate(UPDATE)
        int update(String name, String email, long id);
    }

    /** The arm that one JMH fork measures (JMH only; the suite measures them interleaved). */
    @Param({"tx-entitydao"})
    public String arm;

    private HikariDataSource label;
    private Peers peers;
    /** The peers on the read-only sessions' pool; {@code null} while the library has none. */
    private Peers peersRo;
    private KeyedOp measured;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LiveDatabases.Server pg = LiveDatabases.postgres("test");
        ConnectionPool.configure(Map.of(LABEL, pg.config("pool_size", 4)));
        label = ConnectionPool.dataSource(LABEL).unwrap(HikariDataSource.class);
        try (Connection c = label.getConnection()) {
            UserTable.create(c, "select generate_series(1, " + UserTable.ROWS + ") as n");
            c.createStatement().execute("analyze bench_users");
            c.commit();
        }
        if (label.isAutoCommit()) {
            throw new IllegalStateException("B2 needs the label's pool with auto-commit off, the session's semantics");
        }
        peers = Peers.onLabelPool(label);
        peers.jdbi.registerRowMapper(ConstructorMapper.factory(User.class));
        peers.jdbi.registerRowMapper(BeanMapper.factory(UserBean.class));
        ReadSessions.opener().ifPresent(open -> {
            try (Session s = open.apply(LABEL)) {
                ReadSessions.check(s);
            }
            peersRo = Peers.onReadPool(LABEL);
            peersRo.jdbi.registerRowMapper(ConstructorMapper.factory(User.class));
            peersRo.jdbi.registerRowMapper(BeanMapper.factory(UserBean.class));
        });
        UserTable.checkSameRow("B2", reads());
        if (peersRo != null) {
            UserTable.checkSameRow("B2", roReads());
        }
        checkWrites();
        if (arm != null) {
            for (Map<String, KeyedOp> group : groups()) {
                measured = measured == null ? group.get(arm) : measured;
            }
            if (measured == null) {
                throw new IllegalArgumentException("No B2 arm " + arm);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        peers.close();
        if (peersRo != null) {
            peersRo.close();
        }
        ConnectionPool.closeAllConnections();
    }

    /** One operation through the arm {@link #arm}, for JMH and its profilers. */
    @Benchmark
    public Object operation() throws Exception {
        return measured.run(UserTable.randomId());
    }

    private static Object transactional(Function<Session, Object> work) {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            return work.apply(s);
        }
    }

    private static Object committed(Function<Session, Object> work) {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            Object result = work.apply(s);
            s.commit();
            return result;
        }
    }

    /** Reads by key: our arms, then Spring's, Jdbi's and hand-written JDBC. */
    private Map<String, KeyedOp> reads() {
        Map<String, KeyedOp> a = new LinkedHashMap<>();
        a.put("tx-dao-record", id -> transactional(s -> new UserDao(s).byId(id)));
        a.put("tx-dao-bean", id -> transactional(s -> new UserDao(s).beanById(id)));
        a.put("tx-entitydao", id -> transactional(s -> new Users(s).findById(id)));
        a.put("spring-record", id -> peers.jdbcTemplate.queryForObject(SELECT, RECORDS, id));
        a.put("spring-bean", id -> peers.jdbcTemplate.queryForObject(SELECT, BEANS, id));
        a.put("spring-tx-record", id -> peers.transactionTemplate.execute(
                t -> peers.jdbcTemplate.queryForObject(SELECT, RECORDS, id)));
        a.put("spring-tx-bean", id -> peers.transactionTemplate.execute(
                t -> peers.jdbcTemplate.queryForObject(SELECT, BEANS, id)));
        a.put("jdbi-fluent", id -> peers.jdbi.withHandle(
                h -> h.createQuery(SELECT).bind(0, id).mapTo(User.class).one()));
        a.put("jdbi-fluent-tx", id -> peers.jdbi.inTransaction(
                h -> h.createQuery(SELECT).bind(0, id).mapTo(User.class).one()));
        a.put("jdbi-sqlobject", id -> peers.jdbi.withExtension(UserSql.class, d -> d.byId(id)));
        a.put("jdbi-sqlobject-tx", id -> peers.jdbi.inTransaction(h -> h.attach(UserSql.class).byId(id)));
        a.put("jdbc-tx-record", this::readJdbc);
        return a;
    }

    /**
     * Reads by key on read-only sessions, against the peers on the same read-only pool
     * ({@code ConnectionPool.readDataSource}): every arm of the group then talks to the same server
     * process, as {@link #reads()}'s arms do on the label's pool.
     */
    private Map<String, KeyedOp> roReads() {
        Map<String, KeyedOp> a = new LinkedHashMap<>();
        ReadSessions.opener().ifPresent(open -> {
            a.put("ro-dao-record", id -> {
                try (Session s = open.apply(LABEL)) {
                    return new UserDao(s).byId(id);
                }
            });
            a.put("ro-dao-bean", id -> {
                try (Session s = open.apply(LABEL)) {
                    return new UserDao(s).beanById(id);
                }
            });
            a.put("ro-entitydao", id -> {
                try (Session s = open.apply(LABEL)) {
                    return new Users(s).findById(id);
                }
            });
        });
        if (peersRo != null) {
            a.put("ro-spring-record", id -> peersRo.jdbcTemplate.queryForObject(SELECT, RECORDS, id));
            a.put("ro-spring-bean", id -> peersRo.jdbcTemplate.queryForObject(SELECT, BEANS, id));
            a.put("ro-jdbi-fluent", id -> peersRo.jdbi.withHandle(
                    h -> h.createQuery(SELECT).bind(0, id).mapTo(User.class).one()));
            a.put("ro-jdbi-sqlobject", id -> peersRo.jdbi.withExtension(UserSql.class, d -> d.byId(id)));
        }
        return a;
    }

    /** The session's semantics by hand: auto-commit off (the label pool's setting), rolled back, returned. */
    private User readJdbc(long id) throws SQLException {
        try (Connection c = label.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new User(rs.getLong(1), rs.getString(2), rs.getString(3));
                }
            } finally {
                c.rollback();
            }
        }
    }

    /** Inserts returning the generated key, committed. */
    private Map<String, KeyedOp> inserts() {
        Map<String, KeyedOp> a = new LinkedHashMap<>();
        a.put("insert-dao", id -> committed(s -> new UserDao(s).insert(NEW_NAME, NEW_EMAIL)));
        a.put("insert-entitydao", id -> committed(s -> new Users(s).insert(new User(null, NEW_NAME, NEW_EMAIL)).id()));
        a.put("insert-spring-tx", id -> peers.transactionTemplate.execute(t -> {
            KeyHolder key = new GeneratedKeyHolder();
            peers.jdbcTemplate.update(c -> {
                PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"});
                ps.setString(1, NEW_NAME);
                ps.setString(2, NEW_EMAIL);
                return ps;
            }, key);
            return key.getKeyAs(Long.class);
        }));
        a.put("insert-jdbi-fluent-tx", id -> peers.jdbi.inTransaction(h -> h.createUpdate(INSERT).bind(0, NEW_NAME)
                .bind(1, NEW_EMAIL).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        a.put("insert-jdbi-sqlobject-tx", id -> peers.jdbi.inTransaction(
                h -> h.attach(UserSql.class).insert(NEW_NAME, NEW_EMAIL)));
        a.put("insert-jdbc", id -> insertJdbc());
        return a;
    }

    private long insertJdbc() throws SQLException {
        try (Connection c = label.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
            ps.setString(1, NEW_NAME);
            ps.setString(2, NEW_EMAIL);
            ps.executeUpdate();
            long key;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                key = keys.getLong(1);
            }
            c.commit();
            return key;
        }
    }

    /** Updates of every column by key, committed; each writes the row's own values back. */
    private Map<String, KeyedOp> updates() {
        Map<String, KeyedOp> a = new LinkedHashMap<>();
        a.put("update-dao", id -> committed(s -> new UserDao(s).update(id, name(id), email(id))));
        a.put("update-entitydao", id -> committed(s -> new Users(s).update(new User(id, name(id), email(id)))));
        a.put("update-spring-tx", id -> peers.transactionTemplate.execute(
                t -> peers.jdbcTemplate.update(UPDATE, name(id), email(id), id)));
        a.put("update-jdbi-fluent-tx", id -> peers.jdbi.inTransaction(h -> h.createUpdate(UPDATE).bind(0, name(id))
                .bind(1, email(id)).bind(2, id).execute()));
        a.put("update-jdbi-sqlobject-tx", id -> peers.jdbi.inTransaction(
                h -> h.attach(UserSql.class).update(name(id), email(id), id)));
        a.put("update-jdbc", this::updateJdbc);
        return a;
    }

    private int updateJdbc(long id) throws SQLException {
        try (Connection c = label.getConnection(); PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setString(1, name(id));
            ps.setString(2, email(id));
            ps.setLong(3, id);
            int n = ps.executeUpdate();
            c.commit();
            return n;
        }
    }

    private List<Map<String, KeyedOp>> groups() {
        return List.of(reads(), roReads(), inserts(), updates());
    }

    /** Refuses to measure write arms that do not write one row (an insert: a new key). */
    private void checkWrites() throws Exception {
        for (Map.Entry<String, KeyedOp> e : inserts().entrySet()) {
            Object key = e.getValue().run(0);
            if (!(key instanceof Long k) || k <= UserTable.ROWS) {
                throw new IllegalStateException("B2 arm " + e.getKey() + " returned " + key + ", not a new key");
            }
        }
        for (Map.Entry<String, KeyedOp> e : updates().entrySet()) {
            Object n = e.getValue().run(UserTable.ROWS / 2 + 7);
            if (!Integer.valueOf(1).equals(n) && !Boolean.TRUE.equals(n)) {
                throw new IllegalStateException("B2 arm " + e.getKey() + " returned " + n + ", not one row updated");
            }
        }
    }

    /** Interleaved-run settings for reads: warm-up, block length, blocks. */
    static Interleaved.Plan readPlan(boolean quick) {
        return quick ? new Interleaved.Plan(Duration.ofSeconds(4), Duration.ofMillis(600), 30)
                : new Interleaved.Plan(Duration.ofSeconds(8), Duration.ofMillis(600), 120);
    }

    /** Interleaved-run settings for writes. */
    static Interleaved.Plan writePlan(boolean quick) {
        return quick ? new Interleaved.Plan(Duration.ofSeconds(4), Duration.ofMillis(400), 30)
                : new Interleaved.Plan(Duration.ofSeconds(8), Duration.ofMillis(400), 120);
    }

    /**
     * Measures B2 in this JVM, the arms of each operation interleaved ({@link Interleaved}), and
     * prints each arm's throughput per round. Run by {@link #run(boolean, Map)} in a child JVM; by
     * hand: {@code java -cp benchmarks.jar io.multidb.benchmarks.B2DaoVersusPeers [--quick]}.
     *
     * @param args {@code --quick} for the short plan
     */
    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        B2DaoVersusPeers b = new B2DaoVersusPeers();
        b.setUp();
        try (Interleaved harness = new Interleaved("B2", 1)) {
            List<Map<String, KeyedOp>> groups = b.groups();
            for (int g = 0; g < groups.size(); g++) {
                List<Interleaved.Arm> arms = new ArrayList<>();
                groups.get(g).forEach((name, op) -> arms.add(new Interleaved.Arm(name,
                        () -> op.run(UserTable.randomId()))));
                Interleaved.Measurement m = harness.measure(arms, g <= 1 ? readPlan(quick) : writePlan(quick));
                PooledRounds.print("B2", m);
                System.err.printf(Locale.ROOT, "B2 %s: %d arms, %.0f s%n", arms.get(0).name(), arms.size(),
                        m.seconds());
            }
        } finally {
            b.tearDown();
        }
    }

    /**
     * Runs B2 for {@link BenchSuite}, in a child JVM.
     *
     * @param quick shorter plans
     * @param raw   where to put the raw numbers
     * @return the table rows: median throughputs (ops/ms) and the median of the per-round ratios
     */
    public static List<BenchSuite.Row> run(boolean quick, Map<String, Object> raw) throws Exception {
        PooledRounds rows = new PooledRounds("B2", 1e-3, "ops/ms");
        rows.add(BenchSuite.child(true, B2DaoVersusPeers.class.getName(), quick ? "--quick" : "--full"));
        raw.put("B2", rows.raw());
        String tx = "PostgreSQL, read by key, transactional session (getSession, rolled back at close): ";
        for (Ours o : List.of(new Ours("tx-dao-record", "DaoBase queryOne(User.class)"),
                new Ours("tx-entitydao", "EntityDao.findById"))) {
            String what = tx + o.shown() + " vs ";
            rows.atLeast(what + "TransactionTemplate + JdbcTemplate.queryForObject, DataClassRowMapper", o.arm(),
                    "spring-tx-record", 0.95);
            rows.ahead(what + "Jdbi inTransaction, fluent createQuery(..).mapTo(User.class).one()", o.arm(),
                    "jdbi-fluent-tx");
            rows.ahead(what + "Jdbi inTransaction + SqlObject @SqlQuery", o.arm(), "jdbi-sqlobject-tx");
            rows.atLeast(what + "hand-written JDBC on the same pool, auto-commit off, rolled back", o.arm(),
                    "jdbc-tx-record", 0.95);
        }
        rows.atLeast(tx + "DaoBase queryOne(UserBean.class) vs TransactionTemplate + JdbcTemplate.queryForObject,"
                + " BeanPropertyRowMapper", "tx-dao-bean", "spring-tx-bean", 0.95);
        rows.info("PostgreSQL, read by key: EntityDao.findById on a transactional session vs"
                + " JdbcTemplate.queryForObject auto-commit (its rollback is one more round trip)", "tx-entitydao",
                "spring-record");
        String ro = "PostgreSQL, read by key, read-only session (auto-commit): ";
        for (Ours o : List.of(new Ours("ro-dao-record", "DaoBase queryOne(User.class)"),
                new Ours("ro-entitydao", "EntityDao.findById"))) {
            String what = ro + o.shown() + " vs ";
            rows.atLeast(what + "JdbcTemplate.queryForObject, DataClassRowMapper, auto-commit, on the same read-only"
                    + " pool", o.arm(), "ro-spring-record", 0.95);
            rows.ahead(what + "Jdbi withHandle, fluent createQuery(..).mapTo(User.class).one(), same pool", o.arm(),
                    "ro-jdbi-fluent");
            rows.ahead(what + "Jdbi withExtension, SqlObject @SqlQuery, same pool", o.arm(), "ro-jdbi-sqlobject");
        }
        rows.atLeast(ro + "DaoBase queryOne(UserBean.class) vs JdbcTemplate.queryForObject, BeanPropertyRowMapper,"
                + " auto-commit, same pool", "ro-dao-bean", "ro-spring-bean", 0.95);
        writes(rows, "insert", "insert returning the key",
                List.of(new Ours("insert-dao", "DaoBase executeReturningKey"),
                        new Ours("insert-entitydao", "EntityDao.insert")),
                "JdbcTemplate.update with a KeyHolder", "createUpdate(..).executeAndReturnGeneratedKeys");
        writes(rows, "update", "update by key", List.of(new Ours("update-dao", "DaoBase execute"),
                new Ours("update-entitydao", "EntityDao.update")), "JdbcTemplate.update", "createUpdate");
        return rows.rows();
    }

    /** One of our arms and how a row names it. */
    private record Ours(String arm, String shown) {
    }

    /** The rows of one kind of write: each of our arms against Spring, Jdbi fluent and SqlObject, and JDBC. */
    private static void writes(PooledRounds rows, String op, String shown, List<Ours> ours, String spring,
            String fluent) {
        for (Ours o : ours) {
            String what = "PostgreSQL, " + shown + " + commit: " + o.shown() + " vs ";
            rows.atLeast(what + "TransactionTemplate + " + spring, o.arm(), op + "-spring-tx", 0.98);
            rows.ahead(what + "Jdbi inTransaction, fluent " + fluent, o.arm(), op + "-jdbi-fluent-tx");
            rows.ahead(what + "Jdbi inTransaction + SqlObject @SqlUpdate", o.arm(), op + "-jdbi-sqlobject-tx");
            rows.atLeast(what + "hand-written JDBC on the same pool", o.arm(), op + "-jdbc", 0.98);
        }
    }
}
