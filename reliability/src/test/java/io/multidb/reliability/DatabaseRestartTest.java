package io.multidb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Engine;
import io.multidb.connection.MultiDbException;
import io.multidb.connection.Session;
import io.multidb.testkit.AllEngines;
import io.multidb.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/**
 * Restarts the database server under 16 writing threads. Each write is its own transaction in its
 * own session, and its id counts as acknowledged only once {@code commit()} has returned. Afterwards
 * every acknowledged id is in the table, every failed write raised a {@link MultiDbException} that
 * names the label (never a raw driver exception, never a hang), the pool serves again soon after
 * the server does, and no connection is left lent out.
 */
@Tag("fault")
class DatabaseRestartTest {
    private static final int WRITERS = 16;
    /** Generous: the pool is expected back within a few seconds of the server. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);
    /** pool_timeout plus socket_timeout plus slack: the longest one write may block. */
    private static final Duration WRITER_STOP_BOUND = Duration.ofSeconds(30);
    private static final Duration WARM_UP = Duration.ofMillis(1500);
    private static final Duration STEADY_AFTER_RECOVERY = Duration.ofMillis(1500);

    @AfterEach
    void closePools() {
        ConnectionPool.closeAllConnections();
    }

    @AfterAll
    static void leaveTheServersRunning() {
        ServerControl.ensureRunning(Engine.POSTGRESQL, Engine.MARIADB);
    }

    @AllEngines({Engine.POSTGRESQL, Engine.MARIADB})
    void acknowledgedCommitsSurviveARestartAndThePoolServesAgain(TestDatabase db) throws Exception {
        ServerControl.requireLocal(db.engine(), db.jdbcUrl());
        String label = "restart_" + db.engine().key();
        Map<String, Object> config = db.freshConfig();
        config.put("pool_size", 4);
        config.put("max_overflow", WRITERS); // room for every writer and the probe
        config.put("pool_timeout", 10);
        config.put("connect_timeout", 5);
        config.put("socket_timeout", 10); // a write never waits on a dead socket for ever
        ConnectionPool.configure(Map.of(label, config));
        try (Session s = DatabaseManager.getSession(label)) {
            s.execute("create table acked (id bigint primary key, writer int not null)");
            s.commit();
        }

        Writers writers = new Writers(label);
        Duration restartTook;
        long restartReturned;
        Duration recovered;
        try {
            writers.start();
            writers.awaitAcknowledged(50, WARM_UP.multipliedBy(10));
            Thread.sleep(WARM_UP.toMillis());

            restartTook = ServerControl.restart(db.engine());
            restartReturned = System.nanoTime();
            recovered = firstSuccessfulSessionAfter(label, restartReturned, writers);
            Thread.sleep(STEADY_AFTER_RECOVERY.toMillis());
            // a loaded machine may not have let a writer commit yet: wait for one, within the bound
            writers.awaitAcknowledgedAfter(restartReturned, RECOVERY_BOUND);
        } finally {
            writers.stop();
            ServerControl.ensureRunning(db.engine());
        }
        assertThat(writers.hung()).as("writers still blocked %d s after being told to stop",
                WRITER_STOP_BOUND.toSeconds()).isEmpty();

        Set<Long> stored = storedIds(db, config);
        Set<Long> acknowledged = writers.acknowledged();
        Set<Long> missing = new HashSet<>(acknowledged);
        missing.removeAll(stored);
        Duration firstWriterAck = writers.firstAcknowledgementAfter(restartReturned);
        long acknowledgedAfterRecovery = writers.acknowledgedAfter(restartReturned);
        Set<Long> unacknowledgedStored = new HashSet<>(stored);
        unacknowledgedStored.removeAll(acknowledged);

        System.out.printf("RESTART %s: restart command %d ms; first successful session %d ms after it returned;"
                + " first writer commit %d ms after it; writes attempted %d, acknowledged %d (%d after the restart),"
                + " stored %d, acknowledged but missing %d, stored without acknowledgement %d; failed writes %d %s%n",
                db.engine().key(), restartTook.toMillis(), recovered.toMillis(),
                firstWriterAck == null ? -1 : firstWriterAck.toMillis(), writers.attempted(), acknowledged.size(),
                acknowledgedAfterRecovery, stored.size(), missing.size(), unacknowledgedStored.size(),
                writers.failedCount(), writers.failureKinds());
        writers.sampleFailures(3).forEach(f -> System.out.println("RESTART " + db.engine().key() + " failure: " + f));

        assertThat(writers.escaped()).as("failures that are not MultiDbException").isEmpty();
        assertThat(writers.failures()).as("every failed write names the label")
                .allSatisfy(e -> assertThat(e.getMessage()).contains("'" + label + "'"));
        assertThat(writers.failedCount()).as("the restart interrupted some writes").isPositive();
        assertThat(missing).as("acknowledged ids missing after the restart").isEmpty();
        assertThat(stored).as("stored ids").hasSizeGreaterThanOrEqualTo(acknowledged.size());
        assertThat(recovered).as("from restart to the first successful session").isLessThan(RECOVERY_BOUND);
        assertThat(acknowledgedAfterRecovery).as("commits acknowledged after the restart").isPositive();
        assertThat(ConnectionPool.stats(label).active()).as("connections still lent out").isZero();
    }

    /** Opens sessions until one runs a statement; the writers keep writing meanwhile. */
    private static Duration firstSuccessfulSessionAfter(String label, long since, Writers writers)
            throws InterruptedException {
        long deadline = since + RECOVERY_BOUND.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try (Session s = DatabaseManager.getSession(label)) {
                s.query("select count(*) from acked");
                return Duration.ofNanos(System.nanoTime() - since);
            } catch (MultiDbException e) {
                writers.record(e);
            } catch (RuntimeException | Error e) {
                writers.escape(e);
            }
            Thread.sleep(20);
        }
        return RECOVERY_BOUND;
    }

    private static Set<Long> storedIds(TestDatabase db, Map<String, Object> config) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = db.connect(config); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id from acked")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** The writing threads and what they saw. */
    private static final class Writers {
        private final String label;
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong nextId = new AtomicLong();
        private final Map<Long, Long> acknowledgedAt = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<MultiDbException> failures = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Throwable> escaped = new ConcurrentLinkedQueue<>();
        private final List<Thread> hung = new ArrayList<>();

        Writers(String label) {
            this.label = label;
        }

        void start() {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread t = new Thread(() -> write(writer), "writer-" + label + "-" + w);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        private void write(int writer) {
            while (!stop.get()) {
                long id = nextId.incrementAndGet();
                try (Session s = DatabaseManager.getSession(label)) {
                    s.execute("insert into acked (id, writer) values (?, ?)", id, writer);
                    s.commit();
                    acknowledgedAt.put(id, System.nanoTime());
                } catch (MultiDbException e) {
                    record(e);
                } catch (RuntimeException | Error e) {
                    escape(e);
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void record(MultiDbException e) {
            failures.add(e);
        }

        void escape(Throwable e) {
            escaped.add(e);
        }

        void awaitAcknowledged(int count, Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            while (acknowledgedAt.size() < count) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("only " + acknowledgedAt.size() + " writes acknowledged within "
                            + bound.toMillis() + " ms, before any fault; failures: " + failures + escaped);
                }
                Thread.sleep(10);
            }
        }

        /** Waits (bounded) for a write acknowledged after {@code since}; the test checks whether one came. */
        void awaitAcknowledgedAfter(long since, Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            while (acknowledgedAfter(since) == 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            long deadline = System.nanoTime() + WRITER_STOP_BOUND.toNanos();
            for (Thread t : threads) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (t.isAlive()) {
                    hung.add(t);
                }
            }
        }

        List<String> hung() {
            List<String> out = new ArrayList<>();
            for (Thread t : hung) {
                StringBuilder where = new StringBuilder(t.getName());
                for (StackTraceElement e : t.getStackTrace()) {
                    where.append("\n    at ").append(e);
                }
                out.add(where.toString());
            }
            return out;
        }

        Set<Long> acknowledged() {
            return new HashSet<>(acknowledgedAt.keySet());
        }

        long attempted() {
            return nextId.get();
        }

        Duration firstAcknowledgementAfter(long since) {
            return acknowledgedAt.values().stream().filter(at -> at - since > 0).min(Long::compare)
                    .map(at -> Duration.ofNanos(at - since)).orElse(null);
        }

        long acknowledgedAfter(long since) {
            return acknowledgedAt.values().stream().filter(at -> at - since > 0).count();
        }

        List<MultiDbException> failures() {
            return new ArrayList<>(failures);
        }

        List<Throwable> escaped() {
            return new ArrayList<>(escaped);
        }

        int failedCount() {
            return failures.size() + escaped.size();
        }

        Map<String, Integer> failureKinds() {
            Map<String, Integer> kinds = new TreeMap<>();
            failures.forEach(f -> kinds.merge(f.getClass().getSimpleName() + " <- " + rootOf(f), 1, Integer::sum));
            escaped.forEach(f -> kinds.merge("ESCAPED " + f.getClass().getName(), 1, Integer::sum));
            return kinds;
        }

        List<String> sampleFailures(int perKind) {
            Map<String, Integer> seen = new TreeMap<>();
            List<String> out = new ArrayList<>();
            for (Throwable f : failures) {
                String kind = f.getClass().getSimpleName() + " <- " + rootOf(f);
                if (seen.merge(kind, 1, Integer::sum) <= perKind) {
                    out.add(f.getClass().getSimpleName() + ": " + f.getMessage());
                }
            }
            return out;
        }

        private static String rootOf(Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root == t ? "-" : root.getClass().getSimpleName();
        }
    }
}
