package io.multidb.connection;

import static io.multidb.connection.Configs.h2;
import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.AllEngines;
import io.multidb.testkit.ClosePools;
import io.multidb.testkit.ProvokesWarnings;
import io.multidb.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@link LabelSource} wired into an instance: looked up once per label on a miss, misses and
 * failures remembered, one broken tenant isolated, and catalog changes applied to open tenants.
 */
@ExtendWith(ClosePools.class)
class LabelSourceTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeInstances() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void thirtyTwoThreadsAskingForANewTenantAtOnceCallTheSourceOnce() throws Exception {
        MultiDb db = instance();
        String tenant = unique("tenant");
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch allAsking = new CountDownLatch(32);
        db.setLabelSource(label -> {
            calls.incrementAndGet();
            await(allAsking);
            return Optional.of(DatabaseConfig.fromMap(label, h2(unique())));
        });
        ExecutorService threads = Executors.newFixedThreadPool(32);
        try {
            List<Future<List<Integer>>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(threads.submit(() -> {
                    allAsking.countDown();
                    try (Session s = db.session(tenant)) {
                        return s.query(Integer.class, "select 1");
                    }
                }));
            }
            for (Future<List<Integer>> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).containsExactly(1);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(calls).hasValue(1);
        assertThat(db.labels()).contains(tenant);
    }

    @Test
    void anUnknownTenantIsAskedForOncePerMissPeriod() {
        AtomicLong clock = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        MultiDb db = instance();
        db.setLabelSource(LabelSourceSettings.of(label -> {
            calls.incrementAndGet();
            return Optional.empty();
        }).withMissCacheTime(Duration.ofSeconds(30)).withNanoTime(clock::get));

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> db.session("nobody"))
                    .isInstanceOf(UnknownLabelException.class)
                    .hasMessageStartingWith("No database is configured with label 'nobody'. Configured labels: [main].");
        }
        assertThat(calls).hasValue(1);
        clock.addAndGet(Duration.ofSeconds(30).toNanos() - 1);
        assertThatThrownBy(() -> db.readSession("nobody")).isInstanceOf(UnknownLabelException.class);
        assertThat(calls).hasValue(1);
        clock.addAndGet(1);
        assertThatThrownBy(() -> db.inTransaction("nobody", s -> s.query("select 1")))
                .isInstanceOf(UnknownLabelException.class);
        assertThatThrownBy(() -> db.dataSource("nobody")).isInstanceOf(UnknownLabelException.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    @ProvokesWarnings("io.multidb.connection.internal.SourcedLabels") // the broken tenant is logged
    void aThrowingSourceFailsOnlyThatTenantAndIsNotHammered() {
        AtomicLong clock = new AtomicLong();
        AtomicInteger brokenCalls = new AtomicInteger();
        MultiDb db = instance();
        db.setLabelSource(LabelSourceSettings.of(label -> {
            if (label.equals("broken")) {
                brokenCalls.incrementAndGet();
                throw new IllegalStateException("catalog row unreadable, password=hunter2");
            }
            if (label.equals("misnamed")) {
                return Optional.of(DatabaseConfig.fromMap("someone_else", h2(unique())));
            }
            return Optional.of(DatabaseConfig.fromMap(label, h2(unique())));
        }).withFailureCacheTime(Duration.ofSeconds(5)).withNanoTime(clock::get));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> db.session("broken"))
                    .isInstanceOfSatisfying(LabelSourceException.class, e -> assertThat(e.label()).isEqualTo("broken"))
                    .hasMessageContaining("Database 'broken' is not configured, and looking it up in the label source")
                    .hasMessageContaining("java.lang.IllegalStateException")
                    .hasMessageNotContaining("hunter2")
                    .hasRootCauseInstanceOf(IllegalStateException.class);
        }
        assertThat(brokenCalls).hasValue(1);
        assertThatThrownBy(() -> db.session("misnamed"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.label()).isEqualTo("misnamed"))
                .hasMessageContaining("label is 'someone_else'");

        assertThat(selectOne(db, "main")).containsExactly(1);
        assertThat(selectOne(db, "healthy")).containsExactly(1);
        assertThat(db.labels()).containsExactly("healthy", "main");

        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThatThrownBy(() -> db.session("broken")).isInstanceOf(LabelSourceException.class);
        assertThat(brokenCalls).hasValue(2);
    }

    @Test
    void configuredLabelsStatisticsAndAConcurrentAddNeverUseTheSource() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch asked = new CountDownLatch(1);
        String mine = unique("mine");
        MultiDb db = instance();
        db.setLabelSource(label -> {
            calls.incrementAndGet();
            asked.countDown();
            await(release);
            return Optional.of(DatabaseConfig.fromMap(label, h2(unique("theirs"))));
        });

        assertThat(selectOne(db, "main")).containsExactly(1);
        assertThatThrownBy(() -> db.stats("tenant")).isInstanceOf(UnknownLabelException.class);
        assertThat(calls).hasValue(0);

        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<String> url = thread.submit(() -> url(db, "tenant"));
            assertThat(asked.await(30, TimeUnit.SECONDS)).isTrue();
            db.addLabel("tenant", h2(mine));
            release.countDown();
            assertThat(url.get(30, TimeUnit.SECONDS)).contains(mine);
        } finally {
            thread.shutdownNow();
        }
        assertThat(url(db, "tenant")).contains(mine);
        assertThat(calls).hasValue(1);
    }

    @Test
    void theFacadeTakesASourceAndDropsItWhenClosed() {
        ConnectionPool.configure(Map.of("main", h2(unique())));
        AtomicInteger calls = new AtomicInteger();
        ConnectionPool.setLabelSource(label -> {
            calls.incrementAndGet();
            return Optional.of(DatabaseConfig.fromMap(label, h2(unique())));
        });

        List<Integer> one = DatabaseManager.read("acme", s -> s.query(Integer.class, "select 1"));
        assertThat(one).containsExactly(1);
        assertThat(ConnectionPool.labels()).containsExactly("acme", "main");
        ConnectionPool.closeAllConnections();
        ConnectionPool.configure(Map.of("main", h2(unique())));

        assertThatThrownBy(() -> DatabaseManager.getSession("acme")).isInstanceOf(UnknownLabelException.class);
        assertThat(calls).hasValue(1);
    }

    @AllEngines
    void catalogTenantsAreAddedReplacedAndRemovedAsTheirRowsChange(TestDatabase catalogDb) throws SQLException {
        MultiDb db = MultiDb.create(Map.of("catalog", catalogDb.freshConfig()));
        toClose.add(db);
        db.inTransaction("catalog", s -> s.execute("create table tenants (tenant_id varchar(64) primary key,"
                + " engine varchar(20), db varchar(255), username varchar(255), password varchar(1000))"));
        FernetSecretResolver fernet = FernetSecretResolver.of(FernetSecretResolver.generateKey());
        CatalogLabelSource tenants = CatalogLabelSource.builder(db, "catalog").secretResolver(fernet).build();
        db.setLabelSource(tenants);
        tenants.reload();
        String first = unique("first");
        String second = unique("second");

        assertThatThrownBy(() -> db.session("acme")).isInstanceOf(UnknownLabelException.class);
        db.inTransaction("catalog", s -> s.execute("insert into tenants (tenant_id, engine, db, username, password)"
                + " values (?, 'h2', ?, 'sa', ?)", "acme", "mem:" + first, fernet.encrypt("")));
        tenants.reload(); // the new row is a change: the remembered miss is forgotten
        assertThat(url(db, "acme")).contains(first);

        db.inTransaction("catalog", s -> s.execute("update tenants set db = ? where tenant_id = ?", "mem:" + second,
                "acme"));
        assertThat(url(db, "acme")).contains(first);
        assertThat(tenants.reload().changed()).containsExactly("acme");
        assertThat(url(db, "acme")).contains(second);

        db.inTransaction("catalog", s -> s.execute("delete from tenants where tenant_id = ?", "acme"));
        assertThat(tenants.reload().removed()).containsExactly("acme");
        assertThat(db.labels()).containsExactly("catalog");
        assertThatThrownBy(() -> db.session("acme"))
                .isInstanceOf(UnknownLabelException.class)
                .hasMessageStartingWith("No database is configured with label 'acme'.");
    }

    private MultiDb instance() {
        MultiDb db = MultiDb.create(Map.of("main", h2(unique())));
        toClose.add(db);
        return db;
    }

    private static List<Integer> selectOne(MultiDb db, String label) {
        return db.read(label, s -> s.query(Integer.class, "select 1"));
    }

    private static String url(MultiDb db, String label) throws SQLException {
        try (Connection c = db.dataSource(label).getConnection()) {
            return c.getMetaData().getURL();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gave up waiting for the other threads");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
