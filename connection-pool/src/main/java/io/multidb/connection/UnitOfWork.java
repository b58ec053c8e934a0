package io.multidb.connection;

import java.util.Set;

/**
 * The labels of one multi-database transaction, each with its session. Sessions are opened on
 * first request and belong to the unit of work: their {@code commit()} and {@code rollback()} throw
 * {@link IllegalStateException} (the unit of work decides) and their {@code close()} does nothing.
 *
 * <pre>{@code
 * DatabaseManager.inTransaction(List.of("users", "audit"), u -> {
 *     new UserDao(u.session("users")).rename(7, "Ada");
 *     u.session("audit").execute("insert into audit_log(event) values (?)", "rename 7");
 *     return null;
 * });
 * }</pre>
 *
 * <p>Thread-safety: one thread at a time, like the sessions it hands out.
 */
public interface UnitOfWork {
    /**
     * @param label one of {@link #labels()}
     * @return the session for that label, the same one on every call
     * @throws IllegalArgumentException when the label is not part of this unit of work
     */
    Session session(String label);

    /**
     * @return the labels this unit of work spans, in the order given
     */
    Set<String> labels();

    /**
     * @return how the unit of work commits: {@link TransactionMode#XA} or
     *     {@link TransactionMode#BEST_EFFORT} for several labels (never {@code AUTO}: that has been
     *     resolved), or the mode asked for when there is one label
     */
    TransactionMode mode();
}
