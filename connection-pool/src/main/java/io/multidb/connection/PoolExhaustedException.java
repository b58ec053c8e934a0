package io.multidb.connection;

import java.time.Duration;

/**
 * No connection became free within the label's {@code pool_timeout}: every connection was in use.
 * The message carries the pool state at the moment of the timeout, for example
 * {@code No connection for database 'orders' within 250 ms (pool multidb-orders: active 5, idle 0,
 * waiting 12, max 5). ...}
 *
 * <pre>{@code
 * try (Session s = DatabaseManager.getSession("orders")) {
 *     ...
 * } catch (PoolExhaustedException e) {
 *     response.status(503).header("Retry-After", "1");
 *     metrics.counter("pool_exhausted", "label", e.label()).increment();
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public class PoolExhaustedException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    private final String label;
    private final Duration waited;
    private final PoolStats stats;

    /**
     * @param label  the label whose pool had no free connection
     * @param waited how long the caller waited
     * @param stats  the pool state when the wait ended
     * @param cause  the pool's own timeout exception
     */
    public PoolExhaustedException(String label, Duration waited, PoolStats stats, Throwable cause) {
        super("No connection for database '" + label + "' within " + waited.toMillis() + " ms (pool multidb-"
                + label + ": active " + stats.active() + ", idle " + stats.idle() + ", waiting " + stats.waiting()
                + ", max " + stats.max() + "). Close sessions sooner, or raise pool_size, max_overflow or"
                + " pool_timeout for '" + label + "'.", cause);
        this.label = label;
        this.waited = waited;
        this.stats = stats;
    }

    /**
     * @return the label whose pool had no free connection
     */
    public String label() {
        return label;
    }

    /**
     * @return how long the caller waited before giving up
     */
    public Duration waited() {
        return waited;
    }

    /**
     * @return the pool state when the wait ended
     */
    public PoolStats stats() {
        return stats;
    }
}
