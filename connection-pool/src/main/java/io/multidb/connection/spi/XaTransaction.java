package io.multidb.connection.spi;

/**
 * One global transaction started by {@link XaProvider#begin}. Exactly one of {@link #commit()} or
 * {@link #rollback()} is called, on the thread that began it.
 *
 * <p>Thread-safety: confined to the thread that began it.
 */
public interface XaTransaction {

    /**
     * Commits every enlisted branch: one phase when a single resource took part, two phases
     * otherwise.
     *
     * @throws io.multidb.connection.MultiDbException when the transaction rolled back instead, or
     *     its outcome is heuristic; the message names the labels
     */
    void commit();

    /**
     * Rolls back every enlisted branch.
     *
     * @throws io.multidb.connection.MultiDbException when a branch could not be rolled back
     */
    void rollback();
}
