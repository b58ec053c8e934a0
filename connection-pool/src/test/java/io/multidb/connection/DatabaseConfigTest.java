package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DatabaseConfig.Builder#build()}: every check names label and key, and the password never shows. */
class DatabaseConfigTest {
    private static final String CANARY = "Canary-Pw-7731";

    private static DatabaseConfig.Builder orders() {
        return DatabaseConfig.builder("orders").url("jdbc:postgresql://db/orders").user("app").password(CANARY);
    }

    private static ConfigurationException error(ThrowingCallable call, String key, String fragment) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, call);
        assertThat(e).as("expected a ConfigurationException").isNotNull();
        assertThat(e.label()).isEqualTo("orders");
        assertThat(e.key()).isEqualTo(key);
        assertThat(e).hasMessageStartingWith("Database 'orders': " + key + " ").hasMessageContaining(fragment);
        assertThat(e.getMessage()).doesNotContain(CANARY);
        assertThat(e.toString()).doesNotContain(CANARY);
        return e;
    }

    @Test
    void credentialsCannotBeSmuggledInAsDriverProperties() {
        error(() -> orders().property("password", CANARY).build(), "properties", "use the password key instead");
        error(() -> orders().property("User", "app").build(), "properties", "use the user key instead");
    }

    @Test
    void toStringShowsHowManyInitStatementsButNotTheirText() {
        String shown = orders().initSql("alter user app identified by " + CANARY, "select 1").build().toString();
        assertThat(shown).contains("init_sql=2 statement(s)").doesNotContain(CANARY);
    }

    @Test
    void sizesMustNotBeNegative() {
        error(() -> orders().poolSize(-1).build(), "pool_size", "must be 0 or more, but is -1");
        error(() -> orders().maxOverflow(-2).build(), "max_overflow", "must be 0 or more, but is -2");
    }

    @Test
    void poolMustAllowAtLeastOneConnection() {
        error(() -> orders().poolSize(0).maxOverflow(0).build(), "pool_size", "pool_size + max_overflow must be at"
                + " least 1, but both are 0");
        assertThat(orders().poolSize(0).maxOverflow(1).build().maxPoolSize()).isEqualTo(1);
    }

    @Test
    void poolTimeoutMustBeAtLeastAQuarterSecond() {
        error(() -> orders().poolTimeout(Duration.ofMillis(249)).build(), "pool_timeout",
                "must be at least 0.25 seconds, but is 249 ms");
        error(() -> orders().poolTimeout(null).build(), "pool_timeout", "but is null");
        assertThat(orders().poolTimeout(Duration.ofMillis(250)).build().poolTimeout()).isEqualTo(Duration.ofMillis(250));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 10_000, 29_999, -1})
    void poolRecycleBetweenZeroAndThirtySecondsOrNegativeIsRefused(long millis) {
        error(() -> orders().poolRecycle(Duration.ofMillis(millis)).build(), "pool_recycle",
                "must be at least 30 seconds, or 0 to never recycle, but is " + millis + " ms");
    }

    @Test
    void poolRecycleMayBeZeroForNeverOrThirtySecondsAndMore() {
        assertThat(orders().poolRecycle(Duration.ZERO).build().poolRecycle()).isZero();
        assertThat(orders().poolRecycle(Duration.ofSeconds(30)).build().poolRecycle()).hasSeconds(30);
    }

    @Test
    void poolPrePingFalseIsRefusedByBuildUnlessTheLabelIsXa() {
        error(() -> orders().poolPrePing(false).build(), "pool_pre_ping", "pool_pre_ping false is not supported:"
                + " HikariCP always validates a connection that has been idle for more than 500 ms before handing it"
                + " out. Remove the key or set it to true.");
        assertThat(orders().poolPrePing(false).xa(true).build().poolPrePing()).isFalse();
    }

    @Test
    void readOnlyWithXaIsRefusedByBuild() {
        error(() -> orders().xa(true).readOnly(true).build(), "read_only", "read_only cannot be combined with xa:"
                + " XA units of work exist to write. Remove one of the two keys.");
    }

    @Test
    void everyBoundIsCheckedByBuild() {
        error(() -> orders().connectTimeout(Duration.ofSeconds(-1)).build(), "connect_timeout",
                "must be 0 or more seconds (0: no limit), but is -1000 ms");
        error(() -> orders().socketTimeout(null).build(), "socket_timeout", "but is null");
        error(() -> orders().validationTimeout(Duration.ofMillis(100)).build(), "validation_timeout",
                "must be at least 0.25 seconds, but is 100 ms");
        error(() -> orders().leakDetectionThreshold(Duration.ofMillis(-5)).build(), "leak_detection_threshold",
                "must be 0 or more seconds (0: no limit), but is -5 ms");
        error(() -> orders().driverClass(" ").build(), "driver_class", "must not be blank");
    }

    @Test
    void aBuilderCanBuildAgainAfterAFailedBuild() {
        DatabaseConfig.Builder b = orders().poolSize(-1);
        error(b::build, "pool_size", "must be 0 or more, but is -1");
        assertThat(b.poolSize(2).build().poolSize()).isEqualTo(2);
        assertThat(b.build()).isEqualTo(b.build()).hasSameHashCodeAs(b.build());
    }

    @Test
    void schemaMustNotBeBlank() {
        error(() -> orders().schema(" ").build(), "schema", "must not be blank");
    }

    @Test
    void schemaIsRefusedOnSqlServerWithTheWayOut() {
        error(() -> DatabaseConfig.builder("orders").url("jdbc:sqlserver://ms;databaseName=app;password=" + CANARY)
                .schema("sales").build(), "schema", "ALTER USER <user> WITH DEFAULT_SCHEMA = sales");
        assertThat(orders().schema("sales").build().schema()).contains("sales");
    }

    @Test
    void initSqlStatementsMustNotBeEmpty() {
        error(() -> orders().initSql("select 1", "").build(), "init_sql", "statement 2 is empty");
    }

    @Test
    void driverPropertyDifferingFromTheUrlIsRefused() {
        error(() -> DatabaseConfig.builder("orders").url("postgresql://app:" + CANARY + "@db/orders?sslmode=require")
                .property("sslmode", "disable").build(), "properties", "driver property 'sslmode' is also set in the"
                + " URL with a different value");
    }

    @Test
    void labelMustBeWordCharacters() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> DatabaseConfig.builder("bad label").url("jdbc:h2:mem:x").password(CANARY).build());
        assertThat(e.label()).isEqualTo("bad label");
        assertThat(e.key()).isEqualTo("label");
        assertThat(e).hasMessageContaining("may hold only letters, digits, '_' and '-'");
        assertThat(e.getMessage()).doesNotContain(CANARY);
    }

    @Test
    void aPasswordInTheUrlMovesToThePassword() {
        DatabaseConfig c = DatabaseConfig.builder("orders").connectionString("postgresql://app:" + CANARY
                + "@db/orders").build();
        assertThat(c.url()).isEqualTo("jdbc:postgresql://db:5432/orders");
        assertThat(c.user()).contains("app");
        assertThat(c.password()).contains(CANARY);
    }

    @Test
    void toStringMasksThePasswordAndSecretProperties() {
        DatabaseConfig c = orders().property("sslmode", "require").property("sslpassword", CANARY).build();
        assertThat(c.toString())
                .doesNotContain(CANARY)
                .contains("url=jdbc:postgresql://db/orders", "user=app", "password=****", "sslmode=require",
                        "sslpassword=****");
        DatabaseConfig maria = DatabaseConfig.builder("orders").url("jdbc:mariadb://db/orders")
                .property("keyStorePassword", CANARY).build();
        assertThat(maria.toString()).doesNotContain(CANARY).contains("keyStorePassword=****");
        assertThat(DatabaseConfig.builder("orders").url("jdbc:h2:mem:x").build().toString()).contains("password=<none>");
    }

    @Test
    void equalSettingsMakeEqualConfigs() {
        DatabaseConfig one = orders().poolSize(4).property("sslmode", "require").build();
        DatabaseConfig two = DatabaseConfig.fromMap("orders", Map.of("url", "jdbc:postgresql://db/orders", "user",
                "app", "password", CANARY, "pool_size", 4, "properties", Map.of("sslmode", "require")));
        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one).isNotEqualTo(orders().poolSize(4).property("sslmode", "require").password("other").build());
        assertThat(one).isNotEqualTo(orders().poolSize(4).property("sslmode", "disable").build());
        assertThat(one).isNotEqualTo(orders().poolSize(5).property("sslmode", "require").build());
        assertThat(one).isNotEqualTo(null).isNotEqualTo("orders");
    }
}
