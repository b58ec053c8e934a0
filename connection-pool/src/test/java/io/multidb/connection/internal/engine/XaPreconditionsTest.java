package io.multidb.connection.internal.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.ConfigurationException;
import io.multidb.testkit.ProvokesWarnings;
import org.junit.jupiter.api.Test;

/** Moved from jta-support's {@code PreconditionsTest} with the checks; assertions unchanged. */
class XaPreconditionsTest {

    @Test
    // fewer prepared transactions than connections
    @ProvokesWarnings("io.multidb.connection.internal.engine.PostgresqlProfile")
    void postgresqlWithoutPreparedTransactionsIsRefusedWithTheFix() {
        assertThatThrownBy(() -> PostgresqlProfile.checkPreparedTransactions("orders", 0, 100))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Database 'orders'")
                .hasMessageContaining("max_prepared_transactions = 0")
                .hasMessageContaining("at least to max_connections (100)")
                .hasMessageContaining("restart PostgreSQL");
        assertThatCode(() -> PostgresqlProfile.checkPreparedTransactions("orders", 100, 100))
                .doesNotThrowAnyException();
        assertThatCode(() -> PostgresqlProfile.checkPreparedTransactions("orders", 10, 100))
                .doesNotThrowAnyException();
    }

    @Test
    void mariadbBefore1052IsRefusedBecausePreparedBranchesDieWithTheirConnection() {
        assertThatThrownBy(() -> MariaDbProfile.checkKeepsPreparedBranches("ledger", "10.5.1-MariaDB-log"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Database 'ledger'")
                .hasMessageContaining("MariaDB 10.5.2")
                .hasMessageContaining("rolled back when its connection ends");
        assertThatThrownBy(() -> MariaDbProfile.checkKeepsPreparedBranches("ledger", "10.4.30-MariaDB"))
                .isInstanceOf(ConfigurationException.class);
        assertThatCode(() -> MariaDbProfile.checkKeepsPreparedBranches("ledger", "10.5.2-MariaDB")).doesNotThrowAnyException();
        assertThatCode(() -> MariaDbProfile.checkKeepsPreparedBranches("ledger", "10.11.19-MariaDB-0+deb12u1"))
                .doesNotThrowAnyException();
        assertThatCode(() -> MariaDbProfile.checkKeepsPreparedBranches("ledger", "11.4.2-MariaDB")).doesNotThrowAnyException();
    }

    @Test
    void mysqlThroughTheMariadbDriverNeeds577() {
        assertThatThrownBy(() -> MariaDbProfile.checkKeepsPreparedBranches("ledger", "5.7.6-log"))
                .hasMessageContaining("MySQL 5.7.7");
        assertThatCode(() -> MariaDbProfile.checkKeepsPreparedBranches("ledger", "8.0.36")).doesNotThrowAnyException();
    }
}
