package io.multidb.connection;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.multidb.testkit.ProvokesWarnings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

/**
 * What the reliability suite's configure/close race found: connections that
 * {@code closeAllConnections} closed after its grace period, then used or closed by their holder.
 */
@ExtendWith(ClosePools.class)
class CloseRaceFaultsTest {

    /**
     * HikariCP throws a NullPointerException from close() of a connection whose state was changed
     * (a DataSource connection runs with auto-commit on) after its pool aborted it. JDBC says closing
     * a closed connection does nothing.
     */
    @Test
    @ProvokesWarnings("io.multidb.connection.ConnectionPool") // closed with a connection still lent out
    void closingADataSourceConnectionThatTheCloseAbortedDoesNothing() throws SQLException {
        ConnectionPool.configure(Map.of("ds", Configs.h2(unique())));
        DataSource ds = ConnectionPool.dataSource("ds");
        Connection c = ds.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("select 1");
        }
        ConnectionPool.closeAllConnections(Duration.ZERO);
        assertThatCode(c::close).doesNotThrowAnyException();
        assertThat(c.isClosed()).isTrue();
        assertThatCode(c::close).as("closing twice").doesNotThrowAnyException();
    }

    @Test
    void aDataSourceConnectionStillBehavesAsAConnection() throws SQLException {
        ConnectionPool.configure(Map.of("ds", Configs.h2(unique())));
        try (Connection c = ConnectionPool.dataSource("ds").getConnection()) {
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(c.isWrapperFor(Connection.class)).isTrue();
            assertThat(c.unwrap(Connection.class)).isSameAs(c);
            assertThat(c.isWrapperFor(org.h2.jdbc.JdbcConnection.class)).isTrue();
            assertThat(c.unwrap(org.h2.jdbc.JdbcConnection.class)).isNotNull();
            assertThat(c).isEqualTo(c).isNotEqualTo(null);
            Throwable failure = catchThrowable(() -> c.createStatement().execute("select * from no_such_table"));
            assertThat(failure).as("driver failures come through unwrapped").isInstanceOf(SQLException.class);
        }
        assertThat(ConnectionPool.stats("ds").active()).isZero();
    }
}
