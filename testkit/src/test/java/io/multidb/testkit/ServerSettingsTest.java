package io.multidb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.Engine;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void withoutVariablesPostgresqlAndMariadbUseTheLocalDefaults() {
        ServerSettings postgres = ServerSettings.of(Engine.POSTGRESQL, Map.<String, String>of()::get);
        ServerSettings mariadb = ServerSettings.of(Engine.MARIADB, Map.<String, String>of()::get);

        assertThat(postgres).isEqualTo(new ServerSettings(Engine.POSTGRESQL, "jdbc:postgresql://127.0.0.1:5432/test",
                "postgres", null));
        assertThat(mariadb).isEqualTo(new ServerSettings(Engine.MARIADB, "jdbc:mariadb://127.0.0.1:3306/test",
                "root", ""));
    }

    @Test
    void variablesOverrideTheDefaults() {
        Map<String, String> environment = Map.of(
                "MULTIDB_TEST_POSTGRESQL_URL", " jdbc:postgresql://db:5433/it ",
                "MULTIDB_TEST_POSTGRESQL_USER", "app",
                "MULTIDB_TEST_POSTGRESQL_PASSWORD", "s3cret");

        assertThat(ServerSettings.of(Engine.POSTGRESQL, environment::get))
                .isEqualTo(new ServerSettings(Engine.POSTGRESQL, "jdbc:postgresql://db:5433/it", "app", "s3cret"));
    }

    @Test
    void oracleAndSqlServerAreConfiguredOnlyThroughTheirUrlVariables() {
        Map<String, String> environment = Map.of(
                "MULTIDB_TEST_SQLSERVER_URL", "jdbc:sqlserver://db:1433;encrypt=false",
                "MULTIDB_TEST_SQLSERVER_USER", "sa",
                "MULTIDB_TEST_ORACLE_URL", " ");

        ServerSettings sqlServer = ServerSettings.of(Engine.SQLSERVER, environment::get);
        ServerSettings oracle = ServerSettings.of(Engine.ORACLE, environment::get);

        assertThat(sqlServer.configured()).isTrue();
        assertThat(sqlServer.user()).isEqualTo("sa");
        assertThat(oracle.configured()).isFalse();
        assertThat(oracle).hasToString("ServerSettings[oracle not configured: MULTIDB_TEST_ORACLE_URL is not set]");
    }

    @Test
    void h2IsAlwaysTheInMemoryBaseDatabase() {
        ServerSettings h2 = ServerSettings.of(Engine.H2, Map.of("MULTIDB_TEST_H2_URL", "jdbc:h2:tcp://x/y")::get);

        assertThat(h2.url()).isEqualTo(ServerSettings.H2_BASE_URL);
        assertThat(h2.user()).isEqualTo("sa");
    }

    @Test
    void toStringAndDescribeNeverShowThePassword() {
        ServerSettings settings = new ServerSettings(Engine.POSTGRESQL,
                "jdbc:postgresql://db:5432/test?password=inurl", "app", "s3cret");

        assertThat(settings.toString()).contains("jdbc:postgresql://db:5432/test", "app")
                .doesNotContain("s3cret", "inurl");
        assertThat(settings.describe()).doesNotContain("s3cret", "inurl");
        assertThat(settings.scrub("login failed for app with s3cret at ...?password=inurl"))
                .isEqualTo("login failed for app with **** at ...?password=****");
    }

    @Test
    void connectingWithoutASuitableDriverNamesTheArtifactToAdd() {
        ServerSettings oracle = new ServerSettings(Engine.ORACLE, "jdbc:oracle:thin:scott/s3cret@//127.0.0.1:1/X",
                null, null);

        assertThatThrownBy(oracle::connect)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("com.oracle.database.jdbc:ojdbc11")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aProbeOfAClosedPortReportsTheUrlAndTheDriverErrorWithoutThePassword() {
        ServerSettings nowhere = new ServerSettings(Engine.POSTGRESQL,
                "jdbc:postgresql://127.0.0.1:1/test?password=inurl", "postgres", "s3cret");

        Probe probe = TestServers.probe(nowhere);

        assertThat(probe.isReachable()).isFalse();
        assertThat(probe.problem())
                .contains("jdbc:postgresql://127.0.0.1:1/test", "(user postgres)", "did not answer", "refused")
                .doesNotContain("s3cret", "inurl");
    }

    @Test
    void aProbeOfAnUnconfiguredEngineNamesTheVariable() {
        Probe probe = TestServers.probe(new ServerSettings(Engine.SQLSERVER, null, null, null));

        assertThat(probe.isReachable()).isFalse();
        assertThat(probe.problem()).contains("MULTIDB_TEST_SQLSERVER_URL is not set");
    }

    @Test
    void aProbeOfH2AlwaysFindsIt() {
        Probe probe = TestServers.probe(ServerSettings.of(Engine.H2, Map.<String, String>of()::get));

        assertThat(probe.isReachable()).isTrue();
        assertThat(probe.target()).isEqualTo(ServerSettings.H2_BASE_URL + " (user sa)");
    }
}
