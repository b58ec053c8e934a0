package io.multidb.jta;

import io.multidb.connection.MultiDbException;
import java.util.List;

/**
 * The transaction manager failed an XA unit of work outside the outcomes that have their own
 * exception ({@link TransactionRolledBackException}, {@link HeuristicOutcomeException}): it could
 * not begin the transaction, or its commit or rollback failed in a way that leaves the outcome to
 * recovery. {@link #outcomeKnown()} says whether the databases' state is already decided: when it
 * is not, crash recovery finishes the transaction from the log, and the databases end up either all
 * committed or all rolled back.
 *
 * <pre>{@code
 * try {
 *     DatabaseManager.inTransaction(List.of("orders", "ledger"), u -> {...});
 * } catch (XaTransactionException e) {
 *     if (!e.outcomeKnown()) {
 *         // check later, after recovery: the order may or may not be saved
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public class XaTransactionException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // List.copyOf returns a serializable list
    private final List<String> labels;
    private final boolean outcomeKnown;

    /**
     * @param labels       the labels of the unit of work, in the order given
     * @param message      what failed, naming the labels
     * @param outcomeKnown whether nothing is left for recovery to decide
     * @param cause        the transaction manager's exception
     */
    public XaTransactionException(List<String> labels, String message, boolean outcomeKnown, Throwable cause) {
        super(message, cause);
        this.labels = List.copyOf(labels);
        this.outcomeKnown = outcomeKnown;
    }

    /**
     * @return the labels of the unit of work, in the order given
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * @return {@code true} when the databases' state is decided (nothing was begun, or everything
     *     was rolled back); {@code false} when recovery decides it from the transaction log
     */
    public boolean outcomeKnown() {
        return outcomeKnown;
    }
}
