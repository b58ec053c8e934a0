package io.multidb.connection;

/**
 * A snapshot of one label's pool. A lazy label that has not been used yet reports zeros and its
 * configured maximum.
 *
 * <pre>{@code
 * PoolStats s = ConnectionPool.stats("orders");
 * if (s.waiting() > 0) log.warn("orders pool saturated: {}", s);
 * }</pre>
 *
 * <p>Thread-safety: immutable; each call to {@link ConnectionPool#stats(String)} takes a new
 * snapshot, whose numbers are read one after another and so may not add up exactly under load.
 *
 * @param active  connections lent out to sessions
 * @param idle    connections open and free
 * @param waiting threads waiting for a connection
 * @param total   connections open ({@code active + idle})
 * @param max     the most connections the pool may open ({@code pool_size + max_overflow})
 */
public record PoolStats(int active, int idle, int waiting, int total, int max) implements java.io.Serializable {
}
