package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.multidb.testkit.ClosePools;
import io.multidb.testkit.RequiresEngine;
import io.multidb.testkit.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code application_name} becomes each engine's own driver property, and the database shows it. */
@ExtendWith(ClosePools.class)
class ApplicationNameTest {

    private static DatabaseConfig named(String url) {
        return DatabaseConfig.builder("orders").url(url).applicationName("billing-api").build();
    }

    @Test
    void eachEngineGetsItsOwnDriverProperty() {
        assertThat(named("jdbc:postgresql://db/orders").properties())
                .containsExactly(Map.entry("ApplicationName", "billing-api"));
        assertThat(named("jdbc:mariadb://db/orders").properties())
                .containsExactly(Map.entry("connectionAttributes", "program_name:billing-api"));
        assertThat(named("jdbc:sqlserver://ms;databaseName=orders").properties())
                .containsExactly(Map.entry("applicationName", "billing-api"));
        assertThat(named("jdbc:oracle:thin:@//db:1521/orders").properties())
                .containsExactly(Map.entry("v$session.program", "billing-api"));
        DatabaseConfig h2 = named("jdbc:h2:mem:orders");
        assertThat(h2.properties()).isEmpty();
        assertThat(h2.applicationName()).contains("billing-api");
        assertThat(h2.toString()).contains("application_name=billing-api");
    }

    @Test
    void everySourceGivesIt() {
        DatabaseConfig built = named("jdbc:postgresql://db/orders");
        assertThat(DatabaseConfig.fromMap("orders", Map.of("url", "jdbc:postgresql://db/orders",
                "application_name", "billing-api"))).isEqualTo(built);
        assertThat(DatabaseConfig.fromEnvironment(Map.of("MULTIDB_ORDERS_URL", "jdbc:postgresql://db/orders",
                "MULTIDB_ORDERS_APPLICATION_NAME", "billing-api"))).containsEntry("orders", built);
        assertThat(DatabaseConfig.builder("orders").url("jdbc:postgresql://db/orders").build())
                .isNotEqualTo(built);
    }

    @Test
    void aDifferentValueForTheSameDriverPropertyIsRefused() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> DatabaseConfig
                .builder("orders").url("jdbc:postgresql://db/orders").property("ApplicationName", "other")
                .applicationName("billing-api").build());
        assertThat(e.key()).isEqualTo("application_name");
        assertThat(e).hasMessage("Database 'orders': application_name sets driver property 'ApplicationName',"
                + " which is also set with a different value; give only one");
    }

    @Test
    void aMariaDbNameCannotHoldTheAttributeSeparators() {
        for (String name : new String[] {"a,b", "a:b"}) {
            ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> DatabaseConfig
                    .builder("orders").url("jdbc:mariadb://db/orders").applicationName(name).build());
            assertThat(e.key()).isEqualTo("application_name");
            assertThat(e).hasMessage("Database 'orders': application_name must not contain ',' or ':' on MariaDB,"
                    + " which separate connection attributes, but is '" + name + "'");
        }
    }

    @Test
    void aBlankNameIsRefused() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> DatabaseConfig.builder("orders").url("jdbc:h2:mem:x").applicationName(" ").build());
        assertThat(e).hasMessage("Database 'orders': application_name must not be blank");
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void postgresqlShowsItInPgStatActivity(TestDatabase db) {
        ConnectionPool.configure(Map.of("named", Configs.with(db.freshConfig(), "application_name", "billing-api")));
        try (Session s = DatabaseManager.getSession("named")) {
            assertThat(s.query(String.class, "select application_name from pg_stat_activity where pid ="
                    + " pg_backend_pid()")).containsExactly("billing-api");
        }
    }

    @Test
    @RequiresEngine(Engine.MARIADB)
    void mariaDbSendsItAsTheProgramNameConnectionAttribute(TestDatabase db) {
        ConnectionPool.configure(Map.of("named", Configs.with(db.freshConfig(), "application_name", "billing-api")));
        try (Session s = DatabaseManager.getSession("named")) {
            if (s.query(Long.class, "select @@performance_schema").equals(java.util.List.of(1L))) {
                assertThat(s.query(String.class, "select attr_value from performance_schema.session_connect_attrs"
                        + " where processlist_id = connection_id() and attr_name = 'program_name'"))
                        .containsExactly("billing-api");
            } else {
                // the server keeps no attributes without performance_schema: the driver took the property
                assertThat(s.query(Long.class, "select 1")).containsExactly(1L);
                assertThat(DatabaseConfig.fromMap("named", Configs.with(db.freshConfig(), "application_name",
                        "billing-api")).properties()).containsEntry("connectionAttributes", "program_name:billing-api");
            }
        }
    }
}
