package io.multidb.connection.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The underlying pools of one instance that are open now (a label's pool and its read pool count
 * one each; XA pools, which are never closed for idleness, are not counted), and the instance's cap
 * on them ({@code max_open_pools}). A pool about to open first makes room: while the cap is reached,
 * the least recently used pool that is idle (no connection lent, nobody waiting) is closed, through
 * the same path as the idle check of {@code pool_idle_timeout}. When no pool is idle the new one
 * opens anyway: the cap is a target for idle pools, never a reason to fail a session.
 *
 * <p>Recency is what the pools' idle checks and these evictions observe: a pool's
 * {@link LazyLabelPool#lastUse()} moves to the present when it is found used since it was last
 * looked at (a second-chance clock), so that the borrow path writes nothing more than the flag it
 * already sets.
 *
 * <p>Thread-safety: thread-safe. Openings, closes and evictions are serialised by one lock, taken
 * only when a pool opens or closes, never on a borrow. While holding it, pools' own locks are only
 * ever tried ({@code tryLock}), so a pool that holds its lock and waits for this one cannot deadlock.
 */
final class OpenPools {
    private static final Logger LOG = LoggerFactory.getLogger(OpenPools.class);

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@code lock}. */
    private final Set<LazyLabelPool<?>> open = new LinkedHashSet<>();
    /** {@code max_open_pools}; 0 for no cap. */
    private volatile int max;
    /** Whether the cap was last found exceeded with no idle pool to close; guarded by {@code lock}. */
    private boolean overReported;

    /** @param max the cap, 0 for none; checked by the caller */
    void max(int max) {
        this.max = max;
    }

    /** @return the cap, 0 for none */
    int max() {
        return max;
    }

    /** @return whether a cap is set, so that borrowers waiting inside a pool must be counted */
    boolean capped() {
        return max > 0;
    }

    /** @return how many underlying pools are open now */
    int count() {
        lock.lock();
        try {
            return open.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts a pool that is about to be created, after making room under the cap. Called with the
     * opening pool's own lock held.
     *
     * @param opening the pool about to open
     */
    void opening(LazyLabelPool<?> opening) {
        lock.lock();
        try {
            int cap = max;
            if (cap > 0) {
                while (open.size() >= cap && closeLeastRecentlyUsedIdle()) {
                    // one pool closed per round; its close removed it from open
                }
                if (open.size() >= cap) {
                    if (!overReported) {
                        overReported = true;
                        LOG.info("Opening pool '{}' exceeds max_open_pools {}: none of the {} open pools is idle,"
                                + " so none was closed (logged once until the open pools fit the cap again)",
                                opening.poolName(), cap, open.size());
                    }
                } else {
                    overReported = false;
                }
            }
            open.add(opening);
        } finally {
            lock.unlock();
        }
    }

    /** @param pool a pool whose creation failed, or that was closed */
    void closed(LazyLabelPool<?> pool) {
        lock.lock();
        try {
            open.remove(pool);
        } finally {
            lock.unlock();
        }
    }

    /** @return whether a pool was closed; with {@code lock} held */
    private boolean closeLeastRecentlyUsedIdle() {
        long now = System.nanoTime();
        List<LazyLabelPool<?>> candidates = new ArrayList<>(open);
        for (LazyLabelPool<?> p : candidates) {
            p.noteUse(now);
        }
        // nanoTime values are compared by difference, as they may wrap
        candidates.sort(Comparator.comparingLong(p -> p.lastUse() - now));
        for (LazyLabelPool<?> p : candidates) {
            if (p.closeIfIdle()) {
                return true;
            }
        }
        return false;
    }
}
