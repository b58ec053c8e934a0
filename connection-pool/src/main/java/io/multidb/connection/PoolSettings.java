package io.multidb.connection;

import io.multidb.connection.internal.config.Key;
import io.multidb.connection.internal.config.Keys;
import io.multidb.connection.internal.config.Values;
import java.time.Duration;
import java.util.StringJoiner;

/**
 * How many connections a label keeps and how long things may take: the pool half of a
 * {@link DatabaseConfig} (the other half, where and who, is {@link ConnectionSettings}).
 *
 * <pre>{@code
 * PoolSettings pool = DatabaseConfig.fromMap("orders", Map.of(
 *         "url", "jdbc:h2:mem:orders", "pool_size", 5, "max_overflow", 5)).pool();
 * pool.maxPoolSize();  // 10
 * pool.poolTimeout();  // PT30S
 * }</pre>
 *
 * <p>Two settings are equal when every pool key is.
 *
 * <p>Thread-safety: immutable and safe to share.
 */
public final class PoolSettings {
    private final Values values;

    PoolSettings(Values values) {
        this.values = values;
    }

    /**
     * @return connections kept open when idle ({@code pool_size})
     */
    public int poolSize() {
        return Keys.POOL_SIZE.get(values);
    }

    /**
     * @return extra connections opened under load ({@code max_overflow})
     */
    public int maxOverflow() {
        return Keys.MAX_OVERFLOW.get(values);
    }

    /**
     * @return the most connections the pool opens: {@code pool_size + max_overflow}
     */
    public int maxPoolSize() {
        return poolSize() + maxOverflow();
    }

    /**
     * @return how long a session waits for a free connection ({@code pool_timeout})
     */
    public Duration poolTimeout() {
        return Keys.POOL_TIMEOUT.get(values);
    }

    /**
     * @return how long a connection lives before it is replaced ({@code pool_recycle});
     *     {@link Duration#ZERO} means forever
     */
    public Duration poolRecycle() {
        return Keys.POOL_RECYCLE.get(values);
    }

    /**
     * @return whether a connection is validated before it is handed out ({@code pool_pre_ping})
     */
    public boolean poolPrePing() {
        return Keys.POOL_PRE_PING.get(values);
    }

    /**
     * @return whether the pool opens only when the label is first used ({@code lazy})
     */
    public boolean lazy() {
        return Keys.LAZY.get(values);
    }

    /**
     * @return whether sessions waiting for a connection are served first come, first served
     *     ({@code fair_queue})
     */
    public boolean fairQueue() {
        return Keys.FAIR_QUEUE.get(values);
    }

    /**
     * @return the longest the check of a connection before it is handed out may take
     *     ({@code validation_timeout}); the pool uses at most {@link #poolTimeout()}
     */
    public Duration validationTimeout() {
        return Keys.VALIDATION_TIMEOUT.get(values);
    }

    /**
     * @return how long a session may stay open before it is reported as a possible leak
     *     ({@code leak_detection_threshold}); {@link Duration#ZERO} means never reported
     */
    public Duration leakDetectionThreshold() {
        return Keys.LEAK_DETECTION_THRESHOLD.get(values);
    }

    /**
     * @return how long the pool may go unused before it is closed, to be opened again on the next use
     *     ({@code pool_idle_timeout}); {@link Duration#ZERO} means never
     */
    public Duration poolIdleTimeout() {
        return Keys.POOL_IDLE_TIMEOUT.get(values);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof PoolSettings other && values.equalIn(other.values, Key.Part.POOL);
    }

    @Override
    public int hashCode() {
        return values.hashIn(Key.Part.POOL);
    }

    @Override
    public String toString() {
        StringJoiner shown = new StringJoiner(", ", "PoolSettings{", "}");
        values.showIn(shown, Key.Part.POOL);
        return shown.toString();
    }
}
