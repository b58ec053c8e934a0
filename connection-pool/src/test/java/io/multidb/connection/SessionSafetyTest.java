package io.multidb.connection;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.AllEngines;
import io.multidb.testkit.FakeDriver;
import io.multidb.testkit.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

/**
 * What happens to a session when the pools close under it, when two threads use it at once, and
 * when its rollback fails: its connection never goes back to the pool in an open transaction, and
 * nothing it did after the close is committed.
 */
@ExtendWith(ClosePools.class)
class SessionSafetyTest {

    private static long count(TestDatabase db, Map<String, Object> config) throws SQLException {
        try (Connection c = db.connect(config); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from items")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void createItems(String label) {
        try (Session s = DatabaseManager.getSession(label)) {
            s.execute("create table items (id int primary key, v int)");
            s.commit();
        }
    }

    /** Defect: on H2 the session kept writing and committing after closeAllConnections closed its pool. */
    @AllEngines
    void aSessionHoldingAConnectionWhenThePoolsCloseFailsEveryCallAndCommitsNothing(TestDatabase db)
            throws Exception {
        Map<String, Object> config = db.freshConfig();
        ConnectionPool.configure(Map.of("app", config));
        createItems("app");
        Session s = DatabaseManager.getSession("app");
        try {
            s.execute("insert into items (id, v) values (?, ?)", 1, 1);
            // another thread closes, as a shutdown hook would; the short grace ends with the session in use
            CompletableFuture.runAsync(() -> ConnectionPool.closeAllConnections(Duration.ofMillis(100)))
                    .get(60, TimeUnit.SECONDS);

            assertThatThrownBy(() -> s.execute("insert into items (id, v) values (?, ?)", 2, 2))
                    .isInstanceOf(PoolClosedException.class).hasMessageContaining("'app'")
                    .hasMessageContaining("closeAllConnections");
            assertThatThrownBy(s::commit).isInstanceOf(PoolClosedException.class).hasMessageContaining("'app'");
            assertThatThrownBy(s::rollback).isInstanceOf(PoolClosedException.class).hasMessageContaining("'app'");
            assertThatThrownBy(() -> s.query("select count(*) from items")).isInstanceOf(PoolClosedException.class);
        } finally {
            s.close();
        }
        assertThat(count(db, config)).as("rows committed after the close").isZero();
    }

    /** Defect: closing from the thread that holds a session waited the whole grace period for it. */
    @AllEngines
    void closingFromTheThreadThatHoldsASessionDoesNotWaitForIt(TestDatabase db) throws Exception {
        Map<String, Object> config = db.freshConfig();
        ConnectionPool.configure(Map.of("app", config));
        createItems("app");
        Duration grace = Duration.ofSeconds(60);
        try (Session s = DatabaseManager.getSession("app")) {
            s.execute("insert into items (id, v) values (?, ?)", 1, 1);
            long start = System.nanoTime();
            ConnectionPool.closeAllConnections(grace);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // without the fix this took the whole minute; a loaded machine needs far less than half
            assertThat(took).isLessThan(grace.dividedBy(2));
            assertThatThrownBy(s::commit).isInstanceOf(PoolClosedException.class);
        }
        assertThat(count(db, config)).isZero();
    }

    /** Sessions of other threads are still waited for, and finish their work. */
    @AllEngines
    void closingStillWaitsForSessionsOfOtherThreads(TestDatabase db) throws Exception {
        Map<String, Object> config = db.freshConfig();
        ConnectionPool.configure(Map.of("app", config));
        createItems("app");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
            Future<?> work = other.submit(() -> {
                try (Session s = DatabaseManager.getSession("app")) {
                    s.execute("insert into items (id, v) values (?, ?)", 1, 1);
                    holding.countDown();
                    TimeUnit.MILLISECONDS.sleep(300);
                    s.execute("insert into items (id, v) values (?, ?)", 2, 2);
                    s.commit();
                }
                return null;
            });
            assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();
            try (Session mine = DatabaseManager.getSession("app")) {
                mine.query("select count(*) from items");
                ConnectionPool.closeAllConnections(Duration.ofSeconds(60));
            }
            work.get(60, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        assertThat(count(db, config)).isEqualTo(2);
    }

    /** A row type whose mapping blocks, so that a thread stays inside a session call as long as a test wants. */
    public record Blocking(int v) {
        static volatile java.util.concurrent.CountDownLatch inside;
        static volatile java.util.concurrent.CountDownLatch release;

        public Blocking {
            inside.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("not released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Defect: two threads inserting through one session both "succeeded", and the connection could
     * go back to the pool idle in transaction. The second thread must fail at once, and the
     * connection must be closed rather than lent again.
     */
    @AllEngines
    void aSecondThreadCallingWhileTheFirstIsInsideACallFailsAndTheConnectionIsNotReused(TestDatabase db)
            throws Exception {
        Map<String, Object> config = db.freshConfig();
        ConnectionPool.configure(Map.of("app", Configs.with(config, "pool_size", 1)));
        createItems("app");
        Blocking.inside = new java.util.concurrent.CountDownLatch(1);
        Blocking.release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Session shared = DatabaseManager.getSession("app");
            shared.execute("insert into items (id, v) values (?, ?)", 1, 1);
            Connection physical = shared.connection().unwrap(Connection.class);
            Future<java.util.List<Blocking>> reading = first.submit(
                    () -> shared.query(Blocking.class, "select v from items where id = 1"));
            assertThat(Blocking.inside.await(60, TimeUnit.SECONDS)).as("first thread inside its call").isTrue();
            try {
                assertThatThrownBy(() -> shared.execute("insert into items (id, v) values (?, ?)", 2, 2))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'app'")
                        .hasMessageContaining("one thread at a time");
            } finally {
                Blocking.release.countDown();
            }
            assertThat(reading.get(60, TimeUnit.SECONDS)).extracting(Blocking::v).containsExactly(1);
            shared.close();
            // the connection was in doubt: closed (the pool closes an evicted one in the background)
            long closing = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!physical.isClosed() && System.nanoTime() < closing) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            assertThat(physical.isClosed()).as("physical connection closed, not reused").isTrue();
        } finally {
            Blocking.release.countDown();
            first.shutdownNow();
        }
        assertThat(count(db, config)).as("nothing committed").isZero();
        try (Session next = DatabaseManager.getSession("app")) {
            assertThat(next.query(Long.class, "select count(*) from items")).containsExactly(0L);
        }
    }

    /** Sequential hand-over between threads, one call at a time, stays allowed. */
    @Test
    void aSessionHandedOverBetweenCallsWorks() throws Exception {
        ConnectionPool.configure(Map.of("app", Configs.h2(unique())));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Session s = DatabaseManager.getSession("app")) {
            s.execute("create table items (id int primary key, v int)");
            other.submit(() -> s.execute("insert into items (id, v) values (?, ?)", 1, 1)).get(60, TimeUnit.SECONDS);
            s.execute("insert into items (id, v) values (?, ?)", 2, 2);
            other.submit(s::commit).get(60, TimeUnit.SECONDS);
            assertThat(s.query(Long.class, "select count(*) from items")).containsExactly(2L);
        } finally {
            other.shutdownNow();
        }
        assertThat(ConnectionPool.stats("app").active()).isZero();
    }

    /**
     * When the rollback at close fails, the connection is evicted: the next session gets a fresh
     * connection, not the old one still inside its transaction.
     */
    @Test
    void aConnectionWhoseRollbackFailedIsEvicted() throws Exception {
        String db = unique();
        ConnectionPool.configure(Map.of("app", Map.of("url", FailingRollbackDriver.PREFIX + "mem:" + db
                + ";DB_CLOSE_DELAY=-1", "driver_class", FailingRollbackDriver.class.getName(), "engine", "h2",
                "pool_size", 1)));
        try (Session s = DatabaseManager.getSession("app")) {
            s.execute("create table items (id int primary key, v int)");
            s.commit();
        }
        Session s = DatabaseManager.getSession("app");
        s.execute("insert into items (id, v) values (?, ?)", 1, 1);
        FailingRollbackDriver.FAIL.set(true);
        try {
            assertThatThrownBy(s::close).isInstanceOf(SqlExecutionException.class).hasMessageContaining("'app'")
                    .hasMessageContaining("rollback");
        } finally {
            FailingRollbackDriver.FAIL.set(false);
        }
        try (Session next = DatabaseManager.getSession("app")) {
            // the same connection would still see its own uncommitted row
            assertThat(next.query(Long.class, "select count(*) from items")).containsExactly(0L);
        }
        assertThat(ConnectionPool.stats("app").active()).isZero();
    }

    /** Wraps H2; while {@link #FAIL} is set, {@code rollback()} fails as a broken driver's would. */
    public static final class FailingRollbackDriver implements FakeDriver {
        static final String PREFIX = "jdbc:failrollback:";
        static final AtomicBoolean FAIL = new AtomicBoolean();

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            if (!acceptsURL(url)) {
                return null;
            }
            Connection h2 = new org.h2.Driver().connect("jdbc:h2:" + url.substring(PREFIX.length()), info);
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("rollback") && (args == null || args.length == 0) && FAIL.get()) {
                            throw new SQLException("rollback refused by the test driver", "HY000");
                        }
                        try {
                            return method.invoke(h2, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public boolean acceptsURL(String url) {
            return url != null && url.startsWith(PREFIX);
        }
    }
}
