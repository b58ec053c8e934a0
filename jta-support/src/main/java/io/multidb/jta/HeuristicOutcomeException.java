package io.multidb.jta;

import io.multidb.connection.MultiDbException;
import java.util.List;

/**
 * An XA unit of work ended with a heuristic outcome: at least one database decided on its own to
 * commit or roll back its branch, against the transaction manager's decision, so the databases of
 * the unit of work may now disagree. Nothing retries this by itself: the application (or an
 * operator) has to compare the labels' data and reconcile it. Narayana keeps the transaction's
 * record in the log directory until the heuristic is resolved.
 *
 * <pre>{@code
 * try {
 *     DatabaseManager.inTransaction(List.of("orders", "ledger"), u -> {...});
 * } catch (HeuristicOutcomeException e) {
 *     e.labels();   // [orders, ledger]   -- compare these databases
 *     e.outcome();  // MIXED
 *     alerting.raise(e.getMessage());
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public class HeuristicOutcomeException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    /**
     * What the databases did.
     *
     * <p>Thread-safety: immutable.
     */
    public enum Outcome {
        /** Some branches committed and others rolled back (or their outcome is unknown). */
        MIXED,
        /** Every branch rolled back although the decision was to commit. */
        ROLLED_BACK
    }

    @SuppressWarnings("serial") // List.copyOf returns a serializable list
    private final List<String> labels;
    private final Outcome outcome;

    /**
     * @param labels  the labels of the unit of work, in the order given
     * @param outcome what the databases did
     * @param cause   the transaction manager's exception
     */
    public HeuristicOutcomeException(List<String> labels, Outcome outcome, Throwable cause) {
        super(message(labels, outcome, cause), cause);
        this.labels = List.copyOf(labels);
        this.outcome = outcome;
    }

    private static String message(List<String> labels, Outcome outcome, Throwable cause) {
        String what = outcome == Outcome.MIXED
                ? "some databases committed and others rolled back or did not answer"
                : "every database rolled back although the decision was to commit";
        return "XA unit of work over " + labels + " ended with a heuristic outcome (" + outcome + "): " + what
                + ". The databases " + labels + " may now disagree: compare and reconcile them; the transaction"
                + " log keeps the record until then. Cause: " + cause;
    }

    /**
     * @return the labels of the unit of work, in the order given
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * @return what the databases did
     */
    public Outcome outcome() {
        return outcome;
    }
}
