package io.multidb.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import javax.sql.ConnectionEventListener;
import javax.sql.StatementEventListener;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;

/**
 * An {@link XAConnection} for tests: listeners are accepted and ignored, {@code close} does
 * nothing, and {@link #getXAResource()} and {@link #getConnection()} throw until a fake overrides
 * them (usually with a {@link FakeXAResource} and a {@link FakeConnection}).
 *
 * <pre>{@code
 * XAConnection xa = new FakeXAConnection() {
 *     public XAResource getXAResource() { return new FakeXAResource() { }; }
 *     public Connection getConnection() { return new StubConnection(); }
 * };
 * }</pre>
 *
 * <p>Thread-safety: the defaults hold no state and are thread-safe; an implementation says what it
 * is.
 */
public interface FakeXAConnection extends XAConnection {

    @Override
    default XAResource getXAResource() throws SQLException {
        throw new SQLFeatureNotSupportedException("this fake XA connection has no XAResource; override getXAResource");
    }

    @Override
    default Connection getConnection() throws SQLException {
        throw new SQLFeatureNotSupportedException("this fake XA connection has no connection; override getConnection");
    }

    @Override
    default void close() throws SQLException {
    }

    @Override
    default void addConnectionEventListener(ConnectionEventListener listener) {
    }

    @Override
    default void removeConnectionEventListener(ConnectionEventListener listener) {
    }

    @Override
    default void addStatementEventListener(StatementEventListener listener) {
    }

    @Override
    default void removeStatementEventListener(StatementEventListener listener) {
    }
}
