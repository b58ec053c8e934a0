package io.multidb.connection.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports sessions left open longer than their label's {@code leak_detection_threshold}. Each
 * watched session costs one scheduled task and one captured stack trace (of where it was opened);
 * labels without a threshold cost nothing. The one timer thread exists only while some session is
 * watched.
 *
 * <p>Thread-safety: thread-safe.
 */
final class LeakDetector {
    /** Applications route or silence leak reports by this logger name. */
    static final String LOGGER_NAME = "io.multidb.connection.leak";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private LeakDetector() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        // no core thread: the single worker starts with the first watch and ends when none is left
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(0, r -> {
            Thread t = new Thread(r, "multidb-leak-detector");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(5, TimeUnit.SECONDS);
        return timer;
    }

    /**
     * Starts watching a session that has just been opened.
     *
     * @param label     the session's label
     * @param threshold the label's threshold; zero means not watched
     * @return the watch to end when the session closes, or {@code null} when not watched
     */
    static Watch watch(String label, Duration threshold) {
        if (threshold.isZero()) {
            return null;
        }
        Watch w = new Watch(label, threshold);
        w.future = TIMER.schedule(w, threshold.toNanos(), TimeUnit.NANOSECONDS);
        return w;
    }

    /** One open session; {@link #closed()} ends it. */
    static final class Watch implements Runnable {
        private static final VarHandle ENDED;

        static {
            try {
                ENDED = MethodHandles.lookup().findVarHandle(Watch.class, "ended", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final String label;
        private final Duration threshold;
        private final long openedAt = System.nanoTime();
        private final Throwable openedHere;
        private volatile ScheduledFuture<?> future;
        private volatile boolean reported;
        @SuppressWarnings("unused") // through ENDED
        private volatile boolean ended;

        private Watch(String label, Duration threshold) {
            this.label = label;
            this.threshold = threshold;
            this.openedHere = new OpenedHere(label);
        }

        @Override
        public void run() {
            reported = true;
            LOG.warn("Possible session leak: a session for database '{}' has been open for {} ms without being closed"
                    + " (leak_detection_threshold {} ms). Close sessions with try-with-resources. It was opened here:",
                    label, millisOpen(), threshold.toMillis(), openedHere);
        }

        /**
         * The session has closed: stop watching, and say so when it had been reported.
         *
         * @return {@code true} the first time only, so that a session closed by two threads at once
         *     is counted out once
         */
        boolean closed() {
            if (!ENDED.compareAndSet(this, false, true)) {
                return false;
            }
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            if (reported) {
                LOG.info("The session for database '{}' reported as a possible leak was closed after {} ms", label,
                        millisOpen());
            }
            return true;
        }

        private long millisOpen() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAt);
        }
    }

    /** Carries the stack of {@code DatabaseManager.getSession}'s caller; never thrown. */
    private static final class OpenedHere extends Exception {
        private static final long serialVersionUID = 1L;

        OpenedHere(String label) {
            super("session for database '" + label + "' opened here");
        }
    }
}
