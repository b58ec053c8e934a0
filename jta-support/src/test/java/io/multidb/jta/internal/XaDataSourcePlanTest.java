package io.multidb.jta.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class XaDataSourcePlanTest {

    private static List<String> setters(XaDataSourcePlan plan) {
        return plan.steps().stream().map(XaDataSourcePlan.Step::toString).toList();
    }

    @Test
    void postgresqlGetsTheUrlCredentialsEachPropertyAndAQuotedCurrentSchema() {
        DatabaseConfig c = DatabaseConfig.fromMap("orders", Map.of("url", "jdbc:postgresql://db:5432/orders",
                "user", "app", "password", "s3cret", "schema", "sales", "properties", Map.of("sslmode", "require"),
                "xa", true));

        XaDataSourcePlan plan = XaDataSourcePlan.of(c);

        assertThat(plan.className()).isEqualTo("org.postgresql.xa.PGXADataSource");
        assertThat(setters(plan)).containsExactly("setUrl(jdbc:postgresql://db:5432/orders)", "setUser(app)",
                "setPassword(****)", "setProperty(sslmode, require)", "setProperty(connectTimeout, 10)",
                "setProperty(loginTimeout, 10)", "setCurrentSchema(\"sales\")");
        assertThat(plan.toString()).doesNotContain("s3cret");
    }

    @Test
    void mariadbTakesDriverPropertiesInTheUrlQuery() {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("connectTimeout", "5000");
        properties.put("sslMode", "verify full");
        DatabaseConfig c = DatabaseConfig.fromMap("ledger", Map.of("url", "jdbc:mariadb://db:3306/ledger",
                "user", "app", "properties", properties, "xa", true));

        XaDataSourcePlan plan = XaDataSourcePlan.of(c);

        assertThat(plan.className()).isEqualTo("org.mariadb.jdbc.MariaDbDataSource");
        assertThat(setters(plan)).containsExactly(
                "setUrl(jdbc:mariadb://db:3306/ledger?connectTimeout=5000&sslMode=verify+full)", "setUser(app)");
    }

    @Test
    void h2AndSqlServerTakeDriverPropertiesAsUrlSettings() {
        DatabaseConfig h2 = DatabaseConfig.fromMap("a", Map.of("url", "jdbc:h2:mem:a", "user", "sa",
                "properties", Map.of("MODE", "PostgreSQL"), "xa", true));
        DatabaseConfig mssql = DatabaseConfig.fromMap("b", Map.of("url", "jdbc:sqlserver://db:1433;databaseName=b",
                "user", "app", "password", "pw", "properties", Map.of("encrypt", "false"), "xa", true));

        assertThat(XaDataSourcePlan.of(h2).className()).isEqualTo("org.h2.jdbcx.JdbcDataSource");
        assertThat(setters(XaDataSourcePlan.of(h2))).containsExactly("setURL(jdbc:h2:mem:a;MODE=PostgreSQL)",
                "setUser(sa)");
        assertThat(XaDataSourcePlan.of(mssql).className())
                .isEqualTo("com.microsoft.sqlserver.jdbc.SQLServerXADataSource");
        assertThat(setters(XaDataSourcePlan.of(mssql))).containsExactly(
                "setURL(jdbc:sqlserver://db:1433;databaseName=b;encrypt=false;loginTimeout=10)", "setUser(app)", "setPassword(****)");
    }

    @Test
    void oracleTakesDriverPropertiesAsConnectionProperties() {
        DatabaseConfig c = DatabaseConfig.fromMap("erp", Map.of("url", "jdbc:oracle:thin:@//db:1521/FREEPDB1",
                "user", "app", "password", "pw", "properties", Map.of("oracle.net.CONNECT_TIMEOUT", "3000"),
                "xa", true));

        XaDataSourcePlan plan = XaDataSourcePlan.of(c);

        assertThat(plan.className()).isEqualTo("oracle.jdbc.xa.client.OracleXADataSource");
        assertThat(plan.steps()).extracting(XaDataSourcePlan.Step::setter)
                .containsExactly("setURL", "setUser", "setPassword", "setConnectionProperties");
        Properties p = (Properties) plan.steps().get(3).arguments().get(0);
        assertThat(p).containsEntry("oracle.net.CONNECT_TIMEOUT", "3000");
    }

    @Test
    void aPropertyValueThatWouldBreakAUrlSettingIsRefused() {
        DatabaseConfig c = DatabaseConfig.fromMap("a", Map.of("url", "jdbc:h2:mem:a",
                "properties", Map.of("INIT", "create table x(id int);create table y(id int)"), "xa", true));

        assertThatThrownBy(() -> XaDataSourcePlan.of(c))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("properties"))
                .hasMessageContaining("'INIT' contains ';'");
    }
}
