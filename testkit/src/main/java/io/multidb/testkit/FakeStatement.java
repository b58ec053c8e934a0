package io.multidb.testkit;

/**
 * A JDBC {@link java.sql.Statement} for tests, every method given a default: updates change
 * nothing ({@code 0}), {@code execute} reports no result set, {@code executeQuery} throws
 * {@link java.sql.SQLFeatureNotSupportedException} until overridden.
 *
 * <p>Thread-safety: the defaults hold no state and are thread-safe; an implementation says what it
 * is.
 */
public interface FakeStatement extends FakeWrapper, java.sql.Statement {

    @Override
    default java.sql.ResultSet executeQuery(String sql) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("executeQuery is not supported by this fake; override it");
    }

    @Override
    default void addBatch(String p0) throws java.sql.SQLException {
    }

    @Override
    default void cancel() throws java.sql.SQLException {
    }

    @Override
    default void clearBatch() throws java.sql.SQLException {
    }

    @Override
    default void clearWarnings() throws java.sql.SQLException {
    }

    @Override
    default void close() throws java.sql.SQLException {
    }

    @Override
    default void closeOnCompletion() throws java.sql.SQLException {
    }

    @Override
    default boolean execute(String p0, int[] p1) throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean execute(String p0, String[] p1) throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean execute(String p0, int p1) throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean execute(String p0) throws java.sql.SQLException {
        return false;
    }

    @Override
    default int[] executeBatch() throws java.sql.SQLException {
        return null;
    }

    @Override
    default int executeUpdate(String p0, int[] p1) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default int executeUpdate(String p0, String[] p1) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default int executeUpdate(String p0, int p1) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default int executeUpdate(String p0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default java.sql.Connection getConnection() throws java.sql.SQLException {
        return null;
    }

    @Override
    default int getFetchDirection() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default int getFetchSize() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default java.sql.ResultSet getGeneratedKeys() throws java.sql.SQLException {
        return null;
    }

    @Override
    default int getMaxFieldSize() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default int getMaxRows() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default boolean getMoreResults() throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean getMoreResults(int p0) throws java.sql.SQLException {
        return false;
    }

    @Override
    default int getQueryTimeout() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default java.sql.ResultSet getResultSet() throws java.sql.SQLException {
        return null;
    }

    @Override
    default int getResultSetConcurrency() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default int getResultSetHoldability() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default int getResultSetType() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default int getUpdateCount() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
        return null;
    }

    @Override
    default boolean isCloseOnCompletion() throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean isClosed() throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean isPoolable() throws java.sql.SQLException {
        return false;
    }

    @Override
    default void setCursorName(String p0) throws java.sql.SQLException {
    }

    @Override
    default void setEscapeProcessing(boolean p0) throws java.sql.SQLException {
    }

    @Override
    default void setFetchDirection(int p0) throws java.sql.SQLException {
    }

    @Override
    default void setFetchSize(int p0) throws java.sql.SQLException {
    }

    @Override
    default void setMaxFieldSize(int p0) throws java.sql.SQLException {
    }

    @Override
    default void setMaxRows(int p0) throws java.sql.SQLException {
    }

    @Override
    default void setPoolable(boolean p0) throws java.sql.SQLException {
    }

    @Override
    default void setQueryTimeout(int p0) throws java.sql.SQLException {
    }
}
