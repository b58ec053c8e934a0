package io.multidb.testkit;

/**
 * JDBC {@link java.sql.ResultSetMetaData} for tests, every method given a default: no columns,
 * {@code null} names. A fake overrides {@code getColumnCount()} and the column methods it needs.
 *
 * <p>Thread-safety: the defaults hold no state and are thread-safe; an implementation says what it
 * is.
 */
public interface FakeResultSetMetaData extends FakeWrapper, java.sql.ResultSetMetaData {

    @Override
    default String getCatalogName(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default String getColumnClassName(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default int getColumnCount() throws java.sql.SQLException {
        return 0;
    }

    @Override
    default int getColumnDisplaySize(int p0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default String getColumnLabel(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default String getColumnName(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default int getColumnType(int p0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default String getColumnTypeName(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default int getPrecision(int p0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default int getScale(int p0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default String getSchemaName(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default String getTableName(int p0) throws java.sql.SQLException {
        return null;
    }

    @Override
    default boolean isAutoIncrement(int p0) throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean isCaseSensitive(int p0) throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean isCurrency(int p0) throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean isDefinitelyWritable(int p0) throws java.sql.SQLException {
        return false;
    }

    @Override
    default int isNullable(int p0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    default boolean isReadOnly(int p0) throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean isSearchable(int p0) throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean isSigned(int p0) throws java.sql.SQLException {
        return false;
    }

    @Override
    default boolean isWritable(int p0) throws java.sql.SQLException {
        return false;
    }
}
