package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link DatabaseConfig#fromProperties} and {@link DatabaseConfig#fromEnvironment}: text in, same configs out. */
class PropertiesAndEnvironmentConfigTest {
    private static final String CANARY = "Canary-Pw-7731";

    private static Properties properties(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    private static Map<String, String> env(String... namesAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return env;
    }

    /** Asserts label, key, message fragments, and that the password shows nowhere. */
    private static ConfigurationException error(ThrowingCallable call, String label, String key, String... fragments) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, call);
        assertThat(e).as("expected a ConfigurationException").isNotNull();
        assertThat(e.label()).isEqualTo(label);
        assertThat(e.key()).isEqualTo(key);
        for (String fragment : fragments) {
            assertThat(e).hasMessageContaining(fragment);
        }
        assertThat(e.getMessage()).doesNotContain(CANARY);
        assertThat(e.toString()).doesNotContain(CANARY);
        return e;
    }

    /** The map form of what the text sources below say. */
    private static Map<String, DatabaseConfig> expected() {
        Map<String, Object> auditDb = new LinkedHashMap<>();
        auditDb.put("engine", "postgresql");
        auditDb.put("host", "db.internal");
        auditDb.put("port", 6543);
        auditDb.put("db", "audit");
        auditDb.put("user", "auditor");
        auditDb.put("password", CANARY);
        auditDb.put("schema", "trail");
        auditDb.put("pool_size", 3);
        auditDb.put("max_overflow", 2);
        auditDb.put("pool_timeout", 0.25);
        auditDb.put("pool_recycle", -1);
        auditDb.put("read_only", true);
        auditDb.put("isolation", "repeatable_read");
        auditDb.put("init_sql", List.of("set timezone to 'UTC'", "set application_name to 'audit'"));
        auditDb.put("properties", Map.of("sslmode", "require", "sslpassword", CANARY));
        auditDb.put("lazy", false);
        return Map.of(
                "audit_db", DatabaseConfig.fromMap("audit_db", auditDb),
                "orders", DatabaseConfig.fromMap("orders", Map.of("connection_string",
                        "mysql://app:" + CANARY + "@maria/orders", "xa", true, "init_sql", "select 1", "pool_pre_ping",
                false)));
    }

    @Test
    void propertiesGiveConfigsEqualToTheMapForm() {
        Map<String, DatabaseConfig> read = DatabaseConfig.fromProperties(properties("""
                multidb.audit_db.engine=postgresql
                multidb.audit_db.host=db.internal
                multidb.audit_db.port=6543
                multidb.audit_db.db=audit
                multidb.audit_db.user=auditor
                multidb.audit_db.password=Canary-Pw-7731
                multidb.audit_db.schema=trail
                multidb.audit_db.pool_size=3
                multidb.audit_db.max_overflow=2
                multidb.audit_db.pool_timeout=0.25
                multidb.audit_db.pool_recycle=-1
                multidb.audit_db.read_only=True
                multidb.audit_db.isolation=REPEATABLE READ
                multidb.audit_db.init_sql.10=set application_name to 'audit'
                multidb.audit_db.init_sql.2=set timezone to 'UTC'
                multidb.audit_db.properties.sslmode=require
                multidb.audit_db.properties.sslpassword=Canary-Pw-7731
                multidb.audit_db.lazy=false
                multidb.orders.connection_string=mysql://app:Canary-Pw-7731@maria/orders
                multidb.orders.xa=true
                multidb.orders.pool_pre_ping=FALSE
                multidb.orders.init_sql=select 1
                spring.datasource.url=jdbc:h2:mem:ignored
                multidbx.other.url=ignored
                """));
        assertThat(read).isEqualTo(expected());
        assertThat(read.keySet()).containsExactly("audit_db", "orders");
        assertThat(read.get("audit_db").initSql()).containsExactly("set timezone to 'UTC'",
                "set application_name to 'audit'");
        assertThat(read.toString()).doesNotContain(CANARY);
        assertThatThrownBy(() -> read.put("x", null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void environmentGivesConfigsEqualToTheMapForm() {
        Map<String, DatabaseConfig> read = DatabaseConfig.fromEnvironment(env(
                "MULTIDB_AUDIT_DB_ENGINE", "postgresql",
                "MULTIDB_AUDIT_DB_HOST", "db.internal",
                "MULTIDB_AUDIT_DB_PORT", "6543",
                "MULTIDB_AUDIT_DB_DB", "audit",
                "MULTIDB_AUDIT_DB_USER", "auditor",
                "MULTIDB_AUDIT_DB_PASSWORD", CANARY,
                "MULTIDB_AUDIT_DB_SCHEMA", "trail",
                "MULTIDB_AUDIT_DB_POOL_SIZE", "3",
                "MULTIDB_AUDIT_DB_MAX_OVERFLOW", " 2 ",
                "MULTIDB_AUDIT_DB_POOL_TIMEOUT", "0.25",
                "MULTIDB_AUDIT_DB_POOL_RECYCLE", "-1",
                "MULTIDB_AUDIT_DB_READ_ONLY", "true",
                "MULTIDB_AUDIT_DB_ISOLATION", "repeatable-read",
                "MULTIDB_AUDIT_DB_INIT_SQL_1", "set timezone to 'UTC'",
                "MULTIDB_AUDIT_DB_INIT_SQL_2", "set application_name to 'audit'",
                "MULTIDB_AUDIT_DB_PROPERTIES_SSLMODE", "require",
                "MULTIDB_AUDIT_DB_PROPERTIES_SSLPASSWORD", CANARY,
                "MULTIDB_AUDIT_DB_LAZY", "false",
                "MULTIDB_ORDERS_CONNECTION_STRING", "mysql://app:" + CANARY + "@maria/orders",
                "MULTIDB_ORDERS_XA", "TRUE",
                "MULTIDB_ORDERS_POOL_PRE_PING", "false",
                "MULTIDB_ORDERS_INIT_SQL", "select 1",
                "MULTIDB_TEST_REQUIRE", "postgresql",
                "MULTIDB_TEST_POSTGRESQL_URL", "jdbc:postgresql://127.0.0.1:5432/test",
                "PATH", "/usr/bin"));
        assertThat(read).isEqualTo(expected());
        assertThat(read.keySet()).containsExactly("audit_db", "orders");
        assertThat(read.toString()).doesNotContain(CANARY);
    }

    @Test
    void environmentLabelEndingInAKeyNameTakesTheLongestKey() {
        Map<String, DatabaseConfig> read = DatabaseConfig.fromEnvironment(env(
                "MULTIDB_AUDIT_DB_ENGINE", "h2", "MULTIDB_AUDIT_DB_DB", ":memory:",
                "MULTIDB_REPORT_USER_USERNAME", "reader", "MULTIDB_REPORT_USER_URL", "jdbc:h2:mem:r"));
        assertThat(read.keySet()).containsExactly("audit_db", "report_user");
        assertThat(read.get("audit_db").url()).isEqualTo("jdbc:h2:mem:audit_db;DB_CLOSE_DELAY=-1");
        assertThat(read.get("report_user").user()).contains("reader");
    }

    @Test
    void noVariablesOrPropertiesGiveNoLabels() {
        assertThat(DatabaseConfig.fromEnvironment(env("MULTIDB_TEST_URL", "x", "HOME", "/root"))).isEmpty();
        assertThat(DatabaseConfig.fromProperties(new Properties())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pool_size     | ten   | pool_size must be a whole number, but is \"ten\"",
        "pool_size     | 10.0  | pool_size must be a whole number, but is \"10.0\"",
        "pool_pre_ping | yes   | pool_pre_ping must be true or false, but is \"yes\"",
        "xa            | 1     | xa must be true or false, but is \"1\"",
        "pool_timeout  | 30s   | pool_timeout must be a number of seconds (or a java.time.Duration), but is \"30s\"",
        "engine        | sqlite | SQLite is not supported",
        "isolation     | autocommit | AUTOCOMMIT is not a transaction isolation level",
        "properties    | sslmode=require | properties takes one entry per driver property",
    })
    void textValuesAreParsedStrictlyAndErrorsNameTheSource(String key, String value, String fragment) {
        Properties p = properties("multidb.orders.url=jdbc:h2:mem:o\nmultidb.orders.password=" + CANARY + "\n");
        p.setProperty("multidb.orders." + key, value);
        error(() -> DatabaseConfig.fromProperties(p), "orders", key, fragment,
                "(property 'multidb.orders." + key + "')");
        String variable = "MULTIDB_ORDERS_" + key.toUpperCase(java.util.Locale.ROOT);
        error(() -> DatabaseConfig.fromEnvironment(env("MULTIDB_ORDERS_URL", "jdbc:h2:mem:o",
                "MULTIDB_ORDERS_PASSWORD", CANARY, variable, value)), "orders", key, fragment,
                "(environment variable '" + variable + "')");
    }

    @Test
    void builderErrorsNameTheSourceToo() {
        error(() -> DatabaseConfig.fromProperties(properties("""
                multidb.orders.url=postgresql://app:Canary-Pw-7731@db/orders
                multidb.orders.pool_size=-1
                """)), "orders", "pool_size", "pool_size must be 0 or more, but is -1",
                "(property 'multidb.orders.pool_size')");
        error(() -> DatabaseConfig.fromEnvironment(env("MULTIDB_ORDERS_URL", "postgresql://app:" + CANARY + "@db/orders",
                "MULTIDB_ORDERS_DATABASE", "sales")), "orders", "db", "'sales' contradicts the url",
                "(environment variable 'MULTIDB_ORDERS_DATABASE')");
        error(() -> DatabaseConfig.fromEnvironment(env("MULTIDB_ORDERS_URL", "postgresql://app:" + CANARY + "@db/orders",
                "MULTIDB_ORDERS_PASSWORD", "other")), "orders", "password", "differs from the password in the url");
    }

    @Test
    void unknownPropertyKeySuggestsTheClosest() {
        error(() -> DatabaseConfig.fromProperties(properties("multidb.orders.url=jdbc:h2:mem:o\n"
                + "multidb.orders.poolSize=5\n")), "orders", "poolSize", "unknown key 'poolSize'. Did you mean"
                + " 'pool_size'?", "(property 'multidb.orders.poolSize')");
    }

    @ParameterizedTest
    @CsvSource({"MULTIDB_ORDERS_POOLSIZE, orders, poolsize, pool_size",
        "MULTIDB_ORDERS_HOTS, orders, hots, host",
        "MULTIDB_AUDIT_DB_POOL_SIZ, audit_db, pool_siz, pool_size",
        "MULTIDB_ORDERS_CONNECTIONSTRING, orders, connectionstring, connection_string"})
    void environmentVariableWithoutAValidKeySuggestsTheClosest(String variable, String label, String key,
            String suggestion) {
        error(() -> DatabaseConfig.fromEnvironment(env(variable, "x", "MULTIDB_ORDERS_PASSWORD", CANARY)), label, key,
                "unknown key '" + key + "'. Did you mean '" + suggestion + "'?",
                "(environment variable '" + variable + "')");
    }

    @Test
    void environmentVariableWithoutALabelIsAnError() {
        error(() -> DatabaseConfig.fromEnvironment(env("MULTIDB_POOL_SIZE", "5")), null, "pool_size",
                "Environment variable 'MULTIDB_POOL_SIZE' names no label; write MULTIDB_<LABEL>_POOL_SIZE");
        error(() -> DatabaseConfig.fromEnvironment(env("MULTIDB__URL", "jdbc:h2:mem:x")), null, "url", "names no label");
    }

    @Test
    void propertyWithoutAKeyOrLabelIsAnError() {
        error(() -> DatabaseConfig.fromProperties(properties("multidb.orders=jdbc:h2:mem:o\n")), "orders", null,
                "Property 'multidb.orders' names no key; write multidb.<label>.<key>=value");
        error(() -> DatabaseConfig.fromProperties(properties("multidb..url=jdbc:h2:mem:o\n")), null, "url",
                "Property 'multidb..url' names no label");
        error(() -> DatabaseConfig.fromProperties(properties("multidb.orders.url=jdbc:h2:mem:o\n"
                + "multidb.orders.properties.=x\n")), "orders", "properties", "entry names no driver property");
    }

    @Test
    void initSqlGivenBothWaysIsAnError() {
        error(() -> DatabaseConfig.fromProperties(properties("""
                multidb.orders.url=jdbc:h2:mem:o
                multidb.orders.init_sql=select 1
                multidb.orders.init_sql.1=select 2
                """)), "orders", "init_sql", "is given both as one value and as numbered or named entries");
        error(() -> DatabaseConfig.fromProperties(properties("""
                multidb.orders.url=jdbc:h2:mem:o
                multidb.orders.init_sql.1=select 1
                multidb.orders.init_sql.01=select 2
                """)), "orders", "init_sql", "statement 1 is given twice");
    }

    @Test
    void oneBadLabelFailsTheWholeRead() {
        error(() -> DatabaseConfig.fromEnvironment(env("MULTIDB_GOOD_URL", "jdbc:h2:mem:g",
                "MULTIDB_ZBAD_URL", "jdbc:h2:mem:b", "MULTIDB_ZBAD_LABEL", "other")), "zbad", "label",
                "'other' differs from the label 'zbad'");
    }

    @Test
    void invalidLabelsAreRefusedByTheBuilder() {
        error(() -> DatabaseConfig.fromProperties(properties("multidb.bad\\ label.url=jdbc:h2:mem:o\n")), "bad label",
                "label", "may hold only letters, digits");
    }
}
