package io.multidb.testkit;

import java.sql.ResultSetMetaData;

/**
 * One row with one integer column {@code value} = 1; see {@link StubDriver}. Every getter of that
 * column, by index or by name, answers 1 ({@code "1"} as text); the others answer the defaults of
 * {@link FakeResultSet}.
 *
 * <p>Thread-safety: for one thread at a time, as JDBC result sets are.
 */
public class StubResultSet implements FakeResultSet {
    private boolean consumed;
    private boolean closed;

    /** A result set before its one row. */
    public StubResultSet() {
    }

    @Override
    public boolean next() {
        return !consumed && (consumed = true);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String getString(int column) {
        return "1";
    }

    @Override
    public String getString(String column) {
        return "1";
    }

    @Override
    public int getInt(int column) {
        return 1;
    }

    @Override
    public int getInt(String column) {
        return 1;
    }

    @Override
    public long getLong(int column) {
        return 1L;
    }

    @Override
    public long getLong(String column) {
        return 1L;
    }

    @Override
    public Object getObject(int column) {
        return 1;
    }

    @Override
    public Object getObject(String column) {
        return 1;
    }

    @Override
    public int findColumn(String column) {
        return 1;
    }

    @Override
    public ResultSetMetaData getMetaData() {
        return new StubResultSetMetaData();
    }
}
