package io.multidb.connection.internal;

import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.PoolStats;
import io.multidb.connection.internal.engine.EngineProfile;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool of one label: HikariCP for ordinary labels, the XA provider's pool for {@code xa}
 * labels. Opened on first use unless the label is not lazy.
 */
public interface LabelPool {

    /**
     * @return the label's configuration
     */
    DatabaseConfig config();

    /**
     * @return the profile of the label's engine, resolved once when the pool was made
     */
    EngineProfile profile();

    /**
     * @return the API that created this pool and closes it, for messages
     */
    Lifecycle lifecycle();

    /**
     * Borrows a connection, opening the pool first if needed, and translates failures. While the pool
     * has an idle connection and nobody waits, the connection is taken straight from the pool;
     * otherwise the borrower lines up in the fair queue, and the lease says so.
     *
     * @param lease records whether a queue place is held
     * @return a connection with auto-commit off
     */
    Connection borrow(Lease lease);

    /**
     * @return whether this pool serves read-only sessions: auto-commit on, read-only connections
     */
    default boolean forReadOnlySessions() {
        return false;
    }

    /**
     * @return whether the pool itself rolls back a returned connection that has uncommitted work
     *     (HikariCP does, tracking every statement run through its proxy), so the session need not
     */
    boolean rollsBackOnReturn();

    /**
     * Returns a connection that {@link #borrow(Lease)} lent, and its queue place.
     *
     * @param connection the connection; closed here
     * @param lease      the lease it was borrowed with
     * @throws SQLException when closing it fails
     */
    void giveBack(Connection connection, Lease lease) throws SQLException;

    /**
     * Takes a connection whose transaction state is in doubt (a rollback that failed, a session used
     * by two threads at once, a pool closed under its session) out of circulation: it is closed,
     * never lent again, and its uncommitted work is discarded. Never throws.
     *
     * @param connection the connection {@link #borrow(Lease)} lent
     * @param lease      the lease it was borrowed with
     */
    void evict(Connection connection, Lease lease);

    /**
     * @return how many connections of this pool the calling thread holds through sessions it opened
     */
    int heldByCurrentThread();

    /**
     * @return {@code true} once {@link #close()} has begun: connections still held by sessions are
     *     being closed, and those sessions must not use them any more
     */
    boolean closed();

    /**
     * Borrows a connection for a {@link javax.sql.DataSource} client, failures as SQLException.
     *
     * @return a connection with auto-commit off
     * @throws SQLException when the pool cannot provide one (a scrubbed, translated failure)
     */
    Connection borrowForDataSource() throws SQLException;

    /**
     * @return the underlying pool (a {@code HikariDataSource}, or the XA provider's pool), opened
     *     if it was not yet
     */
    Object underlying();

    /** Opens the pool now; used for labels that are not lazy. */
    void open();

    /**
     * @return a snapshot; zeros (and the configured maximum) while the pool is not open
     */
    PoolStats stats();

    /**
     * Marks the pool as taken out of service by a label change, before it stops lending: sessions
     * opened before the change may still borrow until {@link #stopLending()}, and the errors of
     * sessions that use it afterwards name the change.
     *
     * @param change the call that removed or replaced the label, as written in messages
     */
    void retire(String change);

    /**
     * @return the message for a session whose connection this pool closed after the grace period
     */
    String lostMessage();

    /** Refuses new borrows from now on; connections already lent out stay valid. */
    void stopLending();

    /**
     * @return {@code false} once {@link #stopLending()} or {@link #close()} has been called
     */
    boolean lending();

    /** Closes the pool and every connection it holds, ending an in-memory database it owns. Idempotent. */
    default void close() {
        close(true);
    }

    /**
     * Closes the pool and every connection it holds. Idempotent.
     *
     * @param endInMemoryDatabase whether to end the H2 in-memory database the label owns
     *     ({@link DatabaseConfig#ownsInMemoryDatabase()}); {@code false} when a replacement pool of
     *     the same label goes on using it
     */
    void close(boolean endInMemoryDatabase);

    /**
     * @return the sessions of this pool that are watched for leaks (the label has a
     *     {@code leak_detection_threshold}) and not yet closed; counted only for watched sessions, so
     *     that labels without a threshold pay nothing per session
     */
    LongAdder watchedSessions();

    /**
     * @return the label's {@code leak_detection_threshold}, read once (every new session asks)
     */
    default Duration leakThreshold() {
        return config().leakDetectionThreshold();
    }
}
