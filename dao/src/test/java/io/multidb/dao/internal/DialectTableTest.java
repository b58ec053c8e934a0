package io.multidb.dao.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DialectTableTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everyEngineHasItsOwnDialect(Engine e) {
        assertThat(Dialects.of(e).engine()).isEqualTo(e);
        assertThat(Dialects.of(e)).isSameAs(Dialects.of(e));
    }

    @Test
    void theTableRefusesAMissingOrADuplicateDialect() {
        assertThatThrownBy(() -> Dialects.byEngine(List.of(new PostgresDialect(), new MariaDbDialect(),
                new H2Dialect(), new OracleDialect())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No dialect for engine(s) [SQLSERVER]");
        assertThatThrownBy(() -> Dialects.byEngine(List.of(new H2Dialect(), new H2Dialect())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Two dialects for engine H2");
    }

    @ParameterizedTest
    @CsvSource({"PostgreSQL, POSTGRESQL", "MariaDB, MARIADB", "MySQL, MARIADB", "H2, H2", "Oracle, ORACLE",
            "Microsoft SQL Server, SQLSERVER"})
    void eachDialectRecognisesItsProductName(String product, Engine engine) {
        assertThat(Dialects.engineOf(product)).isEqualTo(engine);
    }

    @Test
    void anUnknownProductHasNoEngine() {
        assertThat(Dialects.engineOf("SQLite")).isNull();
        assertThat(Dialects.engineOf("H2 Database")).isNull();
        assertThat(Dialects.engineOf(null)).isNull();
    }
}
