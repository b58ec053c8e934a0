package io.multidb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.Engine;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

    private static final String PG_TARGET = "jdbc:postgresql://127.0.0.1:5432/test (user postgres)";
    private static final Probe PG_DOWN = Probe.unreachable(Engine.POSTGRESQL, PG_TARGET, "Connection refused");

    @Test
    void aServerThatAnsweredRunsWhetherRequiredOrNot() {
        Probe up = Probe.reachable(Engine.POSTGRESQL, PG_TARGET);

        assertThat(Availability.decide(Set.of(), Engine.POSTGRESQL, up).outcome())
                .isEqualTo(Availability.Outcome.RUN);
        assertThat(Availability.decide(Set.of(Engine.POSTGRESQL), Engine.POSTGRESQL, up).outcome())
                .isEqualTo(Availability.Outcome.RUN);
    }

    @Test
    void aMissingServerIsSkippedWithTheUrlAndTheErrorWhenNotRequired() {
        Availability.Decision decision = Availability.decide(Set.of(Engine.MARIADB), Engine.POSTGRESQL, PG_DOWN);

        assertThat(decision.outcome()).isEqualTo(Availability.Outcome.SKIP);
        assertThat(decision.reason())
                .contains("jdbc:postgresql://127.0.0.1:5432/test", "user postgres", "Connection refused",
                        "MULTIDB_TEST_REQUIRE does not name postgresql");
    }

    @Test
    void aMissingServerFailsWithTheSameFactsWhenRequired() {
        Availability.Decision decision = Availability.decide(EnumSet.of(Engine.POSTGRESQL, Engine.MARIADB),
                Engine.POSTGRESQL, PG_DOWN);

        assertThat(decision.outcome()).isEqualTo(Availability.Outcome.FAIL);
        assertThat(decision.reason())
                .contains("jdbc:postgresql://127.0.0.1:5432/test", "Connection refused",
                        "MULTIDB_TEST_REQUIRE names postgresql");
    }

    @Test
    void anEngineWithoutAUrlVariableIsSkippedUnlessRequired() {
        Probe oracle = Probe.notConfigured(Engine.ORACLE);

        Availability.Decision skipped = Availability.decide(Set.of(), Engine.ORACLE, oracle);
        Availability.Decision failed = Availability.decide(Set.of(Engine.ORACLE), Engine.ORACLE, oracle);

        assertThat(skipped.outcome()).isEqualTo(Availability.Outcome.SKIP);
        assertThat(skipped.reason()).contains("MULTIDB_TEST_ORACLE_URL is not set");
        assertThat(failed.outcome()).isEqualTo(Availability.Outcome.FAIL);
        assertThat(failed.reason()).contains("MULTIDB_TEST_ORACLE_URL is not set", "MULTIDB_TEST_REQUIRE names oracle");
    }

    @Test
    void aProbeOfAnotherEngineIsRejected() {
        assertThatThrownBy(() -> Availability.decide(Set.of(), Engine.MARIADB, PG_DOWN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgresql")
                .hasMessageContaining("mariadb");
    }

    @Test
    void theRequireVariableIsACaseInsensitiveCommaSeparatedListOfEngineKeys() {
        assertThat(Availability.parseRequired(" PostgreSQL, mariadb ,,H2"))
                .containsExactlyInAnyOrder(Engine.POSTGRESQL, Engine.MARIADB, Engine.H2);
        assertThat(Availability.parseRequired("oracle,sqlserver"))
                .containsExactlyInAnyOrder(Engine.ORACLE, Engine.SQLSERVER);
    }

    @Test
    void anUnsetOrBlankRequireVariableRequiresNothing() {
        assertThat(Availability.parseRequired(null)).isEmpty();
        assertThat(Availability.parseRequired("  ")).isEmpty();
    }

    @Test
    void anUnknownEngineInTheRequireVariableIsAnErrorNamingItAndTheValidKeys() {
        assertThatThrownBy(() -> Availability.parseRequired("postgresql,postgress"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'postgress'")
                .hasMessageContaining("postgresql, oracle, sqlserver, h2, mariadb");
    }
}
