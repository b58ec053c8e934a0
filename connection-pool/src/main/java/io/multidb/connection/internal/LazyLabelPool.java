package io.multidb.connection.internal;

import io.multidb.connection.ConnectionFailedException;
import io.multidb.connection.ConnectionWaitInterruptedException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.MultiDbException;
import io.multidb.connection.PoolClosedException;
import io.multidb.connection.PoolExhaustedException;
import io.multidb.connection.PoolStats;
import io.multidb.connection.internal.engine.EngineProfile;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every label pool shares: the underlying pool {@code P} is created on first use (so an unused
 * label holds no thread and no connection), a failed creation is retried on the next use, after
 * {@link #stopLending()} nothing more is lent, and, with {@code fair_queue}, sessions that find the
 * pool busy line up in a fair semaphore (see {@link #admitted(int)} for its size) before they ask
 * the pool, so that waiters are served in arrival order (HikariCP lets a thread that just returned a
 * connection take it again ahead of older waiters); see {@link #borrow(Lease)}.
 *
 * @param <P> the underlying pool
 */
abstract class LazyLabelPool<P> implements LabelPool {
    private final DatabaseConfig config;
    private final EngineProfile profile;
    private final Lifecycle lifecycle;
    /**
     * Serialises the pool's creation and its close. A lock rather than a monitor: creation opens the
     * first connection, and a virtual thread that waits for a monitor held across such I/O (or holds
     * it) pins its carrier on JDK 21 to 23.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final Semaphore queue;
    private volatile P pool;
    private volatile boolean lending = true;
    /** The call that removed or replaced the label, once it has; {@code null} otherwise. */
    private volatile String retiredBy;
    /** Set once the pool is closed, before its connections are: sessions still holding one check it. */
    private volatile boolean closed;
    /** Connections lent to sessions, per borrowing thread. */
    private final ThreadLocal<Holdings> holdings = new ThreadLocal<>();
    /** Attempts to create the pool that have ended; written under {@code lock}. */
    private volatile long attemptsEnded;
    /** Why the last attempt failed, while the pool is not created; guarded by {@code lock}. */
    private ConnectionFailedException lastFailure;
    private final LongAdder watchedSessions = new LongAdder();
    /** Read from the configuration once: the borrow path and every new session use them. */
    private final long poolTimeoutNanos;
    private final long poolTimeoutMillis;
    private final Duration leakThreshold;
    /** {@code pool_idle_timeout} in nanoseconds, 0 when pools are never closed for idleness. */
    private final long idleTimeoutNanos;
    /**
     * Set by every borrow (only when it is not set already, so that borrowers do not keep writing
     * one shared line), cleared by the idle check: whether the pool was used since the last check.
     */
    private volatile boolean used;
    /**
     * Borrowers that may wait inside the pool (the slow path): counted only with
     * {@code pool_idle_timeout} or {@code max_open_pools}, so that the idle check or an eviction does
     * not close a pool one of them entered; {@code null} for pools never closed while in service.
     */
    private final AtomicInteger entering;
    /** The instance's open pools, and its cap on them. */
    private final OpenPools openPools;
    /** The pool the idle check is deciding about, while {@link #pool} is unset: {@link #stats()} reads it. */
    private volatile P evicting;
    /** The periodic idle check; guarded by {@code lock}. */
    private ScheduledFuture<?> idleCheck;
    /**
     * When the pool was last seen in use (by the idle check, or by an eviction under
     * {@code max_open_pools}), as {@link System#nanoTime()}; written under {@code lock}.
     */
    private volatile long lastUse;
    /** Pools closed for idleness so far; guarded by {@code lock}, read by tests. */
    private volatile int evictions;

    LazyLabelPool(DatabaseConfig config, Lifecycle lifecycle, OpenPools openPools) {
        this.config = config;
        this.profile = EngineProfile.of(config.engine());
        this.poolTimeoutNanos = config.poolTimeout().toNanos();
        this.poolTimeoutMillis = config.poolTimeout().toMillis();
        this.leakThreshold = config.leakDetectionThreshold();
        this.lifecycle = lifecycle;
        this.queue = config.fairQueue() ? new Semaphore(admitted(config.maxPoolSize()), true) : null;
        this.idleTimeoutNanos = closesWhenIdle() ? config.poolIdleTimeout().toNanos() : 0;
        this.entering = closesWhenIdle() ? new AtomicInteger() : null;
        this.openPools = openPools;
    }

    @Override
    public LongAdder watchedSessions() {
        return watchedSessions;
    }

    @Override
    public Duration leakThreshold() {
        return leakThreshold;
    }

    /**
     * A few more sessions than connections are let through (one plus a tenth), so that a returned
     * connection finds a taker already waiting in the pool instead of waiting for the next queued
     * thread to wake up: measured in benchmark B4, this keeps throughput at the pool's capacity
     * while the order of service stays first come, first served.
     */

    static int admitted(int connections) {
        return connections + 1 + connections / 10;
    }

    /**
     * @return the underlying pool, ready to lend
     * @throws ConnectionFailedException when it cannot be created because the database is not reachable
     */
    abstract P create();

    /**
     * @param pool          the underlying pool
     * @param timeoutMillis how long the pool may wait for a connection: what is left of
     *                      {@code pool_timeout} after the fair queue
     */
    abstract Connection connectionFrom(P pool, long timeoutMillis) throws SQLException;

    abstract PoolStats statsOf(P pool);

    abstract void shut(P pool);

    @Override
    public final DatabaseConfig config() {
        return config;
    }

    @Override
    public final EngineProfile profile() {
        return profile;
    }

    /**
     * @param pool the underlying pool
     * @return {@code true} when nobody waits inside it and {@link #connectionFrom} with a zero
     *     timeout returns an idle connection or fails at once; pools that cannot do that answer
     *     {@code false} and every borrower goes through the queue
     */
    abstract boolean canTakeIdleAtOnce(P pool);

    /**
     * @return whether this kind of pool is closed after {@code pool_idle_timeout} without use; only
     *     pools that answer {@link #inUse} exactly can be
     */
    boolean closesWhenIdle() {
        return false;
    }

    /**
     * @param pool the underlying pool
     * @return whether a connection is lent or a thread waits inside the pool; read after the pool is
     *     unpublished, so that a borrower that took a connection just before is seen
     */
    boolean inUse(P pool) {
        return true;
    }

    /**
     * While nobody waits (nobody queued, nobody waiting in the pool) the borrower asks the pool
     * without waiting: it gets an idle connection at once, writing no shared counter. Otherwise, or
     * when no connection was idle, it lines up in the fair queue. Places held by borrowers that came
     * through the queue earlier do not count: with a few threads, one trip through the queue would
     * otherwise keep every later borrow in it for as long as their connections overlap (benchmark B1
     * with two threads measured 0.38 in such runs). A semaphore taken on
     * every borrow would cost more than the pool itself once two threads contend for it (benchmark
     * B1 with two threads), and letting borrowers wait inside the pool outside the queue would let
     * HikariCP's re-borrowing threads overtake them (benchmark B4).
     */
    @Override
    public final Connection borrow(Lease lease) {
        P p = started();
        lease.queued(false);
        if (queue != null && !queue.hasQueuedThreads() && canTakeIdleAtOnce(p)) {
            Connection idle = idleConnection(p);
            if (idle != null) {
                Connection kept = kept(idle, p);
                if (kept != null) {
                    return lent(kept, lease);
                }
                // the pool was closed for idleness just as it lent it: the next use opens it again
                p = started();
            }
        }
        // the wait starts here: the caller, who entered before, never sees a timeout before pool_timeout
        long start = System.nanoTime();
        long deadline = start + poolTimeoutNanos;
        if (queue != null) {
            boolean admitted;
            try {
                admitted = queue.tryAcquire(deadline - start, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectionWaitInterruptedException(config.label(), e);
            }
            if (!admitted) {
                // the semaphore gives up only once its deadline, taken after ours, has passed
                throw new PoolExhaustedException(config.label(), Duration.ofNanos(System.nanoTime() - start),
                        statsOf(p), null);
            }
            lease.queued(true);
        }
        return lent(fromPool(p, lease, start, deadline), lease);
    }

    /**
     * @return an idle connection taken without waiting, or {@code null} when none could be had at
     *     once (none idle, or the idle one was dead): the borrower then waits its turn, and a real
     *     failure to connect is reported after that wait
     */
    private Connection idleConnection(P p) {
        try {
            return connectionFrom(p, 0);
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * Asks the pool for what is left until {@code deadline}, rounded up to whole milliseconds. The
     * pool measures its timeout from its own entry in whole milliseconds and may give up a little
     * before; an exhausted pool that gave up before the deadline is asked again for the rest, so no
     * borrower gets {@link PoolExhaustedException} before {@code pool_timeout} has passed.
     */
    private Connection fromPool(P p, Lease lease, long start, long deadline) {
        try {
            while (true) {
                boolean entered = enter();
                try {
                    if (pool == p) {
                        Connection kept = kept(connectionFrom(p, ceilMillis(deadline - System.nanoTime())), p);
                        if (kept != null) {
                            return kept;
                        }
                    }
                } catch (SQLException e) {
                    if (lending && pool != p) {
                        // closed for idleness while this borrower was entering it: ask the next pool
                        p = null;
                    } else if (!lending || !Failures.isPoolTimeout(e) || deadline - System.nanoTime() <= 0) {
                        throw lendingFailure(p, e, Duration.ofNanos(System.nanoTime() - start));
                    }
                } finally {
                    leave(entered);
                }
                if (p == null || pool != p) {
                    p = started();
                }
            }
        } catch (RuntimeException | Error e) {
            leaveQueue(lease);
            throw e;
        }
    }

    /**
     * Counts a borrower that may wait inside the pool, before it checks that the pool is still the
     * published one: the idle check unpublishes the pool before it reads this count, so either the
     * borrower sees the pool gone or the check sees the borrower. Only with {@code pool_idle_timeout}
     * or {@code max_open_pools}: a borrower that entered uncounted just before the cap was set finds
     * its pool closed, and asks the next one, as any borrower that finds its pool gone does.
     *
     * @return whether the borrower was counted, to be given to {@link #leave}
     */
    private boolean enter() {
        if (entering != null && (idleTimeoutNanos > 0 || openPools.capped())) {
            entering.incrementAndGet();
            return true;
        }
        return false;
    }

    private void leave(boolean entered) {
        if (entered) {
            entering.decrementAndGet();
        }
    }

    /**
     * @return {@code connection} when its pool is still the published one and lending; {@code null}
     *     when the idle check closed the pool meanwhile (the connection is given back: the borrower
     *     asks again and opens the next pool)
     * @throws MultiDbException when the pool is closing, as {@link #refusedIfClosing} does
     */
    private Connection kept(Connection connection, P p) {
        if (lending && pool == p) {
            return connection;
        }
        if (!lending) {
            return refusedIfClosing(connection);
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // its pool is closing and may have closed it already
        }
        return null;
    }

    /** @return {@code nanos} in whole milliseconds, rounded up, at least 1 */
    static long ceilMillis(long nanos) {
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    /**
     * Counts the connection as held by the borrowing thread, so that closing from a thread that
     * holds sessions does not wait for them (they cannot finish while that thread is blocked).
     */
    private Connection lent(Connection connection, Lease lease) {
        Holdings h = holdings.get();
        if (h == null) {
            h = new Holdings();
            holdings.set(h);
        }
        h.borrowed++;
        lease.lent(h);
        return connection;
    }

    /**
     * A connection the pool lent while {@code closeAllConnections} began may already have been
     * closed by it: HikariCP can even hand out a proxy over a connection its shutdown aborted in the
     * meantime, whose every call fails with a {@link NullPointerException}. Since closing refuses new
     * borrows at once, such a connection is given back and refused like any borrow after the close.
     * One that was lent before the close began is checked here while lending was still on, so the
     * close's grace period covers it.
     */
    private Connection refusedIfClosing(Connection connection) {
        if (lending) {
            return connection;
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // the pool is closing and has closed it already
        }
        throw closedError();
    }

    @Override
    public final void giveBack(Connection connection, Lease lease) throws SQLException {
        try {
            connection.close();
        } finally {
            leaveQueue(lease);
            lease.returned();
        }
    }

    /**
     * Takes a connection whose transaction state is in doubt out of the pool for good: it is closed,
     * never lent again. While the pool is open the pool itself is told to evict it; once the pool is
     * closed, the physical connection is rolled back and closed directly, so that whatever its
     * session had not committed is discarded on every engine.
     */
    @Override
    public final void evict(Connection connection, Lease lease) {
        try {
            P p = pool;
            if (p != null && !closed) {
                discard(p, connection);
            } else {
                closePhysical(connection);
            }
        } catch (SQLException | RuntimeException e) {
            // the connection is unusable either way; closing it below is what matters
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // already closed by the eviction, or broken
        } finally {
            leaveQueue(lease);
            lease.returned();
        }
    }

    /**
     * @param pool       the underlying pool
     * @param connection a connection it lent, to be closed rather than lent again
     */
    abstract void discard(P pool, Connection connection) throws SQLException;

    private static void closePhysical(Connection connection) throws SQLException {
        Connection physical = connection.isWrapperFor(Connection.class) ? connection.unwrap(Connection.class)
                : connection;
        try {
            if (!physical.isClosed() && !physical.getAutoCommit()) {
                physical.rollback();
            }
        } finally {
            physical.close();
        }
    }

    @Override
    public final int heldByCurrentThread() {
        Holdings h = holdings.get();
        return h == null ? 0 : h.held();
    }

    @Override
    public final boolean closed() {
        return closed;
    }

    private void leaveQueue(Lease lease) {
        if (lease.queued()) {
            lease.queued(false);
            queue.release();
        }
    }

    /** The pool gave up at the deadline, or failed to connect; {@code waited} is the caller's whole wait. */
    private MultiDbException lendingFailure(P p, SQLException e, Duration waited) {
        if (!lending) {
            return closedError();
        }
        return Failures.onBorrow(config, e, waited, statsOf(p));
    }

    @Override
    public final Connection borrowForDataSource() throws SQLException {
        long start = System.nanoTime();
        try {
            while (true) {
                P p = started();
                boolean entered = enter();
                try {
                    if (pool == p) {
                        Connection kept = kept(connectionFrom(p, poolTimeoutMillis), p);
                        if (kept != null) {
                            return kept;
                        }
                    }
                } catch (SQLException e) {
                    if (!lending || pool == p) {
                        throw asSqlException(lendingFailure(p, e, Duration.ofNanos(System.nanoTime() - start)));
                    }
                    // closed for idleness while this borrower was entering it: ask the next pool
                } finally {
                    leave(entered);
                }
            }
        } catch (MultiDbException e) {
            throw asSqlException(e);
        }
    }

    private static SQLException asSqlException(MultiDbException e) {
        String state = e instanceof ConnectionFailedException c && c.sqlState() != null ? c.sqlState() : "08001";
        return new SQLException(e.getMessage(), state, e);
    }

    @Override
    public final Object underlying() {
        return started();
    }

    @Override
    public final void open() {
        started();
    }

    /**
     * The pool, created by the first borrower. When the database cannot be reached, borrowers that
     * waited for an attempt under way get that attempt's failure as soon as it ends, instead of each
     * making one more attempt in turn (with the database down, the n-th of n concurrent first uses
     * waited n attempts, each over a second, whatever {@code pool_timeout} said). A borrower that
     * comes after a failed attempt ended tries again.
     */
    private P started() {
        P p = pool;
        if (p != null && lending) {
            if (!used) {
                used = true;
            }
            return p;
        }
        long endedBefore = attemptsEnded;
        lock.lock();
        try {
            if (!lending || closed) {
                throw closedError();
            }
            if (pool == null) {
                if (lastFailure != null && attemptsEnded != endedBefore) {
                    throw sameFailure(lastFailure);
                }
                boolean counted = closesWhenIdle();
                try {
                    if (counted) {
                        openPools.opening(this);
                    }
                    pool = create();
                    lastFailure = null;
                    used = true;
                    lastUse = System.nanoTime();
                    watchIdleness();
                } catch (RuntimeException e) {
                    if (counted) {
                        openPools.closed(this);
                    }
                    // only an unreachable database is shared; anything else each borrower meets itself
                    lastFailure = e instanceof ConnectionFailedException failure ? failure : null;
                    throw e;
                } finally {
                    attemptsEnded = attemptsEnded + 1;
                }
            }
            return pool;
        } finally {
            lock.unlock();
        }
    }

    /** The failure of an attempt this thread waited for, as its own exception (its own stack trace). */
    private static ConnectionFailedException sameFailure(ConnectionFailedException e) {
        String prefix = new ConnectionFailedException(e.label(), e.url(), e.user(), "", null, null).getMessage();
        String reason = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length())
                : e.getMessage();
        return new ConnectionFailedException(e.label(), e.url(), e.user(), reason, e.sqlState(), e.getCause());
    }

    private MultiDbException closedError() {
        String change = retiredBy;
        return new PoolClosedException(config.label(), change == null ? lifecycle.closedMessage(config.label())
                : lifecycle.retiredMessage(config.label(), change));
    }

    @Override
    public final String lostMessage() {
        String change = retiredBy;
        return change == null ? lifecycle.lostMessage(config.label())
                : lifecycle.retiredLostMessage(config.label(), change);
    }

    @Override
    public final Lifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public final PoolStats stats() {
        P p = pool;
        if (p == null) {
            // the idle check unpublishes the pool while it decides; a pool it keeps is published again
            p = evicting;
            if (p == null) {
                p = pool;
            }
        }
        return p == null ? new PoolStats(0, 0, 0, 0, config.maxPoolSize()) : statsOf(p);
    }

    /** Starts the idle check of a pool just created; with the lock held. */
    private void watchIdleness() {
        if (idleTimeoutNanos <= 0) {
            return;
        }
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), idleTimeoutNanos / 4);
        idleCheck = Housekeeper.acquire().scheduleWithFixedDelay(this::checkIdle, period, period,
                TimeUnit.NANOSECONDS);
    }

    /** Ends the idle check; with the lock held. */
    private void stopWatching() {
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
            Housekeeper.release();
        }
    }

    /**
     * Runs on the shared housekeeper: closes the pool once nobody has used it for
     * {@code pool_idle_timeout}. Under the pool's lock, so that it never overlaps its creation or
     * close (a lock busy with either skips this round); the close is {@link #closeUnused}'s.
     */
    private void checkIdle() {
        if (!lock.tryLock()) {
            return;
        }
        try {
            P p = pool;
            if (p == null || !lending || closed) {
                return;
            }
            long now = System.nanoTime();
            if (used || inUse(p)) {
                used = false;
                lastUse = now;
                return;
            }
            if (now - lastUse < idleTimeoutNanos) {
                return;
            }
            closeUnused(p, now);
        } catch (RuntimeException e) {
            // the pool's own close failed; it is unpublished either way and the next use opens another
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the pool if it is idle now (no connection lent, nobody waiting or entering), however
     * recently it was used: what {@link OpenPools} does to the least recently used pool when another
     * one opens beyond {@code max_open_pools}. Skips a pool whose lock is busy (being created or
     * closed), so that it never waits while the caller holds the open pools' lock.
     *
     * @return whether the pool was closed
     */
    final boolean closeIfIdle() {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            P p = pool;
            if (p == null || !lending || closed || inUse(p)) {
                return false;
            }
            // a borrower from here on sets it again, and keeps the pool
            used = false;
            return closeUnused(p, System.nanoTime());
        } catch (RuntimeException e) {
            // the pool's own close failed; it is unpublished either way and the next use opens another
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves {@link #lastUse()} to {@code now} when the pool was used since it was last looked at, and
     * clears that mark (a second-chance clock: the borrow path only sets the mark when unset). Skips a
     * pool whose lock is busy.
     *
     * @param now {@link System#nanoTime()}
     */
    final void noteUse(long now) {
        if (!lock.tryLock()) {
            return;
        }
        try {
            P p = pool;
            if (p != null && (used || inUse(p))) {
                used = false;
                lastUse = now;
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return when the pool was last seen in use, as {@link System#nanoTime()} */
    final long lastUse() {
        return lastUse;
    }

    /** @return the pool's name in log lines: the label, and whether it is the read pool */
    final String poolName() {
        return config.label() + (forReadOnlySessions() ? " (read-only sessions)" : "");
    }

    /**
     * Closes {@code p} unless a borrower is seen after it is unpublished; with the lock held. The pool
     * is unpublished first, then its counts are read: a borrower that took a connection, or entered
     * the pool to wait, before it was unpublished is counted then and keeps it; a later one finds it
     * unpublished, gives back what it got and opens the next pool, waiting for this lock. The borrow
     * path writes nothing more for this than {@link #used}, and only when it is unset.
     *
     * @return whether the pool was closed
     */
    private boolean closeUnused(P p, long now) {
        evicting = p;
        pool = null;
        if (used || entering.get() > 0 || inUse(p)) {
            pool = p;
            evicting = null;
            used = false;
            lastUse = now;
            return false;
        }
        stopWatching();
        try {
            shut(p);
        } finally {
            evicting = null;
            evictions++;
            openPools.closed(this);
        }
        return true;
    }

    /** @return how many times the pool was closed for idleness */
    final int evictions() {
        return evictions;
    }

    /**
     * @param underlying the pool's own counts
     * @return the counts with the sessions waiting in the fair queue added to {@code waiting}
     */
    final PoolStats withQueued(PoolStats underlying) {
        int queued = queue == null ? 0 : queue.getQueueLength();
        return queued == 0 ? underlying : new PoolStats(underlying.active(), underlying.idle(),
                underlying.waiting() + queued, underlying.total(), underlying.max());
    }

    @Override
    public final void stopLending() {
        lending = false;
    }

    @Override
    public final void retire(String change) {
        retiredBy = change;
    }

    @Override
    public final boolean lending() {
        return lending;
    }

    @Override
    public final void close(boolean endInMemoryDatabase) {
        P p;
        lock.lock();
        try {
            lending = false;
            closed = true;
            p = pool;
            pool = null;
            stopWatching();
        } finally {
            lock.unlock();
        }
        if (p != null && closesWhenIdle()) {
            openPools.closed(this);
        }
        if (p != null) {
            try {
                shut(p);
            } finally {
                if (endInMemoryDatabase && config.ownsInMemoryDatabase()) {
                    InMemoryDatabases.end(config);
                }
            }
        }
    }
}
