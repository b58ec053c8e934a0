package io.multidb.testkit;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * The {@link Wrapper} half of every JDBC fake: a fake wraps nothing and unwraps to itself, so
 * {@link #unwrap} answers this object for any type it implements and {@link #isWrapperFor} says
 * whether it does. {@link FakeConnection}, {@link FakeStatement}, {@link FakePreparedStatement},
 * {@link FakeResultSet} and {@link FakeResultSetMetaData} extend it; a test rarely names it.
 *
 * <pre>{@code
 * FakeConnection connection = new FakeConnection() { };
 * connection.unwrap(FakeConnection.class); // the connection itself
 * connection.isWrapperFor(java.sql.Statement.class); // false
 * }</pre>
 *
 * <p>Thread-safety: the defaults hold no state and are thread-safe.
 */
public interface FakeWrapper extends Wrapper {

    /**
     * JDBC code asks for the driver's own class this way.
     *
     * @param type the interface or class asked for
     * @param <T> that type
     * @return this object when it is an instance of {@code type}
     * @throws SQLException when it is not
     */
    @Override
    default <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException(getClass().getName() + " does not implement " + type.getName());
    }

    /**
     * @param type the interface or class asked about
     * @return whether this object is an instance of {@code type}
     */
    @Override
    default boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
