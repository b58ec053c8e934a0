package io.multidb.testkit;

import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads what a stand-in keeps of an application's label: its engine and its pool settings. */
final class Stand {

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
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof DatabaseConfig c) {
            out.put("pool_size", c.poolSize());
            out.put("max_overflow", c.maxOverflow());
            out.put("pool_pre_ping", c.poolPrePing());
            out.put("read_only", c.readOnly());
            out.put("xa", c.xa());
            out.put("lazy", c.lazy());
            out.put("fair_queue", c.fairQueue());
            if (!c.leakDetectionThreshold().isZero()) {
                out.put("leak_detection_threshold", c.leakDetectionThreshold().toSeconds());
            }
            return out;
        }
        stringKeys(value).forEach((key, v) -> {
            if (kept.contains(key)) {
                out.put(key, v);
            }
        });
        return out;
    }

    private static Map<String, Object> stringKeys(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
