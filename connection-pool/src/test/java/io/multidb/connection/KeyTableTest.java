package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.multidb.connection.internal.config.Key;
import io.multidb.connection.internal.config.KeyTableDoc;
import io.multidb.connection.internal.config.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key table drives the README, equality and {@code toString()}: a key added to it is covered everywhere. */
class KeyTableTest {
    private static final String CANARY = "Canary-Pw-7731";

    /** A configuration every key can be changed in without making it invalid. */
    private static final Map<String, Object> BASE = Map.of("url", "jdbc:postgresql://db/orders", "user", "app",
            "password", CANARY);

    /** For each key that is part of a configuration's value, a valid value other than BASE's or the default. */
    private static final Map<String, Object> OTHER_VALUES = Map.ofEntries(
            Map.entry("engine", "mariadb"),
            Map.entry("connection_string", "jdbc:postgresql://db/other"),
            Map.entry("user", "someone"),
            Map.entry("password", "other"),
            Map.entry("schema", "sales"),
            Map.entry("pool_size", 3),
            Map.entry("max_overflow", 2),
            Map.entry("pool_timeout", 2),
            Map.entry("pool_recycle", 60),
            Map.entry("pool_pre_ping", false),
            Map.entry("read_only", true),
            Map.entry("isolation", "serializable"),
            Map.entry("init_sql", "select 1"),
            Map.entry("properties", Map.of("sslmode", "require")),
            Map.entry("xa", true),
            Map.entry("lazy", false),
            Map.entry("fair_queue", false),
            Map.entry("driver_class", "org.postgresql.Driver"),
            Map.entry("connect_timeout", 3),
            Map.entry("socket_timeout", 4),
            Map.entry("validation_timeout", 1),
            Map.entry("leak_detection_threshold", 5),
            Map.entry("pool_idle_timeout", 30),
            Map.entry("application_name", "billing-api"));

    @Test
    void readmeKeyTableIsTheKeyTable() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int section = readme.indexOf("## Configuration keys");
        assertThat(section).as("README.md has a '## Configuration keys' section").isNotNegative();
        int start = section;
        while (start < readme.size() && !readme.get(start).startsWith("| key ")) {
            start++;
        }
        StringBuilder table = new StringBuilder();
        for (int i = start; i < readme.size() && readme.get(i).startsWith("|"); i++) {
            table.append(readme.get(i)).append('\n');
        }
        assertThat(table.toString()).as("README.md's key table; regenerate it from KeyTableDoc.markdown():%n%s",
                KeyTableDoc.markdown()).isEqualTo(KeyTableDoc.markdown());
    }

    @Test
    void everyKeyOfAConfigurationTakesPartInEqualityHashAndToString() {
        for (Key<?> key : Keys.ALL) {
            if (key.part() != Key.Part.CONNECTION && key.part() != Key.Part.POOL) {
                continue;
            }
            assertThat(OTHER_VALUES).as("a value for the new key %s in this test", key).containsKey(key.name());
            Map<String, Object> unchanged = new HashMap<>(BASE);
            if (key == Keys.POOL_PRE_PING) {
                unchanged.put("xa", true); // only an XA pool can skip the check
            }
            DatabaseConfig base = DatabaseConfig.fromMap("orders", unchanged);
            Map<String, Object> changed = new HashMap<>(unchanged);
            changed.put(key.name().equals("connection_string") ? "url" : key.name(), OTHER_VALUES.get(key.name()));
            if (key == Keys.ENGINE) {
                changed.put("url", "jdbc:mariadb://db/orders");
            }
            DatabaseConfig other = DatabaseConfig.fromMap("orders", changed);
            assertThat(other).as("equality covers %s", key).isNotEqualTo(base);
            assertThat(other.hashCode()).as("hashCode covers %s", key).isNotEqualTo(base.hashCode());
            assertThat(base.toString()).as("toString shows %s", key).contains(key.shownAs() + "=");
            assertThat(other.toString()).doesNotContain(CANARY).doesNotContain("=other,");
        }
    }

    @Test
    void connectionAndPoolAreTheTwoHalvesOfAConfiguration() {
        DatabaseConfig c = DatabaseConfig.builder("orders").url("postgresql://app:" + CANARY + "@db/orders")
                .poolSize(3).maxOverflow(2).poolTimeout(Duration.ofSeconds(2)).readOnly(true).build();
        assertThat(c.connection().engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(c.connection().url()).isEqualTo("jdbc:postgresql://db:5432/orders");
        assertThat(c.connection().user()).contains("app");
        assertThat(c.connection().password()).contains(CANARY);
        assertThat(c.connection().readOnly()).isTrue();
        assertThat(c.connection().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.pool().maxPoolSize()).isEqualTo(5);
        assertThat(c.pool().poolTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.connection().toString()).startsWith("ConnectionSettings{engine=postgresql, url=")
                .contains("password=****").doesNotContain(CANARY).doesNotContain("pool_size");
        assertThat(c.pool().toString()).startsWith("PoolSettings{pool_size=3, max_overflow=2")
                .doesNotContain("url=");
        DatabaseConfig same = DatabaseConfig.fromMap("orders", Map.of("url", "postgresql://app:" + CANARY
                + "@db/orders", "pool_size", 3, "max_overflow", 2, "pool_timeout", 2, "read_only", true));
        assertThat(same.connection()).isEqualTo(c.connection()).hasSameHashCodeAs(c.connection());
        assertThat(same.pool()).isEqualTo(c.pool()).hasSameHashCodeAs(c.pool());
        assertThat(DatabaseConfig.fromMap("orders", Map.of("url", "postgresql://app:" + CANARY + "@db/orders",
                "pool_size", 4, "max_overflow", 1, "pool_timeout", 2, "read_only", true)).connection())
                .isEqualTo(c.connection());
    }
}
