package io.multidb.jta;

import io.multidb.connection.MultiDbException;
import java.util.List;

/**
 * An XA unit of work was asked to commit but rolled back instead, on every database: it ran longer
 * than its transaction timeout, or a database refused to prepare its branch (a constraint checked
 * at commit, a serialization failure, a lost connection). Nothing was committed anywhere, so the
 * work may be retried.
 *
 * <pre>{@code
 * try {
 *     JtaSupport.inTransaction(Duration.ofSeconds(5), List.of("orders", "ledger"), u -> {...});
 * } catch (TransactionRolledBackException e) {
 *     e.labels();   // [orders, ledger] -- none of them holds the work
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public class TransactionRolledBackException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // List.copyOf returns a serializable list
    private final List<String> labels;

    /**
     * @param labels the labels of the unit of work, in the order given
     * @param reason why, as far as known, already free of secrets
     * @param cause  the transaction manager's exception, or {@code null}
     */
    public TransactionRolledBackException(List<String> labels, String reason, Throwable cause) {
        super("XA unit of work over " + labels + " rolled back instead of committing; nothing was committed on any"
                + " of them: " + reason, cause);
        this.labels = List.copyOf(labels);
    }

    /**
     * @return the labels of the unit of work, in the order given
     */
    public List<String> labels() {
        return labels;
    }
}
