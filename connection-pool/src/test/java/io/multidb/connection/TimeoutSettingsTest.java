package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.multidb.connection.internal.DriverTimeouts;
import io.multidb.testkit.ProvokesWarnings;
import io.multidb.testkit.RequiresEngine;
import io.multidb.testkit.TestDatabase;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.multidb.testkit.ClosePools;

/**
 * connect_timeout, socket_timeout, validation_timeout and leak_detection_threshold: read from every
 * source, checked, and passed to each driver in its own names and units.
 */
@ExtendWith(ClosePools.class)
class TimeoutSettingsTest {

    private static DatabaseConfig read(Map<String, ?> map) {
        return DatabaseConfig.fromMap("orders", map);
    }

    private static Map<String, Object> pg(Object... keysAndValues) {
        return Configs.with(Map.of("connection_string", "postgresql://app@db.internal:5432/orders"), keysAndValues);
    }

    @Test
    void defaultsBoundConnectingAndValidationButNotStatements() {
        DatabaseConfig c = read(pg());
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.socketTimeout()).isEqualTo(Duration.ZERO);
        assertThat(c.validationTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.leakDetectionThreshold()).isEqualTo(Duration.ZERO);
        assertThat(c.toString()).contains("connect_timeout=10s", "socket_timeout=0s", "validation_timeout=5s",
                "leak_detection_threshold=0s");
    }

    @Test
    void everySourceReadsTheSameSeconds() throws Exception {
        DatabaseConfig fromMap = read(pg("connect_timeout", 2.5, "socket_timeout", 30, "validation_timeout",
                Duration.ofMillis(750), "leak_detection_threshold", 60));
        assertThat(fromMap.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(fromMap.socketTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fromMap.validationTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(fromMap.leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(60));

        Properties p = new Properties();
        p.load(new StringReader("""
                multidb.orders.connection_string=postgresql://app@db.internal:5432/orders
                multidb.orders.connect_timeout=2.5
                multidb.orders.socket_timeout=30
                multidb.orders.validation_timeout=0.75
                multidb.orders.leak_detection_threshold=60
                """));
        assertThat(DatabaseConfig.fromProperties(p).get("orders")).isEqualTo(fromMap);
        assertThat(DatabaseConfig.fromEnvironment(Map.of(
                "MULTIDB_ORDERS_CONNECTION_STRING", "postgresql://app@db.internal:5432/orders",
                "MULTIDB_ORDERS_CONNECT_TIMEOUT", "2.5",
                "MULTIDB_ORDERS_SOCKET_TIMEOUT", "30",
                "MULTIDB_ORDERS_VALIDATION_TIMEOUT", "0.75",
                "MULTIDB_ORDERS_LEAK_DETECTION_THRESHOLD", "60")).get("orders")).isEqualTo(fromMap);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "connect_timeout          | -1   | must be 0 or more seconds",
        "socket_timeout           | -0.5 | must be 0 or more seconds",
        "leak_detection_threshold | -3   | must be 0 or more seconds",
        "validation_timeout       | 0.1  | must be at least 0.25 seconds",
        "validation_timeout       | 0    | must be at least 0.25 seconds",
        "socket_timeout           | soon | must be a number of seconds"})
    void outOfRangeValuesNameLabelAndKey(String key, String value, String problem) {
        Object raw = value.equals("soon") ? value : Double.valueOf(value);
        assertThatThrownBy(() -> read(pg(key, raw)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.label()).isEqualTo("orders");
                    assertThat(e.key()).isEqualTo(key);
                })
                .hasMessageContaining("Database 'orders': " + key)
                .hasMessageContaining(problem);
    }

    @Test
    void postgresqlTakesWholeSecondsRoundedUp() {
        assertThat(DriverTimeouts.driverProperties(read(pg("connect_timeout", 1.2, "socket_timeout", 0.2))))
                .containsEntry("connectTimeout", "2").containsEntry("loginTimeout", "2")
                .containsEntry("socketTimeout", "1");
        assertThat(DriverTimeouts.driverProperties(read(pg()))).doesNotContainKey("socketTimeout");
    }

    @Test
    void otherDriversTakeTheirOwnNamesAndUnits() {
        assertThat(DriverTimeouts.driverProperties(read(Map.of("connection_string",
                "mariadb://app@db:3306/orders", "connect_timeout", 3, "socket_timeout", 1.5))))
                .containsEntry("connectTimeout", "3000").containsEntry("socketTimeout", "1500");
        assertThat(DriverTimeouts.driverProperties(read(Map.of("connection_string",
                "sqlserver://app@db:1433/orders", "connect_timeout", 3, "socket_timeout", 1.5))))
                .containsEntry("loginTimeout", "3").containsEntry("socketTimeout", "1500");
        assertThat(DriverTimeouts.driverProperties(read(Map.of("connection_string",
                "oracle://app@db:1521/orders", "connect_timeout", 3, "socket_timeout", 1.5))))
                .containsEntry("oracle.net.CONNECT_TIMEOUT", "3000").containsEntry("oracle.jdbc.ReadTimeout", "1500");
        assertThat(DriverTimeouts.driverProperties(read(Map.of("engine", "h2", "db", ":memory:",
                "connect_timeout", 3, "socket_timeout", 1.5)))).isEmpty();
    }

    @Test
    void connectingIsBoundedByThePoolWaitUnlessConnectTimeoutSaysOtherwise() {
        assertThat(read(pg("pool_timeout", 2)).connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(read(pg("pool_timeout", 60)).connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(read(pg("pool_timeout", 2, "connect_timeout", 20)).connectTimeout())
                .isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aZeroConnectTimeoutLeavesTheDriversOwnLimit() {
        assertThat(DriverTimeouts.driverProperties(read(pg("connect_timeout", 0))))
                .doesNotContainKeys("connectTimeout", "loginTimeout");
        assertThat(DriverTimeouts.driverProperties(read(Map.of("connection_string", "mariadb://app@db:3306/orders",
                "connect_timeout", 0)))).doesNotContainKey("connectTimeout");
    }

    @Test
    void aTimeoutGivenAsAUrlParameterWinsWhateverItsCase() {
        assertThat(DriverTimeouts.driverProperties(read(Map.of("url",
                "jdbc:postgresql://db:5432/orders?connectTimeout=30&ssl=false", "socket_timeout", 5))))
                .doesNotContainKeys("connectTimeout").containsEntry("loginTimeout", "10")
                .containsEntry("socketTimeout", "5");
        assertThat(DriverTimeouts.driverProperties(read(Map.of("url",
                "jdbc:sqlserver://db:1433;databaseName=orders;logintimeout=30", "socket_timeout", 5))))
                .doesNotContainKeys("loginTimeout").containsEntry("socketTimeout", "5000");
        assertThat(DriverTimeouts.driverProperties(read(Map.of("url",
                "jdbc:mariadb://db:3306/orders?socketTimeout=100", "socket_timeout", 5))))
                .doesNotContainKeys("socketTimeout").containsEntry("connectTimeout", "10000");
    }

    @Test
    void aDriverPropertyOfTheSameNameWins() {
        DatabaseConfig c = read(pg("socket_timeout", 5, "properties", Map.of("socketTimeout", "120")));
        assertThat(DriverTimeouts.driverProperties(c)).containsEntry("socketTimeout", "120");
        assertThat(c.properties()).containsOnlyKeys("socketTimeout");
    }

    @Test
    void theValidationCheckFitsInsideThePoolWait() throws Exception {
        ConnectionPool.configure(Map.of(
                "quick", Map.of("engine", "h2", "db", "mem:quick", "pool_timeout", 0.5),
                "patient", Map.of("engine", "h2", "db", "mem:patient", "validation_timeout", 2)));
        try (var s = DatabaseManager.getSession("quick")) {
            s.query("select 1");
        }
        assertThat(ConnectionPool.dataSource("quick").unwrap(HikariDataSource.class).getValidationTimeout())
                .isEqualTo(500);
        assertThat(ConnectionPool.dataSource("patient").unwrap(HikariDataSource.class).getValidationTimeout())
                .isEqualTo(2000);
    }

    /** A statement that outlives socket_timeout fails, naming the label, and the pool serves on. */
    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    @ProvokesWarnings("com.zaxxer.hikari.pool.ProxyConnection") // the timed-out connection is marked broken
    void aStatementLongerThanTheSocketTimeoutFailsOnPostgresql(TestDatabase db) {
        outlivesTheSocketTimeout(db, "select pg_sleep(5)");
    }

    @Test
    @RequiresEngine(Engine.MARIADB)
    @ProvokesWarnings("com.zaxxer.hikari.pool.ProxyConnection") // the timed-out connection is marked broken
    void aStatementLongerThanTheSocketTimeoutFailsOnMariadb(TestDatabase db) {
        outlivesTheSocketTimeout(db, "select sleep(5)");
    }

    private static void outlivesTheSocketTimeout(TestDatabase db, String slowSql) {
        ConnectionPool.configure(Map.of("bounded", Configs.with(db.freshConfig(), "socket_timeout", 1)));
        try (Session s = DatabaseManager.getSession("bounded")) {
            assertThatThrownBy(() -> s.query(slowSql))
                    .isInstanceOf(SqlExecutionException.class)
                    .hasMessageContaining("'bounded'");
        }
        try (Session s = DatabaseManager.getSession("bounded")) {
            assertThat(s.query("select 1 as one")).hasSize(1);
        }
        assertThat(ConnectionPool.stats("bounded").active()).isZero();
    }
}
