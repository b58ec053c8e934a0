package io.multidb.reliability;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.arjuna.ats.jta.TransactionManager;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Engine;
import io.multidb.connection.MultiDbException;
import io.multidb.jta.JtaSettings;
import io.multidb.jta.JtaSupport;
import io.multidb.testkit.FakeXAResource;
import io.multidb.testkit.RequiresEngine;
import io.multidb.testkit.TestDatabase;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An XA unit of work over a PostgreSQL and a MariaDB label loses one participant's server in the
 * middle of two-phase commit: a third resource with no data of its own stops the server in its own
 * {@code prepare()}. Enlisted last, it runs after both databases prepared their branches, so the
 * commit decision is logged and then one commit fails; enlisted first, it runs before either
 * prepared, so the transaction must roll back. The server is started again and recovery passes run
 * until the databases agree (at most {@value #MAX_PASSES}).
 *
 * <p>What the caller of {@code inTransaction} sees, pinned here:
 * <ul>
 *   <li>participant lost after prepare: {@code inTransaction} returns normally (the outcome is
 *       commit and is in the log; an exception would invite a retry that applies the work twice).
 *       The other database has committed; the lost one holds its branch prepared, rows invisible,
 *       until a recovery pass after it is back commits it;</li>
 *   <li>participant lost before prepare: {@code TransactionRolledBackException} naming both labels;
 *       nothing is committed anywhere.</li>
 * </ul>
 * Either way, afterwards: the row on every database once (or on none), no prepared branch left,
 * nothing unfinished in the transaction log.
 *
 * <p>Narayana can be enabled once per JVM, and other classes of the fault suite share the test JVM,
 * so the unit of work, the restart and the recovery passes run in a child JVM (the {@link Child}
 * program) with a node id and transaction log of their own; this class checks the databases and the
 * log afterwards, and what the caller saw.
 */
@Tag("fault")
@RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
class XaParticipantFailureTest {
    private static final String PG = "pg";
    private static final String MARIA = "maria";
    private static final int ROW_ID = 42;
    /** Recovery passes the child runs at most; one pass normally suffices. */
    private static final int MAX_PASSES = 10;
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @AfterAll
    static void leaveTheServersRunning() {
        ServerControl.ensureRunning(Engine.POSTGRESQL, Engine.MARIADB);
    }

    @Test
    void mariadbStoppedAfterPrepareCallerSucceedsAndRecoveryCommitsItsBranch(TestDatabase pg, TestDatabase maria)
            throws Exception {
        ChildRun child = run(pg, maria, Fault.MARIADB_AFTER_PREPARE);

        assertThat(child.result("caller")).as("what the caller saw; %s", child).isEqualTo("returned normally");
        assertThat(child.result("rowsBeforeRecovery")).as("rows before recovery: PostgreSQL committed at once")
                .isEqualTo("pg=1,maria=0");
        assertThat(child.result("preparedBeforeRecovery")).as("branches waiting for recovery")
                .isEqualTo("pg=0,maria=1");
        assertThat(child.result("rowsAfterRecovery")).isEqualTo("pg=1,maria=1");
    }

    @Test
    void postgresqlStoppedAfterPrepareCallerSucceedsAndRecoveryCommitsItsBranch(TestDatabase pg, TestDatabase maria)
            throws Exception {
        ChildRun child = run(pg, maria, Fault.POSTGRESQL_AFTER_PREPARE);

        assertThat(child.result("caller")).as("what the caller saw; %s", child).isEqualTo("returned normally");
        assertThat(child.result("rowsBeforeRecovery")).as("rows before recovery: MariaDB committed at once")
                .isEqualTo("pg=0,maria=1");
        assertThat(child.result("preparedBeforeRecovery")).as("branches waiting for recovery")
                .isEqualTo("pg=1,maria=0");
        assertThat(child.result("rowsAfterRecovery")).isEqualTo("pg=1,maria=1");
    }

    @Test
    void mariadbStoppedBeforeItPreparedRollsBackEveryDatabaseAndTellsTheCaller(TestDatabase pg, TestDatabase maria)
            throws Exception {
        ChildRun child = run(pg, maria, Fault.MARIADB_BEFORE_PREPARE);

        assertThat(child.result("caller")).as("what the caller saw; %s", child)
                .isEqualTo("io.multidb.jta.TransactionRolledBackException");
        assertThat(child.result("callerIsMultiDbException")).isEqualTo("true");
        assertThat(child.result("callerMessage")).contains("[pg, maria]").contains("rolled back");
        assertThat(child.result("rowsAfterRecovery")).isEqualTo("pg=0,maria=0");
    }

    /**
     * Runs the child with the fault, then checks what every scenario promises: the fault hit when
     * intended, the caller got an answer, recovery finished within the bound, each database holds the
     * row exactly once (or not at all when the transaction rolled back), no branch of the child's node
     * is prepared, and its log holds no unfinished transaction.
     */
    private ChildRun run(TestDatabase pg, TestDatabase maria, Fault fault) throws Exception {
        ServerControl.requireLocal(Engine.POSTGRESQL, pg.jdbcUrl());
        ServerControl.requireLocal(Engine.MARIADB, maria.jdbcUrl());
        Map<String, Object> pgConfig = xa(pg);
        Map<String, Object> mariaConfig = xa(maria);
        createTable(pg, pgConfig);
        createTable(maria, mariaConfig);
        String node = unique("xafail");
        Path logDir = tmp.resolve("log-" + node);

        ChildRun child;
        try {
            child = runChild(node, logDir, fault, Map.of(PG, pgConfig, MARIA, mariaConfig));
        } finally {
            ServerControl.ensureRunning(Engine.POSTGRESQL, Engine.MARIADB);
        }
        try {
            System.out.printf("XA %s: caller saw %s after %s ms%s; server start %s ms; rows before recovery %s;"
                    + " recovery %s pass(es), %s ms; rows after %s%n", fault, child.result("caller"),
                    child.result("callerMillis"), child.result("callerMessage") == null
                            || child.result("callerMessage").isEmpty() ? "" : ": " + child.result("callerMessage"),
                    child.result("restartMillis"), child.result("rowsBeforeRecovery"),
                    child.result("recoveryPasses"), child.result("recoveryMillis"), child.result("rowsAfterRecovery"));
            assertThat(child.exitCode()).as("child JVM: %s", child).isZero();
            assertThat(child.result("preparedBeforeStop")).as("branches prepared when %s was stopped; %s",
                    fault.stopped.key(), child).isEqualTo(fault.afterPrepare ? "pg=1,maria=1" : "pg=0,maria=0");
            assertThat(child.result("downDuringCommit")).as("%s was down when the commit ran; %s",
                    fault.stopped.key(), child).isEqualTo("true");
            assertThat(child.result("complete")).as("recovery finished within %d passes; %s", MAX_PASSES, child)
                    .isEqualTo("true");
            assertThat(Duration.ofMillis(Long.parseLong(child.result("recoveryMillis")))).as("recovery time")
                    .isLessThan(RECOVERY_BOUND);

            List<Integer> expected = fault.afterPrepare ? List.of(ROW_ID) : List.of();
            assertThat(ids(pg, pgConfig)).as("rows on PostgreSQL").isEqualTo(expected);
            assertThat(ids(maria, mariaConfig)).as("rows on MariaDB").isEqualTo(expected);
            assertThat(preparedBranches(Engine.POSTGRESQL, node)).as("prepared branches left on PostgreSQL").isEmpty();
            assertThat(preparedBranches(Engine.MARIADB, node)).as("prepared branches left on MariaDB").isEmpty();
            assertThat(unfinishedInLog(logDir)).as("unfinished transactions in the log").isZero();
            return child;
        } finally {
            rollBackLeftovers(node);
        }
    }

    private static Map<String, Object> xa(TestDatabase db) {
        Map<String, Object> config = db.freshConfig();
        config.put("xa", true);
        config.put("pool_size", 1);
        config.put("pool_timeout", 10);
        config.put("socket_timeout", 10);
        return config;
    }

    private static void createTable(TestDatabase db, Map<String, Object> config) throws SQLException {
        try (Connection c = db.connect(config); Statement s = c.createStatement()) {
            s.execute("create table xa_rows (id int primary key, note varchar(40) not null)");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private static List<Integer> ids(TestDatabase db, Map<String, Object> config) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection c = db.connect(config); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id from xa_rows order by id")) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    private ChildRun runChild(String node, Path logDir, Fault fault, Map<String, Map<String, Object>> labels)
            throws IOException, InterruptedException {
        Properties p = new Properties();
        p.setProperty("child.nodeId", node);
        p.setProperty("child.logDirectory", logDir.toAbsolutePath().toString());
        p.setProperty("child.fault", fault.name());
        labels.forEach((label, config) -> config.forEach((k, v) -> p.setProperty("multidb." + label + "." + k,
                String.valueOf(v))));
        Path file = Files.createTempFile(tmp, "child-", ".properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                Child.class.getName(), file.toString());
        Path out = Files.createTempFile(tmp, "child-", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(CHILD_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("The child JVM did not end within " + CHILD_LIMIT.toSeconds() + " s:\n"
                    + Files.readString(out));
        }
        return new ChildRun(process.exitValue(), Files.readString(out));
    }

    /**
     * @return {@code database/gid} (PostgreSQL) or the {@code XA ROLLBACK} arguments (MariaDB) of every
     *     prepared branch whose transaction id holds the node id
     */
    static List<String> preparedBranches(Engine engine, String node) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ServerControl.connect(engine); Statement s = c.createStatement()) {
            if (engine == Engine.POSTGRESQL) {
                try (ResultSet rs = s.executeQuery("select database, gid from pg_prepared_xacts")) {
                    while (rs.next()) {
                        // pgJDBC writes an Xid as formatId_base64(gtrid)_base64(bqual)
                        String[] parts = rs.getString(2).split("_");
                        if (parts.length == 3 && (holds(Base64.getDecoder().decode(parts[1]), node)
                                || holds(Base64.getDecoder().decode(parts[2]), node))) {
                            out.add(rs.getString(1) + "/" + rs.getString(2));
                        }
                    }
                }
            } else {
                try (ResultSet rs = s.executeQuery("XA RECOVER")) {
                    while (rs.next()) {
                        byte[] data = rs.getBytes("data");
                        int gtridLength = rs.getInt("gtrid_length");
                        if (holds(data, node)) {
                            HexFormat hex = HexFormat.of();
                            out.add("X'" + hex.formatHex(Arrays.copyOfRange(data, 0, gtridLength)) + "',X'"
                                    + hex.formatHex(Arrays.copyOfRange(data, gtridLength, data.length)) + "',"
                                    + rs.getInt("formatID"));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean holds(byte[] haystack, String node) {
        byte[] needle = node.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    /** A failed run must not leave prepared branches behind: they hold locks and block the schema drop. */
    private static void rollBackLeftovers(String node) throws SQLException {
        for (String branch : preparedBranches(Engine.POSTGRESQL, node)) {
            String database = branch.substring(0, branch.indexOf('/'));
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database,
                    "postgres", null); Statement s = c.createStatement()) {
                s.execute("ROLLBACK PREPARED '" + branch.substring(branch.indexOf('/') + 1) + "'");
            }
        }
        try (Connection c = ServerControl.connect(Engine.MARIADB); Statement s = c.createStatement()) {
            for (String xid : preparedBranches(Engine.MARIADB, node)) {
                s.execute("XA ROLLBACK " + xid);
            }
        }
    }

    /** Transactions Narayana's file store still holds as unfinished. */
    private static long unfinishedInLog(Path logDir) throws IOException {
        if (!Files.isDirectory(logDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(logDir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().contains("AtomicAction")).count();
        }
    }

    /** Which server goes down, and when: after both databases prepared, or before either did. */
    enum Fault {
        MARIADB_AFTER_PREPARE(Engine.MARIADB, true),
        POSTGRESQL_AFTER_PREPARE(Engine.POSTGRESQL, true),
        MARIADB_BEFORE_PREPARE(Engine.MARIADB, false);

        final Engine stopped;
        final boolean afterPrepare;

        Fault(Engine stopped, boolean afterPrepare) {
            this.stopped = stopped;
            this.afterPrepare = afterPrepare;
        }
    }

    /** What the child JVM printed and how it ended. */
    private record ChildRun(int exitCode, String output) {
        String result(String key) {
            String prefix = "RESULT " + key + "=";
            for (String line : output.split("\\R")) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length());
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ", output:\n" + output;
        }
    }

    /**
     * The child program: enables JTA support, runs the unit of work with the {@link StoppingResource}
     * of its {@link Fault}, reports what the caller saw, starts the server again, and runs recovery
     * passes until both databases hold the expected rows and no branch of its node is prepared (at
     * most {@value #MAX_PASSES} passes). Prints {@code RESULT key=value} lines.
     */
    static final class Child {
        private Child() {
        }

        /**
         * @param args the properties file written by the test
         * @throws Exception anything, which ends the child with a non-zero exit code
         */
        public static void main(String[] args) throws Exception {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String node = p.getProperty("child.nodeId");
            Fault fault = Fault.valueOf(p.getProperty("child.fault"));
            Engine stopped = fault.stopped;
            Map<String, DatabaseConfig> configs = DatabaseConfig.fromProperties(p);
            JtaSupport.enable(JtaSettings.builder()
                    .logDirectory(Path.of(p.getProperty("child.logDirectory")))
                    .nodeId(node)
                    .recoveryBackoffPeriod(Duration.ofSeconds(1))
                    .recoveryScanPeriod(Duration.ofHours(1))
                    .build());
            ConnectionPool.configure(configs);

            long start = System.nanoTime();
            try {
                DatabaseManager.inTransaction(List.of(PG, MARIA), u -> {
                    // enlisted first, it is prepared first and stops the server before either database
                    // prepares; enlisted last, after both have prepared
                    if (!fault.afterPrepare) {
                        TransactionManager.transactionManager().getTransaction()
                                .enlistResource(new StoppingResource(stopped, node));
                    }
                    u.session(PG).execute("insert into xa_rows (id, note) values (?, ?)", ROW_ID, "xa");
                    u.session(MARIA).execute("insert into xa_rows (id, note) values (?, ?)", ROW_ID, "xa");
                    if (fault.afterPrepare) {
                        TransactionManager.transactionManager().getTransaction()
                                .enlistResource(new StoppingResource(stopped, node));
                    }
                    return null;
                });
                result("caller", "returned normally");
                result("callerIsMultiDbException", false);
                result("callerMessage", "");
            } catch (Exception e) {
                result("caller", e.getClass().getName());
                result("callerIsMultiDbException", e instanceof MultiDbException);
                result("callerMessage", oneLine(e.getMessage()));
                result("callerCauses", causes(e));
            }
            result("callerMillis", millisSince(start));
            result("downDuringCommit", !ServerControl.answers(stopped));

            long restart = System.nanoTime();
            ServerControl.start(stopped);
            result("restartMillis", millisSince(restart));

            result("rowsBeforeRecovery", rowCounts(configs));
            result("preparedBeforeRecovery", "pg=" + preparedBranches(Engine.POSTGRESQL, node).size() + ",maria="
                    + preparedBranches(Engine.MARIADB, node).size());
            long recovery = System.nanoTime();
            int passes = 0;
            long expectedRows = fault.afterPrepare ? 1 : 0;
            while (!complete(configs, node, expectedRows) && passes < MAX_PASSES) {
                JtaSupport.recover().toCompletableFuture().join();
                passes++;
            }
            result("recoveryPasses", passes);
            result("recoveryMillis", millisSince(recovery));
            result("complete", complete(configs, node, expectedRows));
            result("rowsAfterRecovery", rowCounts(configs));

            ConnectionPool.closeAllConnections();
            JtaSupport.shutdown();
            result("done", true);
        }

        private static boolean complete(Map<String, DatabaseConfig> configs, String node, long expectedRows)
                throws SQLException {
            return rows(configs.get(PG)) == expectedRows && rows(configs.get(MARIA)) == expectedRows
                    && preparedBranches(Engine.POSTGRESQL, node).isEmpty()
                    && preparedBranches(Engine.MARIADB, node).isEmpty();
        }

        private static String rowCounts(Map<String, DatabaseConfig> configs) throws SQLException {
            return "pg=" + rows(configs.get(PG)) + ",maria=" + rows(configs.get(MARIA));
        }

        private static long rows(DatabaseConfig config) throws SQLException {
            try (Connection c = DriverManager.getConnection(config.url(), config.user().orElse(null),
                    config.password().orElse(null)); Statement s = c.createStatement()) {
                if (config.schema().isPresent()) {
                    s.execute("set search_path to " + config.schema().get());
                }
                try (ResultSet rs = s.executeQuery("select count(*) from xa_rows")) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        static void result(String key, Object value) {
            System.out.println("RESULT " + key + "=" + value);
            System.out.flush();
        }

        private static long millisSince(long nanos) {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
        }

        private static String causes(Throwable e) {
            StringBuilder out = new StringBuilder();
            for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                out.append(out.length() == 0 ? "" : " <- ").append(t.getClass().getName()).append(": ")
                        .append(oneLine(t.getMessage()));
            }
            return out.toString();
        }

        private static String oneLine(String s) {
            return s == null ? "" : s.replaceAll("\\s+", " ");
        }
    }

    /**
     * A resource with no data of its own whose {@code prepare()} notes how many branches of its node
     * the databases hold prepared, then stops one database server; every other phase is a no-op.
     */
    private static final class StoppingResource implements FakeXAResource {
        private final Engine stopped;
        private final String node;

        StoppingResource(Engine stopped, String node) {
            this.stopped = stopped;
            this.node = node;
        }

        @Override
        public int prepare(Xid xid) {
            try {
                Child.result("preparedBeforeStop", "pg=" + preparedBranches(Engine.POSTGRESQL, node).size()
                        + ",maria=" + preparedBranches(Engine.MARIADB, node).size());
            } catch (SQLException e) {
                Child.result("preparedBeforeStop", "unknown: " + e);
            }
            ServerControl.stop(stopped);
            return XA_OK;
        }
    }
}
