package io.multidb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.MultiDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;

class FakesTest {

    @Test
    void stubDriverServesAMultiDbLabelWithOneRowHoldingOne() {
        try (MultiDb db = MultiDb.create(Map.of("main", Map.of("engine", "h2", "url", StubDriver.PREFIX + "fakes",
                "driver_class", StubDriver.class.getName(), "pool_size", 1)))) {
            List<Map<String, Object>> rows = db.read("main", s -> s.query("select anything"));
            assertThat(rows).containsExactly(Map.of("value", 1));
            int updated = db.inTransaction("main", s -> s.execute("update anything"));
            assertThat(updated).isEqualTo(1);
        }
    }

    @Test
    void stubResultSetHasOneRowThenNone() throws SQLException {
        try (Connection c = new StubDriver().connect(StubDriver.PREFIX + "x", null);
                ResultSet rows = c.prepareStatement("select 1").executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt("value")).isEqualTo(1);
            assertThat(rows.getMetaData().getColumnLabel(1)).isEqualTo("value");
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void stubDriverDeclinesOtherUrls() throws SQLException {
        assertThat(new StubDriver().connect("jdbc:h2:mem:x", null)).isNull();
    }

    @Test
    void fakeConnectionRunsNoStatementUntilToldTo() {
        FakeConnection connection = new FakeConnection() { };
        assertThatThrownBy(() -> connection.prepareStatement("select 1"))
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("prepareStatement is not supported by this fake");
    }

    @Test
    void fakeResultSetIsEmptyAndRefusesUpdates() throws SQLException {
        FakeResultSet rows = new FakeResultSet() { };
        assertThat(rows.next()).isFalse();
        assertThat(rows.unwrap(FakeResultSet.class)).isSameAs(rows);
        assertThatThrownBy(() -> rows.updateInt(1, 2)).isInstanceOf(SQLFeatureNotSupportedException.class);
    }

    @Test
    void fakeXaResourceSucceedsUntilAPhaseIsOverridden() throws XAException, SQLException {
        XAResource failing = new FakeXAResource() {
            @Override
            public void commit(Xid xid, boolean onePhase) throws XAException {
                throw new XAException(XAException.XAER_RMFAIL);
            }
        };
        assertThat(failing.prepare(null)).isEqualTo(XAResource.XA_OK);
        assertThat(failing.recover(XAResource.TMSTARTRSCAN)).isEmpty();
        assertThatThrownBy(() -> failing.commit(null, false)).isInstanceOf(XAException.class);

        XAConnection xa = new FakeXAConnection() {
            @Override
            public XAResource getXAResource() {
                return failing;
            }
        };
        FakeXADataSource source = () -> xa;
        assertThat(source.getXAConnection("user", "ignored").getXAResource()).isSameAs(failing);
        assertThatThrownBy(xa::getConnection).isInstanceOf(SQLFeatureNotSupportedException.class);
    }

    @Test
    void aFakeUnwrapsToItselfAndToNothingElse() throws SQLException {
        FakeConnection connection = new FakeConnection() { };
        assertThat(connection.unwrap(FakeConnection.class)).isSameAs(connection);
        assertThat(connection.isWrapperFor(Connection.class)).isTrue();
        assertThat(connection.isWrapperFor(ResultSet.class)).isFalse();
        assertThatThrownBy(() -> connection.unwrap(ResultSet.class)).isInstanceOf(SQLException.class)
                .hasMessageContaining(ResultSet.class.getName());
    }

    @Test
    void aRegisteredFakeDriverIsFoundByDriverManager() throws SQLException {
        String prefix = "jdbc:" + TestNames.unique("fake") + ":";
        FakeDriver driver = new FakeDriver() {
            @Override
            public Connection connect(String url, Properties info) {
                return acceptsURL(url) ? new FakeConnection() { } : null;
            }

            @Override
            public boolean acceptsURL(String url) {
                return url.startsWith(prefix);
            }
        };
        FakeDriver.register(driver);
        try {
            assertThat(DriverManager.getDriver(prefix + "x")).isSameAs(driver);
        } finally {
            DriverManager.deregisterDriver(driver);
        }
    }
}
