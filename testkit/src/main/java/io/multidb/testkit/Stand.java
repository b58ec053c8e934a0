package io.multidb.testkit;

import io.multidb.connection.ConnectionSettings;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import io.multidb.connection.PoolSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads what a stand-in keeps of an application's label: its engine and its pool settings. */
final class Stand {

    /** Keys a replaced label keeps: how its pool behaves, not where it connects. */
    static final Set<String> KEPT_KEYS = Set.of("pool_size", "max_overflow", "pool_timeout",
            "pool_recycle", "pool_pre_ping", "read_only", "isolation", "xa", "lazy", "fair_queue", "connect_timeout",
            "socket_timeout", "validation_timeout", "leak_detection_threshold");

    private Stand() {
    }

    /**
     * @param label the label
     * @param value a map of keys or a {@link DatabaseConfig}
     * @return the label's engine, given or inferred from its URL
     */
    static Engine engineOf(String label, Object value) {
        if (value instanceof DatabaseConfig config) {
            return config.engine();
        }
        Map<String, Object> keys = stringKeys(value);
        return DatabaseConfig.fromMap(label, keys).engine();
    }

    /**
     * @param value a map of keys or a {@link DatabaseConfig}
     * @param kept  the keys to keep
     * @return the kept settings, as configuration map entries
     */
    static Map<String, Object> keptSettings(Object value, Set<String> kept) {
        Map<String, Object> keys = value instanceof DatabaseConfig c ? keysOf(c) : stringKeys(value);
        Map<String, Object> out = new LinkedHashMap<>();
        keys.forEach((key, v) -> {
            if (kept.contains(key)) {
                out.put(key, v);
            }
        });
        return out;
    }

    /**
     * @param value a kept {@code leak_detection_threshold}, as a map holds it
     * @return whether it is zero ("never report"), which would also stop sessions being counted
     */
    static boolean isZeroThreshold(Object value) {
        if (value instanceof Duration d) {
            return d.isZero();
        }
        if (value instanceof Number || value instanceof CharSequence) {
            try {
                return new BigDecimal(value.toString().strip()).signum() == 0;
            } catch (NumberFormatException e) {
                return false; // the configuration reports it, naming the key
            }
        }
        return false;
    }

    /**
     * A {@link DatabaseConfig}'s settings as configuration map entries, durations exact (a
     * {@link Duration} is a valid value of every seconds key).
     */
    private static Map<String, Object> keysOf(DatabaseConfig c) {
        PoolSettings pool = c.pool();
        ConnectionSettings connection = c.connection();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pool_size", pool.poolSize());
        out.put("max_overflow", pool.maxOverflow());
        out.put("pool_timeout", pool.poolTimeout());
        out.put("pool_recycle", pool.poolRecycle());
        out.put("pool_pre_ping", pool.poolPrePing());
        out.put("read_only", connection.readOnly());
        connection.isolation().ifPresent(isolation -> out.put("isolation", isolation));
        out.put("xa", connection.xa());
        out.put("lazy", pool.lazy());
        out.put("fair_queue", pool.fairQueue());
        out.put("connect_timeout", connection.connectTimeout());
        out.put("socket_timeout", connection.socketTimeout());
        out.put("validation_timeout", pool.validationTimeout());
        out.put("leak_detection_threshold", pool.leakDetectionThreshold());
        return out;
    }

    private static Map<String, Object> stringKeys(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
