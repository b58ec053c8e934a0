package io.multidb.connection.spi;

import io.multidb.connection.PoolStats;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The XA-capable pool of one label, provided by an {@link XaProvider}. Outside a global
 * transaction its connections behave like local ones (auto-commit off, committed by the session);
 * inside one they are enlisted in it and must not be committed directly.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface XaPool extends AutoCloseable {

    /**
     * Borrows a connection, enlisted in the calling thread's global transaction when there is one.
     *
     * @return the connection; closing it returns it to the pool (after the transaction ends)
     * @throws SQLException when no connection can be had; the caller translates it
     */
    Connection getConnection() throws SQLException;

    /**
     * @return a snapshot of the pool
     */
    PoolStats stats();

    /** Closes every connection of the pool. */
    @Override
    void close();
}
