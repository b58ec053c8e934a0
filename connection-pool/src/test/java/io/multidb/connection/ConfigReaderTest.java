package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DatabaseConfig#fromMap}: the Python original's map shape, with strict types. */
class ConfigReaderTest {
    private static final String CANARY = "Canary-Pw-7731";
    /** Every error test starts from this, so the canary password goes through every error path. */
    private static final Map<String, Object> BASE = Map.of("url", "jdbc:h2:mem:orders", "user", "sa",
            "password", CANARY);

    private static Map<String, Object> with(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>(BASE);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static DatabaseConfig read(Map<String, ?> map) {
        return DatabaseConfig.fromMap("orders", map);
    }

    /** Asserts label, key and a message fragment, and that the password shows nowhere. */
    private static ConfigurationException error(ThrowingCallable call, String key, String fragment) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, call);
        assertThat(e).as("expected a ConfigurationException").isNotNull();
        assertThat(e.label()).isEqualTo("orders");
        assertThat(e.key()).isEqualTo(key);
        assertThat(e).hasMessageStartingWith("Database 'orders': ").hasMessageContaining(fragment);
        assertThat(e.getMessage()).doesNotContain(CANARY);
        assertThat(e.toString()).doesNotContain(CANARY);
        return e;
    }

    @Test
    void everyKeySetsItsSetting() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("engine", "postgresql");
        map.put("connection_string", "postgresql://app:" + CANARY + "@db.internal:5432/orders?sslmode=require");
        map.put("host", "db.internal");
        map.put("port", 5432);
        map.put("db", "orders");
        map.put("user", "app");
        map.put("password", CANARY);
        map.put("schema", "sales");
        map.put("label", "orders");
        map.put("pool_size", 5);
        map.put("max_overflow", 3);
        map.put("pool_timeout", 2.5);
        map.put("pool_recycle", 600);
        map.put("pool_pre_ping", false);
        map.put("read_only", false);
        map.put("isolation", "serializable");
        map.put("init_sql", List.of("set timezone to 'UTC'", "set work_mem = '64MB'"));
        map.put("properties", Map.of("connectTimeout", 5));
        map.put("xa", true);
        map.put("lazy", false);
        DatabaseConfig c = read(map);
        assertThat(c.label()).isEqualTo("orders");
        assertThat(c.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(c.url()).isEqualTo("jdbc:postgresql://db.internal:5432/orders");
        assertThat(c.user()).contains("app");
        assertThat(c.password()).contains(CANARY);
        assertThat(c.schema()).contains("sales");
        assertThat(c.poolSize()).isEqualTo(5);
        assertThat(c.maxOverflow()).isEqualTo(3);
        assertThat(c.maxPoolSize()).isEqualTo(8);
        assertThat(c.poolTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.poolRecycle()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.poolPrePing()).isFalse();
        assertThat(c.readOnly()).isFalse();
        assertThat(c.isolation()).contains(IsolationLevel.SERIALIZABLE);
        assertThat(c.initSql()).containsExactly("set timezone to 'UTC'", "set work_mem = '64MB'");
        assertThat(c.properties()).containsExactly(Map.entry("sslmode", "require"), Map.entry("connectTimeout", "5"));
        assertThat(c.xa()).isTrue();
        assertThat(c.lazy()).isFalse();
        assertThat(c.toString()).doesNotContain(CANARY);
    }

    @Test
    void onlyAUrlGivesTheDefaults() {
        DatabaseConfig c = read(Map.of("url", "jdbc:h2:mem:orders"));
        assertThat(c.engine()).isEqualTo(Engine.H2);
        assertThat(c.user()).isEmpty();
        assertThat(c.password()).isEmpty();
        assertThat(c.schema()).isEmpty();
        assertThat(c.poolSize()).isEqualTo(DatabaseConfig.DEFAULT_POOL_SIZE);
        assertThat(c.maxOverflow()).isZero();
        assertThat(c.poolTimeout()).isEqualTo(DatabaseConfig.DEFAULT_POOL_TIMEOUT);
        assertThat(c.poolRecycle()).isEqualTo(DatabaseConfig.DEFAULT_POOL_RECYCLE);
        assertThat(c.poolPrePing()).isTrue();
        assertThat(c.readOnly()).isFalse();
        assertThat(c.isolation()).isEmpty();
        assertThat(c.initSql()).isEmpty();
        assertThat(c.properties()).isEmpty();
        assertThat(c.xa()).isFalse();
        assertThat(c.lazy()).isTrue();
    }

    @Test
    void nullValuesMeanNotSet() {
        Map<String, Object> map = new HashMap<>(BASE);
        for (String key : List.of("engine", "host", "port", "db", "schema", "label", "pool_size", "max_overflow",
                "pool_timeout", "pool_recycle", "pool_pre_ping", "read_only", "isolation", "init_sql", "properties",
                "xa", "lazy", "connection_string", "database", "username")) {
            map.put(key, null);
        }
        assertThat(read(map)).isEqualTo(read(BASE));
    }

    @Test
    void aliasesNameTheSameSetting() {
        DatabaseConfig primary = read(Map.of("connection_string", "postgresql://db/orders", "user", "app"));
        assertThat(read(Map.of("url", "postgresql://db/orders", "username", "app"))).isEqualTo(primary);
        assertThat(read(Map.of("engine", "postgresql", "host", "db", "database", "orders", "username", "app")))
                .isEqualTo(read(Map.of("engine", "postgresql", "host", "db", "db", "orders", "user", "app")))
                .isEqualTo(primary);
        assertThat(read(Map.of("url", "postgresql://db/orders", "connection_string", "postgresql://db/orders",
                "user", "app", "username", "app"))).isEqualTo(primary);
    }

    @ParameterizedTest
    @CsvSource({"db, database, orders, sales", "user, username, app, admin",
        "connection_string, url, jdbc:h2:mem:a, jdbc:h2:mem:b"})
    void aliasesWithDifferentValuesAreAnErrorNamingBoth(String primary, String alias, String one, String other) {
        Map<String, Object> map = with("engine", "h2", "db", ":memory:");
        map.put(primary, one);
        map.put(alias, other);
        error(() -> read(map), primary, primary + " and " + alias + " are two names for one setting");
    }

    @Test
    void labelKeyMustEqualTheLabel() {
        assertThat(read(with("label", "orders")).label()).isEqualTo("orders");
        error(() -> read(with("label", "audit")), "label", "label 'audit' differs from the label 'orders'");
    }

    @ParameterizedTest
    @CsvSource({"poolsize, pool_size", "poolSize, pool_size", "Pool-Size, pool_size",
        "connectionstring, connection_string", "hots, host", "pasword, password", "isolation_level, isolation",
        "readonly, read_only"})
    void unknownKeySuggestsTheClosestValidKey(String unknown, String suggestion) {
        ConfigurationException e = error(() -> read(with(unknown, 1)), unknown,
                "unknown key '" + unknown + "'. Did you mean '" + suggestion + "'?");
        assertThat(e).hasMessageContaining("Valid keys: [engine, connection_string, url, host, port, db, database,"
                + " user, username, password, schema, label, pool_size, max_overflow, pool_timeout, pool_recycle,"
                + " pool_pre_ping, read_only, isolation, init_sql, properties, xa, lazy, fair_queue, driver_class,"
                + " connect_timeout, socket_timeout, validation_timeout, leak_detection_threshold, pool_idle_timeout,"
                + " application_name]");
    }

    @Test
    void unknownKeyFarFromEveryKeyGetsNoSuggestion() {
        ConfigurationException e = error(() -> read(with("zqxwvj", 1)), "zqxwvj", "unknown key 'zqxwvj'. Valid keys:");
        assertThat(e.getMessage()).doesNotContain("Did you mean");
    }

    @Test
    void unknownKeysAreReportedEvenWithANullValue() {
        Map<String, Object> map = with();
        map.put("poolsize", null);
        error(() -> read(map), "poolsize", "Did you mean 'pool_size'?");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("pool_size", "ten", "pool_size must be a whole number, but is the String \"ten\""),
                Arguments.of("pool_size", 5.5, "pool_size must be a whole number, but is the Double 5.5"),
                Arguments.of("pool_size", new BigDecimal("2.50"), "must be a whole number, but is the BigDecimal 2.50"),
                Arguments.of("pool_size", Double.NaN, "must be a whole number, but is the Double NaN"),
                Arguments.of("pool_size", 9_999_999_999L, "must be a whole number that fits an int, but is the Long"),
                Arguments.of("max_overflow", true, "max_overflow must be a whole number, but is the Boolean true"),
                Arguments.of("port", "5432", "port must be a whole number, but is the String \"5432\""),
                Arguments.of("pool_pre_ping", "true", "pool_pre_ping must be true or false, but is the String \"true\""),
                Arguments.of("read_only", 1, "read_only must be true or false, but is the Integer 1"),
                Arguments.of("xa", "yes", "xa must be true or false"),
                Arguments.of("lazy", 0, "lazy must be true or false"),
                Arguments.of("pool_timeout", "30", "pool_timeout must be a number of seconds (or a java.time.Duration),"
                        + " but is the String \"30\""),
                Arguments.of("pool_recycle", "never", "pool_recycle must be a number of seconds"),
                Arguments.of("pool_timeout", Double.POSITIVE_INFINITY, "must be a number of seconds"),
                Arguments.of("host", 42, "host must be text, but is the Integer 42"),
                Arguments.of("schema", List.of("a"), "schema must be text, but is the List [a]"),
                Arguments.of("url", 5, "url must be text, but is the Integer 5"),
                Arguments.of("engine", 5, "engine must be one of postgresql, oracle, sqlserver, h2, mariadb, but is"
                        + " the Integer 5"),
                Arguments.of("isolation", 2, "isolation must be one of read_uncommitted, read_committed,"
                        + " repeatable_read, serializable, but is the Integer 2"),
                Arguments.of("init_sql", 5, "init_sql must be a statement or a list of statements"),
                Arguments.of("init_sql", List.of("select 1", 2), "init_sql statement 2 must be text, but is the"
                        + " Integer 2"),
                Arguments.of("properties", "sslmode=require", "properties must be a map of driver property names"),
                Arguments.of("properties", Map.of("ssl", List.of()), "properties value of 'ssl' must be text, a number"
                        + " or a boolean, but is the List []"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void wrongTypesAreErrorsShowingTypeAndValue(String key, Object value, String fragment) {
        error(() -> read(with(key, value)), key, fragment);
    }

    @Test
    void secretValuesOfTheWrongTypeAreNotShown() {
        ConfigurationException password = error(() -> read(with("password", 77317731)), "password",
                "password must be text, but is an Integer (value not shown)");
        assertThat(password.getMessage()).doesNotContain("77317731");
        ConfigurationException property = error(() -> read(with("properties", Map.of("sslpassword",
                List.of(CANARY)))), "properties", "value of 'sslpassword' must be text, a number or a boolean, but"
                + " is a List (value not shown)");
        assertThat(property.getMessage()).doesNotContain(CANARY);
    }

    @Test
    void wrongTypedUrlLikeValuesAreShownRedacted() {
        error(() -> read(with("port", "postgresql://app:" + CANARY + "@db/x")), "port",
                "but is the String \"postgresql://app:****@db/x\"");
    }

    @ParameterizedTest
    @MethodSource("wholeFives")
    void wholeNumbersMayBeAnyExactIntegralNumber(Object five) {
        assertThat(read(with("pool_size", five)).poolSize()).isEqualTo(5);
    }

    static Stream<Object> wholeFives() {
        return Stream.of(5, 5L, (short) 5, (byte) 5, BigInteger.valueOf(5), new BigDecimal("5.00"), 5.0, 5.0f);
    }

    @Test
    void durationsAreSecondsAsAnyNumberOrADuration() {
        assertThat(read(with("pool_timeout", 0.25)).poolTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(read(with("pool_timeout", 30)).poolTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(read(with("pool_timeout", new BigDecimal("1.5"))).poolTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(read(with("pool_timeout", Duration.ofMillis(750))).poolTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(read(with("pool_recycle", 3600L)).poolRecycle()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void poolRecycleMinusOneMeansNeverAsInPython() {
        assertThat(read(with("pool_recycle", -1)).poolRecycle()).isEqualTo(Duration.ZERO);
        assertThat(read(with("pool_recycle", 0)).poolRecycle()).isEqualTo(Duration.ZERO);
        error(() -> read(with("pool_recycle", -2)), "pool_recycle", "must be at least 30 seconds");
    }

    @ParameterizedTest
    @CsvSource({"postgresql, POSTGRESQL", "PostgreSQL, POSTGRESQL", "oracle, ORACLE", "sqlserver, SQLSERVER",
        "h2, H2", "MariaDB, MARIADB"})
    void enginesAreReadInAnyCase(String name, Engine engine) {
        assertThat(read(Map.of("engine", name, "host", "db", "db", "app")).engine()).isEqualTo(engine);
        assertThat(read(Map.of("engine", engine, "host", "db", "db", "app")).engine()).isEqualTo(engine);
    }

    @Test
    void sqliteEngineIsRefusedWithTheH2Counterpart() {
        error(() -> read(with("engine", "sqlite")), "engine", "but is 'sqlite'; SQLite is not supported; its"
                + " counterpart for an in-memory database is H2");
    }

    @ParameterizedTest
    @CsvSource({"postgres, postgresql", "mysql, mariadb", "mssql, sqlserver", "oracel, oracle"})
    void unknownEngineSuggestsTheSupportedOne(String name, String suggestion) {
        error(() -> read(with("engine", name)), "engine", "must be one of postgresql, oracle, sqlserver, h2, mariadb,"
                + " but is '" + name + "'. Did you mean '" + suggestion + "'?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"read_committed", "READ COMMITTED", "Read-Committed", " read  committed ", "READ_COMMITTED"})
    void isolationIsReadInAnySpelling(String spelling) {
        assertThat(read(with("isolation", spelling)).isolation()).contains(IsolationLevel.READ_COMMITTED);
    }

    @Test
    void isolationMayBeTheEnum() {
        assertThat(read(with("isolation", IsolationLevel.REPEATABLE_READ)).isolation())
                .contains(IsolationLevel.REPEATABLE_READ);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTOCOMMIT", "autocommit", "Auto-Commit"})
    void autocommitIsolationGetsItsOwnExplanation(String spelling) {
        error(() -> read(with("isolation", spelling)), "isolation", "AUTOCOMMIT is not a transaction isolation level");
    }

    @Test
    void unknownIsolationListsTheLevels() {
        error(() -> read(with("isolation", "snapshot")), "isolation", "must be one of read_uncommitted, read_committed,"
                + " repeatable_read, serializable (any case, with _, - or spaces), but is 'snapshot'");
    }

    @Test
    void initSqlIsOneStatementOrAList() {
        assertThat(read(with("init_sql", "set search_path to app")).initSql()).containsExactly("set search_path to app");
        assertThat(read(with("init_sql", List.of("select 1", "select 2"))).initSql())
                .containsExactly("select 1", "select 2");
        error(() -> read(with("init_sql", List.of("select 1", " "))), "init_sql", "statement 2 is empty");
    }

    @Test
    void driverPropertyValuesMayBeTextNumbersOrBooleans() {
        DatabaseConfig c = read(with("properties", Map.of("a", "x", "b", 7, "c", true, "d", 1.5)));
        assertThat(c.properties()).containsOnly(Map.entry("a", "x"), Map.entry("b", "7"), Map.entry("c", "true"),
                Map.entry("d", "1.5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "user", "PASSWORD"})
    void credentialsAreRefusedAsDriverProperties(String name) {
        error(() -> read(with("properties", Map.of(name, CANARY))), "properties", "must not hold '" + name + "'");
    }

    @Test
    void driverPropertyNamesMustBeText() {
        Map<Object, Object> properties = new HashMap<>();
        properties.put(null, "x");
        error(() -> read(with("properties", properties)), "properties", "names must be non-blank text, but one is null");
    }

    @Test
    void aNullMapIsAnError() {
        error(() -> read(null), null, "the configuration map is null");
    }

    @Test
    void builderChecksKeepTheirKeys() {
        error(() -> read(with("pool_size", -1)), "pool_size", "must be 0 or more, but is -1");
        error(() -> read(with("db", "other")), "db", "contradicts the url");
        error(() -> read(Map.of("host", "db", "db", "app", "password", CANARY)), "engine", "is needed");
    }
}
