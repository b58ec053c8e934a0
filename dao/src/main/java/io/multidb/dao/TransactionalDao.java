package io.multidb.dao;

import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.MultiDb;
import io.multidb.connection.TransactionMode;
import io.multidb.connection.UnitOfWorkCallback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Base class of services whose work spans several databases and must commit as one. It is
 * constructed with the labels it spans (in commit order) and, optionally, a
 * {@link TransactionMode}; {@link #inTransaction(UnitOfWorkCallback)} runs one unit of work over
 * them through {@link MultiDb#inTransaction(TransactionMode, java.util.Collection,
 * UnitOfWorkCallback)}, and DAOs are created inside it on the unit of work's sessions.
 *
 * <pre>{@code
 * public final class TransferService extends TransactionalDao {
 *     public TransferService() {
 *         super("bank_a", "bank_b");   // AUTO: XA when both labels have xa: true, refused otherwise
 *     }
 *
 *     public void transfer(long from, long to, BigDecimal amount) {
 *         inTransaction(u -> {
 *             AccountDao a = new AccountDao(u.session("bank_a"));
 *             AccountDao b = new AccountDao(u.session("bank_b"));
 *             a.withdraw(from, amount);  // throws InsufficientFundsException: both banks roll back
 *             b.deposit(to, amount);
 *             return null;
 *         });
 *     }
 * }
 *
 * public final class AccountDao extends DaoBase {
 *     public AccountDao(Session session) {
 *         super(session);
 *     }
 *
 *     void withdraw(long account, BigDecimal amount) {
 *         int changed = execute("update accounts set balance = balance - ? where id = ? and balance >= ?",
 *                 amount, account, amount);
 *         if (changed == 0) {
 *             throw new InsufficientFundsException(account, amount);
 *         }
 *     }
 *
 *     void deposit(long account, BigDecimal amount) {
 *         if (execute("update accounts set balance = balance + ? where id = ?", amount, account) == 0) {
 *             throw new IllegalArgumentException("No account " + account);
 *         }
 *     }
 * }
 *
 * // at start-up:
 * JtaSupport.enable(JtaSettings.builder().logDirectory(Path.of("/var/lib/app/tx")).nodeId("app-1").build());
 * ConnectionPool.configure(Map.of(
 *         "bank_a", Map.of("url", "jdbc:postgresql://a.internal/bank", "user", "app", "password", pw, "xa", true),
 *         "bank_b", Map.of("url", "jdbc:mariadb://b.internal/bank", "user", "app", "password", pw, "xa", true)));
 *
 * new TransferService().transfer(1, 2, new BigDecimal("25.00"));
 * }</pre>
 *
 * <p>The mode decides how the labels commit, exactly as {@link TransactionMode} describes:
 * {@code AUTO} (the default) is XA two-phase commit when every label is XA-capable and is refused
 * otherwise, before any database is touched, with a {@link io.multidb.connection.ConfigurationException}
 * naming the labels and the two ways out; {@code XA} insists on XA; {@code BEST_EFFORT} commits the
 * labels one by one in the order given and reports a
 * {@link io.multidb.connection.PartialCommitException} if a later commit fails. With
 * {@code super(TransactionMode.BEST_EFFORT, "bank_a", "bank_b")} the transfer above runs without
 * XA, accepting that window.
 *
 * <p>The labels need not be configured when the service is constructed, only when
 * {@code inTransaction} runs.
 *
 * <p>Which pools: a service constructed with a {@link MultiDb} runs on that instance; one
 * constructed with labels alone runs on the static facade's instance
 * ({@link ConnectionPool#instance()}), looked up on every {@code inTransaction} call, so it follows
 * a {@code closeAllConnections()} and {@code configure(...)} in between.
 *
 * <pre>{@code
 * public TransferService(MultiDb db) {
 *     super(db, TransactionMode.XA, "bank_a", "bank_b");
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable and thread-safe; each {@code inTransaction} call runs its own unit
 * of work on the calling thread, and its sessions and DAOs belong to that call.
 */
public abstract class TransactionalDao {
    /** The instance to run on, or {@code null} for the static facade's current one. */
    private final MultiDb db;
    private final TransactionMode mode;
    private final List<String> labels;

    /**
     * Spans the labels in {@link TransactionMode#AUTO}.
     *
     * @param labels the labels, in commit order; at least one, no duplicates
     * @throws IllegalArgumentException when no label is given, or one is {@code null}, blank or
     *     repeated
     */
    protected TransactionalDao(String... labels) {
        this(TransactionMode.AUTO, labels);
    }

    /**
     * @param mode   how the labels commit together
     * @param labels the labels, in commit order; at least one, no duplicates
     * @throws IllegalArgumentException when no label is given, or one is {@code null}, blank or
     *     repeated
     * @throws NullPointerException when {@code mode} is {@code null}
     */
    protected TransactionalDao(TransactionMode mode, String... labels) {
        this.db = null;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.labels = checked(labels);
    }

    /**
     * Spans labels of one {@link MultiDb} instance in {@link TransactionMode#AUTO}.
     *
     * @param db     the instance whose labels these are
     * @param labels the labels, in commit order; at least one, no duplicates
     * @throws IllegalArgumentException when no label is given, or one is {@code null}, blank or
     *     repeated
     * @throws NullPointerException when {@code db} is {@code null}
     */
    protected TransactionalDao(MultiDb db, String... labels) {
        this(db, TransactionMode.AUTO, labels);
    }

    /**
     * Spans labels of one {@link MultiDb} instance in the given mode.
     *
     * @param db     the instance whose labels these are
     * @param mode   how the labels commit together
     * @param labels the labels, in commit order; at least one, no duplicates
     * @throws IllegalArgumentException when no label is given, or one is {@code null}, blank or
     *     repeated
     * @throws NullPointerException when {@code db} or {@code mode} is {@code null}
     */
    protected TransactionalDao(MultiDb db, TransactionMode mode, String... labels) {
        this.db = Objects.requireNonNull(db, "db");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.labels = checked(labels);
    }

    private static List<String> checked(String[] labels) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("A TransactionalDao needs at least one label to run its units of work"
                    + " on");
        }
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>(labels.length);
        for (String label : labels) {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("Labels of a TransactionalDao must not be null or blank: "
                        + Arrays.toString(labels));
            }
            if (!seen.add(label)) {
                throw new IllegalArgumentException("Label '" + label + "' is given twice to the TransactionalDao: "
                        + Arrays.toString(labels));
            }
            out.add(label);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Runs work in one unit of work over this DAO's labels: everything commits when it returns,
     * everything is rolled back when it throws (a failed rollback is added to the exception as
     * suppressed).
     *
     * <pre>{@code
     * Receipt r = inTransaction(u -> {
     *     long id = new OrderDao(u.session("orders")).place(order);
     *     new LedgerDao(u.session("ledger")).record(id, order.total());
     *     return new Receipt(id);
     * });
     * }</pre>
     *
     * @param work the work; it gets one session per label from {@code u.session(label)}
     * @param <R>  what the work returns
     * @param <X>  the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw, after every label was rolled back
     * @throws io.multidb.connection.ConfigurationException when the mode needs XA and a label is
     *     not XA-capable; nothing was touched
     * @throws io.multidb.connection.PartialCommitException in {@code BEST_EFFORT} mode, when a
     *     commit failed after others succeeded
     */
    protected final <R, X extends Exception> R inTransaction(UnitOfWorkCallback<R, X> work) throws X {
        return db != null ? db.inTransaction(mode, labels, work) : DatabaseManager.inTransaction(mode, labels, work);
    }

    /**
     * As {@link #inTransaction(UnitOfWorkCallback)}, with a transaction timeout for this unit of
     * work (see {@link MultiDb#inTransaction(TransactionMode, Duration, java.util.Collection,
     * UnitOfWorkCallback)}): an XA unit of work still running after it is rolled back on every
     * database.
     *
     * <pre>{@code
     * inTransaction(Duration.ofSeconds(5), u -> { ... });
     * }</pre>
     *
     * @param timeout how long the XA transaction may run: whole seconds, at least one
     * @param work    the work
     * @param <R>     what the work returns
     * @param <X>     the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw, after every label was rolled back
     * @throws IllegalArgumentException when the timeout is not whole seconds of at least one, or
     *     the unit of work does not run under XA
     */
    protected final <R, X extends Exception> R inTransaction(Duration timeout, UnitOfWorkCallback<R, X> work)
            throws X {
        Objects.requireNonNull(timeout, "timeout");
        // the facade's own entry point, so that an unconfigured facade gives its pinned message
        return db != null ? db.inTransaction(mode, timeout, labels, work)
                : DatabaseManager.inTransaction(mode, timeout, labels, work);
    }

    /**
     * @return the labels, in commit order
     */
    protected final List<String> labels() {
        return labels;
    }

    /**
     * @return the transaction mode
     */
    protected final TransactionMode mode() {
        return mode;
    }
}
