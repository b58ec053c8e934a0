package io.multidb.connection;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import io.multidb.testkit.ClosePools;

@ExtendWith(ClosePools.class)
class ConnectionPoolTest {

    @Test
    void getSessionBeforeConfigureSaysToCallConfigureFirst() {
        assertThat(ConnectionPool.isConfigured()).isFalse();
        assertThatThrownBy(() -> DatabaseManager.getSession("default_db"))
                .isInstanceOf(NotConfiguredException.class)
                .hasMessageContaining("ConnectionPool.configure(...) has not been called")
                .hasMessageContaining("call it once at start-up, before the first DatabaseManager.getSession(...)");
    }

    @Test
    void unknownLabelListsConfiguredLabelsAndSuggestsTheClosest() {
        ConnectionPool.configure(Map.of("default_db", Configs.h2(unique()), "audit_db", Configs.h2(unique())));
        assertThatThrownBy(() -> DatabaseManager.getSession("audti_db"))
                .isInstanceOfSatisfying(UnknownLabelException.class, e -> {
                    assertThat(e.label()).isEqualTo("audti_db");
                    assertThat(e.configuredLabels()).containsExactly("audit_db", "default_db");
                })
                .hasMessage("No database is configured with label 'audti_db'. Configured labels: [audit_db,"
                        + " default_db]. Did you mean 'audit_db'?");
        assertThatThrownBy(() -> DatabaseManager.getSession("zzz"))
                .hasMessage("No database is configured with label 'zzz'. Configured labels: [audit_db, default_db].");
    }

    @Test
    void configureTwiceWithoutClosingIsRefused() {
        ConnectionPool.configure(Map.of("a", Configs.h2(unique())));
        assertThatThrownBy(() -> ConnectionPool.configure(Map.of("b", Configs.h2(unique()))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already configured (labels [a])")
                .hasMessageContaining("call ConnectionPool.closeAllConnections() before configuring again");
        assertThat(ConnectionPool.labels()).containsExactly("a");
    }

    @Test
    void closeAllConnectionsIsIdempotentAndAllowsConfiguringAgain() {
        ConnectionPool.configure(Map.of("a", Configs.h2(unique())));
        ConnectionPool.closeAllConnections();
        ConnectionPool.closeAllConnections();
        assertThat(ConnectionPool.isConfigured()).isFalse();
        assertThat(ConnectionPool.labels()).isEmpty();
        ConnectionPool.configure(Map.of("b", Configs.h2(unique())));
        assertThat(ConnectionPool.labels()).containsExactly("b");
    }

    @Test
    void oneInvalidLabelLeavesNothingConfigured() {
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put("good", Configs.with(Configs.h2(unique()), "lazy", false));
        configs.put("bad", Configs.with(Configs.h2(unique()), "pool_size", -1));
        int threadsBefore = multidbThreads();
        assertThatThrownBy(() -> ConnectionPool.configure(configs))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.label()).isEqualTo("bad");
                    assertThat(e.key()).isEqualTo("pool_size");
                });
        assertThat(ConnectionPool.isConfigured()).isFalse();
        assertThat(multidbThreads()).isEqualTo(threadsBefore);
    }

    @Test
    void anUnreachableEagerLabelFailsConfigureAndClosesTheOthers() throws InterruptedException {
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put("first", Configs.with(Configs.h2(unique()), "lazy", false));
        configs.put("down", Map.of("url", "jdbc:postgresql://127.0.0.1:1/none", "user", "app", "lazy", false));
        assertThatThrownBy(() -> ConnectionPool.configure(configs))
                .isInstanceOfSatisfying(ConnectionFailedException.class, e -> assertThat(e.label()).isEqualTo("down"));
        assertThat(ConnectionPool.isConfigured()).isFalse();
        awaitNoThreadStartingWith("multidb-first");
    }

    @Test
    void aDatabaseConfigUnderADifferentKeyIsRefused() {
        DatabaseConfig c = DatabaseConfig.builder("orders").url("jdbc:h2:mem:" + unique()).build();
        assertThatThrownBy(() -> ConnectionPool.configure(Map.of("billing", c)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.label()).isEqualTo("billing");
                    assertThat(e.key()).isEqualTo("label");
                })
                .hasMessageContaining("'orders'");
    }

    @Test
    void xaWithoutAProviderNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> ConnectionPool.configure(Map.of("ledger", Configs.with(Configs.h2(unique()), "xa", true))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.label()).isEqualTo("ledger");
                    assertThat(e.key()).isEqualTo("xa");
                })
                .hasMessageContaining("io.multidb:multidb-jta-support");
        assertThat(ConnectionPool.isConfigured()).isFalse();
    }

    @Test
    void aLazyLabelOpensNoPoolUntilFirstUseAndTheEagerOneOpensAtConfigure() {
        String lazyName = unique();
        ConnectionPool.configure(Map.of(
                "lazy_one", Configs.h2(lazyName),
                "eager_one", Configs.with(Configs.h2(unique()), "lazy", false)));
        assertThat(ConnectionPool.stats("lazy_one")).isEqualTo(new PoolStats(0, 0, 0, 0, 2));
        assertThat(ConnectionPool.stats("eager_one").total()).isPositive();
        assertThat(threadNames()).noneMatch(n -> n.contains("multidb-lazy_one"));
        try (Session s = DatabaseManager.getSession("lazy_one")) {
            s.query("select 1");
        }
        assertThat(ConnectionPool.stats("lazy_one").total()).isPositive();
        // an open pool's periodic work runs on the shared housekeeper, not on a thread of its own
        assertThat(threadNames()).anyMatch(n -> n.startsWith("multidb-housekeeper-"));
    }

    @Test
    void statsReportActiveIdleAndMax() {
        ConnectionPool.configure(Map.of("s", Configs.with(Configs.h2(unique()), "pool_size", 1, "max_overflow", 2)));
        try (Session a = DatabaseManager.getSession("s"); Session b = DatabaseManager.getSession("s")) {
            a.query("select 1");
            b.query("select 1");
            PoolStats stats = ConnectionPool.stats("s");
            assertThat(stats.active()).isEqualTo(2);
            assertThat(stats.max()).isEqualTo(3);
            assertThat(stats.total()).isEqualTo(stats.active() + stats.idle());
        }
        assertThat(ConnectionPool.stats("s").active()).isZero();
    }

    @Test
    void anExhaustedPoolReportsTheLabelTheWaitAndThePoolState() {
        ConnectionPool.configure(Map.of("tiny", Configs.with(Configs.h2(unique()), "pool_size", 1,
                "pool_timeout", 0.25)));
        try (Session holder = DatabaseManager.getSession("tiny"); Session waiter = DatabaseManager.getSession("tiny")) {
            holder.query("select 1");
            assertThatThrownBy(() -> waiter.query("select 1"))
                    .isInstanceOfSatisfying(PoolExhaustedException.class, e -> {
                        assertThat(e.label()).isEqualTo("tiny");
                        assertThat(e.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
                        assertThat(e.stats().active()).isEqualTo(1);
                        assertThat(e.stats().max()).isEqualTo(1);
                    })
                    .hasMessageContaining("No connection for database 'tiny' within ")
                    .hasMessageContaining("(pool multidb-tiny: active 1, idle 0, waiting ")
                    .hasMessageContaining("max 1)");
        }
    }

    @Test
    void closeAllConnectionsRefusesNewSessionsAndWaitsForTheOnesInUse() throws Exception {
        ConnectionPool.configure(Map.of("busy", Configs.h2(unique())));
        Session early = DatabaseManager.getSession("busy");
        CountDownLatch inUse = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Long> worker = pool.submit(() -> {
                try (Session s = DatabaseManager.getSession("busy")) {
                    s.execute("create table t (id int)");
                    inUse.countDown();
                    TimeUnit.MILLISECONDS.sleep(300);
                    s.execute("insert into t values (1)");
                    s.commit();
                    return s.query(Long.class, "select count(*) from t").get(0);
                }
            });
            assertThat(inUse.await(10, TimeUnit.SECONDS)).isTrue();
            ConnectionPool.closeAllConnections(Duration.ofSeconds(10));
            assertThat(worker.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
        } finally {
            pool.shutdownNow();
        }
        assertThatThrownBy(() -> DatabaseManager.getSession("busy")).isInstanceOf(NotConfiguredException.class);
        assertThatThrownBy(() -> early.query("select 1"))
                .isInstanceOf(MultiDbException.class)
                .hasMessageContaining("Database 'busy' is closed");
        early.close();
        awaitNoThreadStartingWith("multidb-busy");
    }

    @Test
    void twoHundredLazyLabelsOpenNoConnectionAndNoThread() {
        int threadsBefore = Thread.activeCount();
        Map<String, Object> configs = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            configs.put("tenant_" + i, Map.of("url", "jdbc:postgresql://127.0.0.1:1/tenant_" + i, "user", "app"));
        }
        ConnectionPool.configure(configs);
        assertThat(ConnectionPool.labels()).hasSize(200);
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore);
        assertThat(threadNames()).noneMatch(n -> n.startsWith("multidb-tenant_"));
        for (String label : ConnectionPool.labels()) {
            assertThat(ConnectionPool.stats(label).total()).isZero();
        }
    }

    @Test
    void dataSourceServesSpringJdbcTemplateAndFlywayWithAutoCommitOn() throws Exception {
        ConnectionPool.configure(Map.of("app", Configs.h2(unique())));
        DataSource ds = ConnectionPool.dataSource("app");

        Flyway.configure().dataSource(ds).locations("classpath:db/flyway-test").load().migrate();

        JdbcTemplate jdbc = new JdbcTemplate(ds);
        jdbc.update("insert into greeting (id, text) values (?, ?)", 2, "from spring");
        assertThat(jdbc.queryForList("select text from greeting order by id", String.class))
                .containsExactly("from flyway", "from spring");
        try (Connection c = ds.getConnection()) {
            assertThat(c.getAutoCommit()).isTrue();
        }
        try (Session s = DatabaseManager.getSession("app")) {
            assertThat(s.connection().getAutoCommit()).isFalse();
            assertThat(s.query(Long.class, "select count(*) from greeting")).containsExactly(2L);
        }
        assertThatThrownBy(() -> ds.getConnection("u", "p")).isInstanceOf(java.sql.SQLFeatureNotSupportedException.class);
        assertThat(ds.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)).isTrue();
        assertThat(ds.unwrap(com.zaxxer.hikari.HikariDataSource.class).getPoolName()).isEqualTo("multidb-app");
        assertThatThrownBy(() -> ds.unwrap(String.class)).isInstanceOf(java.sql.SQLException.class)
                .hasMessageContaining("Database 'app'");
    }

    @Test
    void labelsAreSortedAndIsConfiguredFollowsTheLifecycle() {
        ConnectionPool.configure(Map.of("b", Configs.h2(unique()), "a", Configs.h2(unique())));
        assertThat(ConnectionPool.isConfigured()).isTrue();
        assertThat(List.copyOf(ConnectionPool.labels())).containsExactly("a", "b");
    }

    /** Pool threads end just after their executor reports termination; give them a bounded moment. */
    static void awaitNoThreadStartingWith(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (threadNames().stream().anyMatch(n -> n.startsWith(prefix)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(threadNames()).noneMatch(n -> n.startsWith(prefix));
    }

    static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
    }

    static int multidbThreads() {
        return (int) threadNames().stream().filter(n -> n.startsWith("multidb-")).count();
    }
}
