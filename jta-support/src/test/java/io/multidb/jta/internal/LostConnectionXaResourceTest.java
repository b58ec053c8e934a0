package io.multidb.jta.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.FakeXAResource;
import java.io.EOFException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;

/**
 * The error codes Narayana acts on when a driver loses its connection inside two-phase commit; the
 * fault suite's {@code XaParticipantFailureTest} shows the same against real servers.
 */
class LostConnectionXaResourceTest {

    @Test
    void pgjdbcCommitOnAConnectionTheServerEndedBecomesRmfailSoThatRecoveryCommitsLater() {
        // pgJDBC: "Error committing prepared transaction", XAER_RMERR, cause FATAL 57P01
        XAException driver = xa(XAException.XAER_RMERR, new SQLException(
                "FATAL: terminating connection due to administrator command", "57P01"));

        assertThatThrownBy(() -> throwing(driver).commit(null, false))
                .isInstanceOfSatisfying(XAException.class, e -> {
                    assertThat(e.errorCode).isEqualTo(XAException.XAER_RMFAIL);
                    assertThat(e.getCause()).isSameAs(driver);
                })
                .hasMessageContaining("Connection to the database lost");
    }

    @Test
    void mariadbCommitOnAClosedSocketBecomesRmfailInsteadOfAHeuristicHazard() {
        // MariaDB Connector/J: code 0 ("unknown"), cause SQLNonTransientConnectionException <- EOFException
        XAException driver = xa(0, new SQLNonTransientConnectionException("(conn=84) Socket error", "08000",
                new EOFException("unexpected end of stream")));

        assertThatThrownBy(() -> throwing(driver).commit(null, false))
                .isInstanceOfSatisfying(XAException.class,
                        e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_RMFAIL));
    }

    @Test
    void aOnePhaseCommitKeepsTheDriversCodeSinceNothingWasPrepared() {
        // a single branch: the database rolled it back when the connection went; XAER_RMERR says so
        XAException driver = xa(XAException.XAER_RMERR, new SQLException(
                "FATAL: terminating connection due to administrator command", "57P01"));

        assertThatThrownBy(() -> throwing(driver).commit(null, true)).isSameAs(driver);
    }

    @Test
    void aLostConnectionInPrepareEndAndRollbackIsRmfailToo() {
        XAException driver = xa(0, new SQLException("I/O error", "08006"));
        XAResource resource = throwing(driver);

        assertThatThrownBy(() -> resource.end(null, XAResource.TMSUCCESS))
                .isInstanceOfSatisfying(XAException.class,
                        e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_RMFAIL));
        assertThatThrownBy(() -> resource.prepare(null))
                .isInstanceOfSatisfying(XAException.class,
                        e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_RMFAIL));
        assertThatThrownBy(() -> resource.rollback(null))
                .isInstanceOfSatisfying(XAException.class,
                        e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_RMFAIL));
    }

    @Test
    void aFailureWithTheConnectionAliveKeepsTheDriversCode() {
        XAException driver = xa(XAException.XAER_RMERR, new SQLException("could not serialize access", "40001"));

        assertThatThrownBy(() -> throwing(driver).commit(null, false)).isSameAs(driver);
    }

    @Test
    void specificCodesAreKeptEvenWhenTheConnectionIsGone() {
        SQLException lost = new SQLException("This connection has been closed.", "08003");
        for (int code : new int[] {XAException.XAER_NOTA, XAException.XA_HEURRB, XAException.XA_RBROLLBACK,
                XAException.XAER_RMFAIL}) {
            XAException driver = xa(code, lost);
            assertThatThrownBy(() -> throwing(driver).commit(null, false)).isSameAs(driver);
        }
    }

    @Test
    void wrappingIsIdempotentAndComparesTheDriversResources() throws XAException {
        Recording driver = new Recording();
        XAResource wrapped = LostConnectionXaResource.wrap(driver);

        assertThat(LostConnectionXaResource.wrap(wrapped)).isSameAs(wrapped);
        assertThat(LostConnectionXaResource.wrap(null)).isNull();
        assertThat(wrapped.isSameRM(LostConnectionXaResource.wrap(driver))).isTrue();
        assertThat(driver.comparedWith).isSameAs(driver);
    }

    private static XAException xa(int code, Throwable cause) {
        XAException e = new XAException("driver failure");
        e.errorCode = code;
        e.initCause(cause);
        return e;
    }

    private static XAResource throwing(XAException failure) {
        return LostConnectionXaResource.wrap(new Recording() {
            @Override
            public void commit(Xid xid, boolean onePhase) throws XAException {
                throw failure;
            }

            @Override
            public void end(Xid xid, int flags) throws XAException {
                throw failure;
            }

            @Override
            public int prepare(Xid xid) throws XAException {
                throw failure;
            }

            @Override
            public void rollback(Xid xid) throws XAException {
                throw failure;
            }
        });
    }

    /** A resource that succeeds at everything and remembers what it was compared with. */
    private static class Recording implements FakeXAResource {
        XAResource comparedWith;

        @Override
        public boolean isSameRM(XAResource other) {
            comparedWith = other;
            return other == this;
        }
    }
}
