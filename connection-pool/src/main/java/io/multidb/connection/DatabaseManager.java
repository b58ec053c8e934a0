package io.multidb.connection;

import java.time.Duration;
import java.util.Collection;

/**
 * Hands out sessions by label and runs transactions, over the pools of {@link ConnectionPool}: each
 * method delegates to the {@link MultiDb} instance that {@link ConnectionPool#configure(java.util.Map)}
 * made current.
 *
 * <pre>{@code
 * try (Session s = DatabaseManager.getSession("default_db")) {
 *     s.execute("insert into users(id, name) values (?, ?)", 1, "Alice");
 *     s.commit();
 * }
 *
 * long users = DatabaseManager.inTransaction("default_db",
 *         s -> s.query(Long.class, "select count(*) from users").get(0));
 *
 * DatabaseManager.inTransaction(TransactionMode.BEST_EFFORT, List.of("default_db", "audit_db"), u -> {
 *     u.session("default_db").execute("update users set name = ? where id = ?", "Ada", 1);
 *     u.session("audit_db").execute("insert into logs(event) values (?)", "renamed user 1");
 *     return null;
 * });
 * }</pre>
 *
 * <p>Thread-safety: all methods are thread-safe; the sessions they hand out are for one thread at a
 * time.
 */
public final class DatabaseManager {
    private DatabaseManager() {
    }

    /**
     * Opens a session on the label in scope on the calling thread ({@link LabelScope}): per-request
     * routing, where a filter or interceptor sets the request's label once and the code below it
     * does not pass it around. Costs no connection until the session is used.
     *
     * <pre>{@code
     * try (LabelScope scope = LabelScope.open("tenant_7")) {
     *     try (Session s = DatabaseManager.getSession()) {        // a session on tenant_7
     *         s.execute("insert into orders(id) values (?)", 42);
     *         s.commit();
     *     }
     * }
     * }</pre>
     *
     * <p>Thread-safety: thread-safe; reads the calling thread's scope, which another thread sees
     * only through {@link LabelScope#wrap(Runnable)} and its overloads.
     *
     * @return a session to close (try-with-resources)
     * @throws NoLabelInScopeException when no label is in scope: there is never a default
     * @throws NotConfiguredException before {@link ConnectionPool#configure(java.util.Map)}
     * @throws UnknownLabelException when the label in scope is not configured
     */
    public static Session getSession() {
        return getSession(LabelScope.required("DatabaseManager.getSession()"));
    }

    /**
     * Opens a read-only session (see {@link #getReadSession(String)}) on the label in scope on the
     * calling thread ({@link LabelScope}).
     *
     * <pre>{@code
     * try (LabelScope scope = LabelScope.open("tenant_7"); Session s = DatabaseManager.getReadSession()) {
     *     List<Order> open = s.query(Order.class, "select * from orders where state = ?", "open");
     * }
     * }</pre>
     *
     * <p>Thread-safety: thread-safe; reads the calling thread's scope.
     *
     * @return a read-only session to close (try-with-resources)
     * @throws NoLabelInScopeException when no label is in scope: there is never a default
     * @throws NotConfiguredException before {@link ConnectionPool#configure(java.util.Map)}
     * @throws UnknownLabelException when the label in scope is not configured
     */
    public static Session getReadSession() {
        return getReadSession(LabelScope.required("DatabaseManager.getReadSession()"));
    }

    /**
     * Opens a session on a label. Costs no connection until the session is used.
     *
     * @param label a configured label
     * @return a session to close (try-with-resources)
     * @throws NotConfiguredException before {@link ConnectionPool#configure(java.util.Map)}
     * @throws UnknownLabelException when the label is not configured
     */
    public static Session getSession(String label) {
        return ConnectionPool.current(label).session(label);
    }

    /**
     * Opens a read-only session on a label: the cheapest way to read. Its statements run with
     * auto-commit on, on a connection that is read-only (on PostgreSQL and MariaDB the database
     * itself refuses a write, with SQLState 25006 or error 1792; on H2, Oracle and SQL Server, which
     * have no read-only connections, the session refuses {@code execute} itself, with SQLState
     * 25006), and its close returns the connection without a rollback.
     *
     * <p>Round trips: a query costs one (prepare, bind and execute go together), and opening and
     * closing the session cost none. A transactional session from {@link #getSession(String)}
     * costs the same per query, plus one at close for the rollback of its open transaction (or
     * one for the commit).
     *
     * <p>There is no transaction to span queries: each statement sees the data committed when it
     * starts, so two queries may see different states. {@code commit()} and {@code rollback()} do
     * nothing. Read-only sessions borrow from a pool of their own per label, sized like the label's
     * ({@code pool_size + max_overflow} at most), which opens connections only as read-only
     * sessions need them and closes them after ten idle minutes; see
     * {@link ConnectionPool#readStats(String)}.
     *
     * <pre>{@code
     * try (Session s = DatabaseManager.getReadSession("orders")) {
     *     List<Order> open = s.query(Order.class, "select * from orders where state = ?", "open");
     * }
     * }</pre>
     *
     * @param label a configured label
     * @return a read-only session to close (try-with-resources)
     * @throws NotConfiguredException before {@link ConnectionPool#configure(java.util.Map)}
     * @throws UnknownLabelException when the label is not configured
     */
    public static Session getReadSession(String label) {
        return ConnectionPool.current(label).readSession(label);
    }

    /**
     * Runs reads on a read-only session (see {@link #getReadSession(String)}) and closes it.
     *
     * <pre>{@code
     * long open = DatabaseManager.read("orders",
     *         s -> s.query(Long.class, "select count(*) from orders where state = 'open'").get(0));
     * }</pre>
     *
     * @param label a configured label
     * @param work  the reads
     * @param <R>   what the work returns
     * @param <X>   the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw
     */
    public static <R, X extends Exception> R read(String label, SessionCallback<R, X> work) throws X {
        try (Session s = getReadSession(label)) {
            return work.apply(s);
        }
    }

    /**
     * Runs work in one local transaction on a label: commits when the work returns, rolls back
     * when it throws (a failed rollback is added to the work's exception as suppressed). The
     * session's own {@code commit()}/{@code rollback()} throw {@link IllegalStateException}.
     *
     * @param label a configured label
     * @param work  the work
     * @param <R>   what the work returns
     * @param <X>   the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw, after rollback
     */
    public static <R, X extends Exception> R inTransaction(String label, SessionCallback<R, X> work) throws X {
        return ConnectionPool.current(label).inTransaction(label, work);
    }

    /**
     * Runs work over several labels as one unit, in {@link TransactionMode#AUTO}: XA two-phase
     * commit when every label is XA-capable, otherwise refused (before any database is touched)
     * with a message naming the labels and the two ways out. One label is a local transaction.
     *
     * @param labels the labels, in commit order
     * @param work   the work
     * @param <R>    what the work returns
     * @param <X>    the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw, after every label was rolled back
     */
    public static <R, X extends Exception> R inTransaction(Collection<String> labels, UnitOfWorkCallback<R, X> work)
            throws X {
        return inTransaction(TransactionMode.AUTO, labels, work);
    }

    /**
     * Runs work over several labels as one unit, in the given mode (see {@link TransactionMode}).
     *
     * @param mode   how to commit
     * @param labels the labels, in commit order
     * @param work   the work
     * @param <R>    what the work returns
     * @param <X>    the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw, after every label was rolled back
     * @throws PartialCommitException in {@code BEST_EFFORT} mode when a commit failed after others
     *     succeeded
     * @throws ConfigurationException when the mode needs XA and a label is not XA-capable
     */
    public static <R, X extends Exception> R inTransaction(TransactionMode mode, Collection<String> labels,
            UnitOfWorkCallback<R, X> work) throws X {
        return inTransaction(mode, null, labels, work);
    }

    /**
     * Runs work over several labels as one unit, in the given mode, with a transaction timeout: an
     * XA unit of work still running after {@code timeout} is rolled back on every database by the
     * transaction manager and ends with an exception; nothing is committed. This is JTA's
     * {@code UserTransaction.setTransactionTimeout} (and Spring's
     * {@code TransactionTemplate.setTimeout}) for one unit of work; without it, XA units of work
     * run with the provider's default ({@code JtaSettings.defaultTransactionTimeout()}).
     *
     * <pre>{@code
     * DatabaseManager.inTransaction(TransactionMode.XA, Duration.ofSeconds(5), List.of("orders", "ledger"), u -> {
     *     u.session("orders").execute("update orders set state = 'paid' where id = ?", 42);
     *     u.session("ledger").execute("insert into entries(order_id, amount) values (?, ?)", 42, 990);
     *     return null;
     * });
     * }</pre>
     *
     * @param mode    how to commit
     * @param timeout how long the XA transaction may run: whole seconds, at least one; {@code null}
     *                for the XA provider's default
     * @param labels  the labels, in commit order
     * @param work    the work
     * @param <R>     what the work returns
     * @param <X>     the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw, after every label was rolled back
     * @throws IllegalArgumentException when the timeout is not a whole number of seconds of at least
     *     one, or is given for a unit of work that does not run under XA ({@code BEST_EFFORT}, or one
     *     label under {@code AUTO}), where nothing would enforce it
     * @throws ConfigurationException when the mode needs XA and a label is not XA-capable
     */
    public static <R, X extends Exception> R inTransaction(TransactionMode mode, Duration timeout,
            Collection<String> labels, UnitOfWorkCallback<R, X> work) throws X {
        String first = labels == null || labels.isEmpty() ? null : labels.iterator().next();
        return ConnectionPool.current(first).inTransaction(mode, timeout, labels, work);
    }
}
