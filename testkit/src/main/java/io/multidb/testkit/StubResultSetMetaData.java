package io.multidb.testkit;

import java.sql.Types;

/**
 * The shape of a {@link StubResultSet}: one {@code INTEGER} column named {@code value}.
 *
 * <p>Thread-safety: immutable.
 */
public class StubResultSetMetaData implements FakeResultSetMetaData {

    /** The one-column shape. */
    public StubResultSetMetaData() {
    }

    @Override
    public int getColumnCount() {
        return 1;
    }

    @Override
    public String getColumnLabel(int column) {
        return "value";
    }

    @Override
    public String getColumnName(int column) {
        return "value";
    }

    @Override
    public int getColumnType(int column) {
        return Types.INTEGER;
    }

    @Override
    public String getColumnClassName(int column) {
        return Integer.class.getName();
    }
}
