package io.multidb.connection;

import static io.multidb.connection.Configs.h2;
import static io.multidb.connection.Configs.with;
import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.AllEngines;
import io.multidb.testkit.ClosePools;
import io.multidb.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Labels added, removed and replaced while sessions run: {@code ConnectionPool.addLabel},
 * {@code removeLabel}, {@code replaceLabel} and the same on {@link MultiDb}.
 */
@ExtendWith(ClosePools.class)
class LabelChangesTest {
    private static final Duration LONG_GRACE = Duration.ofSeconds(30);

    @Test
    void anAddedLabelServesSessionsAtOnce() {
        ConnectionPool.configure(Map.of("main", h2(unique())));
        String tenant = unique("tenant");

        ConnectionPool.addLabel(tenant, h2(unique()));

        assertThat(ConnectionPool.labels()).containsExactlyInAnyOrder("main", tenant);
        DatabaseManager.inTransaction(tenant, s -> s.execute("create table items (id int)"));
        try (Session s = DatabaseManager.getSession(tenant)) {
            s.execute("insert into items (id) values (?)", 7);
            s.commit();
        }
        assertThat(rows(DatabaseManager.read(tenant, s -> s.query(Integer.class, "select id from items"))))
                .containsExactly(7);
    }

    @Test
    void anAddedLabelMayBeADatabaseConfig() {
        try (MultiDb db = MultiDb.create(Map.of("main", h2(unique())))) {
            String tenant = unique("tenant");
            db.addLabel(tenant, DatabaseConfig.fromMap(tenant, h2(unique())));

            assertThat(rows(db.read(tenant, s -> s.query(Integer.class, "select 1")))).containsExactly(1);
        }
    }

    @Test
    void addingALabelThatIsConfiguredIsRefusedNamingIt() {
        ConnectionPool.configure(Map.of("main", h2(unique())));

        assertThatThrownBy(() -> ConnectionPool.addLabel("main", h2(unique())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Database 'main' is already configured; use ConnectionPool.replaceLabel(...) to change its"
                        + " configuration, or ConnectionPool.removeLabel(...) first");
    }

    @Test
    void anInvalidLabelIsRefusedAsConfigureRefusesItAndLeavesNothing() {
        ConnectionPool.configure(Map.of("main", h2(unique())));
        String tenant = unique("tenant");

        assertThatThrownBy(() -> ConnectionPool.addLabel(tenant, with(h2(unique()), "pool_sise", 3)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Database '" + tenant + "'")
                .hasMessageContaining("pool_sise")
                .hasMessageContaining("pool_size");
        assertThatThrownBy(() -> ConnectionPool.addLabel(tenant, "jdbc:h2:mem:x"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must be a DatabaseConfig or a Map");

        assertThat(ConnectionPool.labels()).containsExactly("main");
        assertThatThrownBy(() -> DatabaseManager.getSession(tenant)).isInstanceOf(UnknownLabelException.class);
    }

    @Test
    void anUnreachableEagerLabelLeavesNoPoolNoThreadAndCanBeAddedLater() {
        try (MultiDb db = MultiDb.create(Map.of("main", h2(unique())))) {
            String tenant = unique("tenant");
            Map<String, Object> unreachable = Map.of("url", "jdbc:h2:tcp://127.0.0.1:1/mem:nowhere", "user", "sa",
                    "lazy", false, "pool_timeout", 1);

            assertThatThrownBy(() -> db.addLabel(tenant, unreachable))
                    .isInstanceOf(ConnectionFailedException.class)
                    .hasMessageContaining(tenant);

            assertThat(db.labels()).containsExactly("main");
            assertThat(threadsNaming(tenant)).isEmpty();
            assertThatThrownBy(() -> db.session(tenant)).isInstanceOf(UnknownLabelException.class);

            db.addLabel(tenant, with(h2(unique()), "lazy", false));
            assertThat(rows(db.read(tenant, s -> s.query(Integer.class, "select 1")))).containsExactly(1);
        }
    }

    @Test
    void sessionsOnOtherLabelsDoNotWaitForALabelThatIsStillConnecting() throws Exception {
        try (MultiDb db = MultiDb.create(Map.of("main", h2(unique())))) {
            String tenant = unique("tenant");
            GatedDriver.Gate gate = GatedDriver.close(tenant);
            ExecutorService adder = Executors.newSingleThreadExecutor();
            try {
                Future<?> adding = adder.submit(() -> db.addLabel(tenant, with(GatedDriver.config(tenant),
                        "lazy", false)));
                assertThat(gate.awaitReached()).as("addLabel is opening the label's first connection").isTrue();

                assertThat(rows(db.read("main", s -> s.query(Integer.class, "select 1")))).containsExactly(1);
                try (Session s = db.session("main")) {
                    s.query("select 1");
                }
                assertThat(db.labels()).containsExactly("main");
                assertThat(adding.isDone()).isFalse();

                gate.open();
                adding.get(20, TimeUnit.SECONDS);
                assertThat(db.labels()).containsExactlyInAnyOrder("main", tenant);
            } finally {
                gate.open();
                adder.shutdownNow();
            }
        }
    }

    @Test
    void aRemovedLabelRefusesNewSessionsWithTheUsualMessage() {
        ConnectionPool.configure(Map.of("orders", h2(unique()), "audit", h2(unique())));
        ConnectionPool.addLabel("orders_eu", h2(unique()));

        ConnectionPool.removeLabel("orders_eu");

        assertThat(ConnectionPool.labels()).containsExactly("audit", "orders");
        assertThatThrownBy(() -> DatabaseManager.getSession("orders_eu"))
                .isInstanceOf(UnknownLabelException.class)
                .hasMessage("No database is configured with label 'orders_eu'. Configured labels: [audit, orders]."
                        + " Did you mean 'orders'?");
        assertThatThrownBy(() -> ConnectionPool.removeLabel("orders_eu")).isInstanceOf(UnknownLabelException.class);
        assertThat(rows(DatabaseManager.read("orders", s -> s.query(Integer.class, "select 1")))).containsExactly(1);
    }

    @Test
    void anOpenSessionFinishesWithinTheGraceWhileNewSessionsAreRefused() throws Exception {
        Map<String, Object> tenantDb = h2(unique());
        ConnectionPool.configure(Map.of("main", h2(unique()), "check", tenantDb));
        ConnectionPool.addLabel("tenant", tenantDb);
        DatabaseManager.inTransaction("tenant", s -> s.execute("create table items (id int)"));
        ExecutorService remover = Executors.newSingleThreadExecutor();
        Session open = DatabaseManager.getSession("tenant");
        try {
            open.execute("insert into items (id) values (?)", 1);

            Future<?> removal = remover.submit(() -> ConnectionPool.removeLabel("tenant", LONG_GRACE));
            awaitLabelGone("tenant");

            assertThat(removal.isDone()).isFalse(); // it waits for the open session
            assertThatThrownBy(() -> DatabaseManager.getSession("tenant")).isInstanceOf(UnknownLabelException.class);
            open.execute("insert into items (id) values (?)", 2);
            open.commit();
            open.close();
            removal.get(20, TimeUnit.SECONDS);
        } finally {
            open.close();
            remover.shutdownNow();
        }
        assertThat(rows(DatabaseManager.read("check", s -> s.query(Integer.class, "select id from items order by id"))))
                .containsExactly(1, 2);
    }

    @Test
    void aSessionStillOpenAfterTheGraceLosesItsConnectionAndIsToldWhy() {
        try (MultiDb db = MultiDb.create(Map.of("main", h2(unique()), "tenant", h2(unique())))) {
            Session open = db.session("tenant");
            open.execute("create table items (id int)");
            Session notYetUsed = db.session("tenant");

            db.removeLabel("tenant", Duration.ZERO);

            assertThatThrownBy(() -> open.execute("insert into items (id) values (1)"))
                    .isInstanceOf(PoolClosedException.class)
                    .hasMessageContaining("Database 'tenant' was removed by MultiDb.removeLabel(...) while this session"
                            + " held a connection");
            assertThatThrownBy(() -> notYetUsed.query("select 1"))
                    .isInstanceOf(PoolClosedException.class)
                    .hasMessageContaining("Database 'tenant' was removed by MultiDb.removeLabel(...)")
                    .hasMessageContaining("Open a new session");
            open.close();
            notYetUsed.close();
            assertThat(db.stats("main").active()).isZero();
        }
    }

    @Test
    void replaceGivesNewSessionsTheNewPoolWhileOpenSessionsFinishOnTheOld() throws Exception {
        Map<String, Object> oldDb = h2(unique());
        Map<String, Object> newDb = h2(unique());
        try (MultiDb db = MultiDb.create(Map.of("tenant", oldDb, "old", oldDb, "new", newDb))) {
            db.inTransaction("old", s -> s.execute("create table which (name varchar(10))")
                    + s.execute("insert into which values ('old')"));
            db.inTransaction("new", s -> s.execute("create table which (name varchar(10))")
                    + s.execute("insert into which values ('new')"));
            ExecutorService replacer = Executors.newSingleThreadExecutor();
            Session onOld = db.session("tenant");
            try {
                assertThat(onOld.query(String.class, "select name from which")).containsExactly("old");

                Future<?> replacement = replacer.submit(() -> db.replaceLabel("tenant", newDb, LONG_GRACE));
                awaitWhich(db, "tenant", "new");

                assertThat(replacement.isDone()).isFalse(); // the old pool waits for onOld
                assertThat(rows(db.read("tenant", s -> s.query(String.class, "select name from which"))))
                        .containsExactly("new");
                assertThat(onOld.query(String.class, "select name from which")).containsExactly("old");
                onOld.commit();
                onOld.close();
                replacement.get(20, TimeUnit.SECONDS);
            } finally {
                onOld.close();
                replacer.shutdownNow();
            }
            assertThat(db.labels()).containsExactly("new", "old", "tenant");
        }
    }

    @Test
    void aFailedReplaceKeepsTheOldConfiguration() {
        try (MultiDb db = MultiDb.create(Map.of("tenant", h2(unique())))) {
            db.inTransaction("tenant", s -> s.execute("create table items (id int)"));

            assertThatThrownBy(() -> db.replaceLabel("tenant", with(h2(unique()), "max_overflow", -1)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("max_overflow");
            assertThatThrownBy(() -> db.replaceLabel("tenant", Map.of("url", "jdbc:h2:tcp://127.0.0.1:1/mem:nowhere",
                    "user", "sa", "lazy", false, "pool_timeout", 1)))
                    .isInstanceOf(ConnectionFailedException.class);
            assertThatThrownBy(() -> db.replaceLabel("elsewhere", h2(unique())))
                    .isInstanceOf(UnknownLabelException.class);

            assertThat(rows(db.read("tenant", s -> s.query(Long.class, "select count(*) from items")))).containsExactly(0L);
        }
    }

    @Test
    void replacingALabelKeepsTheInMemoryDatabaseMultidbNamedForIt() {
        String tenant = unique("tenant");
        try (MultiDb db = MultiDb.create(Map.of(tenant, Map.of("engine", "h2", "db", ":memory:")))) {
            db.inTransaction(tenant, s -> s.execute("create table items (id int)")
                    + s.execute("insert into items values (1)"));

            db.replaceLabel(tenant, Map.of("engine", "h2", "db", ":memory:", "pool_size", 3));

            assertThat(db.stats(tenant).max()).isEqualTo(3);
            assertThat(rows(db.read(tenant, s -> s.query(Integer.class, "select id from items")))).containsExactly(1);
        }
    }

    @Test
    void closingTheInstanceClosesLabelsAddedAtRuntime() {
        MultiDb db = MultiDb.create(Map.of("main", h2(unique())));
        String tenant = unique("tenant");
        db.addLabel(tenant, with(h2(unique()), "lazy", false));
        assertThat(db.stats(tenant).total()).isPositive();

        db.close();

        assertThat(threadsNaming(tenant)).isEmpty();
        assertThatThrownBy(() -> db.addLabel(unique("late"), h2(unique()))).isInstanceOf(PoolClosedException.class);
        assertThatThrownBy(() -> db.removeLabel(tenant)).isInstanceOf(PoolClosedException.class);
    }

    /**
     * Four threads hammer label {@code a} while another adds, replaces and removes label {@code b}
     * fifty times (twenty on a server) and a sixth uses {@code b} whenever it exists: every session on {@code a} succeeds,
     * and sessions on {@code b} fail only with the errors of a label that is not there.
     */
    @AllEngines
    void labelChangesUnderLoadFailNoSessionOnAnotherLabel(TestDatabase database) throws Exception {
        ConnectionPool.configure(Map.of("a", with(database.freshConfig(), "pool_size", 4)));
        Map<String, Object> first = with(database.freshConfig(), "pool_size", 1);
        Map<String, Object> second = with(database.freshConfig(), "pool_size", 1);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger onB = new AtomicInteger();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService workers = Executors.newFixedThreadPool(5);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(5);
        try {
            for (int i = 0; i < 4; i++) {
                running.add(CompletableFuture.runAsync(() -> {
                    started.countDown();
                    while (!done.get()) {
                        attempts.incrementAndGet();
                        try (Session s = DatabaseManager.getSession("a")) {
                            if (s.query("select 1 as one").size() == 1) {
                                succeeded.incrementAndGet();
                            }
                        } catch (RuntimeException | Error e) {
                            failures.add(e);
                        }
                    }
                }, workers));
            }
            running.add(CompletableFuture.runAsync(() -> {
                started.countDown();
                while (!done.get()) {
                    try (Session s = DatabaseManager.getSession("b")) {
                        s.query("select 1 as one");
                        onB.incrementAndGet();
                    } catch (UnknownLabelException | PoolClosedException expected) {
                        // b is absent, or was removed between getSession and the query
                    } catch (RuntimeException | Error e) {
                        failures.add(e);
                    }
                }
            }, workers));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            // each round opens and closes pools of b; on a server that costs HikariCP about half a second
            int rounds = database.engine() == Engine.H2 ? 50 : 20;
            for (int round = 0; round < rounds; round++) {
                ConnectionPool.addLabel("b", first);
                ConnectionPool.replaceLabel("b", second, Duration.ofSeconds(10));
                ConnectionPool.removeLabel("b", Duration.ofSeconds(10));
            }
        } finally {
            done.set(true);
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            workers.shutdown();
        }

        assertThat(failures).isEmpty();
        assertThat(succeeded.get()).isEqualTo(attempts.get()).isPositive();
        assertThat(ConnectionPool.labels()).containsExactly("a");
        assertThat(threadsNaming("multidb-b ")).isEmpty();
    }

    /** Gives the rows a type of their own, which AssertJ's overloaded assertThat needs. */
    private static <T> List<T> rows(List<T> rows) {
        return rows;
    }

    private static List<String> threadsNaming(String text) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.contains(text)).toList();
    }

    /** Waits (without a time assertion) until the label is no longer configured. */
    private static void awaitLabelGone(String label) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ConnectionPool.labels().contains(label) && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        assertThat(ConnectionPool.labels()).doesNotContain(label);
    }

    /** Waits until new sessions on the label find {@code name} in table {@code which}. */
    private static void awaitWhich(MultiDb db, String label, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!which(db, label).equals(name) && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        assertThat(which(db, label)).isEqualTo(name);
    }

    private static String which(MultiDb db, String label) {
        try (Session s = db.session(label)) {
            return s.query(String.class, "select name from which").get(0);
        }
    }
}
