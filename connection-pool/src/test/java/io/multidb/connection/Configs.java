package io.multidb.connection;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds configuration maps in tests: a base map plus overrides. */
final class Configs {
    private Configs() {
    }

    /**
     * @param base            a configuration map
     * @param keysAndValues   alternating keys and values to add or replace
     * @return a new mutable map
     */
    static Map<String, Object> with(Map<String, ?> base, Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /**
     * @param name a unique name
     * @return an in-memory H2 configuration
     */
    static Map<String, Object> h2(String name) {
        return with(Map.of("url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "user", "sa", "pool_size", 2));
    }
}
