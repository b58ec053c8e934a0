package io.multidb.testkit;

/**
 * A JDBC {@link java.sql.Connection} for tests, every method given a default: setters do nothing,
 * getters answer {@code false}, {@code 0} or {@code null}, and methods that make statements throw
 * {@link java.sql.SQLFeatureNotSupportedException}. A fake implements what its test needs and
 * nothing else, as {@code agroal-test}'s mocks do; see {@link StubConnection} for a complete one.
 *
 * <pre>{@code
 * class RefusesCommit implements FakeConnection {
 *     public void commit() throws SQLException {
 *         throw new SQLException("commit refused (test)", "40001");
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safety: the defaults hold no state and are thread-safe; an implementation says what it
 * is.
 */
public interface FakeConnection extends FakeWrapper, java.sql.Connection {

    @Override
    default java.sql.Statement createStatement() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("createStatement is not supported by this fake; override it");
    }

    @Override
    default java.sql.PreparedStatement prepareStatement(String sql) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("prepareStatement is not supported by this fake; override it");
    }

    @Override
    default boolean getAutoCommit() throws java.sql.SQLException {
        return true;
    }

    @Override
    default int getTransactionIsolation() throws java.sql.SQLException {
        return TRANSACTION_READ_COMMITTED;
    }

    @Override
    default boolean isValid(int timeout) throws java.sql.SQLException {
        return !isClosed();
    }

    @Override
    default void abort(java.util.concurrent.Executor p0) throws java.sql.SQLException {
    }

    @Override
    default void clearWarnings() throws java.sql.SQLException {
    }

    @Override
    default void close() throws java.sql.SQLException {
    }

    @Override
    default void commit() throws java.sql.SQLException {
    }

    @Override
    default java.sql.Array createArrayOf(String p0, Object[] p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Blob createBlob() throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Clob createClob() throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.NClob createNClob() throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.SQLXML createSQLXML() throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Struct createStruct(String p0, Object[] p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default String getCatalog() throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.util.Properties getClientInfo() throws java.sql.SQLException {
        return null;
    }

    @Override
    default String getClientInfo(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default int getHoldability() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default java.sql.DatabaseMetaData getMetaData() throws java.sql.SQLException {
        return null;
    }

    @Override
    default int getNetworkTimeout() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default String getSchema() throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.util.Map<String, Class<?>> getTypeMap() throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
        return null;
    }

    @Override
    default boolean isClosed() throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean isReadOnly() throws java.sql.SQLException {
        return false;
    }

    @Override
    default String nativeSQL(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.CallableStatement prepareCall(String p0, int p1, int p2, int p3) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("prepareCall is not supported by this fake; override it");
    }

    @Override
    default java.sql.CallableStatement prepareCall(String p0, int p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("prepareCall is not supported by this fake; override it");
    }

    @Override
    default java.sql.CallableStatement prepareCall(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("prepareCall is not supported by this fake; override it");
    }

    @Override
    default void releaseSavepoint(java.sql.Savepoint p0) throws java.sql.SQLException {
    }

    @Override
    default void rollback() throws java.sql.SQLException {
    }

    @Override
    default void rollback(java.sql.Savepoint p0) throws java.sql.SQLException {
    }

    @Override
    default void setAutoCommit(boolean p0) throws java.sql.SQLException {
    }

    @Override
    default void setCatalog(String p0) throws java.sql.SQLException {
    }

    @Override
    default void setClientInfo(String p0, String p1) throws java.sql.SQLClientInfoException {
    }

    @Override
    default void setClientInfo(java.util.Properties p0) throws java.sql.SQLClientInfoException {
    }

    @Override
    default void setHoldability(int p0) throws java.sql.SQLException {
    }

    @Override
    default void setNetworkTimeout(java.util.concurrent.Executor p0, int p1) throws java.sql.SQLException {
    }

    @Override
    default void setReadOnly(boolean p0) throws java.sql.SQLException {
    }

    @Override
    default java.sql.Savepoint setSavepoint() throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Savepoint setSavepoint(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default void setSchema(String p0) throws java.sql.SQLException {
    }

    @Override
    default void setTransactionIsolation(int p0) throws java.sql.SQLException {
    }

    @Override
    default void setTypeMap(java.util.Map<String, Class<?>> p0) throws java.sql.SQLException {
    }

    @Override
    default java.sql.Statement createStatement(int p0, int p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("createStatement is not supported by this fake; override it");
    }

    @Override
    default java.sql.Statement createStatement(int p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("createStatement is not supported by this fake; override it");
    }

    @Override
    default java.sql.PreparedStatement prepareStatement(String p0, int[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("prepareStatement is not supported by this fake; override it");
    }

    @Override
    default java.sql.PreparedStatement prepareStatement(String p0, String[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("prepareStatement is not supported by this fake; override it");
    }

    @Override
    default java.sql.PreparedStatement prepareStatement(String p0, int p1, int p2, int p3) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("prepareStatement is not supported by this fake; override it");
    }

    @Override
    default java.sql.PreparedStatement prepareStatement(String p0, int p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("prepareStatement is not supported by this fake; override it");
    }

    @Override
    default java.sql.PreparedStatement prepareStatement(String p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("prepareStatement is not supported by this fake; override it");
    }
}
