package io.multidb.connection;

/**
 * Work done over several labels inside
 * {@link DatabaseManager#inTransaction(java.util.Collection, UnitOfWorkCallback)}.
 *
 * <pre>{@code
 * DatabaseManager.inTransaction(List.of("accounts_a", "accounts_b"), u -> {
 *     u.session("accounts_a").execute("update account set balance = balance - ? where id = ?", 10, 1);
 *     u.session("accounts_b").execute("update account set balance = balance + ? where id = ?", 10, 1);
 *     return null;
 * });
 * }</pre>
 *
 * @param <R> what the work returns
 * @param <X> the checked exception the work may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface UnitOfWorkCallback<R, X extends Exception> {
    /**
     * @param unitOfWork gives one session per label, all committed or rolled back together
     * @return the result handed back to the caller
     * @throws X when the work fails; every label is rolled back
     */
    R apply(UnitOfWork unitOfWork) throws X;
}
