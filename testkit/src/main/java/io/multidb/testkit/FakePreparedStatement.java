package io.multidb.testkit;

/**
 * A JDBC {@link java.sql.PreparedStatement} for tests: {@link FakeStatement}'s defaults, and
 * setters of parameters that do nothing.
 *
 * <pre>{@code
 * class OneRow implements FakePreparedStatement {
 *     public ResultSet executeQuery() {
 *         return new StubResultSet();
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safety: the defaults hold no state and are thread-safe; an implementation says what it
 * is.
 */
public interface FakePreparedStatement extends FakeStatement, java.sql.PreparedStatement {

    @Override
    default java.sql.ResultSet executeQuery() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("executeQuery is not supported by this fake; override it");
    }

    @Override
    default void addBatch() throws java.sql.SQLException {
    }

    @Override
    default void clearParameters() throws java.sql.SQLException {
    }

    @Override
    default boolean execute() throws java.sql.SQLException {
        return false;
    }

    @Override
    default int executeUpdate() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.ParameterMetaData getParameterMetaData() throws java.sql.SQLException {
        return null;
    }

    @Override
    default void setArray(int p0, java.sql.Array p1) throws java.sql.SQLException {
    }

    @Override
    default void setAsciiStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
    }

    @Override
    default void setAsciiStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
    }

    @Override
    default void setAsciiStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
    }

    @Override
    default void setBigDecimal(int p0, java.math.BigDecimal p1) throws java.sql.SQLException {
    }

    @Override
    default void setBinaryStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
    }

    @Override
    default void setBinaryStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
    }

    @Override
    default void setBinaryStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
    }

    @Override
    default void setBlob(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
    }

    @Override
    default void setBlob(int p0, java.io.InputStream p1) throws java.sql.SQLException {
    }

    @Override
    default void setBlob(int p0, java.sql.Blob p1) throws java.sql.SQLException {
    }

    @Override
    default void setBoolean(int p0, boolean p1) throws java.sql.SQLException {
    }

    @Override
    default void setByte(int p0, byte p1) throws java.sql.SQLException {
    }

    @Override
    default void setBytes(int p0, byte[] p1) throws java.sql.SQLException {
    }

    @Override
    default void setCharacterStream(int p0, java.io.Reader p1, int p2) throws java.sql.SQLException {
    }

    @Override
    default void setCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
    }

    @Override
    default void setCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
    }

    @Override
    default void setClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
    }

    @Override
    default void setClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
    }

    @Override
    default void setClob(int p0, java.sql.Clob p1) throws java.sql.SQLException {
    }

    @Override
    default void setDate(int p0, java.sql.Date p1, java.util.Calendar p2) throws java.sql.SQLException {
    }

    @Override
    default void setDate(int p0, java.sql.Date p1) throws java.sql.SQLException {
    }

    @Override
    default void setDouble(int p0, double p1) throws java.sql.SQLException {
    }

    @Override
    default void setFloat(int p0, float p1) throws java.sql.SQLException {
    }

    @Override
    default void setInt(int p0, int p1) throws java.sql.SQLException {
    }

    @Override
    default void setLong(int p0, long p1) throws java.sql.SQLException {
    }

    @Override
    default void setNCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
    }

    @Override
    default void setNCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
    }

    @Override
    default void setNClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
    }

    @Override
    default void setNClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
    }

    @Override
    default void setNClob(int p0, java.sql.NClob p1) throws java.sql.SQLException {
    }

    @Override
    default void setNString(int p0, String p1) throws java.sql.SQLException {
    }

    @Override
    default void setNull(int p0, int p1, String p2) throws java.sql.SQLException {
    }

    @Override
    default void setNull(int p0, int p1) throws java.sql.SQLException {
    }

    @Override
    default void setObject(int p0, Object p1, int p2, int p3) throws java.sql.SQLException {
    }

    @Override
    default void setObject(int p0, Object p1, int p2) throws java.sql.SQLException {
    }

    @Override
    default void setObject(int p0, Object p1) throws java.sql.SQLException {
    }

    @Override
    default void setRef(int p0, java.sql.Ref p1) throws java.sql.SQLException {
    }

    @Override
    default void setRowId(int p0, java.sql.RowId p1) throws java.sql.SQLException {
    }

    @Override
    default void setSQLXML(int p0, java.sql.SQLXML p1) throws java.sql.SQLException {
    }

    @Override
    default void setShort(int p0, short p1) throws java.sql.SQLException {
    }

    @Override
    default void setString(int p0, String p1) throws java.sql.SQLException {
    }

    @Override
    default void setTime(int p0, java.sql.Time p1, java.util.Calendar p2) throws java.sql.SQLException {
    }

    @Override
    default void setTime(int p0, java.sql.Time p1) throws java.sql.SQLException {
    }

    @Override
    default void setTimestamp(int p0, java.sql.Timestamp p1, java.util.Calendar p2) throws java.sql.SQLException {
    }

    @Override
    default void setTimestamp(int p0, java.sql.Timestamp p1) throws java.sql.SQLException {
    }

    @Override
    default void setURL(int p0, java.net.URL p1) throws java.sql.SQLException {
    }

    @Override
    @Deprecated
    default void setUnicodeStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
    }
}
