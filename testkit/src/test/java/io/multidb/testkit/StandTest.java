package io.multidb.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.IsolationLevel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandTest {

    /** Every kept key set away from its default. */
    private static final Map<String, Object> APPLICATION = Map.ofEntries(
            Map.entry("url", "jdbc:postgresql://prod-db.invalid:5432/orders"), Map.entry("user", "app"),
            Map.entry("password", "s3cret"), Map.entry("init_sql", "set search_path = app"),
            Map.entry("pool_size", 3), Map.entry("max_overflow", 2), Map.entry("pool_timeout", 2.5),
            Map.entry("pool_recycle", 120), Map.entry("pool_pre_ping", true), Map.entry("read_only", true),
            Map.entry("isolation", "serializable"), Map.entry("lazy", true), Map.entry("fair_queue", true),
            Map.entry("connect_timeout", 4), Map.entry("socket_timeout", 7.25), Map.entry("validation_timeout", 1.5),
            Map.entry("leak_detection_threshold", 0.5));

    @Test
    void aDatabaseConfigKeepsWhatTheMapFormKeeps() {
        Map<String, Object> fromMap = Stand.keptSettings(APPLICATION, Stand.KEPT_KEYS);
        Map<String, Object> fromConfig = Stand.keptSettings(DatabaseConfig.fromMap("orders", APPLICATION),
                Stand.KEPT_KEYS);

        assertThat(fromConfig).containsKeys("pool_timeout", "pool_recycle", "isolation", "connect_timeout",
                "socket_timeout", "validation_timeout", "leak_detection_threshold");
        assertThat(fromConfig).doesNotContainKeys("url", "user", "password", "init_sql");
        assertThat(standIn(fromConfig)).isEqualTo(standIn(fromMap));
    }

    @Test
    void keepsSubSecondDurationsExactly() {
        DatabaseConfig standIn = standIn(Stand.keptSettings(DatabaseConfig.fromMap("orders", APPLICATION),
                Stand.KEPT_KEYS));

        assertThat(standIn.leakDetectionThreshold()).isEqualTo(Duration.ofMillis(500));
        assertThat(standIn.poolTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(standIn.socketTimeout()).isEqualTo(Duration.ofMillis(7250));
        assertThat(standIn.isolation()).contains(IsolationLevel.SERIALIZABLE);
    }

    /** The pool settings of a stand-in built from the kept keys, on a throw-away H2 URL. */
    private static DatabaseConfig standIn(Map<String, Object> kept) {
        Map<String, Object> config = new LinkedHashMap<>(kept);
        config.put("url", "jdbc:h2:mem:stand");
        return DatabaseConfig.fromMap("orders", config);
    }
}
