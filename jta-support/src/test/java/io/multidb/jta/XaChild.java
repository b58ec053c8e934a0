package io.multidb.jta;

import com.arjuna.ats.jta.TransactionManager;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.DatabaseManager;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The program the crash and life-cycle tests run in a child JVM. Reads a properties file: the
 * labels as {@code multidb.<label>.<key>}, and {@code child.mode}, {@code child.nodeId},
 * {@code child.logDirectory}, {@code child.id}; the system properties {@value #LOG_STORE_PROPERTY}
 * and {@value #BACKOFF_PROPERTY}. Prints {@code RESULT ...} lines.
 *
 * <table>
 *   <caption>Modes</caption>
 *   <tr><th>mode</th><th>does</th></tr>
 *   <tr><td>{@code crash}</td><td>inserts row {@code child.id} into {@code accounts} of every label in
 *       one XA unit of work with a {@link HaltingXaResource} enlisted first ({@code halt in commit})
 *       or last ({@code halt in prepare}, {@code halt in last-commit}); the JVM dies in that phase</td></tr>
 *   <tr><td>{@code recover}</td><td>one recovery pass, waited for, then a clean shutdown</td></tr>
 *   <tr><td>{@code start-up}</td><td>the README's {@code recover()} statement, timed
 *       ({@code recoverCallMillis}); then waits for the pass it started and shuts down cleanly</td></tr>
 *   <tr><td>{@code start-up-then-shutdown}</td><td>{@code recover()}, two seconds for the pass to
 *       reach its backoff, then {@code closeAllConnections()} and {@code shutdown()}, timed ({@code shutdownMillis}); reports
 *       how the pass ended ({@code pass})</td></tr>
 *   <tr><td>{@code exit}</td><td>one XA unit of work, a clean shutdown, reports threads and listening
 *       sockets, and returns from {@code main}</td></tr>
 *   <tr><td>{@code not-enabled}</td><td>configures the labels without enabling JTA support</td></tr>
 *   <tr><td>{@code enable}</td><td>only enables JTA support and reports how that went</td></tr>
 * </table>
 */
public final class XaChild {
    /** System property naming the log store ({@code FILE} unless set). */
    public static final String LOG_STORE_PROPERTY = "multidb.test.logStore";
    /** System property: the recovery backoff period in seconds (1 unless set). */
    public static final String BACKOFF_PROPERTY = "multidb.test.recoveryBackoff";

    private XaChild() {
    }

    /**
     * @param args the properties file
     * @throws Exception anything, which fails the child with exit code 1
     */
    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
            p.load(r);
        }
        Map<String, DatabaseConfig> configs = DatabaseConfig.fromProperties(p);
        String mode = p.getProperty("child.mode");
        if (mode.equals("not-enabled")) {
            try {
                ConnectionPool.configure(configs);
                System.out.println("RESULT configured");
            } catch (RuntimeException e) {
                System.out.println("RESULT " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return;
        }
        JtaSettings settings = JtaSettings.builder()
                .logDirectory(Path.of(p.getProperty("child.logDirectory")))
                .nodeId(p.getProperty("child.nodeId"))
                .recoveryBackoffPeriod(java.time.Duration.ofSeconds(Long.getLong(BACKOFF_PROPERTY, 1)))
                .logStore(JtaSettings.LogStore.valueOf(System.getProperty(LOG_STORE_PROPERTY, "FILE")))
                .build();
        if (mode.equals("enable")) {
            try {
                JtaSupport.enable(settings);
                System.out.println("RESULT enable=ok");
            } catch (RuntimeException e) {
                System.out.println("RESULT enable=" + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return;
        }
        JtaSupport.enable(settings);
        ConnectionPool.configure(configs);
        int id = Integer.parseInt(p.getProperty("child.id", "1"));
        switch (mode) {
            case "crash" -> crash(configs.keySet(), id);
            case "recover" -> JtaSupport.recover().toCompletableFuture().join();
            case "start-up" -> startUp();
            case "start-up-then-shutdown" -> {
                startUpThenShutdown();
                return;
            }
            case "exit" -> insert(configs.keySet(), id);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        ConnectionPool.closeAllConnections();
        JtaSupport.shutdown();
        if (mode.equals("exit")) {
            report();
            try {
                JtaSupport.enable(settings);
                System.out.println("RESULT reenable=ok");
            } catch (IllegalStateException e) {
                System.out.println("RESULT reenable=" + e.getMessage());
            }
        }
        System.out.println("RESULT done");
    }

    private static void crash(Set<String> labels, int id) throws Exception {
        boolean inCommit = "commit".equals(System.getProperty(HaltingXaResource.HALT_PROPERTY));
        DatabaseManager.inTransaction(new ArrayList<>(labels), u -> {
            if (inCommit) {
                // committed first: every database branch is still prepared when the JVM dies
                TransactionManager.transactionManager().getTransaction().enlistResource(new HaltingXaResource());
            }
            for (String label : labels) {
                u.session(label).execute("insert into accounts (id, balance) values (?, ?)", id, 100);
            }
            if (!inCommit) {
                // prepared last: every database branch is prepared when the JVM dies
                TransactionManager.transactionManager().getTransaction().enlistResource(new HaltingXaResource());
            }
            return null;
        });
        throw new IllegalStateException("the unit of work completed; the JVM should have died in it");
    }

    /**
     * The README's start-up: {@code recover()} right after {@code configure}, timed; then waits for
     * the pass it started.
     */
    private static void startUp() {
        long start = System.nanoTime();
        CompletableFuture<Void> pass = JtaSupport.recover().toCompletableFuture();
        System.out.println("RESULT recoverCallMillis=" + millisSince(start));
        System.out.println("RESULT doneWhenTheCallReturned=" + pass.isDone());
        pass.join();
        System.out.println("RESULT passMillis=" + millisSince(start));
    }

    /**
     * The README's start-up, then its shut-down, timed, while the pass started by {@code recover()}
     * waits out its backoff (two seconds are ample to list the branches of the test's databases).
     */
    private static void startUpThenShutdown() throws InterruptedException {
        CompletableFuture<Void> pass = JtaSupport.recover().toCompletableFuture();
        Thread.sleep(2_000);
        System.out.println("RESULT doneBeforeShutdown=" + pass.isDone());
        long start = System.nanoTime();
        ConnectionPool.closeAllConnections();
        JtaSupport.shutdown();
        System.out.println("RESULT shutdownMillis=" + millisSince(start));
        try {
            pass.join();
            System.out.println("RESULT pass=completed");
        } catch (CompletionException e) {
            System.out.println("RESULT pass=" + e.getCause().getClass().getSimpleName() + ": "
                    + e.getCause().getMessage());
        }
        System.out.println("RESULT done");
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void insert(Set<String> labels, int id) {
        DatabaseManager.inTransaction(new ArrayList<>(labels), u -> {
            for (String label : labels) {
                u.session(label).execute("insert into accounts (id, balance) values (?, ?)", id, 100);
            }
            return null;
        });
    }

    private static void report() throws IOException {
        StringBuilder threads = new StringBuilder();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isDaemon() && t != Thread.currentThread() && t.isAlive()) {
                threads.append(t.getName()).append(';');
            }
        }
        System.out.println("RESULT nonDaemonThreads=" + threads);
        System.out.println("RESULT listeningSockets=" + ListeningSockets.ofThisProcess());
    }
}
