package io.multidb.reliability;

import io.multidb.connection.Engine;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Stops, starts and restarts the local PostgreSQL and MariaDB servers of this machine, the ones the
 * fault suite runs against ({@code 127.0.0.1:5432} and {@code 127.0.0.1:3306}), by running their
 * administration commands. Every method returns only once the server is in the state asked for
 * (a fresh JDBC connection answers {@code SELECT 1}, or the server process is gone), and every wait
 * is bounded: a server that does not get there fails with what was run, for how long, and what it
 * printed.
 *
 * <pre>{@code
 * try {
 *     ServerControl.restart(Engine.POSTGRESQL);
 * } finally {
 *     ServerControl.ensureRunning(Engine.POSTGRESQL);
 * }
 * }</pre>
 *
 * <p>Tests that use it must leave the servers running: other tests on the machine share them. Call
 * {@link #ensureRunning(Engine...)} in a {@code finally} block and again in an {@code @AfterAll}
 * method.
 *
 * <p>Thread-safety: thread-safe; one command at a time per JVM.
 */
final class ServerControl {
    /** How long one administration command may run. */
    static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);
    /** How long a started server may take to answer, and a stopped one to go away. */
    static final Duration READY_LIMIT = Duration.ofSeconds(30);
    /**
     * How long a stopping MariaDB may take to go away. Its shutdown waits for every connection
     * thread to exit, and a thread blocked writing to a client that does not read waits out
     * {@code net_write_timeout} (60 s by default): seen once on a loaded machine ("Thread 117 did
     * not exit", 46 s). 30 s was not enough margin.
     */
    static final Duration STOP_LIMIT = Duration.ofSeconds(120);

    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=2&socketTimeout=5";
    private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test?connectTimeout=2000&socketTimeout=5000";
    private static final String MARIADB_DAEMON = "/usr/sbin/mariadbd";
    private static final long POLL_MILLIS = 50;

    private ServerControl() {
    }

    /**
     * Stops the server and starts it again; returns once it answers.
     *
     * @param engine {@link Engine#POSTGRESQL} or {@link Engine#MARIADB}
     * @return how long the restart took, from the command to the first answer
     */
    static synchronized Duration restart(Engine engine) {
        long start = System.nanoTime();
        switch (local(engine)) {
            case POSTGRESQL -> {
                run(pgCluster("restart"));
                awaitAnswer(engine);
            }
            case MARIADB -> {
                stop(engine);
                start(engine);
            }
            default -> throw unsupported(engine);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Shuts the server down cleanly (PostgreSQL in fast mode: open sessions are ended, prepared
     * transactions kept); returns once it no longer runs.
     *
     * @param engine {@link Engine#POSTGRESQL} or {@link Engine#MARIADB}
     */
    static synchronized void stop(Engine engine) {
        switch (local(engine)) {
            case POSTGRESQL -> run(pgCluster("stop"));
            case MARIADB -> {
                run(List.of("mariadb-admin", "--no-defaults", "--protocol=TCP", "-h127.0.0.1", "-uroot", "shutdown"));
                awaitMariadbGone();
            }
            default -> throw unsupported(engine);
        }
        if (answers(engine)) {
            throw new IllegalStateException(engine.key() + " still answers after it was stopped");
        }
    }

    /**
     * Starts the server; returns once it answers.
     *
     * @param engine {@link Engine#POSTGRESQL} or {@link Engine#MARIADB}
     */
    static synchronized void start(Engine engine) {
        switch (local(engine)) {
            case POSTGRESQL -> run(pgCluster("start"));
            case MARIADB -> {
                // --oknodo does nothing while an old mariadbd is still exiting: wait for it first
                awaitMariadbGone();
                run(List.of("start-stop-daemon", "--start", "--quiet", "--oknodo", "--background", "--exec",
                        MARIADB_DAEMON));
            }
            default -> throw unsupported(engine);
        }
        awaitAnswer(engine);
    }

    /**
     * The safety net of the fault suite: starts each server that does not answer, and returns once
     * every one does.
     *
     * @param engines the servers
     */
    static synchronized void ensureRunning(Engine... engines) {
        for (Engine engine : engines) {
            if (answers(engine)) {
                continue;
            }
            // a server process that does not answer yet may be starting: give it the time a start gets
            boolean processUp = local(engine) == Engine.POSTGRESQL ? pgClusterIsUp() : mariadbRuns();
            if (processUp && waitForAnswer(engine, READY_LIMIT)) {
                continue;
            }
            start(engine);
        }
    }

    /**
     * @param engine {@link Engine#POSTGRESQL} or {@link Engine#MARIADB}
     * @return whether a fresh connection answers {@code SELECT 1} right now
     */
    static boolean answers(Engine engine) {
        try (Connection c = connect(engine); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * @param engine {@link Engine#POSTGRESQL} or {@link Engine#MARIADB}
     * @return a new administrative connection to the server's {@code test} database, outside any pool
     * @throws SQLException when the server does not answer
     */
    static Connection connect(Engine engine) throws SQLException {
        return switch (local(engine)) {
            case POSTGRESQL -> DriverManager.getConnection(PG_URL, "postgres", null);
            case MARIADB -> DriverManager.getConnection(MARIADB_URL, "root", "");
            default -> throw unsupported(engine);
        };
    }

    /**
     * Fails unless the test's server is the local one this class controls.
     *
     * @param engine  the engine
     * @param jdbcUrl the URL the test kit found for it
     */
    static void requireLocal(Engine engine, String jdbcUrl) {
        local(engine);
        String port = ":" + engine.defaultPort() + "/";
        if (!(jdbcUrl.contains("//127.0.0.1" + port) || jdbcUrl.contains("//localhost" + port))) {
            throw new IllegalStateException("The fault suite restarts the local " + engine.key() + " server on port "
                    + engine.defaultPort() + ", but the tests are pointed at " + jdbcUrl
                    + "; unset MULTIDB_TEST_" + engine.name() + "_URL or point it at the local server");
        }
    }

    private static Engine local(Engine engine) {
        if (engine != Engine.POSTGRESQL && engine != Engine.MARIADB) {
            throw unsupported(engine);
        }
        return engine;
    }

    private static IllegalArgumentException unsupported(Engine engine) {
        return new IllegalArgumentException("ServerControl runs only the local PostgreSQL and MariaDB, not " + engine);
    }

    private static void awaitAnswer(Engine engine) {
        if (!waitForAnswer(engine, READY_LIMIT)) {
            throw new IllegalStateException(engine.key() + " did not answer SELECT 1 within " + READY_LIMIT.toSeconds()
                    + " s of being started" + (engine == Engine.POSTGRESQL
                            ? "; see /var/log/postgresql/postgresql-" + pgVersion() + "-main.log"
                            : "; see /var/log/mysql/error.log"));
        }
    }

    private static boolean waitForAnswer(Engine engine, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (answers(engine)) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            pause();
        }
    }

    private static void awaitMariadbGone() {
        long deadline = System.nanoTime() + STOP_LIMIT.toNanos();
        while (mariadbRuns()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("mariadbd still runs " + STOP_LIMIT.toSeconds() + " s after shutdown;"
                        + " see /var/log/mysql/error.log");
            }
            pause();
        }
    }

    private static boolean mariadbRuns() {
        return ProcessHandle.allProcesses().anyMatch(p -> p.isAlive()
                && p.info().command().map(c -> c.equals(MARIADB_DAEMON) || c.endsWith("/mariadbd")).orElse(false));
    }

    private static boolean pgClusterIsUp() {
        Result status = execute(pgCluster("status"));
        return status.exitCode() == 0;
    }

    private static List<String> pgCluster(String action) {
        return List.of("pg_ctlcluster", "--skip-systemctl-redirect", pgVersion(), "main", action);
    }

    private static String pgVersion() {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            List<String> names = versions.map(p -> p.getFileName().toString()).sorted().toList();
            if (names.size() != 1) {
                throw new IllegalStateException("Expected one PostgreSQL version under /etc/postgresql, found " + names);
            }
            return names.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list /etc/postgresql: no local PostgreSQL cluster to control", e);
        }
    }

    private static void run(List<String> command) {
        requireOptIn(command);
        Result result = execute(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + result.exitCode()
                    + " after " + result.millis() + " ms:\n" + result.output());
        }
    }

    /**
     * Every server command goes through here: without the fault suite's explicit opt-in (the
     * {@code faults} Maven profile sets {@code multidb.faults}; {@code MULTIDB_FAULTS} in the
     * environment does too) nothing is stopped or started, and the test fails saying how to opt in.
     * A test run from an IDE or by a plain {@code mvn verify} can never restart a developer's server.
     */
    static void requireOptIn(List<String> command) {
        if (!optedIn()) {
            throw new IllegalStateException("Refusing to run '" + String.join(" ", command) + "': the fault suite"
                    + " stops and restarts the local database servers and runs only when asked for, with"
                    + " `mvn -B verify -Pfaults` or MULTIDB_FAULTS=1 in the environment");
        }
    }

    static boolean optedIn() {
        String env = System.getenv("MULTIDB_FAULTS");
        return Boolean.getBoolean("multidb.faults") || env != null && !env.isBlank() && !env.equals("0")
                && !env.equalsIgnoreCase("false");
    }

    /**
     * Runs a command with its output in a file, not a pipe: a daemon it starts inherits the output
     * and would keep a pipe open for ever.
     */
    private static Result execute(List<String> command) {
        long start = System.nanoTime();
        Path out = null;
        try {
            out = Files.createTempFile("server-control-", ".out");
            Process process = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + COMMAND_LIMIT.toSeconds() + " s:\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temporary file left behind changes nothing
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a database server", e);
        }
    }

    /** What a command did. */
    private record Result(int exitCode, String output, long millis) {
    }
}
