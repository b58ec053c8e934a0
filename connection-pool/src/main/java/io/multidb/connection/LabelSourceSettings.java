package io.multidb.connection;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A {@link LabelSource} and how its answers are kept: what {@link MultiDb#setLabelSource} and
 * {@link ConnectionPool#setLabelSource} take. Immutable; each {@code with...} returns a copy.
 *
 * <pre>{@code
 * db.setLabelSource(LabelSourceSettings.of(tenants)
 *         .withMissCacheTime(Duration.ofMinutes(1))      // an unknown tenant asks the source once a minute
 *         .withFailureCacheTime(Duration.ofSeconds(10))  // a broken catalog row, once every 10 s
 *         .withWaitTime(Duration.ofSeconds(5)));         // how long others wait for one thread's look-up
 * }</pre>
 *
 * <p>Thread-safety: immutable, so thread-safe.
 */
public final class LabelSourceSettings {
    /** How long a label the source does not have is remembered as unknown, unless changed. */
    public static final Duration DEFAULT_MISS_CACHE_TIME = Duration.ofSeconds(30);
    /** How long a failed look-up (the source threw, or its configuration did not validate) is remembered. */
    public static final Duration DEFAULT_FAILURE_CACHE_TIME = Duration.ofSeconds(5);
    /** How long a session waits for another thread's look-up of the same label. */
    public static final Duration DEFAULT_WAIT_TIME = Duration.ofSeconds(30);

    private final LabelSource source;
    private final Duration missCacheTime;
    private final Duration failureCacheTime;
    private final Duration waitTime;
    private final LongSupplier nanoTime;

    private LabelSourceSettings(LabelSource source, Duration missCacheTime, Duration failureCacheTime,
            Duration waitTime, LongSupplier nanoTime) {
        this.source = source;
        this.missCacheTime = missCacheTime;
        this.failureCacheTime = failureCacheTime;
        this.waitTime = waitTime;
        this.nanoTime = nanoTime;
    }

    /**
     * @param source the source to ask for labels that are not configured
     * @return settings with the default times
     */
    public static LabelSourceSettings of(LabelSource source) {
        Objects.requireNonNull(source, "source");
        return new LabelSourceSettings(source, DEFAULT_MISS_CACHE_TIME, DEFAULT_FAILURE_CACHE_TIME, DEFAULT_WAIT_TIME,
                System::nanoTime);
    }

    /**
     * @param time how long a label the source does not have gets {@link UnknownLabelException}
     *             without asking the source again; zero asks on every miss
     * @return a copy with that time
     * @throws IllegalArgumentException when the time is negative
     */
    public LabelSourceSettings withMissCacheTime(Duration time) {
        return new LabelSourceSettings(source, checked("missCacheTime", time), failureCacheTime, waitTime, nanoTime);
    }

    /**
     * @param time how long a label whose look-up failed fails again without asking the source;
     *             zero asks on every miss
     * @return a copy with that time
     * @throws IllegalArgumentException when the time is negative
     */
    public LabelSourceSettings withFailureCacheTime(Duration time) {
        return new LabelSourceSettings(source, missCacheTime, checked("failureCacheTime", time), waitTime, nanoTime);
    }

    /**
     * @param time how long a session waits while another thread looks up the same label, before it
     *             fails with {@link LabelSourceException}; must be positive
     * @return a copy with that time
     * @throws IllegalArgumentException when the time is not positive
     */
    public LabelSourceSettings withWaitTime(Duration time) {
        if (checked("waitTime", time).isZero()) {
            throw new IllegalArgumentException("waitTime must be positive, but is 0");
        }
        return new LabelSourceSettings(source, missCacheTime, failureCacheTime, time, nanoTime);
    }

    /** For tests: the clock that the cache times are measured on, in nanoseconds. */
    LabelSourceSettings withNanoTime(LongSupplier clock) {
        return new LabelSourceSettings(source, missCacheTime, failureCacheTime, waitTime,
                Objects.requireNonNull(clock, "clock"));
    }

    private static Duration checked(String name, Duration time) {
        if (time == null || time.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, but is " + time);
        }
        return time;
    }

    /** @return the source */
    public LabelSource source() {
        return source;
    }

    /** @return how long a miss is remembered */
    public Duration missCacheTime() {
        return missCacheTime;
    }

    /** @return how long a failed look-up is remembered */
    public Duration failureCacheTime() {
        return failureCacheTime;
    }

    /** @return how long a session waits for another thread's look-up of the same label */
    public Duration waitTime() {
        return waitTime;
    }

    LongSupplier nanoTime() {
        return nanoTime;
    }

    @Override
    public String toString() {
        return "LabelSourceSettings[source=" + source.getClass().getName() + ", missCacheTime=" + missCacheTime
                + ", failureCacheTime=" + failureCacheTime + ", waitTime=" + waitTime + "]";
    }
}
