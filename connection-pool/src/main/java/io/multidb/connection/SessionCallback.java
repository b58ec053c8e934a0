package io.multidb.connection;

/**
 * Work done with one session inside {@link DatabaseManager#inTransaction(String, SessionCallback)}.
 *
 * <pre>{@code
 * long count = DatabaseManager.inTransaction("orders", s ->
 *         s.query(Long.class, "select count(*) from orders").get(0));
 * }</pre>
 *
 * @param <R> what the work returns
 * @param <X> the checked exception the work may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface SessionCallback<R, X extends Exception> {
    /**
     * @param session the session, in a transaction that commits when this returns
     * @return the result handed back to the caller
     * @throws X when the work fails; the transaction is rolled back
     */
    R apply(Session session) throws X;
}
