package io.multidb.samples;

import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.MultiDbException;
import io.multidb.connection.Session;
import io.multidb.jta.JtaSettings;
import io.multidb.jta.JtaSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A money transfer between two databases, atomic through XA: Alice's account is in {@code bank_a},
 * Bob's in {@code bank_b} (two H2 databases). One transfer commits on both; one that would overdraw
 * Alice fails and leaves both balances as they were.
 */
public final class XaTransferSample {
    private static final String BANK_A = "bank_a";
    private static final String BANK_B = "bank_b";

    private XaTransferSample() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        Path txLog = temporaryDirectory();
        // 1. Narayana first: a transaction log (durable storage in real life) and a stable node id
        JtaSupport.enable(JtaSettings.builder().logDirectory(txLog).nodeId("xa-transfer-sample").build());
        // 2. labels that take part in XA transactions say so with xa: true
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put(BANK_A, Map.of("engine", "h2", "db", ":memory:", "xa", true, "pool_size", 2));
        configs.put(BANK_B, Map.of("engine", "h2", "db", ":memory:", "xa", true, "pool_size", 2));
        ConnectionPool.configure(configs);
        try {
            open(BANK_A, "alice", 100);
            open(BANK_B, "bob", 50);
            System.out.println("\n--- Before ---");
            printBalances();

            System.out.println("\n--- Transfer 30 from alice to bob ---");
            transfer(30);
            printBalances();

            System.out.println("\n--- Transfer 500 from alice to bob (more than she has) ---");
            try {
                transfer(500);
            } catch (MultiDbException e) {
                System.out.println("Transfer failed (" + e.getClass().getSimpleName() + " from "
                        + BANK_A + ": the balance may not go below 0); rolled back on both databases");
            }
            printBalances();
        } finally {
            // 3. at shut-down: pools first, then the transaction manager
            ConnectionPool.closeAllConnections();
            JtaSupport.shutdown();
            deleteRecursively(txLog);
            System.out.println("\nAll database connections closed, transaction manager stopped.");
        }
    }

    private static void open(String label, String owner, int balance) {
        try (Session s = DatabaseManager.getSession(label)) {
            s.execute("CREATE TABLE accounts (owner VARCHAR(20) PRIMARY KEY, balance INT NOT NULL CHECK (balance >= 0))");
            s.execute("INSERT INTO accounts (owner, balance) VALUES (?, ?)", owner, balance);
            s.commit();
        }
    }

    /** Credits Bob first, then debits Alice: if the debit fails, the credit must not stay. */
    private static void transfer(int amount) {
        DatabaseManager.inTransaction(List.of(BANK_A, BANK_B), u -> {
            u.session(BANK_B).execute("UPDATE accounts SET balance = balance + ? WHERE owner = 'bob'", amount);
            u.session(BANK_A).execute("UPDATE accounts SET balance = balance - ? WHERE owner = 'alice'", amount);
            return null;
        });
    }

    private static void printBalances() {
        for (String label : List.of(BANK_A, BANK_B)) {
            try (Session s = DatabaseManager.getSession(label)) {
                System.out.println(label + ": " + s.query("SELECT owner, balance FROM accounts"));
            }
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("multidb-xa-sample");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
