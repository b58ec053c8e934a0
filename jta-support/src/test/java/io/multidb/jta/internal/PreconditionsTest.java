package io.multidb.jta.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.ConfigurationException;
import io.multidb.testkit.ProvokesWarnings;
import org.junit.jupiter.api.Test;

class PreconditionsTest {

    @Test
    @ProvokesWarnings("io.multidb.jta.internal.Preconditions") // fewer prepared transactions than connections
    void postgresqlWithoutPreparedTransactionsIsRefusedWithTheFix() {
        assertThatThrownBy(() -> Preconditions.checkPostgresql("orders", 0, 100))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Database 'orders'")
                .hasMessageContaining("max_prepared_transactions = 0")
                .hasMessageContaining("at least to max_connections (100)")
                .hasMessageContaining("restart PostgreSQL");
        assertThatCode(() -> Preconditions.checkPostgresql("orders", 100, 100)).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.checkPostgresql("orders", 10, 100)).doesNotThrowAnyException();
    }

    @Test
    void mariadbBefore1052IsRefusedBecausePreparedBranchesDieWithTheirConnection() {
        assertThatThrownBy(() -> Preconditions.checkMariaDb("ledger", "10.5.1-MariaDB-log"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Database 'ledger'")
                .hasMessageContaining("MariaDB 10.5.2")
                .hasMessageContaining("rolled back when its connection ends");
        assertThatThrownBy(() -> Preconditions.checkMariaDb("ledger", "10.4.30-MariaDB"))
                .isInstanceOf(ConfigurationException.class);
        assertThatCode(() -> Preconditions.checkMariaDb("ledger", "10.5.2-MariaDB")).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.checkMariaDb("ledger", "10.11.19-MariaDB-0+deb12u1"))
                .doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.checkMariaDb("ledger", "11.4.2-MariaDB")).doesNotThrowAnyException();
    }

    @Test
    void mysqlThroughTheMariadbDriverNeeds577() {
        assertThatThrownBy(() -> Preconditions.checkMariaDb("ledger", "5.7.6-log"))
                .hasMessageContaining("MySQL 5.7.7");
        assertThatCode(() -> Preconditions.checkMariaDb("ledger", "8.0.36")).doesNotThrowAnyException();
    }
}
