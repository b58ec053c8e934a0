package io.multidb.connection.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one scheduler that does the periodic work of every open pool in the process: HikariCP's
 * housekeeping (handed to each pool through {@code HikariConfig.setScheduledExecutor}, so that a
 * pool starts no housekeeper thread of its own: HikariCP#1624 had 750 tenant pools with 750 such
 * threads) and Multidb's check of idle pools ({@code pool_idle_timeout}).
 *
 * <p>It has {@value #THREADS} daemon threads named {@code multidb-housekeeper-N}, started when the
 * first pool takes it ({@link #acquire()}) and ended when the last one gives it back
 * ({@link #release()}), so that no thread is left once every pool is closed. HikariCP never shuts
 * down an executor it was given (it shuts down only its own); like HikariCP's own, this one drops
 * cancelled tasks at once (a closed pool's tasks do not stay queued) and runs no delayed task
 * after shutdown.
 *
 * <p>Thread-safety: safe for concurrent use; acquisitions and releases are serialised.
 */
final class Housekeeper {
    /** Threads of the scheduler: HikariCP's keepalive check of a connection runs on them. */
    static final int THREADS = 2;
    static final String THREAD_PREFIX = "multidb-housekeeper-";

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static ScheduledThreadPoolExecutor executor;
    private static int users;

    private Housekeeper() {
    }

    /**
     * @return the shared scheduler, started if no pool uses it yet; each call is matched by one
     *     {@link #release()}
     */
    static ScheduledExecutorService acquire() {
        LOCK.lock();
        try {
            if (executor == null) {
                ThreadFactory threads = task -> {
                    Thread t = new Thread(task, THREAD_PREFIX + THREAD_NUMBER.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                };
                ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(THREADS, threads);
                e.setRemoveOnCancelPolicy(true);
                e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
                e.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
                executor = e;
            }
            users++;
            return executor;
        } finally {
            LOCK.unlock();
        }
    }

    /** Gives back one {@link #acquire()}; the last one shuts the scheduler down. */
    static void release() {
        ScheduledThreadPoolExecutor ended = null;
        LOCK.lock();
        try {
            if (users == 0) {
                throw new IllegalStateException("Housekeeper released more often than acquired");
            }
            users--;
            if (users == 0) {
                ended = executor;
                executor = null;
                ended.shutdown();
            }
        } finally {
            LOCK.unlock();
        }
        if (ended != null && !Thread.currentThread().getName().startsWith(THREAD_PREFIX)) {
            // the pools' tasks are cancelled by now: its threads end at once, and are gone when the
            // close that ended them returns
            try {
                ended.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return how many acquisitions are not yet released (pools and idle checks using the scheduler) */
    static int users() {
        LOCK.lock();
        try {
            return users;
        } finally {
            LOCK.unlock();
        }
    }
}
