package io.multidb.benchmarks.stub;

/** Metadata of {@link StubResultSet}: one integer column named {@code value}. */
public class StubResultSetMetaData implements java.sql.ResultSetMetaData {

    @Override
    public int getColumnCount() throws java.sql.SQLException {
        return 1;
    }

    @Override
    public boolean isAutoIncrement(int a0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean isCaseSensitive(int a0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean isSearchable(int a0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean isCurrency(int a0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public int isNullable(int a0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    public boolean isSigned(int a0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public int getColumnDisplaySize(int a0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    public java.lang.String getColumnLabel(int a0) throws java.sql.SQLException {
        return "value";
    }

    @Override
    public java.lang.String getColumnName(int a0) throws java.sql.SQLException {
        return "value";
    }

    @Override
    public java.lang.String getSchemaName(int a0) throws java.sql.SQLException {
        return null;
    }

    @Override
    public int getPrecision(int a0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getScale(int a0) throws java.sql.SQLException {
        return 0;
    }

    @Override
    public java.lang.String getTableName(int a0) throws java.sql.SQLException {
        return null;
    }

    @Override
    public java.lang.String getCatalogName(int a0) throws java.sql.SQLException {
        return null;
    }

    @Override
    public int getColumnType(int a0) throws java.sql.SQLException {
        return java.sql.Types.INTEGER;
    }

    @Override
    public java.lang.String getColumnTypeName(int a0) throws java.sql.SQLException {
        return null;
    }

    @Override
    public boolean isReadOnly(int a0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean isWritable(int a0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean isDefinitelyWritable(int a0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public java.lang.String getColumnClassName(int a0) throws java.sql.SQLException {
        return "java.lang.Integer";
    }

    @Override
    public <T> T unwrap(java.lang.Class<T> a0) throws java.sql.SQLException {
        return a0.cast(this);
    }

    @Override
    public boolean isWrapperFor(java.lang.Class<?> a0) throws java.sql.SQLException {
        return a0.isInstance(this);
    }
}
