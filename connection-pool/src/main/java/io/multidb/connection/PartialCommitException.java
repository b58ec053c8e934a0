package io.multidb.connection;

import java.util.List;

/**
 * A {@link TransactionMode#BEST_EFFORT} unit of work committed some labels and then failed to
 * commit one: the databases now disagree and the application has to reconcile them. Reported only
 * when at least one label committed; when the first commit fails nothing is committed and the
 * commit failure itself is thrown.
 *
 * <pre>{@code
 * try {
 *     DatabaseManager.inTransaction(TransactionMode.BEST_EFFORT, List.of("orders", "audit"), u -> {...});
 * } catch (PartialCommitException e) {
 *     e.committedLabels();  // [orders]   -- these hold the work
 *     e.failedLabel();      // audit      -- its commit failed (the cause says why)
 *     e.rolledBackLabels(); // []         -- labels after the failed one, rolled back
 * }
 * }</pre>
 *
 * <p>The failed label's commit raised an error; the database normally rolled that transaction back,
 * but if the connection was lost during the commit its outcome is unknown to the client.
 *
 * <p>Thread-safety: immutable.
 */
public class PartialCommitException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // List.copyOf returns a serializable list
    private final List<String> committedLabels;
    @SuppressWarnings("serial") // List.copyOf returns a serializable list
    private final List<String> rolledBackLabels;
    private final String failedLabel;

    /**
     * @param committedLabels  labels whose commit succeeded, in commit order
     * @param failedLabel      the label whose commit failed
     * @param rolledBackLabels labels after the failed one, rolled back, in the order given
     * @param cause            the commit failure
     */
    public PartialCommitException(List<String> committedLabels, String failedLabel, List<String> rolledBackLabels,
            Throwable cause) {
        super("Best-effort unit of work committed " + committedLabels + " but the commit of '" + failedLabel
                + "' failed; rolled back " + rolledBackLabels + ". The databases now disagree: reconcile "
                + committedLabels + " with " + failedLabel + ". Cause: " + cause.getMessage(), cause);
        this.committedLabels = List.copyOf(committedLabels);
        this.failedLabel = failedLabel;
        this.rolledBackLabels = List.copyOf(rolledBackLabels);
    }

    /**
     * @return the labels whose commit succeeded, in commit order
     */
    public List<String> committedLabels() {
        return committedLabels;
    }

    /**
     * @return the labels after the failed one, which were rolled back, in the order given
     */
    public List<String> rolledBackLabels() {
        return rolledBackLabels;
    }

    /**
     * @return the label whose commit failed
     */
    public String failedLabel() {
        return failedLabel;
    }
}
