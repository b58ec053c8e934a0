package io.multidb.connection.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.Engine;
import io.multidb.connection.spi.XaEngine;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EngineProfileTest {

    @Test
    void everyEngineHasExactlyOneProfileOfItsOwn() {
        assertThat(EngineProfile.all()).hasSize(Engine.values().length);
        for (Engine e : Engine.values()) {
            assertThat(EngineProfile.of(e).engine()).isEqualTo(e);
            assertThat(EngineProfile.of(e)).isSameAs(EngineProfile.of(e));
        }
        assertThat(EngineProfile.all()).extracting(EngineProfile::engine).containsExactly(Engine.values());
    }

    @Test
    void theTableRefusesAMissingOrADuplicateProfile() {
        assertThatThrownBy(() -> EngineProfile.table(List.of(new PostgresqlProfile(), new OracleProfile(),
                new SqlServerProfile(), new H2Profile())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No profile for engine(s) [MARIADB]");
        assertThatThrownBy(() -> EngineProfile.table(List.of(new PostgresqlProfile(), new PostgresqlProfile())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two profiles for engine POSTGRESQL");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everyProfileAnswersEveryQuestion(Engine e) {
        EngineProfile p = EngineProfile.of(e);
        assertThat(p.schemes()).isNotEmpty().contains(e.key());
        assertThat(p.subprotocols()).isNotEmpty().startsWith(e.key());
        assertThat(p.urlGrammar()).isNotNull();
        assertThat(p.urlFromPieces("db:1", "app")).startsWith("jdbc:" + p.subprotocols().get(0) + ":")
                .contains("db:1").contains("app");
        assertThat(p.defaultPort()).isEqualTo(e.defaultPort());
        assertThat(p.driverClassName()).isEqualTo(e.driverClassName());
        assertThat(p.xaDataSourceClassName()).isEqualTo(e.xaDataSourceClassName());
        assertThat(p.driverArtifact()).isEqualTo(e.driverArtifact());
        assertThat(p.binder()).isNotNull();
        assertThat(p.binder().engine()).isEqualTo(e);
        assertThat(p.schemaSwitch()).isNotNull();
        assertThat(p.schemaProperties("s")).isNotNull();
        assertThat(p.readOnlyPoolProperties()).isNotNull();
        assertThat(p.readOnlyPoolInitSql()).isNotNull();
        assertThat(p.timeoutProperties(Duration.ofSeconds(1), Duration.ofSeconds(1))).isNotNull();
        assertThat(p.errorVendor()).isNotNull();
        assertThat(p.toString()).contains(e.key());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSchemaIsRefusedExactlyWhereItCannotBeApplied(Engine e) {
        EngineProfile p = EngineProfile.of(e);
        assertThat(p.schemaRefusal("sales") != null).isEqualTo(p.schemaSwitch() == SchemaSwitch.UNSUPPORTED);
        assertThat(p.schemaProperties("sales").isEmpty())
                .isEqualTo(p.schemaSwitch() != SchemaSwitch.CONNECTION_PROPERTY);
    }

    @Test
    void noSchemeOrSubprotocolBelongsToTwoEngines() {
        Set<String> schemes = new HashSet<>();
        Set<String> subprotocols = new HashSet<>();
        for (EngineProfile p : EngineProfile.all()) {
            p.schemes().forEach(s -> assertThat(schemes.add(s)).as(s).isTrue());
            p.subprotocols().forEach(s -> assertThat(subprotocols.add(s)).as(s).isTrue());
        }
    }

    @Test
    void initSqlIsOneStatementEachEngineRunsInOneCall() {
        List<String> two = List.of("SET a = 'x'", "SET b = 2");
        assertThat(EngineProfile.of(Engine.POSTGRESQL).initSql(List.of())).isNull();
        assertThat(EngineProfile.of(Engine.MARIADB).initSql(List.of("SET a = 1"))).isEqualTo("SET a = 1");
        assertThat(EngineProfile.of(Engine.POSTGRESQL).initSql(two)).isEqualTo("SET a = 'x';\nSET b = 2");
        assertThat(EngineProfile.of(Engine.H2).initSql(two)).isEqualTo("SET a = 'x';\nSET b = 2");
        assertThat(EngineProfile.of(Engine.SQLSERVER).initSql(two)).isEqualTo("SET a = 'x';\nSET b = 2");
        assertThat(EngineProfile.of(Engine.MARIADB).initSql(two))
                .isEqualTo("BEGIN NOT ATOMIC\nSET a = 'x';\nSET b = 2;\nEND");
        assertThat(EngineProfile.of(Engine.ORACLE).initSql(two))
                .isEqualTo("BEGIN\nEXECUTE IMMEDIATE 'SET a = ''x''';\nEXECUTE IMMEDIATE 'SET b = 2';\nEND;");
    }

    @Test
    void readOnlyPoolsAreReadOnlyOnTheServerWhereTheEngineCanDoIt() {
        assertThat(EngineProfile.all()).filteredOn(EngineProfile::readOnlyConnections)
                .extracting(EngineProfile::engine).containsExactlyInAnyOrder(Engine.POSTGRESQL, Engine.MARIADB);
        assertThat(EngineProfile.of(Engine.POSTGRESQL).readOnlyPoolProperties())
                .isEqualTo(Map.of("readOnlyMode", "always"));
        assertThat(EngineProfile.of(Engine.MARIADB).readOnlyPoolInitSql())
                .containsExactly("SET SESSION TRANSACTION READ ONLY");
        assertThat(EngineProfile.of(Engine.H2).readOnlyPoolProperties()).isEmpty();
        assertThat(EngineProfile.of(Engine.H2).readOnlyPoolInitSql()).isEmpty();
    }

    @Test
    void timeoutsUseEachDriversNamesAndUnitsAndAZeroLimitSetsNothing() {
        Duration connect = Duration.ofMillis(1500);
        Duration socket = Duration.ofSeconds(30);
        assertThat(EngineProfile.of(Engine.POSTGRESQL).timeoutProperties(connect, socket))
                .containsExactly(Map.entry("connectTimeout", "2"), Map.entry("loginTimeout", "2"),
                        Map.entry("socketTimeout", "30"));
        assertThat(EngineProfile.of(Engine.MARIADB).timeoutProperties(connect, Duration.ZERO))
                .containsExactly(Map.entry("connectTimeout", "1500"));
        assertThat(EngineProfile.of(Engine.SQLSERVER).timeoutProperties(connect, socket))
                .containsExactly(Map.entry("loginTimeout", "2"), Map.entry("socketTimeout", "30000"));
        assertThat(EngineProfile.of(Engine.ORACLE).timeoutProperties(Duration.ZERO, socket))
                .containsExactly(Map.entry("oracle.jdbc.ReadTimeout", "30000"));
        assertThat(EngineProfile.of(Engine.H2).timeoutProperties(connect, socket)).isEmpty();
    }

    @Test
    void aSchemaIsAppliedToANewConnectionOnlyWhereNothingElseSetsIt() throws Exception {
        assertThat(schemaCalls(Engine.MARIADB)).containsExactly("setCatalog(sales)");
        assertThat(schemaCalls(Engine.H2)).containsExactly("setSchema(sales)");
        assertThat(schemaCalls(Engine.ORACLE)).containsExactly("setSchema(sales)");
        assertThat(schemaCalls(Engine.POSTGRESQL)).isEmpty();
        assertThat(schemaCalls(Engine.SQLSERVER)).isEmpty();
        assertThat(EngineProfile.of(Engine.POSTGRESQL).schemaProperties("a\"b"))
                .isEqualTo(Map.of("currentSchema", "\"a\"\"b\""));
    }

    @Test
    void brokenConnectionsAreRecognisedByTheEnginesOwnCodes() {
        assertThat(EngineProfile.of(Engine.POSTGRESQL).errorVendor()).isEqualTo(XaEngine.ErrorVendor.POSTGRESQL);
        assertThat(EngineProfile.of(Engine.MARIADB).errorVendor()).isEqualTo(XaEngine.ErrorVendor.MYSQL);
        assertThat(EngineProfile.of(Engine.ORACLE).errorVendor()).isEqualTo(XaEngine.ErrorVendor.ORACLE);
        assertThat(EngineProfile.of(Engine.SQLSERVER).errorVendor()).isEqualTo(XaEngine.ErrorVendor.SQLSERVER);
        assertThat(EngineProfile.of(Engine.H2).errorVendor()).isEqualTo(XaEngine.ErrorVendor.GENERIC);
    }

    @Test
    void eachBinderBindsNullUuidAndBooleanAsItsDriverNeeds() throws Exception {
        java.util.UUID id = java.util.UUID.fromString("6f1c1b2e-0d6a-4a7e-9c55-0c7d1d0b8a11");
        assertThat(bound(Engine.POSTGRESQL, null, id, true))
                .containsExactly("setNull(1, 0)", "setObject(2, " + id + ")", "setObject(3, true)");
        assertThat(bound(Engine.H2, null, id, true))
                .containsExactly("setNull(1, 0)", "setObject(2, " + id + ")", "setObject(3, true)");
        assertThat(bound(Engine.MARIADB, null, id, true))
                .containsExactly("setNull(1, 0)", "setString(2, " + id + ")", "setObject(3, true)");
        assertThat(bound(Engine.ORACLE, null, id, true))
                .containsExactly("setNull(1, 12)", "setString(2, " + id + ")", "setInt(3, 1)");
        assertThat(bound(Engine.SQLSERVER, null, id, true))
                .containsExactly("setObject(1, null)", "setString(2, " + id + ")", "setObject(3, true)");
    }

    /** The calls the engine's binder makes on a statement that records them. */
    private static List<String> bound(Engine engine, Object... values) throws Exception {
        List<String> calls = new ArrayList<>();
        java.sql.PreparedStatement recording = (java.sql.PreparedStatement) Proxy.newProxyInstance(
                EngineProfileTest.class.getClassLoader(), new Class<?>[] {java.sql.PreparedStatement.class},
                (proxy, method, args) -> {
                    calls.add(method.getName() + "(" + args[0] + ", " + args[1] + ")");
                    return null;
                });
        EngineProfile.of(engine).binder().bind(recording, values);
        return calls;
    }

    /** The calls {@link EngineProfile#applySchema} makes on a connection that records them. */
    private static List<String> schemaCalls(Engine engine) throws Exception {
        List<String> calls = new ArrayList<>();
        Connection recording = (Connection) Proxy.newProxyInstance(EngineProfileTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + "(" + args[0] + ")");
                    return null;
                });
        EngineProfile.of(engine).applySchema(recording, "sales");
        return calls;
    }
}
