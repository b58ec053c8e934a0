package io.multidb.connection.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class XaEngineTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eachEngineHasOneXaEngineNamingItsXaDataSource(Engine e) {
        XaEngine xa = XaEngine.of(e);
        assertThat(xa).isSameAs(XaEngine.of(e));
        assertThat(xa.engine()).isEqualTo(e);
        assertThat(xa.dataSourceClassName()).isEqualTo(e.xaDataSourceClassName());
        assertThat(xa.errorVendor()).isNotNull();
        assertThat(xa.listsBranchesBeforeResolving()).isEqualTo(e == Engine.H2);
        assertThat(xa.toString()).isEqualTo("XaEngine{" + e.key() + "}");
    }

    @Test
    void settersCarryUrlCredentialsTimeoutsAndSchemaAndNeverShowThePassword() {
        DatabaseConfig c = DatabaseConfig.fromMap("orders", Map.of("url", "jdbc:postgresql://db:5432/orders",
                "user", "app", "password", "s3cret", "schema", "sales", "xa", true));

        List<XaEngine.Setter> setters = XaEngine.of(Engine.POSTGRESQL).dataSourceSetters(c);

        assertThat(setters).extracting(XaEngine.Setter::toString).containsExactly(
                "setUrl(jdbc:postgresql://db:5432/orders)", "setUser(app)", "setPassword(****)",
                "setProperty(connectTimeout, 10)", "setProperty(loginTimeout, 10)", "setCurrentSchema(\"sales\")");
        assertThat(setters.get(2).secret()).isTrue();
        assertThat(setters.get(2).arguments()).containsExactly("s3cret");
        assertThat(setters.toString()).doesNotContain("s3cret");
    }

    @Test
    void oracleTakesItsDriverPropertiesAsOneProperties() {
        DatabaseConfig c = DatabaseConfig.fromMap("erp", Map.of("url", "jdbc:oracle:thin:@//db:1521/FREEPDB1",
                "connect_timeout", 0, "xa", true));
        assertThat(XaEngine.of(Engine.ORACLE).dataSourceSetters(c)).extracting(XaEngine.Setter::method)
                .containsExactly("setURL");

        DatabaseConfig timed = DatabaseConfig.fromMap("erp", Map.of("url", "jdbc:oracle:thin:@//db:1521/FREEPDB1",
                "connect_timeout", 3, "xa", true));
        List<XaEngine.Setter> setters = XaEngine.of(Engine.ORACLE).dataSourceSetters(timed);
        assertThat(setters).extracting(XaEngine.Setter::method).containsExactly("setURL", "setConnectionProperties");
        assertThat((Properties) setters.get(1).arguments().get(0)).containsEntry("oracle.net.CONNECT_TIMEOUT", "3000");
    }

    @Test
    void setterArgumentsCannotBeChangedAfterwards() {
        List<Object> arguments = new ArrayList<>(List.of("a"));
        XaEngine.Setter s = new XaEngine.Setter("setUrl", arguments, false);
        arguments.add("b");
        assertThat(s.arguments()).containsExactly("a");
        assertThat(s).isEqualTo(XaEngine.Setter.of("setUrl", "a"));
    }

    @Test
    void preconditionsRefuseAMariaDbThatLosesPreparedBranches() {
        Connection old = connectionReporting("10.4.30-MariaDB");
        assertThatThrownBy(() -> XaEngine.of(Engine.MARIADB).checkPreconditions("ledger", old))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Database 'ledger'")
                .hasMessageContaining("MariaDB 10.5.2");
    }

    @Test
    void preconditionsReadNothingWhereThereIsNothingToCheck() throws Exception {
        List<String> calls = new ArrayList<>();
        Connection recording = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return null;
                });
        XaEngine.of(Engine.H2).checkPreconditions("a", recording);
        XaEngine.of(Engine.ORACLE).checkPreconditions("a", recording);
        XaEngine.of(Engine.SQLSERVER).checkPreconditions("a", recording);
        assertThat(calls).isEmpty();
    }

    @Test
    void aSchemaGoesWhereTheDataSourceCouldNotPutIt() throws Exception {
        List<String> calls = new ArrayList<>();
        Connection recording = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + "(" + args[0] + ")");
                    return null;
                });
        XaEngine.of(Engine.MARIADB).applySchema(recording, "sales");
        XaEngine.of(Engine.POSTGRESQL).applySchema(recording, "sales");
        XaEngine.of(Engine.H2).applySchema(recording, "sales");
        assertThat(calls).containsExactly("setCatalog(sales)", "setSchema(sales)");
    }

    private static Connection connectionReporting(String version) {
        DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(XaEngineTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getDatabaseProductVersion")) {
                        return version;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (Connection) Proxy.newProxyInstance(XaEngineTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getMetaData")) {
                        return meta;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aSetterNeverShowsASecretDriverPropertyInAnyForm() {
        String canary = "canary-5f1e0c";
        Properties p = new Properties();
        p.setProperty("sslpassword", canary);
        p.setProperty("ssl", "true");
        List<XaEngine.Setter> setters = List.of(
                new XaEngine.Setter("setProperty", List.of("sslpassword", canary), false),
                XaEngine.Setter.of("setUrl", "jdbc:mariadb://db/app?sslpassword=" + canary + "&useSsl=true"),
                XaEngine.Setter.of("setConnectionProperties", p));
        for (XaEngine.Setter setter : setters) {
            assertThat(setter.toString()).doesNotContain(canary).contains("****");
        }
        assertThat(setters.get(1).toString()).contains("useSsl=true");
        assertThat(setters.get(2).toString()).contains("ssl=true");
        DatabaseConfig mariadb = DatabaseConfig.fromMap("orders", Map.of("url", "jdbc:mariadb://db/app", "user", "app",
                "xa", true, "properties", Map.of("keyStorePassword", canary)));
        assertThat(XaEngine.of(Engine.MARIADB).dataSourceSetters(mariadb).toString()).doesNotContain(canary);
        DatabaseConfig postgres = DatabaseConfig.fromMap("orders", Map.of("url", "jdbc:postgresql://db/app",
                "user", "app", "xa", true, "properties", Map.of("sslpassword", canary)));
        assertThat(XaEngine.of(Engine.POSTGRESQL).dataSourceSetters(postgres).toString()).doesNotContain(canary);
    }
}
