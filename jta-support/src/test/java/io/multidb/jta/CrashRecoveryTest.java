package io.multidb.jta;

import static io.multidb.testkit.TestNames.unique;
import static io.multidb.jta.XaFixtures.xa;
import static org.assertj.core.api.Assertions.assertThat;

import io.multidb.testkit.ClosePools;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.Engine;
import io.multidb.testkit.ProvokesWarnings;
import io.multidb.testkit.RequiresEngine;
import io.multidb.testkit.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM runs an XA unit of work and is killed ({@code Runtime.halt}) inside two-phase
 * commit; a second child with the same node id and log directory recovers. Before recovery the
 * databases hold the dead node's prepared branches; after it they hold none, the log directory holds
 * no unfinished transaction, and the rows are on every database or on none.
 */
@Tag("crash")
@ExtendWith(ClosePools.class)
class CrashRecoveryTest {

    /**
     * Under this, a call did not wait out the default recovery backoff (10 s; 8 s left of it at the
     * shut-down, which comes 2 s into the pass); the calls themselves take milliseconds, so a loaded
     * machine has seconds of room either way.
     */
    private static final Duration WELL_UNDER_THE_BACKOFF = JtaSettings.DEFAULT_RECOVERY_BACKOFF_PERIOD.dividedBy(2);

    @TempDir
    Path tmp;

    @BeforeAll
    static void enableJta() {
        TestJta.enable();
    }

    private static String nodeId() {
        return unique("crash");
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    void killedAfterTheCommitDecisionWasLoggedRecoveryCommitsPostgresqlAndMariadb(TestDatabase pg,
            TestDatabase maria) throws Exception {
        Map<String, Map<String, Object>> labels = labels("pg", xa(pg), "maria", xa(maria));
        try (Servers servers = new Servers(pg, maria)) {
            crashThenRecover(labels, "commit", servers, true);
        }
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    void killedDuringPrepareRecoveryRollsBackPostgresqlAndMariadb(TestDatabase pg, TestDatabase maria)
            throws Exception {
        Map<String, Map<String, Object>> labels = labels("pg", xa(pg), "maria", xa(maria));
        try (Servers servers = new Servers(pg, maria)) {
            crashThenRecover(labels, "prepare", servers, false);
        }
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void killedAfterTheCommitDecisionWasLoggedRecoveryCommitsTwoPostgresqlDatabases(TestDatabase pg)
            throws Exception {
        try (XaFixtures.SecondDatabase second = XaFixtures.secondPostgres(pg);
                Servers servers = new Servers(pg, null)) {
            crashThenRecover(labels("one", xa(pg), "two", second.config()), "commit", servers, true);
        }
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void killedDuringPrepareRecoveryRollsBackTwoPostgresqlDatabases(TestDatabase pg) throws Exception {
        try (XaFixtures.SecondDatabase second = XaFixtures.secondPostgres(pg);
                Servers servers = new Servers(pg, null)) {
            crashThenRecover(labels("one", xa(pg), "two", second.config()), "prepare", servers, false);
        }
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    void killedAfterEveryDatabaseCommittedRecoveryFinishesTheLoggedTransaction(TestDatabase pg, TestDatabase maria)
            throws Exception {
        try (Servers servers = new Servers(pg, maria)) {
            crashAfterEveryBranchCommitted(labels("pg", xa(pg), "maria", xa(maria)), servers);
        }
    }

    @Test
    void killedAfterEveryH2FileDatabaseCommittedRecoveryFinishesTheLoggedTransaction() throws Exception {
        Map<String, Map<String, Object>> labels = labels("first", h2File("first"), "second", h2File("second"));
        try (Servers servers = new Servers(null, null)) {
            servers.h2 = List.copyOf(labels.values());
            crashAfterEveryBranchCommitted(labels, servers);
        }
    }

    /**
     * The process dies after every database committed its branch and before the transaction's log
     * record was deleted: no database has anything left to recover, yet the log holds the
     * transaction. One recovery pass must finish it (the databases answer that they hold no such
     * branch) rather than keep it, and warn about it, forever.
     */
    private void crashAfterEveryBranchCommitted(Map<String, Map<String, Object>> labels, Servers servers)
            throws Exception {
        String node = nodeId();
        servers.node = node;
        Path logDir = tmp.resolve("log-" + node);
        createTables(labels);

        ChildJvm crashed = ChildJvm.run(tmp, "crash", node, logDir, labels, ChildJvm.haltIn("last-commit"));
        assertThat(crashed.exitCode()).as("the child died by Runtime.halt(1): %s", crashed).isEqualTo(1);
        assertThat(servers.branches()).as("prepared branches: every database committed").isEmpty();
        assertThat(unfinished(logDir)).as("transactions in the log before recovery").isEqualTo(1);
        for (Map.Entry<String, Map<String, Object>> e : labels.entrySet()) {
            assertThat(count(e.getValue())).as("rows on %s before recovery", e.getKey()).isEqualTo(1);
        }

        ChildJvm recovered = ChildJvm.run(tmp, "recover", node, logDir, labels, List.of());
        assertThat(recovered.exitCode()).as(recovered.toString()).isZero();

        assertThat(unfinished(logDir)).as("unfinished transactions in the log after recovery").isZero();
        assertThat(servers.branches()).as("prepared branches after recovery").isEmpty();
        for (Map.Entry<String, Map<String, Object>> e : labels.entrySet()) {
            assertThat(count(e.getValue())).as("rows on %s after recovery", e.getKey()).isEqualTo(1);
        }
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    // this JVM's recovery pass also reads its own log, where XaFailureTest's heuristic outcome stays
    @ProvokesWarnings("com.arjuna")
    void anotherNodesRecoveryLeavesTheDeadNodesBranchesAlone(TestDatabase pg, TestDatabase maria) throws Exception {
        Map<String, Map<String, Object>> labels = labels("pg", xa(pg), "maria", xa(maria));
        String node = nodeId();
        Path logDir = tmp.resolve("log-" + node);
        try (Servers servers = new Servers(pg, maria)) {
            servers.node = node;
            createTables(labels);
            ChildJvm crashed = ChildJvm.run(tmp, "crash", node, logDir, labels, ChildJvm.haltIn("prepare"));
            assertThat(crashed.exitCode()).as(crashed.toString()).isEqualTo(1);
            assertThat(servers.branches()).as("prepared branches of %s", node).hasSize(2);

            // this JVM is another node: its recovery sees the branches and must not touch them
            ConnectionPool.configure(new LinkedHashMap<>(labels));
            JtaSupport.recover().toCompletableFuture().join();
            ConnectionPool.closeAllConnections();
            assertThat(servers.branches()).as("after another node's recovery").hasSize(2);

            ChildJvm recovered = ChildJvm.run(tmp, "recover", node, logDir, labels, List.of());
            assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
            assertThat(servers.branches()).as("after its own node's recovery").isEmpty();
            for (Map<String, Object> config : labels.values()) {
                assertThat(count(config)).isZero();
            }
        }
    }

    @Test
    void h2FileParticipantIsCommittedByRecoveryAfterTheDecisionWasLogged() throws Exception {
        Map<String, Map<String, Object>> labels = labels("first", h2File("first"), "second", h2File("second"));
        try (Servers servers = new Servers(null, null)) {
            servers.h2 = List.copyOf(labels.values());
            crashThenRecover(labels, "commit", servers, true);
        }
    }

    @Test
    void h2FileParticipantOrphanedInPrepareIsRolledBackByRecovery() throws Exception {
        Map<String, Map<String, Object>> labels = labels("first", h2File("first"), "second", h2File("second"));
        try (Servers servers = new Servers(null, null)) {
            servers.h2 = List.copyOf(labels.values());
            crashThenRecover(labels, "prepare", servers, false);
        }
    }

    /**
     * The README's start-up (enable, configure, {@code recover()}) with the default backoff of
     * 10 s, after a crash that left a committed transaction in doubt: the {@code recover()} call
     * returns at once, and the pass it started still commits every branch. The bound is loose on
     * purpose: it only tells a call that returns at once (milliseconds) from one that waits out the
     * backoff, and a cold child JVM on a loaded machine needs room.
     */
    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    void startUpWithTheReadmeSnippetReturnsAtOnceAndItsRecoveryPassStillCommits(TestDatabase pg, TestDatabase maria)
            throws Exception {
        Map<String, Map<String, Object>> labels = labels("pg", xa(pg), "maria", xa(maria));
        long backoff = JtaSettings.DEFAULT_RECOVERY_BACKOFF_PERIOD.toSeconds();
        try (Servers servers = new Servers(pg, maria)) {
            ChildJvm started = crashThenRecover(labels, "commit", servers, true, "start-up",
                    List.of("-D" + XaChild.BACKOFF_PROPERTY + "=" + backoff));

            assertThat(Long.parseLong(started.result("recoverCallMillis"))).as(started.toString())
                    .isLessThan(WELL_UNDER_THE_BACKOFF.toMillis());
            assertThat(started.result("doneWhenTheCallReturned")).as(started.toString()).isEqualTo("false");
        }
    }

    /**
     * A short-lived program: the README's start-up, then its shut-down while the pass that
     * {@code recover()} started waits out the default backoff. The shut-down does not wait for the
     * backoff; the pass ends before its second phase and its stage says so; the in-doubt branches
     * and the log entry are left as they were, and the next run's recovery commits them.
     */
    @Test
    void shutdownDuringTheStartUpPassEndsItBeforeItsSecondPhaseAndTheNextRunCommits() throws Exception {
        Map<String, Map<String, Object>> labels = labels("first", h2File("first"), "second", h2File("second"));
        String node = nodeId();
        Path logDir = tmp.resolve("log-" + node);
        try (Servers servers = new Servers(null, null)) {
            servers.h2 = List.copyOf(labels.values());
            servers.node = node;
            createTables(labels);
            ChildJvm crashed = ChildJvm.run(tmp, "crash", node, logDir, labels, ChildJvm.haltIn("commit"));
            assertThat(crashed.exitCode()).as(crashed.toString()).isEqualTo(1);
            assertThat(servers.branches()).as("prepared branches before start-up").hasSize(2);

            ChildJvm stopped = ChildJvm.run(tmp, "start-up-then-shutdown", node, logDir, labels,
                    List.of("-D" + XaChild.BACKOFF_PROPERTY + "=" + JtaSettings.DEFAULT_RECOVERY_BACKOFF_PERIOD
                            .toSeconds()));

            assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
            assertThat(stopped.result("doneBeforeShutdown")).as(stopped.toString()).isEqualTo("false");
            assertThat(Long.parseLong(stopped.result("shutdownMillis"))).as(stopped.toString())
                    .isLessThan(WELL_UNDER_THE_BACKOFF.toMillis());
            assertThat(stopped.result("pass")).as(stopped.toString())
                    .startsWith("IllegalStateException: JtaSupport.shutdown() stopped XA recovery before this pass"
                            + " was known to have ended");
            assertThat(servers.branches()).as("prepared branches after the shut-down").hasSize(2);
            assertThat(unfinished(logDir)).as("transactions in the log after the shut-down").isEqualTo(1);

            ChildJvm recovered = ChildJvm.run(tmp, "recover", node, logDir, labels, List.of());
            assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
            assertThat(servers.branches()).as("prepared branches after the next run's recovery").isEmpty();
            assertThat(unfinished(logDir)).as("transactions in the log after the next run's recovery").isZero();
            for (Map.Entry<String, Map<String, Object>> e : labels.entrySet()) {
                assertThat(count(e.getValue())).as("rows on %s", e.getKey()).isEqualTo(1);
            }
        }
    }

    private ChildJvm crashThenRecover(Map<String, Map<String, Object>> labels, String haltIn, Servers servers,
            boolean committed) throws Exception {
        return crashThenRecover(labels, haltIn, servers, committed, "recover", List.of());
    }

    private ChildJvm crashThenRecover(Map<String, Map<String, Object>> labels, String haltIn, Servers servers,
            boolean committed, String recoverMode, List<String> recoverOptions) throws Exception {
        String node = nodeId();
        servers.node = node;
        Path logDir = tmp.resolve("log-" + node);
        createTables(labels);

        ChildJvm crashed = ChildJvm.run(tmp, "crash", node, logDir, labels, ChildJvm.haltIn(haltIn));
        assertThat(crashed.exitCode()).as("the child died by Runtime.halt(1): %s", crashed).isEqualTo(1);
        assertThat(servers.branches()).as("every database holds a prepared branch of %s", node)
                .hasSize(labels.size());
        assertThat(unfinished(logDir)).as("transactions in the log before recovery").isEqualTo(committed ? 1 : 0);

        ChildJvm recovered = ChildJvm.run(tmp, recoverMode, node, logDir, labels, recoverOptions);
        assertThat(recovered.exitCode()).as(recovered.toString()).isZero();

        assertThat(servers.branches()).as("prepared branches after recovery").isEmpty();
        assertThat(unfinished(logDir)).as("unfinished transactions in the log after recovery").isZero();
        for (Map.Entry<String, Map<String, Object>> e : labels.entrySet()) {
            assertThat(count(e.getValue())).as("rows on %s", e.getKey()).isEqualTo(committed ? 1 : 0);
        }
        return recovered;
    }

    private static Map<String, Map<String, Object>> labels(String a, Map<String, Object> ca, String b,
            Map<String, Object> cb) {
        Map<String, Map<String, Object>> labels = new LinkedHashMap<>();
        labels.put(a, ca);
        labels.put(b, cb);
        return labels;
    }

    private Map<String, Object> h2File(String name) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", "jdbc:h2:file:" + tmp.resolve(name).toAbsolutePath());
        config.put("user", "sa");
        config.put("xa", true);
        config.put("pool_size", 1);
        return config;
    }

    private static void createTables(Map<String, Map<String, Object>> labels) throws SQLException {
        for (Map<String, Object> config : labels.values()) {
            try (Connection c = connect(config); Statement s = c.createStatement()) {
                s.execute("create table accounts (id int primary key, balance int not null)");
            }
        }
    }

    private static long count(Map<String, Object> config) throws SQLException {
        try (Connection c = connect(config); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from accounts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Connection connect(Map<String, Object> config) throws SQLException {
        Object password = config.get("password");
        Connection c = DriverManager.getConnection((String) config.get("url"), (String) config.get("user"),
                password == null ? null : password.toString());
        Object schema = config.get("schema");
        if (schema != null) {
            try (Statement s = c.createStatement()) {
                s.execute("SET search_path TO " + schema);
            }
        }
        return c;
    }

    /** Files of unfinished transactions in a Narayana file store. */
    private static long unfinished(Path logDir) {
        if (!Files.isDirectory(logDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(logDir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().contains("AtomicAction")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The prepared branches of one node on the servers of a test; rolls back leftovers at the end. */
    private static final class Servers implements AutoCloseable {
        private final TestDatabase pg;
        private final Connection pgAdmin;
        private final Connection mariaAdmin;
        String node = "none";
        List<Map<String, Object>> h2 = List.of();

        Servers(TestDatabase pg, TestDatabase maria) throws SQLException {
            this.pg = pg;
            this.pgAdmin = pg == null ? null : pg.admin();
            this.mariaAdmin = maria == null ? null : maria.admin();
        }

        List<String> branches() throws SQLException {
            List<String> all = new java.util.ArrayList<>();
            if (pgAdmin != null) {
                all.addAll(Branches.postgres(pgAdmin, node));
            }
            if (mariaAdmin != null) {
                all.addAll(Branches.mariadb(mariaAdmin, node));
            }
            for (Map<String, Object> config : h2) {
                try (Connection c = connect(config); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select transaction_name from information_schema.in_doubt")) {
                    while (rs.next()) {
                        all.add("h2/" + rs.getString(1));
                    }
                }
            }
            return all;
        }

        @Override
        public void close() throws SQLException {
            if (pgAdmin != null) {
                Branches.rollbackPostgres(pgAdmin, pg.jdbcUrl(), pg.user(), node);
            }
            if (mariaAdmin != null) {
                Branches.rollbackMariadb(mariaAdmin, node);
            }
        }
    }
}
