package io.multidb.benchmarks;

import static io.multidb.benchmarks.UserTable.SELECT;
import static io.multidb.benchmarks.UserTable.SELECT_NAME;
import static io.multidb.benchmarks.UserTable.SELECT_NAMED;

import com.zaxxer.hikari.HikariDataSource;
import io.multidb.benchmarks.UserTable.KeyedOp;
import io.multidb.benchmarks.UserTable.User;
import io.multidb.benchmarks.UserTable.UserBean;
import io.multidb.benchmarks.UserTable.Users;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import java.sql.Connection;
import java.sql.DriverManager;
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
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.BeanMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
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

/**
 * B8: what the library itself costs, on a database that costs almost nothing: H2 in memory. Every
 * arm reads one row by primary key (of {@link UserTable}'s 10,000) on one thread, opening and
 * closing its own session, connection or handle, and returns what its API returns for it.
 *
 * <ul>
 *   <li>{@code tx-<form>}: a Multidb session from {@code DatabaseManager.getSession}, the
 *       transactional default (auto-commit off; its close rolls back), in each query form:
 *       {@code maps} {@code query(sql, args)}, {@code named} {@code query(sql, Map)},
 *       {@code record}/{@code bean}/{@code scalar} {@code query(Type.class, sql, args)}, and
 *       {@code entitydao} {@code EntityDao.findById};</li>
 *   <li>{@code ro-<form>}: the same forms on the read-only session of issue 12 (auto-commit,
 *       read-only, no rollback at close), once the library has it ({@link ReadSessions});</li>
 *   <li>{@code jdbc-tx-<form>}: hand-written JDBC on the label's own HikariCP pool with the
 *       session's semantics: auto-commit off (the pool's setting), the connection rolled back
 *       explicitly and returned, as a session's close does;</li>
 *   <li>{@code jdbc-auto-record}: hand-written JDBC on an auto-commit HikariCP pool ({@link Peers}),
 *       and {@code jdbc-switched-record}: the same on the label's own pool, switched to auto-commit
 *       and read-only after each borrow (HikariCP switches both back on return);</li>
 *   <li>{@code spring-<form>}: Spring's {@code JdbcTemplate} on the auto-commit pool:
 *       {@code queryForList(sql, args)}, {@code NamedParameterJdbcTemplate.queryForList},
 *       {@code query} with a shared {@code DataClassRowMapper} / {@code BeanPropertyRowMapper},
 *       {@code queryForList(sql, String.class, args)};</li>
 *   <li>{@code jdbi-tx-<form>} and {@code jdbi-handle-<form>}: Jdbi on the auto-commit pool,
 *       {@code jdbi.inTransaction(h -> ...)} and {@code jdbi.withHandle(h -> ...)} running
 *       {@code h.createQuery(sql).bind(...)} with {@code mapToMap()} or {@code mapTo(type)}
 *       (records through a registered {@code ConstructorMapper}, beans through a registered
 *       {@code BeanMapper}), each {@code .list()}.</li>
 * </ul>
 *
 * <p>Every positional arm runs {@link UserTable#SELECT}, {@code EntityDao}'s own statement (the
 * named ones the same with {@code :id}, the scalar ones {@link UserTable#SELECT_NAME}), and setup
 * checks that every arm reads the same row before anything is measured.
 *
 * <p>The suite measures all arms interleaved in one JVM ({@link Interleaved}: on one thread, each
 * arm in turn runs {@value #OPS_PER_RUN} reads, timed together, the order reversing every cycle;
 * rounds of 200 ms; one JVM in quick mode, three in the full run, their rounds pooled). The arms
 * are never more than a few milliseconds apart, so other processes and the machine's drift hit
 * them alike, and they share the JIT's profiles, as an application's mixed callers do. A row is
 * the median of the per-round ratios. A young collection pauses the arm whose allocation filled
 * the young generation, so each arm meets collections about in proportion to what it allocates;
 * the median then discounts the rounds a pause hit, which charges an arm that allocates more a
 * little less than its share (pauses took 0.7 % of the time in a quick run). The warm-up is long
 * (20 s, 30 s in the full run): some twenty arms' code paths have to be compiled on two cores, and
 * a shorter one left the first rounds at half speed. The same arms run under JMH, one per fork,
 * for profiling:
 * {@code java -jar benchmarks.jar B8QueryOverhead -p arm=tx-named,jdbc-tx-maps -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class B8QueryOverhead {
    static final String LABEL = "b8";
    private static final String URL = "jdbc:h2:mem:b8;DB_CLOSE_DELAY=-1";
    /** Reads per turn of an interleaved arm, so that the clock reads around a turn are spread thin. */
    static final int OPS_PER_RUN = 32;
    private static final RowMapper<User> RECORDS = new DataClassRowMapper<>(User.class);
    private static final RowMapper<UserBean> BEANS = new BeanPropertyRowMapper<>(UserBean.class);

    /** A query form run on a session the arm opened. */
    private interface SessionForm {
        Object read(Session s, long id);
    }

    /** A query form run on a Jdbi handle the arm opened. */
    private interface HandleForm {
        Object read(Handle h, long id);
    }

    /** Hand-written JDBC: reads one result into what the arm returns. */
    private interface Reader {
        Object read(ResultSet rs) throws SQLException;
    }

    /** The arm that one JMH fork measures (JMH only; the suite measures all of them interleaved). */
    @Param({"tx-record"})
    public String arm;

    private HikariDataSource label;
    private Peers peers;
    private Map<String, KeyedOp> arms;
    private KeyedOp measured;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "sa", "")) {
            UserTable.create(c, "select x as n from system_range(1, " + UserTable.ROWS + ")");
        }
        ConnectionPool.configure(Map.of(LABEL, Map.of("url", URL, "user", "sa", "pool_size", 4)));
        label = ConnectionPool.dataSource(LABEL).unwrap(HikariDataSource.class);
        if (label.isAutoCommit()) {
            throw new IllegalStateException("B8 needs the label's pool with auto-commit off, the session's semantics");
        }
        peers = Peers.onTwinPool(label, "b8-peers");
        peers.jdbi.registerRowMapper(ConstructorMapper.factory(User.class));
        peers.jdbi.registerRowMapper(BeanMapper.factory(UserBean.class));
        ReadSessions.opener().ifPresent(open -> {
            try (Session s = open.apply(LABEL)) {
                ReadSessions.check(s);
            }
        });
        arms = arms();
        UserTable.checkSameRow("B8", arms);
        if (arm != null) {
            measured = arms.get(arm);
            if (measured == null) {
                throw new IllegalArgumentException("No B8 arm " + arm + "; the arms: " + arms.keySet());
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        peers.close();
        ConnectionPool.closeAllConnections();
    }

    /** One read through the arm {@link #arm}, for JMH and its profilers. */
    @Benchmark
    public Object read() throws Exception {
        return measured.run(UserTable.randomId());
    }

    private static Map<String, SessionForm> sessionForms() {
        Map<String, SessionForm> f = new LinkedHashMap<>();
        f.put("maps", (s, id) -> s.query(SELECT, id));
        f.put("named", (s, id) -> s.query(SELECT_NAMED, Map.of("id", id)));
        f.put("record", (s, id) -> s.query(User.class, SELECT, id));
        f.put("bean", (s, id) -> s.query(UserBean.class, SELECT, id));
        f.put("scalar", (s, id) -> s.query(String.class, SELECT_NAME, id));
        f.put("entitydao", (s, id) -> new Users(s).findById(id));
        return f;
    }

    private static Map<String, HandleForm> handleForms() {
        Map<String, HandleForm> f = new LinkedHashMap<>();
        f.put("maps", (h, id) -> h.createQuery(SELECT).bind(0, id).mapToMap().list());
        f.put("named", (h, id) -> h.createQuery(SELECT_NAMED).bind("id", id).mapToMap().list());
        f.put("record", (h, id) -> h.createQuery(SELECT).bind(0, id).mapTo(User.class).list());
        f.put("bean", (h, id) -> h.createQuery(SELECT).bind(0, id).mapTo(UserBean.class).list());
        f.put("scalar", (h, id) -> h.createQuery(SELECT_NAME).bind(0, id).mapTo(String.class).list());
        return f;
    }

    /** Every arm, in the order the interleaving runs them. */
    private Map<String, KeyedOp> arms() {
        Map<String, KeyedOp> a = new LinkedHashMap<>();
        sessionForms().forEach((form, read) -> a.put("tx-" + form, id -> {
            try (Session s = DatabaseManager.getSession(LABEL)) {
                return read.read(s, id);
            }
        }));
        ReadSessions.opener().ifPresent(open -> sessionForms().forEach((form, read) -> a.put("ro-" + form, id -> {
            try (Session s = open.apply(LABEL)) {
                return read.read(s, id);
            }
        })));
        a.put("jdbc-tx-maps", id -> rolledBack(SELECT, id, UserTable::maps));
        a.put("jdbc-tx-record", id -> rolledBack(SELECT, id, UserTable::records));
        a.put("jdbc-tx-bean", id -> rolledBack(SELECT, id, UserTable::beans));
        a.put("jdbc-tx-scalar", id -> rolledBack(SELECT_NAME, id, UserTable::names));
        a.put("jdbc-auto-record", id -> autoCommit(peers.pool, SELECT, id, UserTable::records));
        a.put("jdbc-switched-record", id -> switched(SELECT, id, UserTable::records));
        a.put("spring-maps", id -> peers.jdbcTemplate.queryForList(SELECT, id));
        a.put("spring-named", id -> peers.namedJdbcTemplate.queryForList(SELECT_NAMED, Map.of("id", id)));
        a.put("spring-record", id -> peers.jdbcTemplate.query(SELECT, RECORDS, id));
        a.put("spring-bean", id -> peers.jdbcTemplate.query(SELECT, BEANS, id));
        a.put("spring-scalar", id -> peers.jdbcTemplate.queryForList(SELECT_NAME, String.class, id));
        handleForms().forEach((form, read) -> {
            a.put("jdbi-tx-" + form, id -> peers.jdbi.inTransaction(h -> read.read(h, id)));
            a.put("jdbi-handle-" + form, id -> peers.jdbi.withHandle(h -> read.read(h, id)));
        });
        return a;
    }

    /** The session's semantics by hand: auto-commit off (the label pool's setting), rolled back, returned. */
    private Object rolledBack(String sql, long id, Reader reader) throws SQLException {
        try (Connection c = label.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return reader.read(rs);
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static Object autoCommit(DataSource pool, String sql, long id, Reader reader) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        }
    }

    /** Auto-commit and read-only on the label's pool: what a read-only session on that pool would switch. */
    private Object switched(String sql, long id, Reader reader) throws SQLException {
        try (Connection c = label.getConnection()) {
            c.setAutoCommit(true);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return reader.read(rs);
                }
            }
        }
    }

    /** Interleaved-run settings: warm-up, round, rounds (a cycle of all arms takes about 5 ms). */
    static Interleaved.Plan plan(boolean quick) {
        return quick ? new Interleaved.Plan(Duration.ofSeconds(20), Duration.ofMillis(200), 60)
                : new Interleaved.Plan(Duration.ofSeconds(30), Duration.ofMillis(200), 150);
    }

    private static Interleaved.Arm looped(String name, KeyedOp op) {
        return new Interleaved.Arm(name, () -> {
            Object last = null;
            for (int i = 0; i < OPS_PER_RUN; i++) {
                last = op.run(UserTable.randomId());
            }
            return last;
        }, OPS_PER_RUN);
    }

    /**
     * Measures B8 in this JVM, every arm interleaved with the others, and prints each arm's
     * throughput per round. Run by {@link #run(boolean, Map)} in child JVMs; by hand:
     * {@code java -cp benchmarks.jar io.multidb.benchmarks.B8QueryOverhead --quick}.
     *
     * @param args {@code --quick} for the short plan
     */
    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        B8QueryOverhead b = new B8QueryOverhead();
        b.setUp();
        try (Interleaved harness = new Interleaved("B8", 1)) {
            List<Interleaved.Arm> arms = new ArrayList<>();
            b.arms.forEach((name, op) -> arms.add(looped(name, op)));
            Interleaved.Measurement m = harness.measure(arms, plan(quick));
            PooledRounds.print("B8", m);
            System.err.printf(Locale.ROOT, "B8: %d arms, %.0f s%n", arms.size(), m.seconds());
        } finally {
            b.tearDown();
        }
    }

    /** Our forms, the Spring and Jdbi forms doing the same work, and the hand-written JDBC reader. */
    private record Form(String name, String shown, String spring, String jdbi, String jdbc) {
    }

    private static final List<Form> FORMS = List.of(
            new Form("maps", "query(sql, args), rows as maps", "spring-maps", "maps", "jdbc-tx-maps"),
            new Form("named", "query(sql, Map), named parameter, rows as maps", "spring-named", "named",
                    "jdbc-tx-maps"),
            new Form("record", "query(User.class, sql, args), a record", "spring-record", "record",
                    "jdbc-tx-record"),
            new Form("bean", "query(UserBean.class, sql, args), a bean", "spring-bean", "bean", "jdbc-tx-bean"),
            new Form("scalar", "query(String.class, sql, args), one column", "spring-scalar", "scalar",
                    "jdbc-tx-scalar"),
            new Form("entitydao", "EntityDao.findById, a record", "spring-record", "record", "jdbc-tx-record"));

    /** How each Spring arm reads, for the rows' text. */
    private static final Map<String, String> SPRING = Map.of(
            "spring-maps", "JdbcTemplate.queryForList(sql, args)",
            "spring-named", "NamedParameterJdbcTemplate.queryForList(sql, Map)",
            "spring-record", "JdbcTemplate.query with DataClassRowMapper",
            "spring-bean", "JdbcTemplate.query with BeanPropertyRowMapper",
            "spring-scalar", "JdbcTemplate.queryForList(sql, String.class, args)");

    /**
     * Runs B8 for {@link BenchSuite}: one child JVM in quick mode, three in the full run, their
     * rounds pooled.
     *
     * @param quick shorter plan, one JVM
     * @param raw   where to put the raw numbers
     * @return the table rows: median throughputs (ops/us) and the median of the per-round ratios
     */
    public static List<BenchSuite.Row> run(boolean quick, Map<String, Object> raw) throws Exception {
        PooledRounds rows = new PooledRounds("B8", 1e-6, "ops/us");
        for (int jvm = 0; jvm < (quick ? 1 : 3); jvm++) {
            rows.add(BenchSuite.child(false, B8QueryOverhead.class.getName(), quick ? "--quick" : "--full"));
        }
        raw.put("B8", rows.raw());
        for (Form f : FORMS) {
            String what = "H2 in memory, " + f.shown() + ": ";
            rows.atLeast(what + "transactional session (getSession) vs raw JDBC on the same pool, auto-commit off,"
                    + " rolled back and returned", "tx-" + f.name(), f.jdbc(), 0.85);
            rows.ahead(what + "transactional session vs the same in Jdbi inTransaction (" + jdbi(f.jdbi()) + ")",
                    "tx-" + f.name(), "jdbi-tx-" + f.jdbi());
            rows.atLeast(what + "read-only session vs " + SPRING.get(f.spring()) + ", auto-commit pool",
                    "ro-" + f.name(), f.spring(), 1.0);
            rows.atLeast(what + "read-only session vs the same in Jdbi withHandle, auto-commit pool",
                    "ro-" + f.name(), "jdbi-handle-" + f.jdbi(), 2.0);
        }
        rows.info("H2, a record: transactional session vs JdbcTemplate with DataClassRowMapper, auto-commit pool"
                + " (what a JdbcTemplate user gets today)", "tx-record", "spring-record");
        rows.info("H2, a record: raw JDBC on an auto-commit pool vs raw JDBC auto-commit off, rolled back (what the"
                + " transaction costs on H2)", "jdbc-auto-record", "jdbc-tx-record");
        rows.info("H2, a record: JdbcTemplate with DataClassRowMapper vs raw JDBC, both on the auto-commit pool"
                + " (Spring's own cost)", "spring-record", "jdbc-auto-record");
        rows.info("H2, a record: raw JDBC on the label's pool switched to auto-commit + read-only per borrow"
                + " (HikariCP switches back on return) vs raw JDBC on an auto-commit pool", "jdbc-switched-record",
                "jdbc-auto-record");
        return rows.rows();
    }

    /** @return how the Jdbi arms of a form query, for the rows' text */
    private static String jdbi(String form) {
        return "h.createQuery(sql)" + (form.equals("named") ? ".bind(name)" : ".bind(0)")
                + (form.equals("maps") || form.equals("named") ? ".mapToMap()" : ".mapTo(type)") + ".list()";
    }
}
