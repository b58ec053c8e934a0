package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.multidb.testkit.FakeDriver;
import io.multidb.testkit.RequiresEngine;
import io.multidb.testkit.TestDatabase;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import io.multidb.testkit.ClosePools;

/**
 * Driver properties reach the driver in its own spelling: names from the environment, which
 * cannot carry case, get the driver's spelling back; a name the driver does not report is refused
 * before any pool exists instead of being ignored by the driver, from every source.
 */
@ExtendWith(ClosePools.class)
class DriverPropertyNamesTest {
    private static final String CANARY = "Canary-Pw-7731";
    private static final String PG_URL = "jdbc:postgresql://db.internal:5432/audit";

    /** The variables that configure label {@code audit} like {@code config}, plus the ones given. */
    private static Map<String, String> environment(Map<String, ?> config, String... namesAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        config.forEach((key, value) -> env.put("MULTIDB_AUDIT_" + key.toUpperCase(Locale.ROOT), value.toString()));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return env;
    }

    /** Label {@code audit} on PostgreSQL, with a password that must show in no message. */
    private static Map<String, String> pgEnvironment(String... namesAndValues) {
        return environment(Map.of("url", PG_URL, "password", CANARY), namesAndValues);
    }

    private static DatabaseConfig fromEnvironment(Map<String, String> env) {
        return DatabaseConfig.fromEnvironment(env).get("audit");
    }

    private static Map<String, DatabaseConfig> fromProperties(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return DatabaseConfig.fromProperties(p);
    }

    /** Asserts label {@code audit}, key {@code properties}, the fragments, and that the password shows nowhere. */
    private static ConfigurationException refused(ThrowingCallable call, String... fragments) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, call);
        assertThat(e).as("expected a ConfigurationException").isNotNull();
        assertThat(e.label()).isEqualTo("audit");
        assertThat(e.key()).isEqualTo("properties");
        assertThat(e).hasMessageStartingWith("Database 'audit': ");
        for (String fragment : fragments) {
            assertThat(e).hasMessageContaining(fragment);
        }
        assertThat(e.getMessage()).doesNotContain(CANARY);
        assertThat(e.toString()).doesNotContain(CANARY);
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"APPLICATIONNAME", "APPLICATION_NAME", "applicationName"})
    @RequiresEngine(Engine.POSTGRESQL)
    void applicationNameFromTheEnvironmentReachesPostgresql(String name, TestDatabase pg) {
        ConnectionPool.configure(DatabaseConfig.fromEnvironment(environment(pg.freshConfig(),
                "MULTIDB_AUDIT_PROPERTIES_" + name, "multidb-env-test")));

        try (Session s = DatabaseManager.getSession("audit")) {
            assertThat(s.query(String.class, "select application_name from pg_stat_activity"
                    + " where pid = pg_backend_pid()")).containsExactly("multidb-env-test");
        }
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void applicationNameInTheDriversSpellingReachesPostgresqlFromAMap(TestDatabase pg) {
        ConnectionPool.configure(Map.of("audit", Configs.with(pg.freshConfig(), "properties",
                Map.of("ApplicationName", "multidb-map-test"))));

        try (Session s = DatabaseManager.getSession("audit")) {
            assertThat(s.query(String.class, "select current_setting('application_name')"))
                    .containsExactly("multidb-map-test");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SESSION_VARIABLES", "SESSIONVARIABLES"})
    @RequiresEngine(Engine.MARIADB)
    void sessionVariablesFromTheEnvironmentReachMariadb(String name, TestDatabase maria) {
        ConnectionPool.configure(DatabaseConfig.fromEnvironment(environment(maria.freshConfig(),
                "MULTIDB_AUDIT_PROPERTIES_" + name, "wait_timeout=1234")));

        try (Session s = DatabaseManager.getSession("audit")) {
            assertThat(s.query(Long.class, "select @@session.wait_timeout")).containsExactly(1234L);
        }
    }

    @Test
    void anH2SettingFromTheEnvironmentPassesAsGivenAndReachesH2() {
        // H2 reports no property names and reads its settings in any case
        Map<String, String> env = environment(Map.of("url", "jdbc:h2:mem:env_props;DB_CLOSE_DELAY=-1"),
                "MULTIDB_AUDIT_PROPERTIES_MODE", "PostgreSQL");
        Map<String, DatabaseConfig> read = DatabaseConfig.fromEnvironment(env);
        assertThat(read.get("audit").properties()).containsExactly(Map.entry("mode", "PostgreSQL"));

        ConnectionPool.configure(read);
        try (Session s = DatabaseManager.getSession("audit")) {
            assertThat(s.query(String.class, "select setting_value from information_schema.settings"
                    + " where setting_name = 'MODE'")).containsExactly("PostgreSQL");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "APPLICATIONNAME,            ApplicationName",
        "APPLICATION_NAME,           ApplicationName",
        "REWRITEBATCHEDINSERTS,      reWriteBatchedInserts",
        "RE_WRITE_BATCHED_INSERTS,   reWriteBatchedInserts",
        "SSLMODE,                    sslmode",
        "PGDBNAME,                   PGDBNAME"})
    void environmentNamesGetPgjdbcsSpelling(String variable, String property) {
        DatabaseConfig c = fromEnvironment(pgEnvironment("MULTIDB_AUDIT_PROPERTIES_" + variable, "x"));

        assertThat(c.properties()).containsExactly(Map.entry(property, "x"));
    }

    @Test
    void environmentNamesGetMariadbsSpelling() {
        DatabaseConfig c = fromEnvironment(environment(Map.of("url", "jdbc:mariadb://db.internal/audit"),
                "MULTIDB_AUDIT_PROPERTIES_SESSION_VARIABLES", "wait_timeout=1234",
                "MULTIDB_AUDIT_PROPERTIES_USEBULKSTMTS", "true"));

        assertThat(c.properties()).containsOnly(Map.entry("sessionVariables", "wait_timeout=1234"),
                Map.entry("useBulkStmts", "true"));
    }

    @Test
    void anEnvironmentNameTheDriverDoesNotReportIsRefusedWithTheClosest() {
        ConfigurationException e = refused(() -> fromEnvironment(pgEnvironment(
                "MULTIDB_AUDIT_PROPERTIES_APPLICATIONNAM", "x")),
                "properties.applicationnam names no property that the JDBC driver org.postgresql.Driver reports"
                        + " (compared ignoring case, '_', '-' and '.', which environment variable names do not keep).",
                "Did you mean 'ApplicationName'? A property the driver takes without reporting it can be given as a"
                        + " parameter of the url.",
                "(environment variable 'MULTIDB_AUDIT_PROPERTIES_APPLICATIONNAM')");
        assertThat(e.getMessage()).doesNotContain("MULTIDB_AUDIT_PASSWORD");
    }

    @Test
    void aNameCloseToNothingSaysSo() {
        refused(() -> fromEnvironment(pgEnvironment("MULTIDB_AUDIT_PROPERTIES_ZZZZZZZZ", "x")),
                "properties.zzzzzzzz names no property", "None of its", "properties is close to it.");
    }

    @Test
    void twoVariablesForOneDriverPropertyAreRefused() {
        refused(() -> fromEnvironment(pgEnvironment("MULTIDB_AUDIT_PROPERTIES_APPLICATIONNAME", "a",
                "MULTIDB_AUDIT_PROPERTIES_APPLICATION_NAME", "b")),
                "properties entry 'ApplicationName' is given twice (also by environment variable"
                        + " 'MULTIDB_AUDIT_PROPERTIES_APPLICATIONNAME')",
                "(environment variable 'MULTIDB_AUDIT_PROPERTIES_APPLICATION_NAME')");
    }

    @Test
    void aMapNameOutOfTheDriversSpellingIsRefusedWithIt() {
        Map<String, Object> config = Map.of("url", PG_URL, "password", CANARY,
                "properties", Map.of("applicationname", "x"));

        ConfigurationException e = refused(() -> DatabaseConfig.fromMap("audit", config),
                "Database 'audit': properties.applicationname names no property that the JDBC driver"
                        + " org.postgresql.Driver reports. Did you mean 'ApplicationName'?");
        assertThat(e.getMessage()).doesNotContain("environment variable", "(property");
        refused(() -> ConnectionPool.configure(Map.of("audit", config)), "properties.applicationname");
        assertThat(ConnectionPool.isConfigured()).isFalse();
    }

    @Test
    void aPropertiesFileNameOutOfTheDriversSpellingIsRefusedNamingTheProperty() {
        refused(() -> fromProperties("""
                multidb.audit.url=jdbc:postgresql://db.internal:5432/audit
                multidb.audit.password=Canary-Pw-7731
                multidb.audit.properties.sslmode=require
                multidb.audit.properties.applicationname=x
                """), "properties.applicationname names no property", "Did you mean 'ApplicationName'?",
                "(property 'multidb.audit.properties.applicationname')");
    }

    @Test
    void theBuilderRefusesANameTheDriverDoesNotReport() {
        refused(() -> DatabaseConfig.builder("audit").url(PG_URL).password(CANARY).property("sslMode", "require")
                .build(), "properties.sslMode names no property", "Did you mean 'sslmode'?");
    }

    @Test
    void namesInTheDriversSpellingPassFromEverySource() {
        DatabaseConfig fromMap = DatabaseConfig.fromMap("audit", Map.of("url", PG_URL, "password", CANARY,
                "properties", Map.of("ApplicationName", "x")));
        assertThat(fromMap.properties()).containsExactly(Map.entry("ApplicationName", "x"));
        assertThat(DatabaseConfig.builder("audit").url(PG_URL).password(CANARY).property("ApplicationName", "x")
                .build()).isEqualTo(fromMap);
        assertThat(fromProperties("""
                multidb.audit.url=jdbc:postgresql://db.internal:5432/audit
                multidb.audit.password=Canary-Pw-7731
                multidb.audit.properties.ApplicationName=x
                """).get("audit")).isEqualTo(fromMap);
        assertThat(fromEnvironment(pgEnvironment("MULTIDB_AUDIT_PROPERTIES_APPLICATIONNAME", "x")))
                .isEqualTo(fromMap);
    }

    @Test
    void mariadbNamesAreCheckedInTheDriversSpellingToo() {
        // Connector/J itself reads names in any case, but the spelling it reports is the one Multidb accepts
        refused(() -> DatabaseConfig.fromMap("audit", Map.of("url", "jdbc:mariadb://db.internal/audit",
                "password", CANARY, "properties", Map.of("sessionvariables", "wait_timeout=1234"))),
                "properties.sessionvariables names no property that the JDBC driver org.mariadb.jdbc.Driver reports."
                        + " Did you mean 'sessionVariables'?");
    }

    @Test
    void namesADriverTakesWithoutReportingThemPass() {
        // MariaDB's credentialType=ENV reads the variable names from userKey and pwdKey
        DatabaseConfig c = DatabaseConfig.fromMap("audit", Map.of("url", "jdbc:mariadb://db.internal/audit",
                "properties", Map.of("credentialType", "ENV", "userKey", "DB_USER", "pwdKey", "DB_PASSWORD")));
        assertThat(c.properties()).containsOnlyKeys("credentialType", "userKey", "pwdKey");
        assertThat(fromEnvironment(environment(Map.of("url", "jdbc:mariadb://db.internal/audit"),
                "MULTIDB_AUDIT_PROPERTIES_PWDKEY", "DB_PASSWORD")).properties()).containsOnlyKeys("pwdKey");
    }

    @Test
    void anyNamePassesToADriverThatReportsNone() {
        DatabaseConfig c = DatabaseConfig.fromMap("audit", Map.of("url", "jdbc:h2:mem:audit",
                "properties", Map.of("anything_H2_may_read", "x")));
        assertThat(c.properties()).containsExactly(Map.entry("anything_H2_may_read", "x"));
    }

    @Test
    void withoutTheDriverOnTheClassPathConfigureNamesTheMissingDriver() {
        Map<String, DatabaseConfig> read = DatabaseConfig.fromEnvironment(environment(Map.of("url",
                "jdbc:oracle:thin:@//db.internal:1521/audit", "password", CANARY),
                "MULTIDB_AUDIT_PROPERTIES_ORACLE_NET_CONNECT_TIMEOUT", "3000"));
        assertThat(read.get("audit").properties()).containsExactly(Map.entry("oracle_net_connect_timeout", "3000"));

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> ConnectionPool.configure(read));
        assertThat(e).hasMessageContaining("needs the JDBC driver oracle.jdbc.OracleDriver, which is not on the"
                + " class path");
        assertThat(e.key()).isEqualTo("engine");
    }

    @ParameterizedTest
    @CsvSource({
        "TRACE,  trace,   Trace",
        "LOGDIR, log_dir, log.dir"})
    void anEnvironmentNameMatchingSeveralIsRefusedNamingThem(String variable, String first, String second) {
        Map<String, String> env = environment(Map.of("url", "jdbc:reporting:audit", "engine", "h2",
                "driver_class", ReportingDriver.class.getName()), "MULTIDB_AUDIT_PROPERTIES_" + variable, "x");

        refused(() -> fromEnvironment(env), "properties." + variable.toLowerCase(Locale.ROOT)
                + " matches several properties of the JDBC driver " + ReportingDriver.class.getName() + ": '" + first
                + "', '" + second + "'", "give it in a properties file or a map, where the name keeps its case");
    }

    @Test
    void anEnvironmentNameEqualIgnoringCaseWinsOverOneEqualIgnoringSeparators() {
        Map<String, String> env = environment(Map.of("url", "jdbc:reporting:audit", "engine", "h2",
                "driver_class", ReportingDriver.class.getName()), "MULTIDB_AUDIT_PROPERTIES_LOG_DIR", "x");

        assertThat(fromEnvironment(env).properties()).containsExactly(Map.entry("log_dir", "x"));
    }

    /** A driver whose property names differ only in case or separators; it opens nothing. */
    public static final class ReportingDriver implements FakeDriver {
        @Override
        public Connection connect(String url, Properties info) {
            return null;
        }

        @Override
        public boolean acceptsURL(String url) {
            return url != null && url.startsWith("jdbc:reporting:");
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[] {new DriverPropertyInfo("trace", null),
                new DriverPropertyInfo("Trace", null), new DriverPropertyInfo("log_dir", null),
                new DriverPropertyInfo("log.dir", null)};
        }
    }
}
