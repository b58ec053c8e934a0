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

/**
 * The program the crash and life-cycle tests run in a child JVM. Reads a properties file: the
 * labels as {@code multidb.<label>.<key>}, and {@code child.mode}, {@code child.nodeId},
 * {@code child.logDirectory}, {@code child.id}. Prints {@code RESULT ...} lines.
 *
 * <table>
 *   <caption>Modes</caption>
 *   <tr><th>mode</th><th>does</th></tr>
 *   <tr><td>{@code crash}</td><td>inserts row {@code child.id} into {@code accounts} of every label in
 *       one XA unit of work with a {@link HaltingXaResource} enlisted first ({@code halt in commit})
 *       or last ({@code halt in prepare}, {@code halt in last-commit}); the JVM dies in that phase</td></tr>
 *   <tr><td>{@code recover}</td><td>one recovery pass, then a clean shutdown</td></tr>
 *   <tr><td>{@code exit}</td><td>one XA unit of work, a clean shutdown, reports threads and listening
 *       sockets, and returns from {@code main}</td></tr>
 *   <tr><td>{@code not-enabled}</td><td>configures the labels without enabling JTA support</td></tr>
 *   <tr><td>{@code enable}</td><td>only enables JTA support and reports how that went</td></tr>
 * </table>
 */
public final class XaChild {
    /** System property naming the log store ({@code FILE} unless set). */
    public static final String LOG_STORE_PROPERTY = "multidb.test.logStore";

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
                .recoveryBackoffPeriod(java.time.Duration.ofSeconds(1))
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
            case "recover" -> JtaSupport.recover();
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
