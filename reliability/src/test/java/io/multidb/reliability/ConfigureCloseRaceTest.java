package io.multidb.reliability;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.multidb.connection.ConnectionFailedException;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Engine;
import io.multidb.connection.MultiDbException;
import io.multidb.connection.NotConfiguredException;
import io.multidb.connection.PartialCommitException;
import io.multidb.connection.PoolClosedException;
import io.multidb.connection.PoolExhaustedException;
import io.multidb.connection.Session;
import io.multidb.connection.SqlExecutionException;
import io.multidb.connection.TransactionMode;
import io.multidb.connection.UnknownLabelException;
import io.multidb.testkit.RequiresEngine;
import io.multidb.testkit.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code configure} and {@code closeAllConnections} race with {@code getSession} and with sessions
 * in use, from 16 threads for a few seconds, on H2 and on PostgreSQL. Only documented exceptions
 * may occur, nothing may deadlock, and after the final close no pool, pool thread or server
 * connection may be left.
 *
 * <p>The documented exceptions, from the Javadoc of {@code ConnectionPool}, {@code DatabaseManager},
 * {@code Session} and the exception classes, and the README's error table:
 * <ul>
 *   <li>{@link NotConfiguredException}: {@code getSession}/{@code dataSource}/{@code inTransaction}
 *       before configure or after {@code closeAllConnections};</li>
 *   <li>{@link UnknownLabelException}: a label that the current configuration does not have (the
 *       threads switch between two label sets);</li>
 *   <li>{@link IllegalStateException} "already configured": {@code configure} while configured;</li>
 *   <li>{@link PoolExhaustedException}: no connection within {@code pool_timeout};</li>
 *   <li>{@link ConnectionFailedException}: the database (restarted by other tests) refused;</li>
 *   <li>{@link SqlExecutionException}: a statement, commit or rollback on a connection that
 *       {@code closeAllConnections} closed after its grace period;</li>
 *   <li>{@link PartialCommitException}: BEST_EFFORT, a later commit failed that way;</li>
 *   <li>{@link PoolClosedException}, "Database 'x' is closed: ConnectionPool.closeAllConnections()
 *       has been called": a session taken before the close and first used after it; or "Database
 *       'x' was closed by ConnectionPool.closeAllConnections() while this session held a
 *       connection": a session that still held one when the grace period ended;</li>
 *   <li>{@link SQLException} from {@code DataSource.getConnection()} whose cause is one of the above.</li>
 * </ul>
 * Anything else (a {@link NullPointerException}, an {@link IllegalStateException} with another
 * message, a HikariCP exception escaping untranslated) fails the test with its stack trace.
 */
@Tag("fault")
class ConfigureCloseRaceTest {
    private static final int THREADS = 16;
    /** Of the threads, these only configure and close, leaving the labels configured a few ms each time. */
    private static final int LIFECYCLE_THREADS = 2;
    /**
     * The race runs at least this long, and on until enough sessions, configures and closes went
     * through (a loaded machine gets fewer done in the same time), at most {@link #RUN_CAP}.
     */
    private static final Duration RUN = Duration.ofSeconds(3);
    private static final Duration RUN_CAP = Duration.ofSeconds(12);
    private static final Duration JOIN_LIMIT = Duration.ofSeconds(45);
    /** Configures and closes that must have succeeded, each, for the race to have raced. */
    private static final int MINIMUM_CYCLES = 4;
    private static final String CLOSED = "is closed: ConnectionPool.closeAllConnections() has been called";
    private static final String LOST = "was closed by ConnectionPool.closeAllConnections() while this session held a"
            + " connection";

    /** The documented outcomes, by exact class, each with what its message must say. */
    private static final Map<Class<?>, Predicate<Throwable>> ALLOWED = Map.of(
            NotConfiguredException.class, t -> t.getMessage().contains("has not been called"),
            UnknownLabelException.class, t -> t.getMessage().startsWith("No database is configured with label"),
            IllegalStateException.class, t -> t.getMessage().startsWith("ConnectionPool is already configured"),
            PoolExhaustedException.class, t -> t.getMessage().startsWith("No connection for database"),
            ConnectionFailedException.class, t -> t.getMessage().startsWith("Cannot connect to database"),
            SqlExecutionException.class, t -> t.getMessage().startsWith("Database 'race_") && closedUnderIt(t),
            PartialCommitException.class, t -> true,
            PoolClosedException.class, t -> t.getMessage().contains(CLOSED) || t.getMessage().contains(LOST));

    /** A statement that failed because closeAllConnections closed its connection after the grace period. */
    private static boolean closedUnderIt(Throwable t) {
        String state = t instanceof SqlExecutionException e ? e.sqlState()
                : t instanceof SQLException e ? e.getSQLState() : null;
        String text = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return state != null && (state.startsWith("08") || state.equals("90007") || state.equals("90067"))
                || text.contains("closed");
    }

    @AfterEach
    void closeEverything() {
        ConnectionPool.closeAllConnections();
    }

    @Test
    void h2() throws Exception {
        String run = unique();
        Report report = race(100, label -> Map.of("url", "jdbc:h2:mem:race_" + run + "_" + label
                + ";DB_CLOSE_DELAY=-1", "user", "sa", "pool_size", 1, "max_overflow", 2, "pool_timeout", 0.5,
                "lazy", !label.equals("race_b")));
        report.assertSound();
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void postgresql(TestDatabase db) throws Exception {
        String marker = "multidb-race-" + unique();
        try (Connection admin = db.admin()) {
            assertThat(connectionsMarked(admin, marker)).isZero();
            // a PostgreSQL pool takes tens of milliseconds to start, on a machine other tests load too
            Report report = race(20, label -> {
                Map<String, Object> config = new java.util.LinkedHashMap<>();
                config.put("url", db.jdbcUrl());
                config.put("user", db.user());
                if (db.password() != null && !db.password().isEmpty()) {
                    config.put("password", db.password());
                }
                config.put("pool_size", 1);
                config.put("max_overflow", 2);
                config.put("pool_timeout", 0.5);
                // set A opens its pools in configure (a PostgreSQL pool takes tens of ms to start);
                // race_c, of set C, opens on first use, racing with the closes
                config.put("lazy", label.equals("race_c"));
                config.put("properties", Map.of("ApplicationName", marker));
                return config;
            });
            report.assertSound();
            // the server ends a backend shortly after its client closed the socket
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int left = connectionsMarked(admin, marker);
            while (left > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
                left = connectionsMarked(admin, marker);
            }
            assertThat(left).as("connections of this test still open on the server (application_name %s)", marker)
                    .isZero();
            assertThat(report.sessionsUsed.sum()).as("sessions that reached the database").isPositive();
        }
    }

    private static int connectionsMarked(Connection admin, String marker) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement(
                "select count(*) from pg_stat_activity where application_name = ?")) {
            ps.setString(1, marker);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** What the threads did and met. */
    static final class Report {
        final LongAdder operations = new LongAdder();
        final LongAdder configures = new LongAdder();
        final LongAdder closes = new LongAdder();
        final LongAdder sessionsUsed = new LongAdder();
        final LongAdder configureNanos = new LongAdder();
        final LongAdder closeNanos = new LongAdder();
        final Map<String, LongAdder> exceptions = new ConcurrentHashMap<>();
        final Map<String, String> firstMessages = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        final List<String> stuck = new ArrayList<>();
        List<String> threadsLeft = List.of();
        boolean configuredAfter;
        /** Proof that sessions really ran between the closes. */
        int minimumSessions;
        long millis;
        String engine;

        void saw(Throwable t) {
            exceptions.computeIfAbsent(t.getClass().getSimpleName(), k -> new LongAdder()).increment();
            firstMessages.putIfAbsent(t.getClass().getSimpleName(), String.valueOf(t.getMessage()));
            if (allowed(t)) {
                return;
            }
            unexpected.add(t);
        }

        static boolean allowed(Throwable t) {
            if (t instanceof SQLException && t.getCause() instanceof MultiDbException cause) {
                return allowed(cause); // DataSource.getConnection(): the translated failure as cause
            }
            if (t instanceof DataSourceStatementClosed) {
                return true;
            }
            Predicate<Throwable> rule = ALLOWED.get(t.getClass());
            return rule != null && t.getMessage() != null && rule.test(t);
        }

        void assertSound() {
            SortedMap<String, Long> seen = new TreeMap<>();
            exceptions.forEach((k, v) -> seen.put(k, v.sum()));
            String summary = engine + ", " + THREADS + " threads for " + millis + " ms: " + operations.sum()
                    + " operations, " + configures.sum() + " configures, "
                    + closes.sum() + " closes, " + sessionsUsed.sum() + " sessions used; exceptions " + seen
                    + "; ms in configure " + configureNanos.sum() / 1_000_000 + ", in close " + closeNanos.sum() / 1_000_000;
            System.out.println("[ConfigureCloseRaceTest] " + summary);
            firstMessages.forEach((k, v) -> System.out.println("[ConfigureCloseRaceTest]   " + k + ": " + v));
            assertThat(stuck).as("threads still running %s after the run (deadlock?): %s", JOIN_LIMIT, summary)
                    .isEmpty();
            if (!unexpected.isEmpty()) {
                StringWriter w = new StringWriter();
                unexpected.stream().limit(5).forEach(t -> t.printStackTrace(new PrintWriter(w)));
                throw new AssertionError(unexpected.size() + " undocumented exception(s); " + summary
                        + "; the first ones:\n" + w);
            }
            assertThat(configuredAfter).as("configured after the final close").isFalse();
            assertThat(threadsLeft).as("pool threads alive after the final close").isEmpty();
            assertThat(configures.sum()).as("successful configures").isGreaterThanOrEqualTo(MINIMUM_CYCLES);
            assertThat(closes.sum()).as("closes").isGreaterThanOrEqualTo(MINIMUM_CYCLES);
            assertThat(sessionsUsed.sum()).as("sessions that ran a statement").isGreaterThanOrEqualTo(minimumSessions);
        }
    }

    /**
     * Runs the race: each thread, until the end of the run, picks an action at random.
     *
     * @param minimumSessions how many sessions must have run a statement before the race may end
     * @param config          a label's configuration map
     */
    private static Report race(int minimumSessions, Function<String, Map<String, Object>> config)
            throws InterruptedException {
        Map<String, Object> setA = Map.of("race_a", config.apply("race_a"), "race_b", config.apply("race_b"));
        Map<String, Object> setC = Map.of("race_a", config.apply("race_a"), "race_c", config.apply("race_c"));
        Report report = new Report();
        report.minimumSessions = minimumSessions;
        report.engine = String.valueOf(((Map<?, ?>) setA.get("race_a")).get("url")).split(":")[1];
        Set<Thread> before = BadConfigurationCorpusTest.liveThreads();
        ConnectionPool.configure(setA);
        CountDownLatch start = new CountDownLatch(1);
        long started = System.nanoTime();
        long end = started + RUN_CAP.toNanos();
        java.util.function.BooleanSupplier running = () -> {
            long now = System.nanoTime();
            return now < started + RUN.toNanos() || now < end && (report.sessionsUsed.sum() < minimumSessions
                    || report.configures.sum() < MINIMUM_CYCLES || report.closes.sum() < MINIMUM_CYCLES);
        };
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            boolean lifecycle = i < LIFECYCLE_THREADS;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (running.getAsBoolean()) {
                    report.operations.increment();
                    try {
                        if (lifecycle) {
                            cycle(report, setA, setC);
                        } else {
                            act(report, setA, setC);
                        }
                    } catch (Throwable failure) {
                        report.saw(failure);
                        if (failure instanceof NotConfiguredException || failure instanceof UnknownLabelException) {
                            // pacing only: 14 threads spinning on "not configured" would starve the
                            // database server of the machine's two cores
                            java.util.concurrent.locks.LockSupport.parkNanos(300_000);
                        }
                    }
                }
            }, (lifecycle ? "race-lifecycle-" : "race-worker-") + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        start.countDown();
        long joinDeadline = end + JOIN_LIMIT.toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime())));
        }
        report.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        for (Thread t : threads) {
            if (t.isAlive()) {
                report.stuck.add(describe(t));
            }
        }
        if (!report.stuck.isEmpty()) {
            long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
            report.stuck.add("deadlocked thread ids: " + (deadlocked == null ? "none" : java.util.Arrays.toString(
                    deadlocked)));
            threads.forEach(Thread::interrupt);
            return report;
        }
        ConnectionPool.closeAllConnections();
        report.configuredAfter = ConnectionPool.isConfigured() || !ConnectionPool.labels().isEmpty();
        report.threadsLeft = BadConfigurationCorpusTest.awaitNoNewPoolThreads(before, Duration.ofSeconds(15));
        return report;
    }

    /**
     * Configure one of the two label sets, leave it a few milliseconds (the pause only paces the
     * cycle; nothing is asserted about timing), close it with a short or no grace period.
     */
    private static void cycle(Report report, Map<String, Object> setA, Map<String, Object> setC) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean mine = false;
        try {
            long t0 = System.nanoTime();
            ConnectionPool.configure(random.nextBoolean() ? setA : setC);
            report.configureNanos.add(System.nanoTime() - t0);
            report.configures.increment();
            mine = true;
        } finally {
            // the thread that configured closes after a while; the other closes it early now and then
            TimeUnit.MILLISECONDS.sleep(mine ? 20 + random.nextInt(200) : random.nextInt(20));
            if (mine || random.nextInt(4) == 0) {
                close(report, random);
            }
            TimeUnit.MILLISECONDS.sleep(random.nextInt(5));
        }
    }

    private static void close(Report report, ThreadLocalRandom random) {
        Duration grace = List.of(Duration.ZERO, Duration.ofMillis(5), Duration.ofMillis(50)).get(random.nextInt(3));
        long t0 = System.nanoTime();
        ConnectionPool.closeAllConnections(grace);
        report.closeNanos.add(System.nanoTime() - t0);
        report.closes.increment();
    }

    /** One random action: mostly sessions, sometimes a configure or a close. */
    private static void act(Report report, Map<String, Object> setA, Map<String, Object> setC) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int dice = random.nextInt(400);
        String label = List.of("race_a", "race_b", "race_c").get(random.nextInt(3));
        int rare = random.nextInt(5000);
        if (rare == 0) {
            ConnectionPool.configure(random.nextBoolean() ? setA : setC);
            report.configures.increment();
        } else if (rare == 1) {
            close(report, random);
        } else if (dice < 30) {
            ConnectionPool.stats(label).toString();
            ConnectionPool.labels().forEach(ConnectionPool::stats);
        } else if (dice < 60) {
            try (Connection c = ConnectionPool.dataSource(label).getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("select 1")) {
                    ps.executeQuery().close();
                } catch (SQLException e) {
                    // plain JDBC on a DataSource connection: the driver's own exception, documented as
                    // such, when closeAllConnections closed the connection after its grace period
                    if (!closedUnderIt(e)) {
                        throw e;
                    }
                    report.saw(new DataSourceStatementClosed(e));
                    return;
                }
            }
            report.sessionsUsed.increment();
        } else if (dice < 90) {
            DatabaseManager.inTransaction(TransactionMode.BEST_EFFORT, List.of("race_a", label.equals("race_a")
                    ? "race_b" : label), u -> {
                        for (String l : u.labels()) {
                            u.session(l).query("select 1");
                        }
                        return null;
                    });
            report.sessionsUsed.increment();
        } else if (dice < 120) {
            DatabaseManager.inTransaction(label, s -> s.query(Integer.class, "select 1"));
            report.sessionsUsed.increment();
        } else {
            // a session taken now may be used after a close that happens meanwhile
            try (Session s = DatabaseManager.getSession(label)) {
                if (random.nextInt(4) == 0) {
                    Thread.yield();
                }
                s.query("select 1");
                s.query(Integer.class, "select 1");
                s.query("select :x as x", Map.of("x", 1));
                s.toString();
                s.commit();
                report.sessionsUsed.increment();
            }
        }
    }

    /** Counts a driver exception on a DataSource connection closed under it, under its own name. */
    static final class DataSourceStatementClosed extends MultiDbException {
        private static final long serialVersionUID = 1L;

        DataSourceStatementClosed(SQLException e) {
            super("is closed: ConnectionPool.closeAllConnections() has been called (DataSource JDBC: " + e + ")", e);
        }
    }

    private static String describe(Thread t) {
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(t.getId(), 50);
        StringBuilder out = new StringBuilder(t.getName()).append(' ').append(t.getState()).append('\n');
        if (info != null) {
            for (StackTraceElement e : info.getStackTrace()) {
                out.append("\tat ").append(e).append('\n');
            }
        }
        return out.toString();
    }

}
