package io.multidb.jta;

import io.multidb.connection.DatabaseManager;
import io.multidb.connection.MultiDb;
import io.multidb.connection.TransactionMode;
import io.multidb.connection.UnitOfWorkCallback;
import io.multidb.jta.internal.JtaRuntime;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * XA two-phase commit for Multidb, with Narayana as the transaction manager and an Agroal XA pool
 * for every label configured with {@code xa: true}. Enable it once at start-up, before
 * {@code ConnectionPool.configure(...)}; from then on {@code DatabaseManager.inTransaction(labels, ...)}
 * over XA labels (and {@code TransactionalDao}) commits atomically across the databases, and a
 * crash in the middle is finished by recovery.
 *
 * <pre>{@code
 * JtaSupport.enable(JtaSettings.builder()
 *         .logDirectory(Path.of("/var/lib/orders-service/tx-log"))
 *         .nodeId("orders-1")
 *         .build());
 * ConnectionPool.configure(Map.of(
 *         "orders", Map.of("url", "jdbc:postgresql://db1/orders", "user", "app", "password", pw, "xa", true),
 *         "ledger", Map.of("url", "jdbc:mariadb://db2/ledger", "user", "app", "password", pw, "xa", true)));
 * JtaSupport.recover();   // finish in the background what a crash of the previous run left in doubt
 *
 * DatabaseManager.inTransaction(List.of("orders", "ledger"), u -> {
 *     u.session("orders").execute("update orders set state = 'paid' where id = ?", 42);
 *     u.session("ledger").execute("insert into entries(order_id, amount) values (?, ?)", 42, 990);
 *     return null;
 * });
 *
 * // at shut-down
 * ConnectionPool.closeAllConnections();
 * JtaSupport.shutdown();
 * }</pre>
 *
 * <p>What an XA unit of work does, phase by phase:
 * <table>
 *   <caption>XA unit of work</caption>
 *   <tr><th>phase</th><th>what happens</th><th>on failure</th></tr>
 *   <tr><td>begin</td><td>a JTA transaction on the calling thread, with the unit of work's
 *       timeout</td><td>nested XA units of work are refused</td></tr>
 *   <tr><td>work</td><td>each label's first statement borrows a connection, which is enlisted once
 *       ({@code XAResource.start})</td><td>any exception: every branch rolled back, the exception
 *       rethrown</td></tr>
 *   <tr><td>end</td><td>sessions are closed; connections stay with the transaction</td><td></td></tr>
 *   <tr><td>prepare</td><td>every branch prepared (skipped when only one label was used: one-phase
 *       commit)</td><td>a branch that cannot prepare, also because its database went away: every
 *       branch rolled back, {@link TransactionRolledBackException}</td></tr>
 *   <tr><td>log</td><td>the commit decision forced to the transaction log</td><td>crash before it:
 *       recovery rolls the prepared branches back</td></tr>
 *   <tr><td>commit</td><td>every branch committed, the log entry removed, connections returned</td>
 *       <td>crash: recovery commits the rest; a database that went away (connection lost, server
 *       down): the call returns normally, since the outcome is commit and is logged; the others have
 *       committed, and that database's branch stays prepared, its rows locked and not yet visible,
 *       until a recovery pass after it is back commits it; a database that decided alone:
 *       {@link HeuristicOutcomeException}</td></tr>
 * </table>
 *
 * <p>Thread-safety: all methods are thread-safe; {@code enable} and {@code shutdown} are
 * serialised with each other.
 */
public final class JtaSupport {
    private JtaSupport() {
    }

    /**
     * Configures Narayana with the settings, takes the log directory (an exclusive lock: one running
     * instance per directory) and starts background recovery, whose first pass runs one scan period
     * later. Call it before {@code ConnectionPool.configure(...)}. Narayana reads its configuration
     * once per JVM: calling again with equal settings does nothing; with other settings, or after
     * {@link #shutdown()}, it throws.
     *
     * @param settings the settings
     * @throws io.multidb.connection.ConfigurationException when the log directory cannot be created or
     *     locked, or belongs to another node id, or the journal store's library is missing
     * @throws IllegalStateException when already enabled with other settings, or shut down
     */
    public static void enable(JtaSettings settings) {
        JtaRuntime.enable(settings);
    }

    /**
     * @return whether {@link #enable(JtaSettings)} has been called and not shut down since
     */
    public static boolean isEnabled() {
        return JtaRuntime.current() != null;
    }

    /**
     * Starts one full recovery pass now and returns at once: the pass runs on the recovery thread
     * (after any pass in progress) and finishes whatever a crash left in doubt on the databases of
     * the configured XA labels. It reads the transaction log, lists the prepared branches of every
     * such database, waits {@link JtaSettings#recoveryBackoffPeriod()}, then commits the branches
     * whose transaction the log says committed and rolls back this node's branches that no
     * transaction claims. The backoff is not skipped, not even at start-up: it is what keeps a pass
     * from rolling back a branch that a live transaction of another process has prepared and not yet
     * logged (another node among {@link JtaSettings#recoveryNodes()}, or a process wrongly given this
     * node id). Until the pass ends, rows locked by an in-doubt branch stay locked, and a
     * transaction that needs them waits.
     *
     * <p>At start-up, call it as a statement right after {@code configure}, and the application
     * starts at once while recovery finishes in the background. To wait for the pass (a short-lived
     * program, a test, a health check), use the returned stage:
     *
     * <pre>{@code
     * ConnectionPool.configure(configs);
     * JtaSupport.recover();   // after configure: the databases to scan are the XA labels
     *
     * JtaSupport.recover().toCompletableFuture().join();   // or: start a pass and wait for its end
     * }</pre>
     *
     * <p>A call while a requested pass is still waiting to start joins that pass rather than
     * queueing another. A database that cannot be reached is skipped with a WARN (the stage still
     * completes normally) and tried again on the next pass. {@link #shutdown()} ends a pass that is
     * in its backoff without its second phase; its stage then completes exceptionally, and the next
     * run's recovery finishes the rest.
     *
     * <p>Thread-safety: thread-safe; passes never overlap.
     *
     * @return completes when the pass has ended; exceptionally with an {@link IllegalStateException}
     *     when {@link #shutdown()} stopped recovery first, or with what made the pass fail
     * @throws IllegalStateException when JTA support is not enabled
     */
    public static CompletionStage<Void> recover() {
        return JtaRuntime.require().recover();
    }

    /**
     * Stops recovery and Narayana's background threads and releases the log directory; after
     * {@code ConnectionPool.closeAllConnections()} and this, no Multidb or Narayana thread keeps the
     * JVM alive. A recovery pass in its backoff ends without its second phase, and one in its
     * second phase is waited for; prepared branches that a pass did not finish, and those of a
     * transaction still committing elsewhere, are finished by the next run's recovery. Does nothing
     * when not enabled.
     *
     * @throws IllegalStateException while XA labels are still configured
     */
    public static void shutdown() {
        JtaRuntime.shutdown();
    }

    /**
     * Runs an XA unit of work with its own transaction timeout instead of
     * {@link JtaSettings#defaultTransactionTimeout()}, on the static facade's pools: as
     * {@code DatabaseManager.inTransaction(TransactionMode.XA, timeout, labels, work)}, but it also
     * checks that JTA support is enabled and insists on a timeout. The unit of work is rolled back
     * (on every database) if it runs longer than {@code timeout}.
     *
     * <pre>{@code
     * JtaSupport.inTransaction(Duration.ofSeconds(5), List.of("orders", "ledger"), u -> {
     *     u.session("orders").execute("update orders set state = 'paid' where id = ?", 42);
     *     u.session("ledger").execute("insert into entries(order_id, amount) values (?, ?)", 42, 990);
     *     return null;
     * });
     * }</pre>
     *
     * <p>The timeout applies to the XA unit of work this call begins on the calling thread, and only
     * to it.
     *
     * @param timeout how long the unit of work may run; whole seconds, at least one
     * @param labels  the labels, all configured with {@code xa: true}
     * @param work    the work
     * @param <R>     what the work returns
     * @param <X>     the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw, after every label was rolled back
     * @throws TransactionRolledBackException when the timeout expired (nothing was committed)
     * @throws IllegalArgumentException when the timeout is not a whole number of seconds of at least one
     * @throws IllegalStateException when JTA support is not enabled
     * @throws io.multidb.connection.NotConfiguredException before {@code ConnectionPool.configure(...)}
     */
    public static <R, X extends Exception> R inTransaction(Duration timeout, Collection<String> labels,
            UnitOfWorkCallback<R, X> work) throws X {
        checkTimeout(timeout);
        JtaRuntime.require();
        return DatabaseManager.inTransaction(TransactionMode.XA, timeout, labels, work);
    }

    /**
     * As {@link #inTransaction(Duration, Collection, UnitOfWorkCallback)}, on the labels of a
     * {@link MultiDb} instance.
     *
     * <pre>{@code
     * JtaSupport.inTransaction(db, Duration.ofSeconds(5), List.of("orders", "ledger"), u -> { ... });
     * }</pre>
     *
     * @param db      the instance whose labels these are
     * @param timeout how long the unit of work may run; whole seconds, at least one
     * @param labels  the labels, all configured with {@code xa: true}
     * @param work    the work
     * @param <R>     what the work returns
     * @param <X>     the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw, after every label was rolled back
     * @throws TransactionRolledBackException when the timeout expired (nothing was committed)
     * @throws IllegalArgumentException when the timeout is not a whole number of seconds of at least one
     * @throws IllegalStateException when JTA support is not enabled
     */
    public static <R, X extends Exception> R inTransaction(MultiDb db, Duration timeout, Collection<String> labels,
            UnitOfWorkCallback<R, X> work) throws X {
        Objects.requireNonNull(db, "db");
        checkTimeout(timeout);
        JtaRuntime.require();
        return db.inTransaction(TransactionMode.XA, timeout, labels, work);
    }

    private static void checkTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.getNano() != 0
                || timeout.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("An XA transaction timeout must be a whole number of seconds, at least"
                    + " 1, but is " + timeout);
        }
    }
}
