package io.multidb.connection;

/**
 * How a unit of work over several labels is made atomic.
 *
 * <pre>{@code
 * DatabaseManager.inTransaction(TransactionMode.BEST_EFFORT, List.of("orders", "analytics"), u -> {
 *     u.session("orders").execute("insert into orders(id) values (?)", 7);
 *     u.session("analytics").execute("insert into events(kind) values ('order')");
 *     return null;
 * });
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public enum TransactionMode {
    /**
     * One label: a local transaction. Several labels: XA two-phase commit when every label has
     * {@code xa: true} and an XA provider is enabled; otherwise the unit of work is refused before
     * any database is touched. Never degrades silently.
     */
    AUTO,
    /** XA two-phase commit; an error if any label is not XA-capable. */
    XA,
    /**
     * Local transactions committed one by one in the order the labels were given; a failed commit
     * rolls back the labels after it and raises {@link PartialCommitException} naming what
     * committed.
     */
    BEST_EFFORT
}
