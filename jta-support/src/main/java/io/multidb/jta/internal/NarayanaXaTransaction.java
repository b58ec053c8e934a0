package io.multidb.jta.internal;

import io.multidb.connection.spi.XaTransaction;
import io.multidb.jta.HeuristicOutcomeException;
import io.multidb.jta.TransactionRolledBackException;
import io.multidb.jta.XaTransactionException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.time.Duration;
import java.util.List;

/**
 * One JTA transaction of an XA unit of work, bound to the thread that began it. Commit is
 * Narayana's: every enlisted branch is prepared, the decision is written to the transaction log,
 * then every branch is committed; with a single branch, one-phase commit and no log.
 *
 * <table>
 *   <caption>How Narayana's outcomes are reported</caption>
 *   <tr><th>Narayana</th><th>meaning</th><th>thrown</th></tr>
 *   <tr><td>returns</td><td>every branch committed</td><td>nothing</td></tr>
 *   <tr><td>{@code RollbackException}</td><td>the transaction timed out or was marked rollback-only,
 *       or a branch failed to prepare; every branch rolled back</td>
 *       <td>{@link TransactionRolledBackException}</td></tr>
 *   <tr><td>{@code HeuristicMixedException}</td><td>some branches committed, others rolled back or
 *       did not answer</td><td>{@link HeuristicOutcomeException} ({@code MIXED})</td></tr>
 *   <tr><td>{@code HeuristicRollbackException}</td><td>every branch rolled back on its own</td>
 *       <td>{@link HeuristicOutcomeException} ({@code ROLLED_BACK})</td></tr>
 *   <tr><td>{@code SystemException}</td><td>the outcome is not known to this process; recovery
 *       finishes the transaction from its log</td><td>{@link MultiDbException}</td></tr>
 * </table>
 *
 * <p>Thread-safety: confined to the thread that began it.
 */
final class NarayanaXaTransaction implements XaTransaction {
    private final TransactionManager tm;
    private final List<String> labels;
    private final Duration timeout;
    private final Runnable onEnd;
    private final long startNanos = System.nanoTime();

    NarayanaXaTransaction(TransactionManager tm, List<String> labels, Duration timeout, Runnable onEnd) {
        this.tm = tm;
        this.labels = List.copyOf(labels);
        this.timeout = timeout;
        this.onEnd = onEnd;
    }

    @Override
    public void commit() {
        try {
            tm.commit();
        } catch (RollbackException e) {
            throw new TransactionRolledBackException(labels, rollbackReason(), e);
        } catch (HeuristicMixedException e) {
            throw new HeuristicOutcomeException(labels, HeuristicOutcomeException.Outcome.MIXED, e);
        } catch (HeuristicRollbackException e) {
            throw new HeuristicOutcomeException(labels, HeuristicOutcomeException.Outcome.ROLLED_BACK, e);
        } catch (SystemException | IllegalStateException | SecurityException e) {
            throw new XaTransactionException(labels, "XA unit of work over " + labels + ": commit failed and its"
                    + " outcome is not known to this process (" + e + "). Recovery finishes it from the transaction"
                    + " log: the databases end up either all committed or all rolled back.", false, e);
        } finally {
            disassociate();
        }
    }

    @Override
    public void rollback() {
        try {
            int status = tm.getStatus();
            if (status == Status.STATUS_ROLLEDBACK || status == Status.STATUS_NO_TRANSACTION) {
                return; // the timeout already rolled it back
            }
            tm.rollback();
        } catch (SystemException | IllegalStateException | SecurityException e) {
            throw new XaTransactionException(labels, "XA unit of work over " + labels + ": rollback failed (" + e
                    + "); recovery rolls back whatever stayed prepared", false, e);
        } finally {
            disassociate();
        }
    }

    private String rollbackReason() {
        Duration ran = Duration.ofNanos(System.nanoTime() - startNanos);
        if (ran.compareTo(timeout) >= 0) {
            return "it ran for " + ran.toMillis() + " ms, longer than its transaction timeout of " + timeout.toSeconds()
                    + " s";
        }
        return "a database refused to prepare its branch, or the transaction was marked rollback-only"
                + " (transaction timeout " + timeout.toSeconds() + " s)";
    }

    private void disassociate() {
        onEnd.run();
        try {
            if (tm.getTransaction() != null) {
                tm.suspend();
            }
        } catch (SystemException e) {
            // Narayana has already ended the association on every path that reaches here
        }
    }
}
