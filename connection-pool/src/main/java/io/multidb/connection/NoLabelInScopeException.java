package io.multidb.connection;

/**
 * A session was asked for the label in scope ({@link DatabaseManager#getSession()},
 * {@link MultiDb#session()}) on a thread where no {@link LabelScope} is open. There is never a
 * default label: a request that was not routed fails rather than reaching another tenant's
 * database. The message says how to set one.
 *
 * <pre>{@code
 * try (LabelScope scope = LabelScope.open(tenantOf(request))) {
 *     try (Session s = DatabaseManager.getSession()) { ... }
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public class NoLabelInScopeException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    /**
     * @param call the call that needed the label, such as {@code DatabaseManager.getSession()}
     */
    public NoLabelInScopeException(String call) {
        super(call + " opens a session on the label in scope, but no label is in scope on thread '"
                + Thread.currentThread().getName() + "'. Set one around the work with"
                + " try (LabelScope scope = LabelScope.open(label)) { ... } or LabelScope.run(label, work);"
                + " work handed to another thread or executor carries the label only when wrapped with"
                + " LabelScope.wrap(...). There is no default label.");
    }
}
