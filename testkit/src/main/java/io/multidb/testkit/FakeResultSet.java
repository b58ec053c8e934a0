package io.multidb.testkit;

/**
 * A JDBC {@link java.sql.ResultSet} for tests, every method given a default: no rows
 * ({@code next()} is {@code false}), getters answer {@code false}, {@code 0} or {@code null},
 * updates throw {@link java.sql.SQLFeatureNotSupportedException}. A fake overrides
 * {@code next()} and the getters its code under test reads; see {@link StubResultSet}.
 *
 * <p>Thread-safety: the defaults hold no state and are thread-safe; an implementation says what it
 * is.
 */
public interface FakeResultSet extends FakeWrapper, java.sql.ResultSet {

    @Override
    default int getType() throws java.sql.SQLException {
        return TYPE_FORWARD_ONLY;
    }

    @Override
    default int getConcurrency() throws java.sql.SQLException {
        return CONCUR_READ_ONLY;
    }

    @Override
    default int getFetchDirection() throws java.sql.SQLException {
        return FETCH_FORWARD;
    }

    @Override
    default boolean absolute(int p0) throws java.sql.SQLException {
        return false;
    }

    @Override
    default void afterLast() throws java.sql.SQLException {
    }

    @Override
    default void beforeFirst() throws java.sql.SQLException {
    }

    @Override
    default void cancelRowUpdates() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void clearWarnings() throws java.sql.SQLException {
    }

    @Override
    default void close() throws java.sql.SQLException {
    }

    @Override
    default void deleteRow() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default int findColumn(String p0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default boolean first() throws java.sql.SQLException {
        return false;
    }

    @Override
    default java.sql.Array getArray(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Array getArray(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.io.InputStream getAsciiStream(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.io.InputStream getAsciiStream(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    @Deprecated
    default java.math.BigDecimal getBigDecimal(String p0, int p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.math.BigDecimal getBigDecimal(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    @Deprecated
    default java.math.BigDecimal getBigDecimal(int p0, int p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.math.BigDecimal getBigDecimal(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.io.InputStream getBinaryStream(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.io.InputStream getBinaryStream(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Blob getBlob(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Blob getBlob(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default boolean getBoolean(String p0) throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean getBoolean(int p0) throws java.sql.SQLException {
        return false;
    }

    @Override
    default byte getByte(String p0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default byte getByte(int p0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default byte[] getBytes(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default byte[] getBytes(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.io.Reader getCharacterStream(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.io.Reader getCharacterStream(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Clob getClob(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Clob getClob(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default String getCursorName() throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Date getDate(String p0, java.util.Calendar p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Date getDate(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Date getDate(int p0, java.util.Calendar p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Date getDate(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default double getDouble(String p0) throws java.sql.SQLException {
        return 0d;
    }

    @Override
    default double getDouble(int p0) throws java.sql.SQLException {
        return 0d;
    }

    @Override
    default int getFetchSize() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default float getFloat(String p0) throws java.sql.SQLException {
        return 0f;
    }

    @Override
    default float getFloat(int p0) throws java.sql.SQLException {
        return 0f;
    }

    @Override
    default int getHoldability() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default int getInt(String p0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default int getInt(int p0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default long getLong(String p0) throws java.sql.SQLException {
        return 0L;
    }

    @Override
    default long getLong(int p0) throws java.sql.SQLException {
        return 0L;
    }

    @Override
    default java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.io.Reader getNCharacterStream(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.io.Reader getNCharacterStream(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.NClob getNClob(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.NClob getNClob(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default String getNString(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default String getNString(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default <T> T getObject(String p0, Class<T> p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default Object getObject(String p0, java.util.Map<String, Class<?>> p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default Object getObject(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default <T> T getObject(int p0, Class<T> p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default Object getObject(int p0, java.util.Map<String, Class<?>> p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default Object getObject(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Ref getRef(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Ref getRef(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default int getRow() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default java.sql.RowId getRowId(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.RowId getRowId(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.SQLXML getSQLXML(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.SQLXML getSQLXML(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default short getShort(String p0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default short getShort(int p0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default java.sql.Statement getStatement() throws java.sql.SQLException {
        return null;
    }

    @Override
    default String getString(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default String getString(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Time getTime(String p0, java.util.Calendar p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Time getTime(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Time getTime(int p0, java.util.Calendar p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Time getTime(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Timestamp getTimestamp(String p0, java.util.Calendar p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Timestamp getTimestamp(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Timestamp getTimestamp(int p0, java.util.Calendar p1) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.Timestamp getTimestamp(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.net.URL getURL(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.net.URL getURL(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    @Deprecated
    default java.io.InputStream getUnicodeStream(String p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    @Deprecated
    default java.io.InputStream getUnicodeStream(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
        return null;
    }

    @Override
    default void insertRow() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default boolean isAfterLast() throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean isBeforeFirst() throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean isClosed() throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean isFirst() throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean isLast() throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean last() throws java.sql.SQLException {
        return false;
    }

    @Override
    default void moveToCurrentRow() throws java.sql.SQLException {
    }

    @Override
    default void moveToInsertRow() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default boolean next() throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean previous() throws java.sql.SQLException {
        return false;
    }

    @Override
    default void refreshRow() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default boolean relative(int p0) throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean rowDeleted() throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean rowInserted() throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean rowUpdated() throws java.sql.SQLException {
        return false;
    }

    @Override
    default void setFetchDirection(int p0) throws java.sql.SQLException {
    }

    @Override
    default void setFetchSize(int p0) throws java.sql.SQLException {
    }

    @Override
    default void updateArray(String p0, java.sql.Array p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateArray(int p0, java.sql.Array p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateAsciiStream(String p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateAsciiStream(String p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateAsciiStream(String p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateAsciiStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateAsciiStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateAsciiStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBigDecimal(String p0, java.math.BigDecimal p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBigDecimal(int p0, java.math.BigDecimal p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBinaryStream(String p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBinaryStream(String p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBinaryStream(String p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBinaryStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBinaryStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBinaryStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBlob(String p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBlob(String p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBlob(String p0, java.sql.Blob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBlob(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBlob(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBlob(int p0, java.sql.Blob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBoolean(String p0, boolean p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBoolean(int p0, boolean p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateByte(String p0, byte p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateByte(int p0, byte p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBytes(String p0, byte[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateBytes(int p0, byte[] p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateCharacterStream(String p0, java.io.Reader p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateCharacterStream(String p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateCharacterStream(String p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateCharacterStream(int p0, java.io.Reader p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateClob(String p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateClob(String p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateClob(String p0, java.sql.Clob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateClob(int p0, java.sql.Clob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateDate(String p0, java.sql.Date p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateDate(int p0, java.sql.Date p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateDouble(String p0, double p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateDouble(int p0, double p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateFloat(String p0, float p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateFloat(int p0, float p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateInt(String p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateInt(int p0, int p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateLong(String p0, long p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateLong(int p0, long p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNCharacterStream(String p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNCharacterStream(String p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNClob(String p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNClob(String p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNClob(String p0, java.sql.NClob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNClob(int p0, java.sql.NClob p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNString(String p0, String p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNString(int p0, String p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNull(String p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateNull(int p0) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateObject(String p0, Object p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateObject(String p0, Object p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateObject(int p0, Object p1, int p2) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateObject(int p0, Object p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateRef(String p0, java.sql.Ref p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateRef(int p0, java.sql.Ref p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateRow() throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateRowId(String p0, java.sql.RowId p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateRowId(int p0, java.sql.RowId p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateSQLXML(String p0, java.sql.SQLXML p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateSQLXML(int p0, java.sql.SQLXML p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateShort(String p0, short p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateShort(int p0, short p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateString(String p0, String p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateString(int p0, String p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateTime(String p0, java.sql.Time p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateTime(int p0, java.sql.Time p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateTimestamp(String p0, java.sql.Timestamp p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default void updateTimestamp(int p0, java.sql.Timestamp p1) throws java.sql.SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("a fake result set is read-only");
    }

    @Override
    default boolean wasNull() throws java.sql.SQLException {
        return false;
    }
}
